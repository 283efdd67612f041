// core/broker/write_txn_markers.cc — a partition leader writes the COMMIT or
// ABORT markers a transaction coordinator sends (Kafka 3.4
// KafkaApis.handleWriteTxnMarkersRequest): one control batch per partition,
// appended with AppendOrigin.Coordinator and acks=all, answered once every
// marker is replicated (or failed). A marker committed on a
// __consumer_offsets partition completes that producer's pending
// transactional offset commits (GroupCoordinator.scheduleHandleTxnCompletion).
#include <memory>

#include "core/broker/replica_manager.h"
#include "core/record/control_record.h"
#include "core/record/record_batch.h"
#include "core/protocol/message.h"
#include "core/observe/observation.h"
#include "core/protocol/txn.h"
#include "core/protocol/group.h"

namespace kafkasim::broker {
namespace {

constexpr int32_t kMarkerAppendTimeoutMs = 30000;  // Kafka: config.requestTimeoutMs

Bytes MarkerBatch(const WritableTxnMarker& m, int64_t now_ms) {
  record::EndTransactionMarker marker{
      m.committed ? record::ControlRecordType::COMMIT : record::ControlRecordType::ABORT, m.coordinator_epoch};
  return record::EncodeBatch(
      record::EndTxnMarkerBatch(0, now_ms, m.producer_id.value(), m.producer_epoch.value(), -1, marker));
}

}  // namespace

void ReplicaManager::HandleWriteTxnMarkers(NodeId from, const WriteTxnMarkersRequest& req) {
  struct Slot {
    size_t marker;
    TopicPartition tp;
  };
  auto slots = std::make_shared<std::vector<Slot>>();
  std::vector<PendingPartition> pending;
  for (size_t i = 0; i < req.markers.size(); ++i) {
    const WritableTxnMarker& m = req.markers[i];
    for (const TopicPartition& tp : m.partitions) {
      ProducePartitionData d{tp, MakeShared(MarkerBatch(m, env_.Now() / kNsPerMs))};
      Offset required{0};
      ProducePartitionResponse r = AppendOne(d, -1, required, AppendOrigin::kCoordinator);
      slots->push_back(Slot{i, tp});
      pending.push_back(PendingPartition{tp, required, r, r.error_code != ErrorCode::NONE});
    }
  }
  auto reply = [this, from, req, slots](ProduceResponse resp) {
    WriteTxnMarkersResponse out{req.correlation_id, {}};
    for (const WritableTxnMarker& m : req.markers) out.markers.push_back(WritableTxnMarkerResult{m.producer_id, {}});
    for (size_t k = 0; k < slots->size() && k < resp.partitions.size(); ++k) {
      const Slot& s = (*slots)[k];
      ErrorCode e = resp.partitions[k].error_code;
      out.markers[s.marker].partitions.push_back(TxnPartitionError{s.tp, e});
      const WritableTxnMarker& m = req.markers[s.marker];
      if (e == ErrorCode::NONE && s.tp.topic == kOffsetsTopic && txn_completion_)
        txn_completion_(m.producer_id.value(), s.tp.partition, m.committed);
    }
    env_.net.Send(from, std::move(out));
  };
  if (pending.empty()) {
    reply(ProduceResponse{req.correlation_id, {}});
    return;
  }
  produce_purgatory_.Add(req.correlation_id, kMarkerAppendTimeoutMs, std::move(pending), reply);
}

}  // namespace kafkasim::broker
