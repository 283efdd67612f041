// core/broker/fetch_purgatory.h — long-polling fetches (Kafka's DelayedFetch).
//
// A fetch that finds fewer than min_bytes waits up to max_wait_ms; any append
// or HW move on a partition it reads wakes it to try again. This is why
// followers do not spin: they park at the leader until there is news.
//
// Reads: the first read of a request (ReadFrom::kRequest) is the one that may
// record a follower's fetch position; a parked fetch that is woken or expires
// is read again with ReadFrom::kPurgatory and changes nothing (Kafka 3.4:
// ReplicaManager.readFromLocalLog(readFromPurgatory) -> Partition.fetchRecords
// (updateFetchState = !readFromPurgatory); DelayedFetch.onComplete reads with
// readFromPurgatory = true).
//
// Re-entrancy: serving a parked fetch calls the reader and the reply, which
// may call back into this purgatory (a read that moves the HW wakes the
// partition again). Wake and WakeAll therefore take the fetches they serve out
// of the map first; a nested call never sees, serves or erases a fetch an
// outer call holds.
//
// A woken fetch that certainly has nothing new (NothingNew) parks again
// without being read: the re-read's response would be dropped, and a
// follower's fetch names every partition it follows (dozens), so re-reading
// all of them on each append was most of a run's time. Kafka's
// DelayedFetch.tryComplete likewise compares offsets instead of reading.
#pragma once

#include <functional>
#include <map>
#include <vector>

#include "core/env.h"
#include "core/protocol/fetch.h"

namespace kafkasim::broker {

enum class ReadFrom { kRequest, kPurgatory };

class FetchPurgatory {
 public:
  // Builds the response for `req` now; sets `bytes` to the record bytes found.
  using Reader = std::function<FetchResponse(const FetchRequest& req, ReadFrom read_from, size_t& bytes)>;
  using Reply = std::function<void(NodeId to, FetchResponse)>;
  // True only when a ReadFrom::kPurgatory read of `req` would certainly find
  // no records and no error; it then makes the read's BUGGIFY draws itself,
  // so skipping the read changes nothing but the time it takes. False means
  // "read to find out". Optional: without it every woken fetch is read.
  using NothingNew = std::function<bool(const FetchRequest& req)>;

  FetchPurgatory(Env& env, Reader reader, Reply reply, NothingNew nothing_new = nullptr)
      : env_(env), reader_(std::move(reader)), reply_(std::move(reply)), nothing_new_(std::move(nothing_new)) {}

  // Answers at once when there is enough data (or an error), else parks.
  void Fetch(NodeId from, const FetchRequest& req);
  // Wakes parked fetches that read `tp`.
  void Wake(const TopicPartition& tp);
  // Answers every parked fetch now (the broker lost leadership of partitions).
  void WakeAll();
  size_t size() const { return pending_.size(); }
  // Read-only, for the GUI: each parked fetch's sender, when it parked and
  // when it expires (fetch.max.wait.ms later), in the order they parked.
  template <typename Fn>
  void ForEachParked(Fn&& fn) const {
    for (const auto& [key, p] : pending_) fn(p.from, p.since, p.since + Ms(p.req.max_wait_ms));
  }

 private:
  struct Parked {
    NodeId from;
    FetchRequest req;
    TimerId timer;
    TimeNs since = 0;
  };
  static bool HasError(const FetchResponse& r);
  static bool Reads(const FetchRequest& req, const TopicPartition& tp);
  void Expire(uint64_t key);

  Env& env_;
  Reader reader_;
  Reply reply_;
  NothingNew nothing_new_;
  uint64_t next_key_ = 0;
  std::map<uint64_t, Parked> pending_;
};

}  // namespace kafkasim::broker
