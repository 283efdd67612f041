// core/controller/kafka_controller.cc — the controller's event queue,
// failover (epoch, brokers, topics, partition states) and its events:
// BrokerChange, IsrChangeNotification, AutoPreferredReplicaLeaderElection.
// The partition state machine is in controller_elections.cc.
#include "core/controller/kafka_controller.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/util/assert.h"
#include "core/util/strings.h"

#include <memory>
#include <utility>

namespace kafkasim::controller {
namespace {

bool Lost(const ZkResponse& r) { return r.code == ZkCode::ZSESSIONEXPIRED; }

std::optional<BrokerId> ParseBrokerId(const std::string& name) {
  if (name.empty() || name.size() > 9) return std::nullopt;
  int32_t v = 0;
  for (char c : name) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return BrokerId{v};
}

// Counts answers down and runs `then` after the last one.
struct Countdown {
  size_t left;
  std::function<void()> then;
  void Tick() {
    if (--left == 0) then();
  }
};

}  // namespace

KafkaController::KafkaController(Env& env, BrokerId id, const config::BrokerConfig& config,
                                 const std::vector<TopicAssignment>& topics, ZkClient& zk, ResignFn resign)
    : env_(env), id_(id), config_(config), topics_(topics), zk_(zk), resign_(std::move(resign)), channel_(env) {}

KafkaController::~KafkaController() { Shutdown(); }

void KafkaController::Startup() {
  Enqueue("ControllerStartup", [this](Done done) { ElectEpoch([this, done] { OnFailover(done); }); });
}

void KafkaController::Shutdown() {
  *alive_ = false;
  active_ = false;
  queue_.clear();
  channel_.Shutdown();
  if (rebalance_armed_) env_.timers.Cancel(rebalance_timer_);
  rebalance_armed_ = false;
}

bool KafkaController::OnMessage(NodeId from, const Message& message) {
  if (!*alive_) return false;
  ErrorCode error = ErrorCode::NONE;
  if (const auto* r = std::get_if<LeaderAndIsrResponse>(&message)) error = r->error_code;
  if (const auto* r = std::get_if<UpdateMetadataResponse>(&message)) error = r->error_code;
  bool consumed = channel_.OnResponse(from, message);
  if (consumed && error == ErrorCode::STALE_CONTROLLER_EPOCH) {
    Note("broker-" + std::to_string(from.value()) + " refused a request of controller epoch " +
         std::to_string(ctx_.epoch.value()) + " (STALE_CONTROLLER_EPOCH): a newer controller exists");
  }
  return consumed;
}

void KafkaController::Enqueue(std::string name, Step step) {
  if (!*alive_) return;
  queue_.emplace_back(std::move(name), std::move(step));
  RunNext();
}

// INVARIANT: at most one event runs; `busy_` is cleared only by its Done
// (asserted there: a Done with nothing running was called twice).
void KafkaController::RunNext() {
  if (busy_ || queue_.empty() || !*alive_) return;
  busy_ = true;
  Step step = std::move(queue_.front().second);
  queue_.pop_front();
  step([this, alive = alive_] {
    if (!*alive) return;
    KSIM_ASSERT(busy_, "a controller event finished twice");
    busy_ = false;
    RunNext();
  });
}

void KafkaController::Note(const std::string& text) {
  env_.observer.Observe(ObsNote{id_, "controller broker-" + std::to_string(id_.value()) + ": " + text});
}

void KafkaController::ElectEpoch(Done then) {
  zk_.GetData(std::string(kControllerEpochPath), nullptr, Guard([this, then](const ZkResponse& r) {
                if (Lost(r)) return;
                if (r.code == ZkCode::ZNONODE) {  // the first controller ever: epoch 0, then incremented to 1
                  zk_.Create(std::string(kControllerEpochPath), EncodeControllerEpoch(ControllerEpoch{0}), false,
                             Guard([this, then](const ZkResponse& c) {
                               if (!Lost(c)) ElectEpoch(then);
                             }));
                  return;
                }
                auto epoch = DecodeControllerEpoch(r.data);
                if (r.code != ZkCode::ZOK || !epoch) {
                  resign_("cannot read /controller_epoch (" + std::string(ZkCodeName(r.code)) + ")");
                  return;
                }
                IncrementEpoch(*epoch, r.version, then);
              }));
}

void KafkaController::IncrementEpoch(ControllerEpoch current, int32_t version, Done then) {
  ControllerEpoch next{current.value() + 1};
  zk_.SetData(std::string(kControllerEpochPath), EncodeControllerEpoch(next), version,
              Guard([this, next, then](const ZkResponse& r) {
                if (Lost(r)) return;
                if (r.code != ZkCode::ZOK) {
                  resign_("the conditional write of controller epoch " + std::to_string(next.value()) +
                          " failed with " + ZkCodeName(r.code) + ": another broker moved the epoch");
                  return;
                }
                ctx_.epoch = next;
                ctx_.epoch_zk_version = r.version;
                active_ = true;
                env_.observer.Observe(ObsControllerElected{id_, next});
                then();
              }));
}

// Kafka's onControllerFailover, in its order: the controller context from
// ZooKeeper; ReplicaStateMachine.startup (every live replica hears its
// partitions' state, then the replicas of dead brokers go offline);
// PartitionStateMachine.startup (new and offline partitions are elected).
// Kafka first sends an UpdateMetadata with the live brokers and no partitions
// (its brokers need the broker list before a LeaderAndIsr); kafkasim's
// LeaderAndIsr carries the live leaders itself, so that round trip is left out.
void KafkaController::OnFailover(Done done) {
  ReadLiveBrokers([this, done](std::map<BrokerId, int64_t> live) {
    ctx_.broker_epochs = std::move(live);
    ctx_.live_brokers.clear();
    for (const auto& [b, e] : ctx_.broker_epochs) {
      ctx_.live_brokers.insert(b);
      channel_.AddBroker(b);
    }
    Note("epoch " + std::to_string(ctx_.epoch.value()) + " begins; live brokers " + IdList(ctx_.LiveBrokerList()));
    LoadTopics([this, done] {
      LoadPartitionStates([this, done] {
        // OnlineReplica: each live replica hears its partitions' current state.
        PartitionSet online = SendLeaderAndIsr({}, ctx_.live_brokers);
        if (!online.empty()) SendUpdateMetadata(online);
        std::set<BrokerId> dead;
        for (const auto& [tp, replicas] : ctx_.assignments)
          for (NodeId r : replicas)
            if (!ctx_.IsLive(r)) dead.insert(r);
        TakeReplicasOffline({dead.begin(), dead.end()}, OfflineCause::kControllerFailover, {},
                            [this, done](PartitionSet offline) {
                              SendBatch(offline);
                              ElectOfflinePartitions([this, done](PartitionSet elected) {
                                SendBatch(elected);
                                ScheduleAutoLeaderRebalance(Ms(kFirstLeaderImbalanceCheckMs));
                                Enqueue("IsrChangeNotification", [this](Done d) { ProcessIsrChangeNotification(d); });
                                done();
                              });
                            });
      });
    });
  });
}

ZkClient::WatchCallback KafkaController::EnqueueOnWatch(std::string name, void (KafkaController::*process)(Done)) {
  return Guard(
      [this, name, process](const ZkWatchEvent&) { Enqueue(name, [this, process](Done d) { (this->*process)(d); }); });
}

// Reads (and watches) /brokers/ids and each broker's registration epoch.
void KafkaController::ReadLiveBrokers(std::function<void(std::map<BrokerId, int64_t>)> then) {
  auto watch = EnqueueOnWatch("BrokerChange", &KafkaController::ProcessBrokerChange);
  zk_.GetChildren(
      std::string(kBrokerIdsPath), watch, Guard([this, then](const ZkResponse& r) {
        if (Lost(r)) return;
        auto live = std::make_shared<std::map<BrokerId, int64_t>>();
        if (r.code != ZkCode::ZOK || r.children.empty()) {
          then(*live);
          return;
        }
        auto count = std::make_shared<Countdown>(Countdown{r.children.size(), [live, then] { then(*live); }});
        for (const std::string& child : r.children) {
          auto id = ParseBrokerId(child);
          if (!id) {
            count->Tick();
            continue;
          }
          BrokerId b = *id;
          zk_.GetData(BrokerIdPath(b), nullptr, Guard([live, count, b](const ZkResponse& d) {
                        if (Lost(d)) return;
                        if (d.code == ZkCode::ZOK) (*live)[b] = DecodeBrokerEpoch(d.data).value_or(0);
                        count->Tick();
                      }));
        }
      }));
}

void KafkaController::LoadTopics(Done then) {
  if (topics_.empty()) {
    then();
    return;
  }
  auto count = std::make_shared<Countdown>(Countdown{topics_.size(), then});
  for (const TopicAssignment& t : topics_) {
    // Kafka's PartitionStateMachine reads the topic's LogConfig: its own
    // overrides (/config/topics/T), the broker's values where it has none.
    ctx_.topic_configs[t.topic] = config::Resolve(t.config, config_);
    auto apply = [this, name = t.topic](const std::vector<std::vector<NodeId>>& replicas) {
      for (size_t p = 0; p < replicas.size(); ++p) {
        ctx_.assignments[TopicPartition{name, PartitionId{static_cast<int32_t>(p)}}] = replicas[p];
      }
    };
    zk_.GetData(TopicPath(t.topic), nullptr, Guard([this, t, apply, count](const ZkResponse& r) {
                  if (Lost(r)) return;
                  auto stored = r.code == ZkCode::ZOK ? DecodeTopicAssignment(r.data) : std::nullopt;
                  apply(stored ? *stored : t.replicas);
                  if (r.code == ZkCode::ZNONODE)
                    zk_.Create(TopicPath(t.topic), EncodeTopicAssignment(t.replicas), false, nullptr);
                  count->Tick();
                }));
  }
}

void KafkaController::LoadPartitionStates(Done then) {
  PartitionSet all;
  for (const auto& [tp, replicas] : ctx_.assignments) all.insert(tp);
  RereadPartitionStates(all, then);
}

// Refreshes the cache from the state znodes (a missing znode = not initialised).
void KafkaController::RereadPartitionStates(const PartitionSet& tps, Done then) {
  if (tps.empty()) {
    then();
    return;
  }
  auto count = std::make_shared<Countdown>(Countdown{tps.size(), then});
  for (const TopicPartition& tp : tps) {
    zk_.GetData(TopicPartitionStatePath(tp), nullptr, Guard([this, tp, count](const ZkResponse& r) {
                  if (Lost(r)) return;
                  auto s = r.code == ZkCode::ZOK ? DecodePartitionState(r.data, r.version) : std::nullopt;
                  if (s) ctx_.partition_states[tp] = *s;
                  count->Tick();
                }));
  }
}

// Kafka's processBrokerChange, in its order: new brokers start up; bounced
// brokers (registered again with a new epoch) fail and start up; dead brokers
// fail.
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
    OnBrokerStartup(fresh, [this, done, bounced, dead, join, leave] {
      leave(bounced);
      OnBrokerFailure(bounced, [this, done, bounced, dead, join, leave] {
        join(bounced);
        OnBrokerStartup(bounced, [this, done, dead, leave] {
          leave(dead);
          OnBrokerFailure(dead, done);
        });
      });
    });
  });
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

