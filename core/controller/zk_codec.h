// core/controller/zk_codec.h — the byte codec shared by ZooKeeper's snapshot
// (zookeeper_state.cc) and its transaction log (zookeeper_log.cc): integers
// little-endian, strings length-prefixed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/controller/zookeeper_state.h"

namespace kafkasim::controller {

class ZkOut {
 public:
  void U64(uint64_t v) {
    const size_t at = b_.size();  // little-endian; one capacity check, not eight
    b_.resize(at + 8);
    uint8_t* out = b_.data() + at;
    for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(v >> (8 * i));
  }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void Str(const std::string& s) {
    U64(s.size());
    b_.insert(b_.end(), s.begin(), s.end());
  }
  void U8(uint8_t v) { b_.push_back(v); }
  size_t size() const { return b_.size(); }
  std::vector<uint8_t> Take() { return std::move(b_); }

 private:
  std::vector<uint8_t> b_;
};

class ZkIn {
 public:
  ZkIn(const uint8_t* d, size_t n) : d_(d), n_(n) {}
  bool ok() const { return ok_; }
  size_t pos() const { return pos_; }
  uint8_t U8() {
    if (n_ - pos_ < 1) return ok_ = false, 0;
    return d_[pos_++];
  }
  uint64_t U64() {
    if (n_ - pos_ < 8) return ok_ = false, 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t{d_[pos_ + i]} << (8 * i);
    pos_ += 8;
    return v;
  }
  int64_t I64() { return static_cast<int64_t>(U64()); }
  int32_t I32() { return static_cast<int32_t>(I64()); }
  std::string Str() {
    uint64_t len = U64();
    if (!ok_ || n_ - pos_ < len) return ok_ = false, std::string();
    std::string s(reinterpret_cast<const char*>(d_ + pos_), len);
    pos_ += len;
    return s;
  }
  // A count that cannot exceed the bytes left (guards corrupt images).
  uint64_t Count() {
    uint64_t c = U64();
    if (c > n_ - pos_) ok_ = false;
    return ok_ ? c : 0;
  }

 private:
  const uint8_t* d_;
  size_t n_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void PutZkSession(ZkOut& o, const ZkSession& s);
ZkSession GetZkSession(ZkIn& in);
void PutZnode(ZkOut& o, const Znode& z);  // without its path and children
void GetZnode(ZkIn& in, Znode& z);
// Sets every znode's `children` from the paths (neither format stores them).
void RebuildZkChildren(ZooKeeperState& s);

}  // namespace kafkasim::controller
