// core/controller/kraft/controller_node.cc — see the header.
#include "core/controller/kraft/controller_node.h"

#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/util/assert.h"

namespace kafkasim::controller::kraft {
namespace {

constexpr size_t kMaxFetchRecords = 256;
constexpr int64_t kMaxFetchWaitMs = 500;  // KafkaRaftClient.MAX_FETCH_WAIT_MS

}  // namespace

ControllerNode::ControllerNode(Env& env, raft::QuorumConfig quorum, ControllerSettings settings)
    : env_(env), raft_(env, std::move(quorum)), settings_(std::move(settings)) {}

ControllerNode::~ControllerNode() {
  raft_.set_on_change(nullptr);
  active_.reset();
}

void ControllerNode::Start() {
  env_.observer.Observe(ObsNote{env_.self, raft::VoterName(env_.self) + " started"});
  raft_.set_on_change([this] { OnRaftChange(); });
  raft_.Start();
}

void ControllerNode::OnMessage(NodeId from, const Message& m) {
  if (raft_.OnMessage(from, m)) return;  // OnRaftChange ran
  if (const auto* r = std::get_if<MetadataFetchRequest>(&m)) {
    HandleMetadataFetch(from, *r);
    return;
  }
  if (!active_) {
    Redirect(from, m);
    return;
  }
  if (const auto* r = std::get_if<BrokerRegistrationRequest>(&m)) {
    active_->HandleRegistration(from, *r);
  } else if (const auto* r = std::get_if<BrokerHeartbeatRequest>(&m)) {
    active_->HandleHeartbeat(from, *r);
  } else if (const auto* r = std::get_if<AlterPartitionRequest>(&m)) {
    active_->HandleAlterPartition(from, *r);
  }
  OnRaftChange();  // a quorum of one commits as it appends
}

void ControllerNode::Redirect(NodeId from, const Message& m) {
  const NodeId leader = raft_.leader_id();
  if (std::holds_alternative<BrokerRegistrationRequest>(m)) {
    env_.net.Send(from, BrokerRegistrationResponse{ErrorCode::NOT_CONTROLLER, leader, -1});
  } else if (std::holds_alternative<BrokerHeartbeatRequest>(m)) {
    env_.net.Send(from, BrokerHeartbeatResponse{ErrorCode::NOT_CONTROLLER, leader, false, true});
  } else if (const auto* r = std::get_if<AlterPartitionRequest>(&m)) {
    env_.net.Send(from, AlterPartitionResponse{
                            r->correlation_id, ErrorCode::NOT_CONTROLLER, r->tp, kNoNode, LeaderEpoch{0}, {}, 0});
  }
}

void ControllerNode::OnRaftChange() {
  if (in_change_) return;  // the active controller's own appends
  in_change_ = true;
  ReplayCommitted();
  MaybeClaimOrRenounce();
  if (active_ && raft_.high_watermark()) active_->OnCommitted(*raft_.high_watermark());
  AnswerParkedFetches(false);
  in_change_ = false;
}

// Kafka's handleCommit: every record below the HW, once, in order.
void ControllerNode::ReplayCommitted() {
  const Offset hw = raft_.high_watermark().value_or(Offset{0});
  while (committed_.next_offset() < hw) {
    const Offset o = committed_.next_offset();
    const RaftRecord& r = raft_.log().Read(o);
    committed_.ApplyRaw(r.payload, r.control, o);
  }
}

// claim once leader with the epoch's first record committed (so every record
// of earlier epochs is committed and replayed); renounce on any change of
// role or epoch.
void ControllerNode::MaybeClaimOrRenounce() {
  const bool leader = raft_.role() == raft::RaftRole::kLeader;
  if (active_ && (!leader || active_->epoch() != raft_.epoch())) {
    env_.observer.Observe(ObsControllerResigned{env_.self, ControllerEpoch{active_->epoch().value()}});
    env_.observer.Observe(ObsNote{env_.self, raft::VoterName(env_.self) + " is no longer the active controller"});
    active_.reset();
    AnswerParkedFetches(true);
  }
  if (!active_ && leader && raft_.high_watermark() && committed_.next_offset() == *raft_.high_watermark()) {
    KSIM_ASSERT(raft_.log().EndOffset() == *raft_.high_watermark(), "uncommitted records at claim");
    active_ = std::make_unique<QuorumController>(env_, raft_, committed_, settings_);
  }
}

MetadataFetchResponse ControllerNode::BuildFetchResponse(Offset from) const {
  const Offset hw = committed_.next_offset();
  MetadataFetchResponse resp{ErrorCode::NONE, raft_.leader_id(), hw, from, nullptr};
  if (from < hw) {
    auto records = std::make_shared<std::vector<RaftRecord>>();
    for (Offset o = from; o < hw && records->size() < kMaxFetchRecords; o = o + 1)
      records->push_back(raft_.log().Read(o));
    resp.records = std::move(records);
  }
  return resp;
}

void ControllerNode::HandleMetadataFetch(NodeId from, const MetadataFetchRequest& req) {
  if (req.fetch_offset < committed_.next_offset()) {
    env_.net.Send(from, BuildFetchResponse(req.fetch_offset));
    return;
  }
  auto old = parked_.find(from);
  if (old != parked_.end()) env_.timers.Cancel(old->second.timer);
  const TimerId t = env_.timers.Schedule(Ms(kMaxFetchWaitMs), [this, from] {
    auto it = parked_.find(from);
    if (it == parked_.end()) return;
    const Offset o = it->second.fetch_offset;
    parked_.erase(it);
    env_.net.Send(from, BuildFetchResponse(o));
  });
  parked_[from] = ParkedFetch{req.fetch_offset, t};
}

void ControllerNode::AnswerParkedFetches(bool all) {
  for (auto it = parked_.begin(); it != parked_.end();) {
    if (!all && it->second.fetch_offset >= committed_.next_offset()) {
      ++it;
      continue;
    }
    env_.timers.Cancel(it->second.timer);
    env_.net.Send(it->first, BuildFetchResponse(it->second.fetch_offset));
    it = parked_.erase(it);
  }
}

}  // namespace kafkasim::controller::kraft
