// core/controller/zookeeper_server.cc — request handling, watches, session
// expiry and the snapshot for ZooKeeperServer.
#include "core/controller/zookeeper_server.h"
#include "core/controller/names.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"
#include "core/util/assert.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace kafkasim::controller {
namespace {

std::string NameOf(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// ZooKeeper's path rules, reduced: absolute, no empty components, no trailing '/'.
bool ValidPath(const std::string& path) {
  if (path.empty() || path[0] != '/') return false;
  if (path == "/") return true;
  if (path.back() == '/') return false;
  return path.find("//") == std::string::npos;
}

std::string NodeName(NodeId id) {
  if (id.value() >= 1 && id.value() < kZooKeeperNode.value()) return "broker-" + std::to_string(id.value());
  return "node-" + std::to_string(id.value());
}

ZkResponse MakeResponse(const ZkRequest& req, ZkCode code) {
  ZkResponse r;
  r.xid = req.xid;
  r.session_id = req.session_id;
  r.op = req.op;
  r.code = code;
  r.path = req.path;
  return r;
}

}  // namespace

ZooKeeperServer::ZooKeeperServer(Env& env) : env_(env) {}

ZooKeeperServer::~ZooKeeperServer() {
  if (session_timer_armed_) env_.timers.Cancel(session_timer_);
}

const Znode* ZooKeeperServer::Find(const std::string& path) const {
  auto it = state_.nodes.find(path);
  return it == state_.nodes.end() ? nullptr : &it->second;
}

void ZooKeeperServer::Start() {
  std::optional<ZkDataFile> loaded;
  if (env_.disk.Exists(kDataFile)) {
    auto bytes = env_.disk.Read(kDataFile);
    loaded = ReadZkDataFile(bytes.data(), bytes.size());
    // A torn tail is cut off so that new records follow the last good one.
    if (loaded && loaded->valid_bytes < bytes.size()) {
      Status cut = env_.disk.Truncate(kDataFile, loaded->valid_bytes);  // no disk faults on ZooKeeper
      KSIM_ASSERT(cut.ok(), "ZooKeeper could not cut its torn tail");
    }
  }
  if (loaded) {
    state_ = std::move(loaded->state);
    snapshot_bytes_ = loaded->snapshot_bytes;
    log_bytes_ = loaded->valid_bytes - loaded->snapshot_bytes;
    // A restarted ZooKeeper gives every session a fresh full timeout.
    for (auto& [id, s] : state_.sessions) s.last_heard_ns = env_.Now();
    env_.observer.Observe(ObsNote{env_.self, "ZooKeeper recovered " + std::to_string(state_.nodes.size()) +
                                                 " znodes and " + std::to_string(state_.sessions.size()) +
                                                 " sessions from its snapshot"});
  } else {
    state_ = ZooKeeperState{};
    state_.nodes["/"] = Znode{};
    WriteSnapshot();
  }
  ScheduleSessionCheck();
}

void ZooKeeperServer::OnMessage(NodeId from, const Message& message) {
  const auto* req = std::get_if<ZkRequest>(&message);
  if (req == nullptr) return;
  if (req->op == ZkOp::kConnect) {
    HandleConnect(from, *req);
  } else {
    HandleSequenced(from, *req);
  }
}

void ZooKeeperServer::HandleConnect(NodeId from, const ZkRequest& req) {
  auto key = std::make_pair(from.value(), req.xid);
  auto known = state_.connects.find(key);
  if (known != state_.connects.end()) {
    // A retransmitted Connect: answer with the session it already made (or expired).
    ZkResponse r = MakeResponse(req, state_.sessions.count(known->second) ? ZkCode::ZOK : ZkCode::ZSESSIONEXPIRED);
    r.session_id = known->second;
    Reply(from, std::move(r));
    return;
  }
  ZkSession s;
  s.id = state_.next_session_id++;
  s.owner = from;
  s.timeout_ms = req.session_timeout_ms;
  s.last_heard_ns = env_.Now();
  s.next_xid = req.xid + 1;
  state_.sessions[s.id] = s;
  state_.connects[key] = s.id;
  changes_.sessions.insert(s.id);
  changes_.connects.insert(key);
  env_.observer.Observe(ObsNote{env_.self, "ZooKeeper opened session " + ZkSessionName(s.id) + " for " +
                                               NodeName(from) + " (timeout " + std::to_string(s.timeout_ms) + " ms)"});
  Persist();
  ScheduleSessionCheck();
  ZkResponse r = MakeResponse(req, ZkCode::ZOK);
  r.session_id = s.id;
  Reply(from, std::move(r));
}

void ZooKeeperServer::HandleSequenced(NodeId from, const ZkRequest& req) {
  auto it = state_.sessions.find(req.session_id);
  if (it == state_.sessions.end()) {
    Reply(from, MakeResponse(req, ZkCode::ZSESSIONEXPIRED));
    return;
  }
  ZkSession& s = it->second;
  changes_.sessions.insert(s.id);  // its owner, xids, cached answers or unacked events change below
  s.owner = from;
  s.last_heard_ns = env_.Now();
  if (req.op == ZkOp::kPing) {
    Reply(from, MakeResponse(req, ZkCode::ZOK));
    auto& events = s.unacked_events;
    events.erase(events.begin(), events.upper_bound(req.last_event_seq));
    for (const auto& [seq, e] : events) env_.net.Send(from, Message{e});
    return;
  }
  if (req.op == ZkOp::kClose) {
    Reply(from, MakeResponse(req, ZkCode::ZOK));
    ExpireSession(s.id, "closed by its client");
    return;
  }
  if (req.xid < s.next_xid) {  // retransmission of an applied request
    auto r = s.recent.find(req.xid);
    if (r != s.recent.end()) Reply(from, r->second);
    return;
  }
  auto& early = early_[s.id];
  if (req.xid > s.next_xid) {  // a gap: an earlier request is still on its way
    if (early.size() < kMaxEarlyRequests) early.emplace(req.xid, req);
    return;
  }
  Reply(from, Apply(s, req));
  while (!early.empty() && early.begin()->first <= s.next_xid) {
    ZkRequest next = std::move(early.begin()->second);
    early.erase(early.begin());
    if (next.xid == s.next_xid) Reply(from, Apply(s, next));
  }
  Persist();
}

ZkResponse ZooKeeperServer::Apply(ZkSession& session, const ZkRequest& req) {
  ZkResponse r;
  if (!ValidPath(req.path)) {
    r = MakeResponse(req, ZkCode::ZNONODE);
  } else if (req.op == ZkOp::kCreate) {
    r = DoCreate(session, req);
  } else if (req.op == ZkOp::kDelete) {
    r = DoDelete(req);
  } else if (req.op == ZkOp::kSetData) {
    r = DoSetData(req);
  } else {
    r = DoRead(session, req);
  }
  session.next_xid = req.xid + 1;
  session.recent[req.xid] = r;
  while (session.recent.size() > kMaxCachedResponses) session.recent.erase(session.recent.begin());
  return r;
}

ZkResponse ZooKeeperServer::DoCreate(ZkSession& session, const ZkRequest& req) {
  if (req.path == "/") return MakeResponse(req, ZkCode::ZNODEEXISTS);
  std::string parent_path = ZkParentPath(req.path);
  auto parent = state_.nodes.find(parent_path);
  if (parent == state_.nodes.end() || parent->second.ephemeral_owner != 0) {
    return MakeResponse(req, ZkCode::ZNONODE);  // ephemerals cannot have children either
  }
  std::string path = req.path;
  if (req.sequential) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%010d", parent->second.cversion);
    path += buf;
  }
  if (state_.nodes.count(path)) return MakeResponse(req, ZkCode::ZNODEEXISTS);
  Znode z;
  z.data = req.data;
  z.ephemeral_owner = req.ephemeral ? session.id : 0;
  state_.nodes.emplace(path, std::move(z));
  parent->second.children.insert(NameOf(path));
  parent->second.cversion++;
  changes_.nodes.insert(path);
  changes_.nodes.insert(parent_path);
  Fire(state_.data_watches, path, ZkEventType::kNodeCreated);
  Fire(state_.child_watches, parent_path, ZkEventType::kNodeChildrenChanged);
  ZkResponse r = MakeResponse(req, ZkCode::ZOK);
  r.path = path;
  r.version = 0;
  return r;
}

