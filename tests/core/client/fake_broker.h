// tests/core/client/fake_broker.h — a one-broker stand-in for client tests:
// real RecordBatch bytes in per-partition in-memory logs (HW = LEO), the
// real GroupCoordinator over an in-memory OffsetsLog, and knobs to lose or
// fail produce responses. Shared by tests/core and tests/sim.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "core/broker/group_coordinator.h"
#include "core/broker/offsets_log.h"
#include "core/broker/producer_state.h"
#include "core/config/broker_config.h"
#include "core/env.h"
#include "core/protocol/message.h"
#include "core/record/batch_header.h"

namespace kafkasim::testing {

// __consumer_offsets in memory: appends commit at once (on a fresh event).
class MemOffsetsLog final : public OffsetsLog {
 public:
  explicit MemOffsetsLog(int32_t partitions = 1) : batches_(static_cast<size_t>(partitions)) {}
  void set_env(Env* env) { env_ = env; }
  int32_t num_partitions() const override { return static_cast<int32_t>(batches_.size()); }
  bool IsLeader(PartitionId) const override { return leader; }
  void Append(PartitionId p, Bytes batch, std::function<void(ErrorCode)> done) override {
    if (fail_with != ErrorCode::NONE) {
      env_->timers.Schedule(0, [done, e = fail_with] { done(e); });
      return;
    }
    auto& log = batches_[static_cast<size_t>(p.value())];
    record::SetBaseOffset(batch, next_offset_);
    auto h = record::ParseBatchHeader(batch);
    next_offset_ += h.ok() ? h->records_count : 1;
    log.push_back(std::move(batch));
    env_->timers.Schedule(0, [done] { done(ErrorCode::NONE); });
  }
  void ForEachBatchToLogEnd(PartitionId p, const std::function<void(std::span<const uint8_t>)>& fn) const override {
    for (const auto& b : batches_[static_cast<size_t>(p.value())]) fn(b);
  }
  bool leader = true;
  ErrorCode fail_with = ErrorCode::NONE;

 private:
  Env* env_ = nullptr;
  std::vector<std::vector<Bytes>> batches_;
  int64_t next_offset_ = 0;
};

struct StoredBatch {
  Offset base;
  SharedBytes bytes;
};

struct ReceivedBatch {  // every produce batch as it arrived, for assertions
  TopicPartition tp;
  record::BatchHeader header;
  ErrorCode answered = ErrorCode::NONE;
};

// State that outlives a broker incarnation, and the test's knobs.
struct FakeClusterState {
  std::map<std::string, int32_t> topics;
  std::map<TopicPartition, std::vector<StoredBatch>> logs;
  std::map<TopicPartition, Offset> log_start;  // retention: earlier offsets are gone
  std::vector<ReceivedBatch> received;
  MemOffsetsLog offsets{1};
  config::BrokerConfig broker_config;
  int64_t next_producer_id = 1000;
  int init_producer_id_calls = 0;
  int16_t first_producer_epoch = 0;  // the epoch InitProducerId hands out with the first id
  // The broker's real idempotence checks (DUPLICATE / OUT_OF_ORDER sequence), per partition.
  std::map<TopicPartition, broker::ProducerStateManager> producer_state;
  // Knobs: called per produce request (0-based count); return true to drop the response.
  std::function<bool(int call)> drop_produce_response;
  // Return an error to answer a partition with instead of appending.
  std::function<ErrorCode(int call, const TopicPartition&)> fail_produce;
  // Return an error to answer a partition with after appending it (as a leader
  // whose ISR shrank below min.insync.replicas answers NOT_ENOUGH_REPLICAS_AFTER_APPEND).
  std::function<ErrorCode(int call, const TopicPartition&)> fail_after_append;
  int produce_calls = 0;

  Offset Leo(const TopicPartition& tp) const {
    auto it = logs.find(tp);
    if (it == logs.end() || it->second.empty()) {
      auto ls = log_start.find(tp);
      return ls == log_start.end() ? Offset{0} : ls->second;
    }
    auto h = record::ParseBatchHeader(*it->second.back().bytes);
    return Offset{h->last_offset() + 1};
  }
};

class FakeBroker final : public Node {
 public:
  FakeBroker(Env& env, std::shared_ptr<FakeClusterState> st)
      : env_(env),
        st_(std::move(st)),
        groups_(env, env.self, st_->offsets, st_->broker_config, [this](PartitionId) { return env_.self; }) {
    st_->offsets.set_env(&env_);
  }
  void Start() override { groups_.OnBecomeLeader(PartitionId{0}); }
  broker::GroupCoordinator& groups() { return groups_; }

  void OnMessage(NodeId from, const Message& m) override {
    if (groups_.OnMessage(from, m)) return;
    if (auto* r = std::get_if<MetadataRequest>(&m)) return Metadata(from, *r);
    if (auto* r = std::get_if<InitProducerIdRequest>(&m)) return InitPid(from, *r);
    if (auto* r = std::get_if<ProduceRequest>(&m)) return Produce(from, *r);
    if (auto* r = std::get_if<FetchRequest>(&m)) return Fetch(from, *r);
    if (auto* r = std::get_if<ListOffsetsRequest>(&m)) return ListOffsets(from, *r);
  }

