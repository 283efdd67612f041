// core/controller/names.h — how the controller and ZooKeeper name things in
// their notes: brokers as the scenario does ("broker-2") and ZooKeeper
// sessions as ZooKeeper logs them ("0x1f", Long.toHexString).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/types.h"

namespace kafkasim::controller {

inline std::string BrokerName(NodeId id) { return "broker-" + std::to_string(id.value()); }

inline std::string ZkSessionName(int64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(id));
  return buf;
}

// The parent of an absolute znode path ("/a/b" -> "/a", "/a" -> "/").
inline std::string ZkParentPath(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace kafkasim::controller
