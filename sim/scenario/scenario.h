// sim/scenario/scenario.h — a scenario file, loaded and validated.
//
// The contract is ../shared/SCENARIO_FORMAT.md (extended in docs/scenarios.md).
// The loader (loader.h) turns YAML into these structs and rejects anything it
// does not understand with file, line and field; nothing here holds an
// unvalidated value. Config maps keep Kafka's key names as written.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/types.h"

namespace kafkasim::scenario {

// Where a value came from, for error messages raised after loading
// (e.g. an expectation that names an unknown partition).
struct SourceLoc {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based
};

// Kafka-named config, values kept as the text written ("all", "5", "false").
// Each key is checked against the known keys of its kind when loading.
using ConfigMap = std::map<std::string, std::string>;

struct LatencySpec {
  TimeNs min_ns = Ms(2);
  TimeNs max_ns = Ms(2);  // == min_ns: no jitter
};

struct NetworkSpec {
  LatencySpec latency;
  double loss = 0.0;
  double duplicate = 0.0;
  double reorder = 0.0;                 // probability a message gets extra delay
  int64_t bandwidth_bytes_per_sec = 0;  // 0 = unlimited
};

enum class FlushMode { kPageCache, kEveryWrite };

struct DiskSpec {
  FlushMode flush = FlushMode::kPageCache;
};

// cluster.mode: who elects the controller and keeps the metadata.
enum class ClusterMode { kZooKeeper, kKRaft };

struct ClusterSpec {
  ClusterMode mode = ClusterMode::kZooKeeper;
  int controllers = 3;  // kraft: dedicated voters controller-1..N
  int brokers = 3;
  std::vector<std::string> racks;  // empty or one per broker
  ConfigMap config;
  NetworkSpec network;
  DiskSpec disk;
};

struct TopicSpec {
  std::string name;
  int partitions = 1;
  int replication_factor = 1;
  std::map<int, std::vector<int>> assignment;  // partition -> broker ids
  ConfigMap config;
  SourceLoc loc;
};

// `workload.transaction`: a transactional producer's transactions.
struct TransactionSpec {
  int64_t records = 0;      // records per transaction (0: not transactional)
  int64_t abort_every = 0;  // every n-th transaction is aborted (0 = none)
};

struct WorkloadSpec {
  std::string topic;
  int64_t messages = 0;
  double rate_per_sec = 100.0;
  int keys = 0;  // 0 = null keys
  int value_bytes = 100;
  TimeNs start_ns = 0;
  TransactionSpec transaction;
};

struct ProducerSpec {
  std::string id;
  ConfigMap config;
  WorkloadSpec workload;
  SourceLoc loc;
};

enum class CommitMode { kAfterProcessing, kBeforeProcessing, kAuto };

// `dedup:` of a consumer — the application's own store of processed record
// ids (sim/apps/dedup_store.h): none | store (each id fsynced with its
// effect) | store-unsynced (ids left in the page cache: a power failure of
// the consumer's machine loses the recent ones).
enum class DedupMode { kNone, kStore, kStoreUnsynced };

struct ConsumerSpec {
  std::string id;
  std::string group;
  std::vector<std::string> topics;
  ConfigMap config;
  CommitMode commit = CommitMode::kAfterProcessing;
  DedupMode dedup = DedupMode::kNone;
  TimeNs processing_time_ns = Ms(1);
  TimeNs start_ns = 0;
  SourceLoc loc;
};

// Kafka Streams' processing.guarantee (StreamsConfig), for a processor.
enum class ProcessingGuarantee { kAtLeastOnce, kExactlyOnceV2 };

// `processors:` — consume-transform-produce (sim/apps/processor_app.h): one
// output record per input record, same key. Its `config` holds Kafka keys of
// its consumer and its producer (a key both know goes to both), plus the
// Streams keys processing.guarantee and commit.interval.ms, kept apart here.
struct ProcessorSpec {
  std::string id;
  std::string group;
  std::vector<std::string> input;
  std::string output;
  ConfigMap consumer_config;
  ConfigMap producer_config;
  ProcessingGuarantee guarantee = ProcessingGuarantee::kAtLeastOnce;
  std::optional<TimeNs> commit_interval_ns;  // unset: Streams' default (30 s; 100 ms with exactly_once_v2)
  DedupMode dedup = DedupMode::kNone;
  TimeNs processing_time_ns = Ms(1);
  TimeNs start_ns = 0;
  SourceLoc loc;
};

// A node named in a fault or expectation, resolved when the fault fires:
// "broker-2", "p1", "controller", "leader(orders-0)", "zookeeper", "all".
struct NodeRef {
  enum class Kind { kNamed, kController, kLeaderOf, kAll } kind = Kind::kNamed;
  std::string name;   // kNamed: the node name
  TopicPartition tp;  // kLeaderOf
  std::string text;   // as written, for messages
};

struct LinkSpec {
  // One-way (from -> to) or both directions (between).
  NodeRef from;
  NodeRef to;
  bool both_ways = false;
  std::optional<double> drop;
  std::optional<double> duplicate;
  std::optional<LatencySpec> latency;
};

struct CrashFault {
  NodeRef node;
};
// torn_write: each file keeps a random prefix of its unsynced tail (the
// machine stopped mid-write) instead of losing all of it.
struct PowerFailFault {
  NodeRef node;
  bool torn_write = false;
};
struct RestartFault {
  NodeRef node;
};
struct PauseFault {
  NodeRef node;
};  // duration in Fault::for_ns
struct PartitionFault {
  std::vector<std::vector<NodeRef>> groups;
};
struct LinkFault {
  LinkSpec link;
};
struct HealFault {
  NodeRef node;
};  // kAll = heal everything
// disk_full (full) or disk_error on a broker's disk; undone after for_ns.
struct DiskFailFault {
  NodeRef node;
  bool full = false;
};

struct Fault {
  TimeNs at_ns = 0;
  std::optional<TimeNs> for_ns;  // undone after this long (pause, partition, link, disk_full, disk_error)
  std::variant<CrashFault, PowerFailFault, RestartFault, PauseFault, PartitionFault, LinkFault, HealFault,
               DiskFailFault>
      action;
  SourceLoc loc;
};

// The kind of event a narration step can wait for (`after:`): the step is
// shown at the first such event at or after its `at`, so the banner and the
// picture agree whatever the seed moves. Events of internal topics
// (__consumer_offsets) do not count. sim/report/narration_clock.h matches them.
enum class NarrationAnchor {
  kNone,
  kLeaderElection,         // the controller elected a leader (clean or unclean)
  kUncleanLeaderElection,  // ... a replica outside the ISR
  kPartitionOffline,       // the controller found no leader
  kIsrShrink,
  kIsrExpand,
  kTruncation,          // a replica truncated its log
  kFenced,              // a request refused for a stale epoch
  kControllerElection,  // a broker became the controller
  kRebalance,           // a group completed a rebalance (new generation)
  kProduceError,        // a producer got an error response
};
// "leader_election", ... as written after `after:`, in enum order (kNone excluded).
inline constexpr std::string_view kNarrationAnchorNames[] = {
    "leader_election", "unclean_leader_election", "partition_offline", "isr_shrink",   "isr_expand", "truncation",
    "fenced",          "controller_election",     "rebalance",         "produce_error"};
inline std::string_view NarrationAnchorName(NarrationAnchor a) {
  return a == NarrationAnchor::kNone ? "" : kNarrationAnchorNames[static_cast<size_t>(a) - 1];
}

struct NarrationStep {
  TimeNs at_ns = 0;
  std::string text;
  NarrationAnchor after = NarrationAnchor::kNone;  // wait for this event (at or after at_ns)
};

// An expected value: equality with a number/list, or a comparison.
struct Comparison {
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe } op = Op::kEq;
  int64_t value = 0;
  bool Holds(int64_t measured) const;
  std::string ToString() const;  // ">0", "==3", "<=5", ...
  // "3" (kEq), "==3", "!=0", ">0", ">=2", "<5", "<=5"; spaces after the
  // operator are allowed. nullopt if `text` is none of these.
  static std::optional<Comparison> Parse(std::string_view text);
};

