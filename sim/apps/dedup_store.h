// sim/apps/dedup_store.h — the application's own store of processed record
// ids (the seed notes' "消息落库，落库的时候校验是否消费过": store each
// message, and check the store before processing). `dedup:` of a consumer.
//
// The store is one file on the consumer node's simulated disk, an 8-byte
// big-endian RecordUid per processed record, appended in the same step as
// the record's effect (ObsConsumed). A redelivered record whose id is in the
// store is skipped (ObsRedelivered): a store lookup instead of processing.
//
// Durability, the lesson's point:
//   store           each id is fsynced as it is written (a database that
//                   commits per record): the store survives a process crash
//                   and a power failure — at-least-once delivery becomes
//                   exactly-once effects, at the cost of one fsync and one
//                   lookup per record;
//   store-unsynced  ids stay in the page cache (the store never fsyncs): a
//                   process crash keeps them, a power failure of the
//                   consumer's machine loses them (a torn write keeps a
//                   prefix), and the records they stood for are processed
//                   again when redelivered — duplicates return.
// A partial id at the end of the file (a torn write) is dropped when the
// store is opened, as a database drops a torn log tail.
#pragma once

#include <set>
#include <string>

#include "core/env.h"

namespace kafkasim::sim {

class DedupStore {
 public:
  // Opens the store `file` on `disk`, reading the ids it already holds.
  DedupStore(Disk& disk, std::string file, bool fsync_each);

  bool Contains(RecordUid uid) const { return ids_.count(uid) != 0; }
  // Records that `uid` was processed (in the same step as its effect).
  void Add(RecordUid uid);
  size_t size() const { return ids_.size(); }

 private:
  Disk& disk_;
  std::string file_;
  bool fsync_each_;
  std::set<RecordUid> ids_;
};

// The store's file name on a consumer node's disk.
std::string DedupStoreFile(std::string_view consumer_id);

}  // namespace kafkasim::sim
