// core/controller/zookeeper_log.h — ZooKeeper's durable state as a snapshot
// followed by a transaction log, in one file.
//
// Real ZooKeeper appends each transaction to its log and fsyncs before it
// answers, and only now and then writes a fuzzy snapshot of the whole tree
// (SyncRequestProcessor, FileTxnSnapLog). kafkasim does the same in spirit:
// each write appends one record holding the current value (or the removal)
// of every key changed since the previous write — znodes, sessions, watch
// sets, answered Connects — and a fresh snapshot replaces the file once the
// log has outgrown the snapshot. A write costs what changed, not the tree.
//
// File format: records, each U8 kind ('S' snapshot first, then 'T' change
// records), U64 payload length, payload (zk_codec.h encoding). Recovery
// reads the snapshot and applies every complete change record; a torn or
// unreadable tail is ignored (it was never acknowledged: every record is
// fsynced before the answer leaves, as ZooKeeper truncates a torn log tail).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/controller/zookeeper_state.h"

namespace kafkasim::controller {

// Keys of ZooKeeperState written since the last record.
struct ZkChanges {
  std::set<std::string> nodes;
  std::set<int64_t> sessions;
  std::set<std::string> data_watches;
  std::set<std::string> child_watches;
  std::set<std::pair<int32_t, int64_t>> connects;

  void clear() { *this = ZkChanges{}; }
};

std::vector<uint8_t> EncodeZkSnapshotRecord(const ZooKeeperState& s);
// The current value in `s` of every key in `changes` (absent = removed).
std::vector<uint8_t> EncodeZkChangeRecord(const ZooKeeperState& s, const ZkChanges& changes);

struct ZkDataFile {
  ZooKeeperState state;
  uint64_t snapshot_bytes = 0;  // the snapshot record
  uint64_t valid_bytes = 0;     // snapshot and every complete change record
};
// nullopt when the file does not start with a readable snapshot.
std::optional<ZkDataFile> ReadZkDataFile(const uint8_t* data, size_t size);

}  // namespace kafkasim::controller
