// sim/check/uid_map.h — RecordUid -> V for the uids the simulated producers
// hand out: dense per producer (sequence 0, 1, 2, ... — sim/apps/producer_app),
// so one vector per producer instead of a tree node (an allocation) per
// record. Iterates in uid order, as the std::map it replaces did.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/types.h"

namespace kafkasim::sim {

template <typename V>
class UidMap {
 public:
  size_t size() const { return size_; }

  // nullptr when absent.
  const V* find(RecordUid uid) const {
    const uint32_t p = RecordUidProducer(uid);
    const uint64_t seq = RecordUidSeq(uid);
    if (p >= by_producer_.size() || seq >= by_producer_[p].size() || !by_producer_[p][seq]) return nullptr;
    return &*by_producer_[p][seq];
  }
  bool contains(RecordUid uid) const { return find(uid) != nullptr; }

  // Inserts a default V when absent.
  V& operator[](RecordUid uid) {
    const uint32_t p = RecordUidProducer(uid);
    const uint64_t seq = RecordUidSeq(uid);
    if (p >= by_producer_.size()) by_producer_.resize(p + 1);
    auto& slots = by_producer_[p];
    if (seq >= slots.size()) slots.resize(seq + 1);
    if (!slots[seq]) {
      slots[seq].emplace();
      ++size_;
    }
    return *slots[seq];
  }

  // f(uid, value) for every entry, in uid order.
  template <typename F>
  void ForEach(F&& f) const {
    for (size_t p = 0; p < by_producer_.size(); ++p)
      for (size_t seq = 0; seq < by_producer_[p].size(); ++seq)
        if (by_producer_[p][seq]) f(MakeRecordUid(static_cast<uint32_t>(p), seq), *by_producer_[p][seq]);
  }

 private:
  std::vector<std::vector<std::optional<V>>> by_producer_;
  size_t size_ = 0;
};

}  // namespace kafkasim::sim
