// core/controller/isr_change_notification.cc — the IsrChangeNotification
// event (Kafka's processIsrChangeNotification). A partition leader that
// changed its ISR in ZooKeeper (zk_control_plane.cc, AlterIsr) adds a
// sequential child /isr_change_notification/isr_change_N naming the
// partition; the controller, woken by the watch on the parent, reads and
// deletes the children, re-reads those partitions' state znodes and sends
// UpdateMetadata so every broker learns the new ISR.
#include <memory>
#include <utility>

#include "core/controller/kafka_controller.h"
#include "core/controller/zk_fan_out.h"
#include "core/util/strings.h"

namespace kafkasim::controller {

void KafkaController::ProcessIsrChangeNotification(Done done) {
  auto watch = EnqueueOnWatch("IsrChangeNotification", &KafkaController::ProcessIsrChangeNotification);
  const std::string parent(kIsrChangeNotificationPath);
  zk_.GetChildren(parent, watch, Guard([this, done, parent](const ZkResponse& r) {
                    if (r.code != ZkCode::ZOK || r.children.empty()) {
                      done();
                      return;
                    }
                    std::vector<std::string> paths;
                    for (const std::string& child : r.children) paths.push_back(parent + "/" + child);
                    ReadAndDeleteNotifications(std::move(paths), done);
                  }));
}

// Each child is read, and deleted right after the read is sent (Kafka reads
// them all, then deletes them all: getAllIsrChangeNotifications,
// deleteIsrChangeNotifications).
void KafkaController::ReadAndDeleteNotifications(std::vector<std::string> paths, Done done) {
  auto tps = std::make_shared<PartitionSet>();
  auto issue = [this, &paths](size_t i, ZkClient::ResponseCallback cb) {
    zk_.GetData(paths[i], nullptr, Guard(std::move(cb)));
    zk_.Delete(paths[i], -1, nullptr);
  };
  auto each = [tps](size_t, const ZkResponse& d) {
    if (auto list = d.code == ZkCode::ZOK ? DecodeIsrChangeNotification(d.data) : std::nullopt) {
      tps->insert(list->begin(), list->end());
    }
  };
  FanOut(paths.size(), issue, each, [this, tps, done] { PropagateIsrChanges(*tps, done); });
}

void KafkaController::PropagateIsrChanges(const PartitionSet& tps, Done done) {
  PartitionSet known;
  for (const TopicPartition& tp : tps)
    if (ctx_.assignments.count(tp)) known.insert(tp);
  RereadPartitionStates(known, [this, known, done] {
    for (const TopicPartition& tp : known) {
      auto it = ctx_.partition_states.find(tp);
      if (it == ctx_.partition_states.end()) continue;
      Note("ISR of " + tp.ToString() + " is now " + IdList(it->second.isr) + " (partition epoch " +
           std::to_string(it->second.zk_version) + "), learned from /isr_change_notification");
    }
    SendUpdateMetadata(known);
    done();
  });
}

}  // namespace kafkasim::controller