 private:
  void Metadata(NodeId from, const MetadataRequest& r) {
    MetadataResponse resp;
    resp.correlation_id = r.correlation_id;
    resp.brokers.push_back({env_.self, ""});
    resp.controller_id = env_.self;
    for (const auto& name : r.topics) {
      MetadataTopic t;
      t.name = name;
      auto it = st_->topics.find(name);
      if (it == st_->topics.end()) {
        t.error_code = ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
      } else {
        for (int32_t p = 0; p < it->second; ++p)
          t.partitions.push_back(
              {ErrorCode::NONE, PartitionId{p}, env_.self, LeaderEpoch{0}, {env_.self}, {env_.self}});
      }
      resp.topics.push_back(std::move(t));
    }
    env_.net.Send(from, resp);
  }

  void InitPid(NodeId from, const InitProducerIdRequest& r) {
    ++st_->init_producer_id_calls;
    InitProducerIdResponse resp;
    resp.correlation_id = r.correlation_id;
    if (r.producer_id == kNoProducerId) {
      resp.producer_id = ProducerId{st_->next_producer_id++};
      resp.producer_epoch = ProducerEpoch{st_->init_producer_id_calls == 1 ? st_->first_producer_epoch : int16_t{0}};
    } else {
      resp.producer_id = r.producer_id;
      resp.producer_epoch = ProducerEpoch{static_cast<int16_t>(r.producer_epoch.value() + 1)};
    }
    env_.net.Send(from, resp);
  }

  void Produce(NodeId from, const ProduceRequest& r) {
    int call = st_->produce_calls++;
    ProduceResponse resp;
    resp.correlation_id = r.correlation_id;
    for (const auto& p : r.partitions) {
      auto h = record::ParseBatchHeader(*p.records);
      ErrorCode e = st_->fail_produce ? st_->fail_produce(call, p.tp) : ErrorCode::NONE;
      broker::ProducerStateManager& state = st_->producer_state[p.tp];
      broker::SequenceCheck seq;
      if (e == ErrorCode::NONE) seq = state.Check(*h);
      if (e == ErrorCode::NONE) e = seq.error;
      Offset base{-1};
      if (e == ErrorCode::NONE) {
        base = st_->Leo(p.tp);
        Bytes copy = *p.records;
        record::SetBaseOffset(copy, base.value());
        state.Update(*record::ParseBatchHeader(copy));
        st_->logs[p.tp].push_back({base, MakeShared(std::move(copy))});
        if (st_->fail_after_append) e = st_->fail_after_append(call, p.tp);
      }
      st_->received.push_back({p.tp, *h, e});
      if (e == ErrorCode::DUPLICATE_SEQUENCE_NUMBER) {  // Kafka 3.x: NONE with the original offset
        e = ErrorCode::NONE;
        base = seq.duplicate_of.first_offset;
      }
      resp.partitions.push_back({p.tp, e, base, Offset{0}, ""});
    }
    if (r.acks == 0) return;
    if (st_->drop_produce_response && st_->drop_produce_response(call)) return;
    env_.net.Send(from, resp);
  }

  void Fetch(NodeId from, const FetchRequest& r) {
    FetchResponse resp;
    resp.correlation_id = r.correlation_id;
    bool any = false;
    for (const auto& fp : r.partitions) {
      FetchPartitionResponse pr;
      pr.tp = fp.tp;
      Offset leo = st_->Leo(fp.tp);
      Offset start = st_->log_start.contains(fp.tp) ? st_->log_start[fp.tp] : Offset{0};
      pr.high_watermark = leo;
      if (fp.fetch_offset > leo || fp.fetch_offset < start) {
        pr.error_code = ErrorCode::OFFSET_OUT_OF_RANGE;
        any = true;
      } else {
        for (const auto& b : st_->logs[fp.tp]) {
          auto h = record::ParseBatchHeader(*b.bytes);
          if (h->last_offset() >= fp.fetch_offset.value()) {
            pr.records.push_back(b.bytes);
            any = true;
          }
        }
      }
      resp.partitions.push_back(std::move(pr));
    }
    if (any) {
      env_.net.Send(from, resp);
    } else {  // long poll: answer empty after max_wait_ms
      env_.timers.Schedule(Ms(r.max_wait_ms), [this, from, resp] { env_.net.Send(from, resp); });
    }
  }

  void ListOffsets(NodeId from, const ListOffsetsRequest& r) {
    ListOffsetsResponse resp;
    resp.correlation_id = r.correlation_id;
    for (const auto& p : r.partitions) {
      Offset start = st_->log_start.contains(p.tp) ? st_->log_start[p.tp] : Offset{0};
      resp.partitions.push_back(
          {p.tp, ErrorCode::NONE, p.timestamp, p.timestamp == kEarliestTimestamp ? start : st_->Leo(p.tp)});
    }
    env_.net.Send(from, resp);
  }

  Env& env_;
  std::shared_ptr<FakeClusterState> st_;
  broker::GroupCoordinator groups_;
};

}  // namespace kafkasim::testing
