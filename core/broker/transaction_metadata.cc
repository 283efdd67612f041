// core/broker/transaction_metadata.cc — transaction states and the
// __transaction_state record codec.
#include "core/broker/transaction_metadata.h"

#include <charconv>
#include <sstream>
#include <vector>

#include "core/broker/offsets_log.h"
#include "core/record/record_batch.h"

namespace kafkasim::broker {
namespace {

constexpr std::string_view kTxnKeyPrefix = "T|";
constexpr TransactionState kAllStates[] = {TransactionState::kEmpty,          TransactionState::kOngoing,
                                           TransactionState::kPrepareCommit,  TransactionState::kPrepareAbort,
                                           TransactionState::kCompleteCommit, TransactionState::kCompleteAbort,
                                           TransactionState::kDead,           TransactionState::kPrepareEpochFence};

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  return !s.empty() && std::from_chars(s.data(), s.data() + s.size(), *out).ec == std::errc{};
}

bool ParseField(TxnRecord& r, std::string_view name, std::string_view v) {
  if (name == "producer_id") return ParseNumber(v, &r.producer_id);
  if (name == "producer_epoch") return ParseNumber(v, &r.producer_epoch);
  if (name == "timeout_ms") return ParseNumber(v, &r.txn_timeout_ms);
  if (name == "start_ms") return ParseNumber(v, &r.txn_start_timestamp_ms);
  if (name == "update_ms") return ParseNumber(v, &r.txn_last_update_timestamp_ms);
  if (name == "state") {
    for (TransactionState s : kAllStates) {
      if (TransactionStateName(s) != v) continue;
      r.state = s;
      return true;
    }
    return false;
  }
  if (name == "partitions") {
    if (v.empty()) return true;
    for (std::string_view item : Split(v, ',')) {
      size_t colon = item.rfind(':');
      int32_t p = 0;
      if (colon == std::string_view::npos || !ParseNumber(item.substr(colon + 1), &p)) return false;
      r.partitions.insert(TopicPartition{std::string(item.substr(0, colon)), PartitionId{p}});
    }
    return true;
  }
  return false;
}

}  // namespace

std::string_view TransactionStateName(TransactionState s) {
  switch (s) {
    case TransactionState::kEmpty:
      return "Empty";
    case TransactionState::kOngoing:
      return "Ongoing";
    case TransactionState::kPrepareCommit:
      return "PrepareCommit";
    case TransactionState::kPrepareAbort:
      return "PrepareAbort";
    case TransactionState::kCompleteCommit:
      return "CompleteCommit";
    case TransactionState::kCompleteAbort:
      return "CompleteAbort";
    case TransactionState::kDead:
      return "Dead";
    case TransactionState::kPrepareEpochFence:
      return "PrepareEpochFence";
  }
  return "Unknown";
}

int32_t TransactionStatePartitionFor(const std::string& transactional_id, int32_t num_partitions) {
  // The same hash as a group's (Java's String.hashCode, Utils.abs).
  return OffsetsPartitionFor(transactional_id, num_partitions);
}

Bytes EncodeTxnRecordBatch(const TxnRecord& r, int64_t timestamp_ms) {
  std::ostringstream v;
  std::string parts;
  for (const TopicPartition& tp : r.partitions)
    parts += (parts.empty() ? "" : ",") + tp.topic + ":" + std::to_string(tp.partition.value());
  v << "producer_id\t" << r.producer_id << "\nproducer_epoch\t" << r.producer_epoch << "\ntimeout_ms\t"
    << r.txn_timeout_ms << "\nstate\t" << TransactionStateName(r.state) << "\npartitions\t" << parts << "\nstart_ms\t"
    << r.txn_start_timestamp_ms << "\nupdate_ms\t" << r.txn_last_update_timestamp_ms << "\n";
  std::string key = std::string(kTxnKeyPrefix) + r.transactional_id;
  std::string value = v.str();
  record::BatchBuilder builder(0, key.size() + value.size() + 64);
  builder.Append(timestamp_ms, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(key.data()), key.size()),
                 std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
  return builder.Build(record::Compression::kNone);
}

std::optional<TxnRecord> ParseTxnRecord(std::string_view key, std::string_view value) {
  if (key.substr(0, kTxnKeyPrefix.size()) != kTxnKeyPrefix) return std::nullopt;
  TxnRecord r;
  r.transactional_id = std::string(key.substr(kTxnKeyPrefix.size()));
  for (std::string_view line : Split(value, '\n')) {
    if (line.empty()) continue;
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() != 2 || !ParseField(r, f[0], f[1])) return std::nullopt;
  }
  return r;
}

}  // namespace kafkasim::broker
