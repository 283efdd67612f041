// core/controller/zookeeper_state.h — everything the coordination service
// knows: the znode tree, the sessions, the watches. Plain data, serialisable
// as one snapshot (see ZooKeeperServer for when it is written).
//
// INVARIANTS
// - nodes always holds "/"; every other path's parent is in nodes and lists
//   the path's last component in its `children`.
// - an ephemeral znode's owner session is in sessions; ephemerals have no children.
// - watch sets name only live sessions.
// Not asserted as a whole (a walk of the tree per request); RemoveNode
// asserts its own precondition.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/protocol/zk.h"
#include "core/types.h"

namespace kafkasim::controller {

struct Znode {
  std::string data;
  int32_t version = 0;             // dataVersion: +1 on every SetData
  int32_t cversion = 0;            // +1 on every child create/delete; names sequential children
  int64_t ephemeral_owner = 0;     // session id; 0 = persistent
  std::set<std::string> children;  // child names (last path component), sorted
};

struct ZkSession {
  int64_t id = 0;
  NodeId owner = kNoNode;  // the node that last spoke for the session
  int32_t timeout_ms = 0;
  TimeNs last_heard_ns = 0;
  // Requests of a session are applied in xid order, each exactly once
  // (what a TCP connection gives real ZooKeeper): next_xid is the next one to
  // apply; `recent` keeps the last responses for retransmitted requests.
  int64_t next_xid = 0;
  std::map<int64_t, ZkResponse> recent;
  // Watch events are numbered per session and resent after every ping
  // until the ping acknowledges them (ZooKeeper's TCP stream, modelled).
  int64_t next_event_seq = 1;
  std::map<int64_t, ZkWatchEvent> unacked_events;
};

struct ZooKeeperState {
  std::map<std::string, Znode> nodes;
  std::map<int64_t, ZkSession> sessions;
  std::map<std::string, std::set<int64_t>> data_watches;   // GetData / Exists
  std::map<std::string, std::set<int64_t>> child_watches;  // GetChildren
  // Connect requests already answered: (client node, connect xid) -> session.
  std::map<std::pair<int32_t, int64_t>, int64_t> connects;
  int64_t next_session_id = 1;
};

// Snapshot codec. Decode returns nullopt for a corrupt or truncated image.
std::vector<uint8_t> EncodeZooKeeperSnapshot(const ZooKeeperState& s);
std::optional<ZooKeeperState> DecodeZooKeeperSnapshot(const uint8_t* data, size_t size);

}  // namespace kafkasim::controller
