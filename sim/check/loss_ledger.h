// sim/check/loss_ledger.h — when each acknowledged record was lost, and why.
//
// measure.h counts, at any moment, the acknowledged records no replica that
// may serve the partition holds (lost_acked) and those only a replica that
// may still lead holds above the HW (at_risk_acked). This ledger follows the
// run event by event and remembers, for each lost record, the event that
// made the loss certain:
//   - an election: the controller chose a leader without it (a down leader's
//     unreplicated tail is lost when another replica is elected, not when it
//     crashed — until then it may come back and lead again);
//   - a leader taking over (LeaderAndIsr applied): a deposed leader's tail is
//     no longer at risk but gone; a record a zombie acknowledges after that
//     is lost the moment it is acknowledged;
//   - a truncation, or a fault (a power failure losing unsynced bytes).
// It re-reads a partition only after such an event (and looks at one batch
// per fresh acknowledgement), so it agrees with Measure at every moment at a
// small cost. Kafka has no such ledger; it is the teacher's view.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/observe/observation.h"
#include "sim/check/uid_map.h"

namespace kafkasim::sim {

class Simulation;

// The event that made a loss certain (or the last one that could have).
struct LossCause {
  uint64_t event = 0;  // trace line number
  TimeNs at = 0;
  std::string text;  // "broker-2 was elected leader of orders-0 (epoch 1): ..."
};

struct LostRecord {
  TopicPartition tp;
  Offset offset{-1};  // where it was acknowledged (-1: acks=0)
  int16_t acks = -1;
  TimeNs acked_at = 0;
  uint64_t acked_event = 0;
  LossCause lost;  // event/time the loss became certain; text says why
};

class LossLedger {
 public:
  // From the observation hook, as events run.
  void Observe(uint64_t event, TimeNs at, const Observation& obs);
  // A fault was applied: every partition may have lost a holder.
  void OnFault(uint64_t event, TimeNs at, const std::string& what);
  // `node` lost power (its unsynced bytes): if it leads a partition again,
  // the loss it causes is told as the KIP-966 case, not as a deposed leader's.
  void OnPowerFailure(uint64_t event, NodeId node) { power_failed_at_[node] = event; }
  // After each event: re-judge the partitions that event may have changed.
  void AfterEvent(const Simulation& sim, uint64_t event, TimeNs at);
  // Before anyone reads: judge the partitions with acks=0 records (no offset
  // to check one batch at; a whole look per event would cost too much), so
  // the ledger agrees with Measure whenever a run pauses. Such a record lost
  // after the last election/truncation is dated at the pause.
  void Settle(const Simulation& sim, uint64_t event, TimeNs at);

  const std::map<RecordUid, LostRecord>& lost() const { return lost_; }
  // When the record was acknowledged (its last acknowledgement); -1 never.
  TimeNs AckedAt(RecordUid uid) const {
    const AckInfo* a = acked_.find(uid);
    return a == nullptr ? -1 : a->at;
  }

 private:
  struct Ack {
    RecordUid uid;
    Offset offset;
  };
  struct AckInfo {
    TopicPartition tp;
    Offset offset{-1};
    int16_t acks = -1;
    TimeNs at = 0;
    uint64_t event = 0;
  };
  void Rejudge(const Simulation& sim, const TopicPartition& tp, const LossCause& now);
  void SetCause(const TopicPartition& tp, uint64_t event, TimeNs at, std::string text);
  void MarkLost(RecordUid uid, const TopicPartition& tp, const LossCause& now);
  std::string TookOver(uint64_t event, const ObsBecomeRole& b);

  // The uids acknowledged on one partition: appended as acknowledged, sorted
  // and deduplicated (a retried batch is acknowledged again) before a look.
  struct AckedUids {
    std::vector<RecordUid> uids;
    size_t sorted = 0;  // uids[0, sorted) are sorted and unique
    const std::vector<RecordUid>& Normalized();
  };
  UidMap<AckInfo> acked_;  // one vector slot per record, not a tree node
  std::map<TopicPartition, AckedUids> acked_in_;
  std::map<TopicPartition, LossCause> cause_;  // the last event that may have lost records of tp
  std::set<TopicPartition> rejudge_;           // tp needs a full look after this event
  bool rejudge_all_ = false;
  std::map<TopicPartition, std::vector<Ack>> fresh_;  // acknowledged in this event
  std::set<TopicPartition> unsettled_;                // acks=0 records not judged yet
  std::map<RecordUid, LostRecord> lost_;
  std::map<NodeId, uint64_t> power_failed_at_;  // event of each broker's last power failure
  struct Lead {
    NodeId node = kNoNode;
    LeaderEpoch epoch{-1};
    uint64_t event = 0;
  };
  std::map<TopicPartition, Lead> last_lead_;  // the last broker to take over tp, and when
  // When a follower was last added to tp's ISR (it had caught up again).
  std::map<std::pair<TopicPartition, NodeId>, uint64_t> joined_isr_;
};

// "orders-0 offset 212 (acks=1) acknowledged at 3.104s, lost at 5.012s (event
// 1234): broker-2 was elected leader ..." — one line for stories and tests.
std::string DescribeLoss(const LostRecord& r);

}  // namespace kafkasim::sim
