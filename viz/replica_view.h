// viz/replica_view.h — the view model of one partition: what each broker
// believes about it, beside what ZooKeeper (the controller's record) holds,
// and where the two disagree, in words.
//
// Built only from what the simulation's objects hold — each live Broker's
// Partition (its own leader, leader epoch, ISR, HW, log), the ZooKeeper
// server's partition-state znode, a crashed broker's disk files — and never
// from a summary that picks one broker's view as the truth. The windows draw
// from this; tests and `--state-out` read the same struct.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/types.h"
#include "viz/disk_log_view.h"
#include "viz/txn_view.h"

namespace kafkasim::sim {
class Simulation;
}

namespace kafkasim::viz {

// The partition-state znode /brokers/topics/T/partitions/P/state: the
// controller's decision as the cluster records it.
struct ClusterRecord {
  bool known = false;  // ZooKeeper is up and the znode exists
  NodeId leader = kNoNode;
  LeaderEpoch leader_epoch = kNoLeaderEpoch;
  std::vector<NodeId> isr;
  int32_t partition_epoch = -1;  // the znode's version
  NodeId controller = kNoNode;   // /controller: the broker ZooKeeper names controller
  std::string leader_name;       // "none" when kNoNode
  std::string controller_name;   // "none" when kNoNode
  std::string unknown_why;       // "ZooKeeper is down", "no state znode yet"
};

enum class BrokerProcess { kLive, kPaused, kCrashed };

// What one broker believes: its own Partition object when it runs, its
// disk when it has crashed.
struct ReplicaBelief {
  NodeId broker = kNoNode;
  std::string name;
  BrokerProcess process = BrokerProcess::kLive;
  bool has_replica = false;  // live: a Partition object; crashed: log files on disk
  // Live only: the broker's own partition state.
  bool believes_leader = false;
  NodeId believed_leader = kNoNode;
  LeaderEpoch believed_epoch = kNoLeaderEpoch;
  std::vector<NodeId> believed_isr;
  // The log: live from the Log; crashed from the segment files on disk.
  Offset log_start{0};
  Offset hw{0};  // crashed: the last checkpointed HW (replication-offset-checkpoint), -1 if none
  Offset leo{0};
  std::vector<BatchSpan> batches;  // aborted transactional batches marked (txn_view.h)
  // Transactions (KIP-98). Live: the broker's last stable offset
  // (Partition::last_stable_offset; read_committed consumers read below it)
  // and its producer state's open transactions; crashed: no LSO (-1), the
  // open transactions its disk's batches leave.
  Offset lso{-1};
  std::vector<OpenTxn> open_txns;
  bool transactional = false;  // the log holds transactional batches or markers
  // Crashed: offsets [unique_from, leo) are on this disk and on no live
  // replica (kept by position and leader epoch); unique_from == leo: none.
  Offset unique_from{0};
  // From ZooKeeper.
  bool cluster_leader = false;
  bool in_cluster_isr = false;
};

struct PartitionView {
  TopicPartition tp;
  ClusterRecord cluster;
  std::vector<ReplicaBelief> replicas;  // by broker id
  // In words, where a broker's belief and ZooKeeper's record differ ("broker-1
  // still believes it leads, epoch 0; the controller says broker-2, epoch 1"),
  // where the recorded leader cannot serve (it crashed), and what a crashed
  // broker's disk holds that no live replica has.
  std::vector<std::string> notes;
  // The offset range the rows draw: [lo, hi).
  int64_t lo = 0;
  int64_t hi = 1;
};

PartitionView BuildPartitionView(const sim::Simulation& sim, const TopicPartition& tp);

// Everything BuildPartitionView reads that changes as the run goes (ZooKeeper's
// znodes, each broker's process and its replica's role, epochs, ISR, offsets
// and log size): equal keys within one Simulation give equal views, so a
// frame rebuilds only the partitions that changed (view_model.cc).
std::vector<int64_t> PartitionViewKey(const sim::Simulation& sim, const TopicPartition& tp);
// The `notes` of a view whose rows and record are filled (partition_notes.cc).
std::vector<std::string> PartitionNotes(const sim::Simulation& sim, const PartitionView& v);
// "leads, epoch 0", "follows broker-2, epoch 1", "crashed", "no replica"
std::string BeliefText(const sim::Simulation& sim, const ReplicaBelief& r);

}  // namespace kafkasim::viz