ZkResponse ZooKeeperServer::DoDelete(const ZkRequest& req) {
  auto it = state_.nodes.find(req.path);
  if (it == state_.nodes.end() || req.path == "/") return MakeResponse(req, ZkCode::ZNONODE);
  if (req.expected_version != -1 && req.expected_version != it->second.version) {
    return MakeResponse(req, ZkCode::ZBADVERSION);
  }
  if (!it->second.children.empty()) return MakeResponse(req, ZkCode::ZNOTEMPTY);
  RemoveNode(req.path);
  return MakeResponse(req, ZkCode::ZOK);
}

ZkResponse ZooKeeperServer::DoSetData(const ZkRequest& req) {
  auto it = state_.nodes.find(req.path);
  if (it == state_.nodes.end()) return MakeResponse(req, ZkCode::ZNONODE);
  if (req.expected_version != -1 && req.expected_version != it->second.version) {
    ZkResponse r = MakeResponse(req, ZkCode::ZBADVERSION);
    r.version = it->second.version;
    return r;
  }
  it->second.data = req.data;
  it->second.version++;
  changes_.nodes.insert(req.path);
  ZkResponse r = MakeResponse(req, ZkCode::ZOK);
  r.version = it->second.version;
  Fire(state_.data_watches, req.path, ZkEventType::kNodeDataChanged);
  return r;
}