struct Expectations {
  std::optional<Comparison> lost_acked;
  std::optional<Comparison> at_risk_acked;  // acknowledged, not yet replicated (measure.h)
  std::optional<Comparison> duplicates_in_log;
  std::optional<Comparison> duplicates_consumed;
  std::optional<Comparison> consumer_lost;
  std::optional<Comparison> reordered;
  std::optional<Comparison> acked;
  std::optional<Comparison> replica_divergence;
  std::optional<Comparison> duplicates_output;       // input records whose output is committed more than once
  std::optional<Comparison> lost_output;             // input records a group committed past with no committed output
  std::map<std::string, Comparison> produce_errors;  // error name -> count
  std::map<std::string, Comparison> consumed;        // group -> distinct records it processed
  std::map<std::string, Comparison> consumed_out_of_order;  // group -> records processed after a later-sent one
  std::map<std::string, Comparison> redelivered;            // group -> delivered again after it was processed
  std::map<std::string, Comparison> aborted_read;           // group -> records of aborted transactions it processed
  std::optional<Comparison> transactions_committed;         // transactions: {committed: ..., aborted: ...}
  std::optional<Comparison> transactions_aborted;
  std::map<std::string, Comparison> last_stable_offset_of;  // "orders-0" -> the leader's LSO
  std::map<std::string, std::string> leader_of;             // "orders-0" -> "broker-2" | "none"
  std::map<std::string, std::vector<int>> isr_of;           // "orders-0" -> [2, 3]
  std::optional<std::string> controller;                    // "broker-2"
  std::optional<Comparison> controller_epoch;
  std::optional<std::vector<int>> fenced_brokers;  // kraft: brokers the active controller holds fenced
  std::optional<Comparison> metadata_divergence;   // kraft: metadata quorum safety violations
  std::map<std::string, Comparison> leader_epoch_of;
  std::map<std::string, Comparison> high_watermark_of;
  SourceLoc loc;
};

struct TimedExpectations {
  TimeNs at_ns = 0;
  Expectations expect;
};

struct Scenario {
  std::string name;
  std::string description;
  uint64_t seed = 1;
  TimeNs duration_ns = 10 * kNsPerSec;
  ClusterSpec cluster;
  std::vector<TopicSpec> topics;
  std::vector<ProducerSpec> producers;
  std::vector<ConsumerSpec> consumers;
  std::vector<ProcessorSpec> processors;
  std::vector<Fault> faults;  // sorted by at_ns, stable
  std::vector<NarrationStep> narration;
  Expectations expect;
  std::vector<TimedExpectations> expect_at;
  bool buggify = false;  // kafkasim extension: enable rare-path injection points
  std::string path;      // the file it was loaded from
};

}  // namespace kafkasim::scenario