void KafkaController::ProcessIsrChangeNotification(Done done) {
  auto watch = EnqueueOnWatch("IsrChangeNotification", &KafkaController::ProcessIsrChangeNotification);
  const std::string parent(kIsrChangeNotificationPath);
  zk_.GetChildren(
      parent, watch, Guard([this, done, parent](const ZkResponse& r) {
        if (Lost(r)) return;
        if (r.code != ZkCode::ZOK || r.children.empty()) {
          done();
          return;
        }
        auto tps = std::make_shared<PartitionSet>();
        auto after = [this, tps, done] {
          PartitionSet known;
          for (const TopicPartition& tp : *tps)
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
        };
        auto count = std::make_shared<Countdown>(Countdown{r.children.size(), after});
        for (const std::string& child : r.children) {
          std::string path = parent + "/" + child;
          zk_.GetData(path, nullptr, Guard([tps, count](const ZkResponse& d) {
                        if (Lost(d)) return;
                        if (auto list = d.code == ZkCode::ZOK ? DecodeIsrChangeNotification(d.data) : std::nullopt) {
                          tps->insert(list->begin(), list->end());
                        }
                        count->Tick();
                      }));
          zk_.Delete(path, -1, nullptr);
        }
      }));
}

// Kafka's checkAndTriggerAutoLeaderRebalance: for each preferred broker, the
// share of its preferred partitions led by someone else; above
// leader.imbalance.per.broker.percentage, elect it back where it is alive and
// in the ISR.
void KafkaController::ProcessAutoPreferredReplicaLeaderElection(Done done) {
  std::map<BrokerId, std::pair<int, std::vector<TopicPartition>>> by_preferred;  // total, not led by it
  for (const auto& [tp, replicas] : ctx_.assignments) {
    auto st = ctx_.partition_states.find(tp);
    if (replicas.empty() || st == ctx_.partition_states.end()) continue;
    auto& entry = by_preferred[replicas.front()];
    entry.first++;
    if (st->second.leader != replicas.front()) entry.second.push_back(tp);
  }
  std::vector<TopicPartition> elect;
  for (const auto& [broker, entry] : by_preferred) {
    const auto& [total, not_led] = entry;
    bool imbalanced = static_cast<int64_t>(not_led.size()) * 100 >
                      static_cast<int64_t>(config_.leader_imbalance_per_broker_percentage) * total;
    if (imbalanced && ctx_.IsLive(broker)) elect.insert(elect.end(), not_led.begin(), not_led.end());
  }
  auto decide = [this](const TopicPartition& tp, const LeaderIsrAndControllerEpoch& cur) {
    return DecidePreferred(tp, cur);
  };
  UpdateLeaderAndIsr(elect, decide, 0, [this, done](PartitionSet changed) {
    if (!changed.empty()) {
      SendLeaderAndIsr(changed, {});
      SendUpdateMetadata(changed);
    }
    ScheduleAutoLeaderRebalance(Ms(int64_t{config_.leader_imbalance_check_interval_seconds} * 1000));
    done();
  });
}

void KafkaController::ScheduleAutoLeaderRebalance(TimeNs delay) {
  if (!config_.auto_leader_rebalance_enable || !*alive_) return;
  if (rebalance_armed_) env_.timers.Cancel(rebalance_timer_);
  rebalance_armed_ = true;
  rebalance_timer_ = env_.timers.Schedule(delay, [this, alive = alive_] {
    if (!*alive) return;
    rebalance_armed_ = false;
    Enqueue("AutoPreferredReplicaLeaderElection", [this](Done d) { ProcessAutoPreferredReplicaLeaderElection(d); });
  });
}

}  // namespace kafkasim::controller