// GetData, GetChildren, Exists. A watch is left only where ZooKeeper leaves
// one: on an existing node, or (Exists) on a missing node to see it created.
ZkResponse ZooKeeperServer::DoRead(ZkSession& session, const ZkRequest& req) {
  auto it = state_.nodes.find(req.path);
  if (it == state_.nodes.end()) {
    if (req.op == ZkOp::kExists && req.watch) {
      state_.data_watches[req.path].insert(session.id);
      changes_.data_watches.insert(req.path);
    }
    return MakeResponse(req, ZkCode::ZNONODE);
  }
  ZkResponse r = MakeResponse(req, ZkCode::ZOK);
  r.version = it->second.version;
  if (req.op == ZkOp::kGetChildren) {
    r.children.assign(it->second.children.begin(), it->second.children.end());
    if (req.watch) {
      state_.child_watches[req.path].insert(session.id);
      changes_.child_watches.insert(req.path);
    }
  } else {
    if (req.op == ZkOp::kGetData) r.data = it->second.data;
    if (req.watch) {
      state_.data_watches[req.path].insert(session.id);
      changes_.data_watches.insert(req.path);
    }
  }
  return r;
}

// REQUIRES (asserted): path exists, is not "/", and has no children.
void ZooKeeperServer::RemoveNode(const std::string& path) {
  auto node = state_.nodes.find(path);
  KSIM_ASSERT(path != "/" && node != state_.nodes.end() && node->second.children.empty(),
              "ZooKeeper RemoveNode(" + path + "): missing, the root, or has children");
  std::string parent_path = ZkParentPath(path);
  state_.nodes.erase(path);
  Znode& parent = state_.nodes[parent_path];
  parent.children.erase(NameOf(path));
  parent.cversion++;
  changes_.nodes.insert(path);
  changes_.nodes.insert(parent_path);
  Fire(state_.data_watches, path, ZkEventType::kNodeDeleted);
  Fire(state_.child_watches, path, ZkEventType::kNodeDeleted);
  Fire(state_.child_watches, parent_path, ZkEventType::kNodeChildrenChanged);
}

void ZooKeeperServer::Fire(std::map<std::string, std::set<int64_t>>& watches, const std::string& path,
                           ZkEventType type) {
  auto it = watches.find(path);
  if (it == watches.end()) return;
  std::set<int64_t> sessions = std::move(it->second);  // one-shot
  watches.erase(it);
  WatchesChanged(watches, path);
  for (int64_t id : sessions) {
    auto s = state_.sessions.find(id);
    if (s == state_.sessions.end()) continue;
    changes_.sessions.insert(id);
    ZkWatchEvent e{id, s->second.next_event_seq++, type, path};
    auto& events = s->second.unacked_events;
    events[e.seq] = e;
    if (events.size() > kMaxUnackedEvents) events.erase(events.begin());
    env_.net.Send(s->second.owner, Message{std::move(e)});
  }
}

