// core/controller/zookeeper_log.cc — snapshot and change records of
// ZooKeeper's data file (see zookeeper_log.h).
#include "core/controller/zookeeper_log.h"

#include "core/controller/zk_codec.h"

namespace kafkasim::controller {
namespace {

constexpr uint8_t kSnapshotRecord = 'S';
constexpr uint8_t kChangeRecord = 'T';
constexpr size_t kHeaderBytes = 9;  // kind + payload length

std::vector<uint8_t> Frame(uint8_t kind, const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> out;  // the same bytes as ZkOut's U8 + U64, sized once
  out.reserve(kHeaderBytes + payload.size());
  out.push_back(kind);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(payload.size() >> (8 * i)));
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

void PutWatchChanges(ZkOut& o, const std::map<std::string, std::set<int64_t>>& watches,
                     const std::set<std::string>& changed) {
  o.U64(changed.size());
  for (const std::string& path : changed) {
    o.Str(path);
    auto it = watches.find(path);
    if (it == watches.end()) {
      o.U64(0);
      continue;
    }
    o.U64(it->second.size());
    for (int64_t id : it->second) o.I64(id);
  }
}

using WatchChanges = std::vector<std::pair<std::string, std::set<int64_t>>>;  // empty set = removed

WatchChanges GetWatchChanges(ZkIn& in) {
  WatchChanges out;
  for (uint64_t n = in.Count(); n > 0 && in.ok(); --n) {
    std::string path = in.Str();
    std::set<int64_t> ids;
    for (uint64_t k = in.Count(); k > 0 && in.ok(); --k) ids.insert(in.I64());
    out.emplace_back(std::move(path), std::move(ids));
  }
  return out;
}

void ApplyWatchChanges(WatchChanges& changes, std::map<std::string, std::set<int64_t>>& watches) {
  for (auto& [path, ids] : changes) {
    if (ids.empty()) {
      watches.erase(path);
    } else {
      watches[path] = std::move(ids);
    }
  }
}

// One change record, decoded whole before any of it is applied.
struct Changes {
  std::vector<std::pair<std::string, std::optional<Znode>>> nodes;
  std::vector<std::pair<int64_t, std::optional<ZkSession>>> sessions;
  WatchChanges data_watches;
  WatchChanges child_watches;
  std::vector<std::pair<std::pair<int32_t, int64_t>, int64_t>> connects;
  int64_t next_session_id = 0;
};

// nullopt when the payload is unreadable.
std::optional<Changes> GetChanges(ZkIn& in, size_t length) {
  Changes c;
  for (uint64_t n = in.Count(); n > 0 && in.ok(); --n) {
    std::string path = in.Str();
    std::optional<Znode> z;
    if (in.U8() != 0) GetZnode(in, z.emplace());
    c.nodes.emplace_back(std::move(path), std::move(z));
  }
  for (uint64_t n = in.Count(); n > 0 && in.ok(); --n) {
    int64_t id = in.I64();
    std::optional<ZkSession> session;
    if (in.U8() != 0) session = GetZkSession(in);
    c.sessions.emplace_back(id, std::move(session));
  }
  c.data_watches = GetWatchChanges(in);
  c.child_watches = GetWatchChanges(in);
  for (uint64_t n = in.Count(); n > 0 && in.ok(); --n) {
    int32_t node = in.I32();
    int64_t xid = in.I64();
    c.connects.push_back({{node, xid}, in.I64()});
  }
  c.next_session_id = in.I64();
  if (!in.ok() || in.pos() != length) return std::nullopt;
  return c;
}

void ApplyChanges(Changes& c, ZooKeeperState& s) {
  for (auto& [path, z] : c.nodes) {
    if (z) {
      s.nodes[path] = std::move(*z);
    } else {
      s.nodes.erase(path);
    }
  }
  for (auto& [id, session] : c.sessions) {
    if (session) {
      s.sessions[id] = std::move(*session);
    } else {
      s.sessions.erase(id);
    }
  }
  ApplyWatchChanges(c.data_watches, s.data_watches);
  ApplyWatchChanges(c.child_watches, s.child_watches);
  for (const auto& [key, session] : c.connects) s.connects[key] = session;
  s.next_session_id = c.next_session_id;
}

}  // namespace

std::vector<uint8_t> EncodeZkSnapshotRecord(const ZooKeeperState& s) {
  return Frame(kSnapshotRecord, EncodeZooKeeperSnapshot(s));
}

std::vector<uint8_t> EncodeZkChangeRecord(const ZooKeeperState& s, const ZkChanges& changes) {
  ZkOut o;
  o.U64(changes.nodes.size());
  for (const std::string& path : changes.nodes) {
    o.Str(path);
    auto it = s.nodes.find(path);
    o.U8(it != s.nodes.end());
    if (it != s.nodes.end()) PutZnode(o, it->second);
  }
  o.U64(changes.sessions.size());
  for (int64_t id : changes.sessions) {
    o.I64(id);
    auto it = s.sessions.find(id);
    o.U8(it != s.sessions.end());
    if (it != s.sessions.end()) PutZkSession(o, it->second);
  }
  PutWatchChanges(o, s.data_watches, changes.data_watches);
  PutWatchChanges(o, s.child_watches, changes.child_watches);
  o.U64(changes.connects.size());
  for (const auto& key : changes.connects) {
    o.I64(key.first);
    o.I64(key.second);
    auto it = s.connects.find(key);
    o.I64(it == s.connects.end() ? 0 : it->second);
  }
  o.I64(s.next_session_id);
  return Frame(kChangeRecord, o.Take());
}

std::optional<ZkDataFile> ReadZkDataFile(const uint8_t* data, size_t size) {
  ZkDataFile out;
  size_t pos = 0;
  bool first = true;
  while (size - pos >= kHeaderBytes) {
    ZkIn header(data + pos, kHeaderBytes);
    uint8_t kind = header.U8();
    uint64_t length = header.U64();
    if (length > size - pos - kHeaderBytes) break;  // torn tail
    const uint8_t* payload = data + pos + kHeaderBytes;
    if (first) {
      if (kind != kSnapshotRecord) return std::nullopt;
      auto snapshot = DecodeZooKeeperSnapshot(payload, length);
      if (!snapshot) return std::nullopt;
      out.state = std::move(*snapshot);
      out.snapshot_bytes = kHeaderBytes + length;
      first = false;
    } else {
      if (kind != kChangeRecord) break;
      ZkIn in(payload, length);
      std::optional<Changes> changes = GetChanges(in, length);
      if (!changes) break;  // unreadable: the log ends here
      ApplyChanges(*changes, out.state);
    }
    pos += kHeaderBytes + length;
    out.valid_bytes = pos;
  }
  if (first) return std::nullopt;
  RebuildZkChildren(out.state);
  return out;
}

}  // namespace kafkasim::controller
