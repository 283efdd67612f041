// sim/check/history.h — what the clients saw, gathered from observations:
// every record sent, every acknowledgement, every record processed, every
// committed offset, every produce error. Expectations are measured from this
// and from the final state of the brokers' logs.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/observe/observation.h"
#include "sim/check/uid_map.h"

namespace kafkasim::sim {

struct SentRecord {
  NodeId producer;
  TopicPartition tp;
  std::string key;
  TimeNs at = 0;
};

class History {
 public:
  void Record(TimeNs at, const Observation& obs);

  const UidMap<SentRecord>& sent() const { return sent_; }
  // uid -> acks setting it was acknowledged with
  const UidMap<int16_t>& acked() const { return acked_; }
  // uid -> offset the broker acknowledged it at (absent for acks=0)
  const UidMap<Offset>& acked_offset() const { return acked_offset_; }
  const std::map<RecordUid, ErrorCode>& failed() const { return failed_; }
  const std::map<ErrorCode, int64_t>& produce_errors() const { return produce_errors_; }
  // group -> uid -> times processed
  const std::map<std::string, std::map<RecordUid, int>>& consumed() const { return consumed_; }
  // group -> records it first processed after a record its producer sent
  // later (global send order broken; per-key order is `reordered`)
  const std::map<std::string, int64_t>& consumed_out_of_order() const { return consumed_out_of_order_; }
  // group -> partition -> last committed offset
  const std::map<std::string, std::map<TopicPartition, Offset>>& committed() const { return committed_; }
  ControllerEpoch max_controller_epoch() const { return max_controller_epoch_; }

 private:
  UidMap<SentRecord> sent_;
  UidMap<int16_t> acked_;
  UidMap<Offset> acked_offset_;
  std::map<RecordUid, ErrorCode> failed_;
  std::map<ErrorCode, int64_t> produce_errors_;
  std::map<std::string, std::map<RecordUid, int>> consumed_;
  std::map<std::string, int64_t> consumed_out_of_order_;
  std::map<std::pair<std::string, uint32_t>, uint64_t> max_seq_consumed_;  // (group, producer) -> highest seq
  std::map<std::string, std::map<TopicPartition, Offset>> committed_;
  ControllerEpoch max_controller_epoch_{0};
};

}  // namespace kafkasim::sim
