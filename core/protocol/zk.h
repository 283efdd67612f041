// core/protocol/zk.h — the coordination service's wire messages, modelled on
// ZooKeeper's: sessions kept alive by pings, znodes with versions, ephemeral
// nodes, one-shot watches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kafkasim {

enum class ZkOp : int8_t { kConnect, kPing, kCreate, kDelete, kSetData, kGetData, kGetChildren, kExists, kClose };

// ZooKeeper's KeeperException codes, by their C-client names.
enum class ZkCode : int8_t { ZOK, ZNONODE, ZNODEEXISTS, ZBADVERSION, ZSESSIONEXPIRED, ZNOTEMPTY };

constexpr const char* ZkCodeName(ZkCode c) {
  switch (c) {
    case ZkCode::ZOK:
      return "ZOK";
    case ZkCode::ZNONODE:
      return "ZNONODE";
    case ZkCode::ZNODEEXISTS:
      return "ZNODEEXISTS";
    case ZkCode::ZBADVERSION:
      return "ZBADVERSION";
    case ZkCode::ZSESSIONEXPIRED:
      return "ZSESSIONEXPIRED";
    case ZkCode::ZNOTEMPTY:
      return "ZNOTEMPTY";
  }
  return "?";
}

struct ZkRequest {
  int64_t xid = 0;
  int64_t session_id = 0;  // 0 on kConnect
  ZkOp op = ZkOp::kPing;
  std::string path;
  std::string data;
  int32_t expected_version = -1;  // -1 = any (SetData/Delete)
  bool ephemeral = false;         // Create
  bool sequential = false;        // Create: the server appends a 10-digit counter (ZooKeeper's PERSISTENT_SEQUENTIAL)
  bool watch = false;             // GetData/GetChildren/Exists
  int32_t session_timeout_ms = 18000;  // Connect
  int64_t last_event_seq = 0;          // Ping: the last watch event received in order (acknowledges it)
};

struct ZkResponse {
  int64_t xid = 0;
  int64_t session_id = 0;
  ZkOp op = ZkOp::kPing;
  ZkCode code = ZkCode::ZOK;
  std::string path;
  std::string data;
  int32_t version = -1;
  std::vector<std::string> children;  // sorted
};

enum class ZkEventType : int8_t { kNodeCreated, kNodeDeleted, kNodeDataChanged, kNodeChildrenChanged, kSessionExpired };

struct ZkWatchEvent {
  int64_t session_id = 0;
  int64_t seq = 0;  // per-session order from 1, resent until a Ping acknowledges it (0: kSessionExpired)
  ZkEventType type = ZkEventType::kNodeDataChanged;
  std::string path;
};

}  // namespace kafkasim
