// core/controller/zk_control_plane.cc — registration, controller election,
// resignation and the leader's conditional ISR write.
#include "core/controller/zk_control_plane.h"
#include "core/controller/names.h"

#include <cstdio>
#include <utility>

#include "core/observe/observation.h"
#include "core/protocol/message.h"

namespace kafkasim::controller {
namespace {}  // namespace

ZkControlPlane::ZkControlPlane(Env& env, BrokerId id, const config::BrokerConfig& config,
                               std::vector<TopicAssignment> topics)
    : env_(env),
      id_(id),
      config_(config),
      topics_(std::move(topics)),
      zk_(env, kZooKeeperNode, config.zookeeper_session_timeout_ms,
          ZkClient::Handlers{[this] { OnConnected(); }, [this] { OnSessionExpired(); }}) {}

ZkControlPlane::~ZkControlPlane() {
  if (controller_) controller_->Shutdown();
  if (reap_armed_) env_.timers.Cancel(reap_timer_);
}

void ZkControlPlane::Start() { zk_.Connect(); }

void ZkControlPlane::Note(const std::string& text) {
  env_.observer.Observe(ObsNote{id_, "broker-" + std::to_string(id_.value()) + " " + text});
}

bool ZkControlPlane::OnMessage(NodeId from, const Message& message) {
  if (zk_.OnMessage(from, message)) return true;
  if (std::holds_alternative<LeaderAndIsrResponse>(message) ||
      std::holds_alternative<UpdateMetadataResponse>(message)) {
    if (controller_) controller_->OnMessage(from, message);
    return true;  // a resigned controller's late answers are consumed and dropped
  }
  return false;
}

void ZkControlPlane::OnConnected() {
  ++generation_;
  Note("opened ZooKeeper session " + ZkSessionName(zk_.session_id()));
  CreateTopLevelPaths();
  RegisterBroker();
}

void ZkControlPlane::OnSessionExpired() {
  ++generation_;
  const bool was_registered = registered_;
  registered_ = false;
  waiting_for_stale_registration_ = false;
  controller_watch_set_ = false;
  active_controller_id_ = kNoNode;
  Resign("its ZooKeeper session ended (" + zk_.last_expiry_reason() + ")", false);
  if (was_registered) {
    Note("lost its ZooKeeper session (" + zk_.last_expiry_reason() +
         "); the cluster now treats it as dead until it registers again");
  }
}

// Kafka's createTopLevelPaths. The session is FIFO, so these land before
// the registration that follows.
void ZkControlPlane::CreateTopLevelPaths() {
  for (std::string_view p : {kBrokersPath, kBrokerIdsPath, kBrokerTopicsPath, kIsrChangeNotificationPath}) {
    zk_.Create(std::string(p), "", false, nullptr);
  }
}

void ZkControlPlane::RegisterBroker() {
  const std::string path = BrokerIdPath(id_);
  const int64_t session = zk_.session_id();
  zk_.Create(path, EncodeBrokerRegistration(id_, session, env_.Now()), true,
             Guard([this, path, session](const ZkResponse& r) {
               if (r.code == ZkCode::ZOK) {
                 registered_ = true;
                 waiting_for_stale_registration_ = false;
                 Note("registered " + path + " (session " + ZkSessionName(session) + ")");
                 Elect();
                 return;
               }
               if (r.code != ZkCode::ZNODEEXISTS) return;
               if (!waiting_for_stale_registration_) {
                 Note("cannot register: " + path +
                      " from its previous ZooKeeper session still exists; waiting for that session to expire");
               }
               waiting_for_stale_registration_ = true;
               auto on_change = Guard([this](const ZkWatchEvent& e) {
                 if (e.type == ZkEventType::kNodeDeleted && !registered_) RegisterBroker();
               });
               zk_.Exists(path, on_change, Guard([this](const ZkResponse& x) {
                            if (x.code == ZkCode::ZNONODE && !registered_) RegisterBroker();
                          }));
             }));
}

// GetData sets a watch only on an existing node; a lost Create race reads
// again. The server keeps one watch per session and path, but the client may
// hold several callbacks for it: only the first to fire acts.
void ZkControlPlane::Elect() {
  auto watch = Guard([this](const ZkWatchEvent&) {
    if (!controller_watch_set_) return;
    controller_watch_set_ = false;
    Elect();
  });
  zk_.GetData(std::string(kControllerPath), watch, Guard([this](const ZkResponse& r) { OnControllerRead(r); }));
}

void ZkControlPlane::OnControllerRead(const ZkResponse& r) {
  if (r.code == ZkCode::ZOK) {
    controller_watch_set_ = true;
    active_controller_id_ = DecodeController(r.data).value_or(kNoNode);
    if (active_controller_id_ != id_ && controller_) {
      Resign("/controller now names broker-" + std::to_string(active_controller_id_.value()), false);
    } else if (active_controller_id_ == id_ && !controller_) {
      // Ours, but we resigned (e.g. the epoch write failed): give it up.
      zk_.Delete(std::string(kControllerPath), r.version, nullptr);
    }
    return;
  }
  if (r.code != ZkCode::ZNONODE) return;
  if (controller_) Resign("/controller was deleted", false);
  active_controller_id_ = kNoNode;
  if (!registered_) return;
  zk_.Create(std::string(kControllerPath), EncodeController(id_, env_.Now()), true, Guard([this](const ZkResponse& c) {
               if (c.code == ZkCode::ZOK) {
                 active_controller_id_ = id_;
                 BecomeController();
               } else if (c.code == ZkCode::ZNODEEXISTS) {
                 Elect();
               }
             }));
}

void ZkControlPlane::BecomeController() {
  Note("created /controller and becomes the controller");
  controller_ = std::make_unique<KafkaController>(
      env_, id_, config_, topics_, zk_, [this](const std::string& why) { Resign(why, true); }, controller_stats_);
  controller_->Startup();
}

// Reentrant (not a precondition): may run inside the controller's own
// callback, so the controller is shut down now and destroyed later, from a timer.
void ZkControlPlane::Resign(const std::string& reason, bool give_up_znode) {
  if (!controller_) return;
  if (controller_->active()) env_.observer.Observe(ObsControllerResigned{id_, controller_->epoch()});
  Note("resigns as controller: " + reason);
  controller_->Shutdown();
  retired_.push_back(std::move(controller_));
  if (!reap_armed_) {
    reap_armed_ = true;
    reap_timer_ = env_.timers.Schedule(0, [this] {
      reap_armed_ = false;
      retired_.clear();
    });
  }
  if (give_up_znode && zk_.connected()) {
    zk_.GetData(std::string(kControllerPath), nullptr, Guard([this](const ZkResponse& r) {
                  if (r.code == ZkCode::ZOK && DecodeController(r.data) == std::optional<BrokerId>(id_)) {
                    zk_.Delete(std::string(kControllerPath), r.version, nullptr);
                  }
                }));
  }
}

void ZkControlPlane::AlterIsr(const TopicPartition& tp, LeaderEpoch leader_epoch, const std::vector<NodeId>& new_isr,
                              int32_t partition_epoch, AlterIsrCallback done) {
  if (!zk_.connected()) {
    done(ErrorCode::NETWORK_EXCEPTION, {}, partition_epoch);
    return;
  }
  // Not guarded by session: `done` must run exactly once, so every request
  // of this chain is made with OnExpiry::kAnswer (ZSESSIONEXPIRED when its
  // session ends).
  zk_.GetData(
      TopicPartitionStatePath(tp), nullptr,
      [this, tp, leader_epoch, new_isr, partition_epoch, done](const ZkResponse& r) {
        if (r.code == ZkCode::ZSESSIONEXPIRED) return done(ErrorCode::NETWORK_EXCEPTION, {}, partition_epoch);
        auto cur = r.code == ZkCode::ZOK ? DecodePartitionState(r.data, r.version) : std::nullopt;
        if (!cur) return done(ErrorCode::UNKNOWN_TOPIC_OR_PARTITION, {}, -1);
        if (r.version != partition_epoch || cur->leader != id_ || cur->leader_epoch != leader_epoch) {
          Note("cannot change the ISR of " + tp.ToString() + ": its state moved to leader " +
               std::to_string(cur->leader.value()) + ", leader epoch " + std::to_string(cur->leader_epoch.value()) +
               ", version " + std::to_string(r.version) + " (this leader had version " +
               std::to_string(partition_epoch) + ")");
          return done(ErrorCode::FENCED_LEADER_EPOCH, cur->isr, r.version);
        }
        LeaderIsrAndControllerEpoch next = *cur;
        next.isr = new_isr;
        WriteIsr(tp, next, partition_epoch, done);
      },
      ZkClient::OnExpiry::kAnswer);
}

void ZkControlPlane::WriteIsr(const TopicPartition& tp, const LeaderIsrAndControllerEpoch& next,
                              int32_t partition_epoch, AlterIsrCallback done) {
  const std::string path = TopicPartitionStatePath(tp);
  zk_.SetData(
      path, EncodePartitionState(next), partition_epoch,
      [this, tp, path, next, done](const ZkResponse& r) {
        if (r.code == ZkCode::ZOK) {
          zk_.Create(std::string(kIsrChangeNotificationPrefix), EncodeIsrChangeNotification({tp}), false, nullptr,
                     /*sequential=*/true);
          return done(ErrorCode::NONE, next.isr, r.version);
        }
        if (r.code != ZkCode::ZBADVERSION) {
          return done(r.code == ZkCode::ZNONODE ? ErrorCode::UNKNOWN_TOPIC_OR_PARTITION : ErrorCode::NETWORK_EXCEPTION,
                      {}, -1);
        }
        // Kafka: "Cached zkVersion not equal to that in zookeeper, skip updating ISR".
        zk_.GetData(
            path, nullptr,
            [done](const ZkResponse& g) {
              auto cur = g.code == ZkCode::ZOK ? DecodePartitionState(g.data, g.version) : std::nullopt;
              if (!cur) return done(ErrorCode::NETWORK_EXCEPTION, {}, -1);
              done(ErrorCode::FENCED_LEADER_EPOCH, cur->isr, g.version);
            },
            ZkClient::OnExpiry::kAnswer);
      },
      ZkClient::OnExpiry::kAnswer);
}

}  // namespace kafkasim::controller
