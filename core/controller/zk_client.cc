// core/controller/zk_client.cc — sessions, retransmission and watch dispatch
// for ZkClient.
#include "core/controller/zk_client.h"

#include <algorithm>
#include <utility>

#include "core/protocol/message.h"

namespace kafkasim::controller {

ZkClient::ZkClient(Env& env, NodeId server, int32_t session_timeout_ms, Handlers handlers)
    : env_(env),
      server_(server),
      session_timeout_ms_(session_timeout_ms),
      handlers_(std::move(handlers)),
      // A random first xid per client incarnation: a restarted broker's
      // Connect is never mistaken for a retransmission of its old one.
      next_xid_(static_cast<int64_t>(env.random.NextU64() >> 24) + 1) {}

ZkClient::~ZkClient() {
  if (tick_armed_) env_.timers.Cancel(tick_timer_);
}

void ZkClient::Connect() {
  if (closed_ || connecting_ || connected()) return;
  connect_request_ = ZkRequest{};
  connect_request_.xid = next_xid_++;
  connect_request_.op = ZkOp::kConnect;
  connect_request_.session_timeout_ms = session_timeout_ms_;
  connecting_ = true;
  connect_sent_ns_ = env_.Now();
  env_.net.Send(server_, Message{connect_request_});
  ScheduleTick();
}

void ZkClient::Close() {
  if (connected()) {
    ZkRequest req;
    req.xid = next_xid_++;
    req.session_id = session_id_;
    req.op = ZkOp::kClose;
    env_.net.Send(server_, Message{req});
  }
  closed_ = true;
  session_id_ = 0;
  connecting_ = false;
  pending_.clear();
  queued_.clear();
  data_watchers_.clear();
  child_watchers_.clear();
  if (tick_armed_) env_.timers.Cancel(tick_timer_);
  tick_armed_ = false;
}

void ZkClient::Create(const std::string& path, const std::string& data, bool ephemeral, ResponseCallback cb,
                      bool sequential) {
  ZkRequest req;
  req.op = ZkOp::kCreate;
  req.path = path;
  req.data = data;
  req.ephemeral = ephemeral;
  req.sequential = sequential;
  Submit(std::move(req), nullptr, std::move(cb));
}

void ZkClient::Delete(const std::string& path, int32_t expected_version, ResponseCallback cb) {
  ZkRequest req;
  req.op = ZkOp::kDelete;
  req.path = path;
  req.expected_version = expected_version;
  Submit(std::move(req), nullptr, std::move(cb));
}

void ZkClient::SetData(const std::string& path, const std::string& data, int32_t expected_version, ResponseCallback cb,
                       OnExpiry on_expiry) {
  ZkRequest req;
  req.op = ZkOp::kSetData;
  req.path = path;
  req.data = data;
  req.expected_version = expected_version;
  Submit(std::move(req), nullptr, std::move(cb), on_expiry);
}

void ZkClient::GetData(const std::string& path, WatchCallback watch, ResponseCallback cb, OnExpiry on_expiry) {
  ZkRequest req;
  req.op = ZkOp::kGetData;
  req.path = path;
  req.watch = static_cast<bool>(watch);
  Submit(std::move(req), std::move(watch), std::move(cb), on_expiry);
}

void ZkClient::GetChildren(const std::string& path, WatchCallback watch, ResponseCallback cb) {
  ZkRequest req;
  req.op = ZkOp::kGetChildren;
  req.path = path;
  req.watch = static_cast<bool>(watch);
  Submit(std::move(req), std::move(watch), std::move(cb));
}

void ZkClient::Exists(const std::string& path, WatchCallback watch, ResponseCallback cb) {
  ZkRequest req;
  req.op = ZkOp::kExists;
  req.path = path;
  req.watch = static_cast<bool>(watch);
  Submit(std::move(req), std::move(watch), std::move(cb));
}

void ZkClient::Submit(ZkRequest req, WatchCallback watch, ResponseCallback cb, OnExpiry on_expiry) {
  if (closed_) return;
  Pending p{std::move(req), std::move(cb), std::move(watch), 0, on_expiry};
  if (!connected()) {
    queued_.push_back(std::move(p));
    return;
  }
  p.request.xid = next_xid_++;
  p.request.session_id = session_id_;
  auto [it, inserted] = pending_.emplace(p.request.xid, std::move(p));
  SendPending(it->second);
}

void ZkClient::SendPending(Pending& p) {
  p.sent_ns = env_.Now();
  last_sent_ns_ = p.sent_ns;
  env_.net.Send(server_, Message{p.request});
}

bool ZkClient::OnMessage(NodeId from, const Message& message) {
  if (const auto* r = std::get_if<ZkResponse>(&message)) {
    if (from == server_ && !closed_) OnResponse(*r);
    return true;
  }
  if (const auto* e = std::get_if<ZkWatchEvent>(&message)) {
    if (from == server_ && !closed_) OnWatchEvent(*e);
    return true;
  }
  return false;
}

void ZkClient::OnConnectResponse(const ZkResponse& r) {
  if (!connecting_ || r.xid != connect_request_.xid) return;  // stale or duplicate
  connecting_ = false;
  if (r.code != ZkCode::ZOK) {  // that session already ended: start afresh
    Connect();
    return;
  }
  session_id_ = r.session_id;
  last_heard_ns_ = env_.Now();
  last_sent_ns_ = last_heard_ns_;
  last_ping_ns_ = last_heard_ns_;
  last_event_seq_ = 0;
  std::deque<Pending> queued = std::move(queued_);
  queued_.clear();
  for (Pending& p : queued) {
    p.request.xid = next_xid_++;
    p.request.session_id = session_id_;
    auto [it, inserted] = pending_.emplace(p.request.xid, std::move(p));
    SendPending(it->second);
  }
  if (handlers_.on_connected) handlers_.on_connected();
}

void ZkClient::OnResponse(const ZkResponse& r) {
  if (r.op == ZkOp::kConnect) {
    OnConnectResponse(r);
    return;
  }
  if (!connected() || r.session_id != session_id_) return;  // an older session's answer
  last_heard_ns_ = env_.Now();
  if (r.code == ZkCode::ZSESSIONEXPIRED) {
    SessionExpired("ZooKeeper answered ZSESSIONEXPIRED");
    return;
  }
  auto it = pending_.find(r.xid);
  if (it == pending_.end()) return;  // a ping, or a duplicate answer
  Pending p = std::move(it->second);
  pending_.erase(it);
  bool watch_set = r.code == ZkCode::ZOK || (r.code == ZkCode::ZNONODE && r.op == ZkOp::kExists);
  if (p.watch && watch_set) {
    auto& watchers = r.op == ZkOp::kGetChildren ? child_watchers_ : data_watchers_;
    watchers[r.path].push_back(std::move(p.watch));
  }
  if (p.cb) p.cb(r);
}

void ZkClient::OnWatchEvent(const ZkWatchEvent& e) {
  if (!connected() || e.session_id != session_id_) return;
  last_heard_ns_ = env_.Now();
  if (e.type == ZkEventType::kSessionExpired) {
    SessionExpired("ZooKeeper expired the session");
    return;
  }
  // In order, once: a gap waits for the resend after the next ping.
  if (e.seq != last_event_seq_ + 1) return;
  last_event_seq_ = e.seq;
  std::vector<WatchCallback> fire;
  auto take = [&](std::map<std::string, std::vector<WatchCallback>>& watchers) {
    auto it = watchers.find(e.path);
    if (it == watchers.end()) return;
    for (auto& cb : it->second) fire.push_back(std::move(cb));
    watchers.erase(it);
  };
  if (e.type != ZkEventType::kNodeChildrenChanged) take(data_watchers_);
  if (e.type == ZkEventType::kNodeChildrenChanged || e.type == ZkEventType::kNodeDeleted) take(child_watchers_);
  for (auto& cb : fire) cb(e);
}

void ZkClient::SessionExpired(const std::string& why) {
  if (!connected()) return;
  const int64_t old_session = session_id_;
  session_id_ = 0;
  last_expiry_reason_ = why;
  std::map<int64_t, Pending> failed = std::move(pending_);
  pending_.clear();
  data_watchers_.clear();
  child_watchers_.clear();
  Connect();  // takes the next xid before any callback can queue new requests
  for (auto& [xid, p] : failed) {
    if (p.on_expiry != OnExpiry::kAnswer || !p.cb) continue;  // dropped: never runs
    ZkResponse r;
    r.xid = xid;
    r.session_id = old_session;
    r.op = p.request.op;
    r.code = ZkCode::ZSESSIONEXPIRED;
    r.path = p.request.path;
    p.cb(r);
  }
  // The one signal of the loss; callbacks of the old session are gone.
  if (handlers_.on_session_expired) handlers_.on_session_expired();
}

void ZkClient::Tick() {
  tick_armed_ = false;
  if (closed_) return;
  const TimeNs now = env_.Now();
  const TimeNs timeout = Ms(session_timeout_ms_);
  const TimeNs retransmit = RetransmitNs();
  if (connecting_ && now - connect_sent_ns_ >= retransmit) {
    connect_sent_ns_ = now;
    env_.net.Send(server_, Message{connect_request_});
  }
  if (connected() && now - last_heard_ns_ >= timeout) {
    SessionExpired("no answer from ZooKeeper for " + std::to_string(session_timeout_ms_) + " ms");
  }
  if (connected()) {
    for (auto& [xid, p] : pending_)
      if (now - p.sent_ns >= retransmit) SendPending(p);
    // Pings also acknowledge watch events (and fetch lost ones): sent every
    // timeout/3 even when other requests keep the session busy. Once the
    // server has been silent for timeout/3 (an answer is overdue), ping every
    // tick, as ZooKeeper's client reconnects at once after its read timeout:
    // a server back from a short outage must hear from us before the
    // silence check above gives up, or a session the server kept is lost.
    const bool overdue = now - last_heard_ns_ >= timeout / 3;
    if (now - last_ping_ns_ >= timeout / 3 || (overdue && now - last_ping_ns_ >= TickNs())) {
      ZkRequest ping;
      ping.xid = -2;  // ZooKeeper's ping xid; pings are not sequenced
      ping.session_id = session_id_;
      ping.op = ZkOp::kPing;
      ping.last_event_seq = last_event_seq_;
      last_sent_ns_ = now;
      last_ping_ns_ = now;
      env_.net.Send(server_, Message{ping});
    }
  }
  ScheduleTick();
}

TimeNs ZkClient::TickNs() const { return std::max<TimeNs>(Ms(session_timeout_ms_) / 9, Ms(10)); }

void ZkClient::ScheduleTick() {
  if (tick_armed_ || closed_) return;
  tick_armed_ = true;
  tick_timer_ = env_.timers.Schedule(TickNs(), [this] { Tick(); });
}

}  // namespace kafkasim::controller
