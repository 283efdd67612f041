// core/controller/zookeeper_state.cc — the snapshot codec for ZooKeeperState.
// Format: magic "KSZK", version 1, then length-prefixed sections, all
// integers little-endian. Children are not stored: they are rebuilt from the
// paths.
#include "core/controller/zookeeper_state.h"
#include "core/controller/names.h"

#include "core/controller/zk_codec.h"

namespace kafkasim::controller {
namespace {

using Out = ZkOut;
using In = ZkIn;

constexpr uint32_t kMagic = 0x4b5a534b;  // "KSZK"
constexpr uint32_t kFormatVersion = 1;

void PutResponse(Out& o, const ZkResponse& r) {
  o.I64(r.xid);
  o.I64(r.session_id);
  o.I64(static_cast<int64_t>(r.op));
  o.I64(static_cast<int64_t>(r.code));
  o.Str(r.path);
  o.Str(r.data);
  o.I64(r.version);
  o.U64(r.children.size());
  for (const auto& c : r.children) o.Str(c);
}

ZkResponse GetResponse(In& in) {
  ZkResponse r;
  r.xid = in.I64();
  r.session_id = in.I64();
  r.op = static_cast<ZkOp>(in.I64());
  r.code = static_cast<ZkCode>(in.I64());
  r.path = in.Str();
  r.data = in.Str();
  r.version = in.I32();
  for (uint64_t n = in.Count(); n > 0 && in.ok(); --n) r.children.push_back(in.Str());
  return r;
}

void PutWatches(Out& o, const std::map<std::string, std::set<int64_t>>& w) {
  o.U64(w.size());
  for (const auto& [path, sessions] : w) {
    o.Str(path);
    o.U64(sessions.size());
    for (int64_t s : sessions) o.I64(s);
  }
}

void GetWatches(In& in, std::map<std::string, std::set<int64_t>>& w) {
  for (uint64_t n = in.Count(); n > 0 && in.ok(); --n) {
    std::string path = in.Str();
    auto& set = w[path];
    for (uint64_t k = in.Count(); k > 0 && in.ok(); --k) set.insert(in.I64());
  }
}

}  // namespace

void PutZkSession(Out& o, const ZkSession& s) {
  {
    o.I64(s.id);
    o.I64(s.owner.value());
    o.I64(s.timeout_ms);
    o.I64(s.next_xid);
    o.U64(s.recent.size());
    for (const auto& [xid, r] : s.recent) PutResponse(o, r);
    o.I64(s.next_event_seq);
    o.U64(s.unacked_events.size());
    for (const auto& [seq, e] : s.unacked_events) {
      o.I64(seq);
      o.I64(static_cast<int64_t>(e.type));
      o.Str(e.path);
    }
  }
}

ZkSession GetZkSession(In& in) {
  ZkSession s;
  {
    s.id = in.I64();
    s.owner = NodeId{in.I32()};
    s.timeout_ms = in.I32();
    s.next_xid = in.I64();
    for (uint64_t k = in.Count(); k > 0 && in.ok(); --k) {
      ZkResponse r = GetResponse(in);
      s.recent[r.xid] = std::move(r);
    }
    s.next_event_seq = in.I64();
    for (uint64_t k = in.Count(); k > 0 && in.ok(); --k) {
      ZkWatchEvent e;
      e.session_id = s.id;
      e.seq = in.I64();
      e.type = static_cast<ZkEventType>(in.I64());
      e.path = in.Str();
      s.unacked_events[e.seq] = std::move(e);
    }
  }
  return s;
}

void PutZnode(Out& o, const Znode& z) {
  o.Str(z.data);
  o.I64(z.version);
  o.I64(z.cversion);
  o.I64(z.ephemeral_owner);
}

void GetZnode(In& in, Znode& z) {
  z.data = in.Str();
  z.version = in.I32();
  z.cversion = in.I32();
  z.ephemeral_owner = in.I64();
}

void RebuildZkChildren(ZooKeeperState& s) {
  for (auto& [path, z] : s.nodes) z.children.clear();
  for (const auto& [path, z] : s.nodes) {
    if (path == "/") continue;
    auto parent = s.nodes.find(ZkParentPath(path));
    if (parent == s.nodes.end()) continue;
    parent->second.children.insert(path.substr(path.rfind('/') + 1));
  }
}

namespace {

void PutSessions(Out& o, const std::map<int64_t, ZkSession>& sessions) {
  o.U64(sessions.size());
  for (const auto& [id, s] : sessions) PutZkSession(o, s);
}

void GetSessions(In& in, std::map<int64_t, ZkSession>& sessions) {
  for (uint64_t n = in.Count(); n > 0 && in.ok(); --n) {
    ZkSession s = GetZkSession(in);
    sessions[s.id] = std::move(s);
  }
}

}  // namespace

std::vector<uint8_t> EncodeZooKeeperSnapshot(const ZooKeeperState& s) {
  Out o;
  o.U64(kMagic);
  o.U64(kFormatVersion);
  o.U64(s.nodes.size());
  for (const auto& [path, z] : s.nodes) {
    o.Str(path);
    PutZnode(o, z);
  }
  PutSessions(o, s.sessions);
  PutWatches(o, s.data_watches);
  PutWatches(o, s.child_watches);
  o.U64(s.connects.size());
  for (const auto& [k, v] : s.connects) {
    o.I64(k.first);
    o.I64(k.second);
    o.I64(v);
  }
  o.I64(s.next_session_id);
  return o.Take();
}

std::optional<ZooKeeperState> DecodeZooKeeperSnapshot(const uint8_t* data, size_t size) {
  In in(data, size);
  if (in.U64() != kMagic || in.U64() != kFormatVersion) return std::nullopt;
  ZooKeeperState s;
  for (uint64_t n = in.Count(); n > 0 && in.ok(); --n) {
    std::string path = in.Str();
    GetZnode(in, s.nodes[path]);
  }
  GetSessions(in, s.sessions);
  GetWatches(in, s.data_watches);
  GetWatches(in, s.child_watches);
  for (uint64_t n = in.Count(); n > 0 && in.ok(); --n) {
    int32_t node = in.I32();
    int64_t xid = in.I64();
    s.connects[{node, xid}] = in.I64();
  }
  s.next_session_id = in.I64();
  if (!in.ok() || s.nodes.count("/") == 0) return std::nullopt;
  for (const auto& [path, z] : s.nodes)
    if (path != "/" && s.nodes.count(ZkParentPath(path)) == 0) return std::nullopt;
  RebuildZkChildren(s);
  return s;
}

}  // namespace kafkasim::controller