void ZooKeeperServer::ExpireSession(int64_t id, const std::string& why) {
  auto it = state_.sessions.find(id);
  if (it == state_.sessions.end()) return;
  NodeId owner = it->second.owner;
  std::vector<std::string> ephemerals;
  for (const auto& [path, z] : state_.nodes)
    if (z.ephemeral_owner == id) ephemerals.push_back(path);
  // Drop the session's own watches first: it must not hear about its own ephemerals.
  for (auto* w : {&state_.data_watches, &state_.child_watches}) {
    for (auto wit = w->begin(); wit != w->end();) {
      if (wit->second.erase(id) != 0) WatchesChanged(*w, wit->first);
      wit = wit->second.empty() ? w->erase(wit) : std::next(wit);
    }
  }
  std::string deleted;
  for (const std::string& path : ephemerals) {
    RemoveNode(path);
    deleted += (deleted.empty() ? "" : ", ") + path;
  }
  state_.sessions.erase(it);
  changes_.sessions.insert(id);
  early_.erase(id);
  env_.net.Send(owner, Message{ZkWatchEvent{id, 0, ZkEventType::kSessionExpired, ""}});
  env_.observer.Observe(ObsNote{env_.self, "ZooKeeper session " + ZkSessionName(id) + " of " + NodeName(owner) +
                                               " ended (" + why + ")" +
                                               (deleted.empty() ? "" : "; deleted ephemeral " + deleted)});
  Persist();
}

void ZooKeeperServer::CheckSessions() {
  session_timer_armed_ = false;
  const TimeNs now = env_.Now();
  std::vector<std::pair<int64_t, int32_t>> expired;
  for (const auto& [id, s] : state_.sessions)
    if (now - s.last_heard_ns >= Ms(s.timeout_ms)) expired.emplace_back(id, s.timeout_ms);
  for (const auto& [id, timeout_ms] : expired) {
    ExpireSession(id, "not heard from for " + std::to_string(timeout_ms) + " ms");
  }
  ScheduleSessionCheck();
}

// One timer at the earliest deadline. Deadlines only move later when a
// session is heard from, so an early wake-up just re-arms.
void ZooKeeperServer::ScheduleSessionCheck() {
  if (session_timer_armed_) env_.timers.Cancel(session_timer_);
  session_timer_armed_ = false;
  if (state_.sessions.empty()) return;
  TimeNs earliest = INT64_MAX;
  for (const auto& [id, s] : state_.sessions) earliest = std::min(earliest, s.last_heard_ns + Ms(s.timeout_ms));
  TimeNs delay = earliest > env_.Now() ? earliest - env_.Now() : 0;
  session_timer_ = env_.timers.Schedule(delay, [this] { CheckSessions(); });
  session_timer_armed_ = true;
}

void ZooKeeperServer::WatchesChanged(std::map<std::string, std::set<int64_t>>& watches, const std::string& path) {
  (&watches == &state_.data_watches ? changes_.data_watches : changes_.child_watches).insert(path);
}

// One fsync per write, as before the log: Kafka's timing does not depend on
// whether this write was a log record or a snapshot.
void ZooKeeperServer::Persist() {
  std::vector<uint8_t> record = EncodeZkChangeRecord(state_, changes_);
  if (log_bytes_ + record.size() > std::max(snapshot_bytes_, kMinLogBytes)) {
    WriteSnapshot();
    return;
  }
  changes_.clear();
  // The coordination service's disk takes no disk faults (scenarios aim
  // them at brokers only); a failure here is a simulator bug.
  Status written = env_.disk.Append(kDataFile, record);
  if (written.ok()) written = env_.disk.Fsync(kDataFile);
  KSIM_ASSERT(written.ok(), "ZooKeeper change record write failed");
  log_bytes_ += record.size();
}

void ZooKeeperServer::WriteSnapshot() {
  std::vector<uint8_t> bytes = EncodeZkSnapshotRecord(state_);
  changes_.clear();
  Status written = env_.disk.Truncate(kDataFile, 0);
  if (written.ok()) written = env_.disk.Append(kDataFile, bytes);
  if (written.ok()) written = env_.disk.Fsync(kDataFile);
  KSIM_ASSERT(written.ok(), "ZooKeeper snapshot write failed");
  snapshot_bytes_ = bytes.size();
  log_bytes_ = 0;
}

}  // namespace kafkasim::controller
