// core/controller/controller_zk_reads.cc — what the controller reads from
// ZooKeeper more than once: the live brokers (/brokers/ids, watched) and the
// partition state znodes. Both are ReadAll fan-outs (zk_fan_out.h).
#include <utility>

#include "core/controller/kafka_controller.h"
#include "core/controller/zk_fan_out.h"

namespace kafkasim::controller {
namespace {

std::optional<BrokerId> ParseBrokerId(const std::string& name) {
  if (name.empty() || name.size() > 9) return std::nullopt;
  int32_t v = 0;
  for (char c : name) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return BrokerId{v};
}

}  // namespace

// Reads (and watches: a change enqueues BrokerChange) /brokers/ids, then each
// broker's registration for its epoch (Kafka's getAllBrokerAndEpochsInCluster).
void KafkaController::ReadLiveBrokers(std::function<void(std::map<BrokerId, int64_t>)> then) {
  auto watch = EnqueueOnWatch("BrokerChange", &KafkaController::ProcessBrokerChange);
  zk_.GetChildren(std::string(kBrokerIdsPath), watch, Guard([this, then](const ZkResponse& r) {
                    std::vector<BrokerId> ids;
                    std::vector<std::string> paths;
                    if (r.code == ZkCode::ZOK) {
                      for (const std::string& child : r.children) {
                        if (auto id = ParseBrokerId(child)) {
                          ids.push_back(*id);
                          paths.push_back(BrokerIdPath(*id));
                        }
                      }
                    }
                    ReadAll(zk_, paths, Guard([ids, then](const std::vector<ZkResponse>& answers) {
                              std::map<BrokerId, int64_t> live;
                              for (size_t i = 0; i < ids.size(); ++i) {
                                const ZkResponse& d = answers[i];
                                if (d.code == ZkCode::ZOK) live[ids[i]] = DecodeBrokerEpoch(d.data).value_or(0);
                              }
                              then(std::move(live));
                            }));
                  }));
}

// Refreshes the cache from the state znodes (a missing znode = not initialised).
void KafkaController::RereadPartitionStates(const PartitionSet& tps, Done then) {
  std::vector<TopicPartition> order(tps.begin(), tps.end());
  std::vector<std::string> paths;
  paths.reserve(order.size());
  for (const TopicPartition& tp : order) paths.push_back(TopicPartitionStatePath(tp));
  ReadAll(zk_, paths, Guard([this, order, then](const std::vector<ZkResponse>& answers) {
            for (size_t i = 0; i < order.size(); ++i) {
              const ZkResponse& r = answers[i];
              auto s = r.code == ZkCode::ZOK ? DecodePartitionState(r.data, r.version) : std::nullopt;
              if (s) ctx_.partition_states[order[i]] = *s;
            }
            then();
          }));
}

}  // namespace kafkasim::controller
