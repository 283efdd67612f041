// core/broker/produce_purgatory.h — acks=all produce requests waiting for
// the high watermark (Kafka's DelayedProduce).
//
// This is where acks=all is decided: a request is answered when, for every
// partition it wrote, the HW has reached the end of its batch — or with
// REQUEST_TIMED_OUT after timeout_ms, or NOT_LEADER_OR_FOLLOWER when this
// broker stops leading. If the HW passes the batch but the ISR has shrunk
// below min.insync.replicas, the answer is NOT_ENOUGH_REPLICAS_AFTER_APPEND.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "core/env.h"
#include "core/protocol/produce.h"

namespace kafkasim::broker {

class Partition;

struct PendingPartition {
  TopicPartition tp;
  Offset required_offset{0};  // HW must reach last_offset + 1
  ProducePartitionResponse response;
  bool done = false;
};

class ProducePurgatory {
 public:
  using Lookup = std::function<Partition*(const TopicPartition&)>;
  using Reply = std::function<void(ProduceResponse)>;

  ProducePurgatory(Env& env, Lookup lookup) : env_(env), lookup_(std::move(lookup)) {}

  // Parks a request; `reply` is called exactly once.
  void Add(int32_t correlation_id, int32_t timeout_ms, std::vector<PendingPartition> parts, Reply reply);
  // Re-checks every request touching `tp` (after a HW move or role change).
  void CheckPartition(const TopicPartition& tp);
  size_t size() const { return pending_.size(); }

 private:
  struct Delayed {
    int32_t correlation_id;
    std::vector<PendingPartition> parts;
    Reply reply;
    TimerId timer;
  };
  // Returns true when every partition of `d` is done.
  bool TryComplete(Delayed& d);
  void Finish(uint64_t key);
  void Expire(uint64_t key);

  Env& env_;
  Lookup lookup_;
  uint64_t next_key_ = 0;
  std::map<uint64_t, Delayed> pending_;  // by arrival order
};

}  // namespace kafkasim::broker
