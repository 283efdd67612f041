// core/controller/broker_change.cc — the BrokerChange event (Kafka's
// processBrokerChange), enqueued by the watch on /brokers/ids: compare the
// registrations with the cache, then, in Kafka's order, new brokers start up,
// bounced brokers (registered again, with a new epoch) fail and start up,
// and dead brokers fail.
#include <utility>

#include "core/controller/kafka_controller.h"
#include "core/util/strings.h"

namespace kafkasim::controller {

void KafkaController::ProcessBrokerChange(Done done) {
  ReadLiveBrokers([this, done](std::map<BrokerId, int64_t> now_live) {
    std::set<BrokerId> fresh, bounced, dead;
    for (const auto& [b, e] : ctx_.broker_epochs) {
      auto it = now_live.find(b);
      if (it == now_live.end())
        dead.insert(b);
      else if (it->second != e)
        bounced.insert(b);
    }
    for (const auto& [b, e] : now_live)
      if (!ctx_.broker_epochs.count(b)) fresh.insert(b);
    if (dead.empty() && fresh.empty() && bounced.empty()) {
      done();
      return;
    }
    Note("broker change: dead " + IdList({dead.begin(), dead.end()}) + ", new " + IdList({fresh.begin(), fresh.end()}) +
         (bounced.empty() ? "" : ", bounced (registered again) " + IdList({bounced.begin(), bounced.end()})));
    for (BrokerId b : fresh) channel_.AddBroker(b);
    for (BrokerId b : bounced) channel_.RemoveBroker(b);
    for (BrokerId b : bounced) channel_.AddBroker(b);
    for (BrokerId b : dead) channel_.RemoveBroker(b);
    ApplyBrokerChange(now_live, fresh, bounced, dead, done);
  });
}

// The cache follows each phase: a bounced broker is dead while it fails and
// alive again before it starts up.
void KafkaController::ApplyBrokerChange(const std::map<BrokerId, int64_t>& now_live, const std::set<BrokerId>& fresh,
                                        const std::set<BrokerId>& bounced, const std::set<BrokerId>& dead, Done done) {
  auto join = [this, now_live](const std::set<BrokerId>& brokers) {
    for (BrokerId b : brokers) {
      ctx_.broker_epochs[b] = now_live.at(b);
      ctx_.live_brokers.insert(b);
    }
  };
  auto leave = [this](const std::set<BrokerId>& brokers) {
    for (BrokerId b : brokers) {
      ctx_.broker_epochs.erase(b);
      ctx_.live_brokers.erase(b);
    }
  };
  join(fresh);
  RunSteps({[this, fresh](Done next) { OnBrokerStartup(fresh, std::move(next)); },
            [this, bounced, leave](Done next) {
              leave(bounced);
              OnBrokerFailure(bounced, std::move(next));
            },
            [this, bounced, join](Done next) {
              join(bounced);
              OnBrokerStartup(bounced, std::move(next));
            },
            [this, dead, leave](Done next) {
              leave(dead);
              OnBrokerFailure(dead, std::move(next));
            }},
           std::move(done));
}

// onBrokerStartup: the brokers hear every partition they host (and all
// metadata), and offline partitions may get a leader among them.
void KafkaController::OnBrokerStartup(const std::set<BrokerId>& brokers, Done done) {
  if (brokers.empty()) {
    done();
    return;
  }
  ElectAndPropagate(brokers, true, done);
}

// onBrokerFailure -> onReplicasBecomeOffline: elect where the leader died
// (one leader-epoch bump), then take the dead brokers' replicas offline (out
// of ISRs; leader -1 only where nobody could lead).
void KafkaController::OnBrokerFailure(const std::set<BrokerId>& brokers, Done done) {
  if (brokers.empty()) {
    done();
    return;
  }
  ElectOfflinePartitions([this, brokers, done](PartitionSet elected) {
    SendBatch(elected);
    TakeReplicasOffline({brokers.begin(), brokers.end()}, OfflineCause::kBrokerFailure, {},
                        [this, elected, done](PartitionSet offline) {
                          SendBatch(offline);
                          // Nothing changed: the live broker list still has to reach everyone.
                          if (elected.empty() && offline.empty()) SendUpdateMetadata({});
                          done();
                        });
  });
}

}  // namespace kafkasim::controller
