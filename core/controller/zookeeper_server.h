// core/controller/zookeeper_server.h — the coordination service: one node
// (kZooKeeperNode) modelled on a ZooKeeper ensemble seen from outside.
//
// What it models
// - a znode tree with data versions; conditional SetData/Delete
//   (expected_version, ZBADVERSION); ZNODEEXISTS, ZNONODE, ZNOTEMPTY;
//   ephemeral znodes owned by a session; sequential children.
// - sessions: Connect assigns an id; every request (pings included) from the
//   session refreshes it; a session not heard from for its timeout expires:
//   its ephemerals are deleted, the watches on them fire, and the owner gets
//   a ZkWatchEvent kSessionExpired (if the network delivers it).
// - one-shot watches (data: GetData/Exists; children: GetChildren), delivered
//   as ZkWatchEvent to the node that spoke last for the watching session.
// - per-session FIFO, exactly-once: requests carry consecutive xids after the
//   Connect xid; the server applies them in xid order (holding early ones),
//   answers retransmissions from a small cache, never applies one twice.
//   Pings (xid ignored) are not sequenced: they refresh the session and
//   acknowledge watch events; unacknowledged events are resent after each
//   ping (events are numbered per session; the client takes them in order).
//
// Crash: real ZooKeeper logs every transaction to disk before answering, and
// sessions are part of its replicated state. kafkasim keeps that: after every
// applied request what changed (znodes, sessions, watches) is appended to a
// transaction log and fsynced, with a fresh snapshot of the whole state now
// and then (zookeeper_log.h), so a crash or power failure of this node loses
// nothing; on restart every session gets a fresh full timeout (as a
// restarted ZooKeeper leader does), clients keep their sessions and watches.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/controller/zookeeper_log.h"
#include "core/controller/zookeeper_state.h"
#include "core/env.h"
#include "core/protocol/message.h"

namespace kafkasim::controller {

class ZooKeeperServer : public Node {
 public:
  // Requests that arrive ahead of a gap in a session's xids: at most this many held.
  static constexpr size_t kMaxEarlyRequests = 256;
  // Responses kept per session for retransmitted requests.
  static constexpr size_t kMaxCachedResponses = 32;
  // Unacknowledged watch events kept per session (the oldest is dropped beyond).
  static constexpr size_t kMaxUnackedEvents = 1024;
  // A snapshot followed by the transaction log since it (zookeeper_log.h).
  static constexpr std::string_view kDataFile = "zookeeper/data";
  // The log is folded into a new snapshot once it outgrows the snapshot (and this).
  static constexpr uint64_t kMinLogBytes = 64 * 1024;

  explicit ZooKeeperServer(Env& env);
  ~ZooKeeperServer() override;

  void Start() override;
  void OnMessage(NodeId from, const Message& message) override;

  // Read-only views for tests and the GUI.
  const ZooKeeperState& state() const { return state_; }
  const Znode* Find(const std::string& path) const;

 private:
  void HandleConnect(NodeId from, const ZkRequest& req);
  void HandleSequenced(NodeId from, const ZkRequest& req);
  ZkResponse Apply(ZkSession& session, const ZkRequest& req);
  ZkResponse DoCreate(ZkSession& session, const ZkRequest& req);
  ZkResponse DoDelete(const ZkRequest& req);
  ZkResponse DoSetData(const ZkRequest& req);
  ZkResponse DoRead(ZkSession& session, const ZkRequest& req);
  void RemoveNode(const std::string& path);
  void Fire(std::map<std::string, std::set<int64_t>>& watches, const std::string& path, ZkEventType type);
  void ExpireSession(int64_t id, const std::string& why);
  void CheckSessions();
  void ScheduleSessionCheck();
  // Writes what changed since the last write (or a fresh snapshot) and fsyncs.
  void Persist();
  void WriteSnapshot();
  void WatchesChanged(std::map<std::string, std::set<int64_t>>& watches, const std::string& path);
  void Reply(NodeId to, ZkResponse r) { env_.net.Send(to, Message{std::move(r)}); }

  Env& env_;
  ZooKeeperState state_;
  ZkChanges changes_;  // keys of state_ changed since the last Persist
  uint64_t snapshot_bytes_ = 0;
  uint64_t log_bytes_ = 0;  // change records after the snapshot
  // session id -> xid -> request waiting for the gap before it to fill (not persisted:
  // the client retransmits them).
  std::map<int64_t, std::map<int64_t, ZkRequest>> early_;
  TimerId session_timer_ = 0;
  bool session_timer_armed_ = false;
};

}  // namespace kafkasim::controller
