// core/record/record_batch.cc — RecordBatch v2 encode/decode, the reusable
// BatchReader and the producer's BatchBuilder.
#include "core/record/record_batch.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/record/varint.h"
#include "core/util/assert.h"

namespace kafkasim::record {
namespace {

// The smallest record: length, attributes, timestampDelta, offsetDelta,
// keyLength, valueLength, headerCount — one byte each.
constexpr size_t kMinRecordSize = 7;

using OptSpan = std::optional<std::span<const uint8_t>>;

OptSpan AsSpan(const std::optional<Bytes>& b) {
  if (!b) return std::nullopt;
  return std::span<const uint8_t>(*b);
}

size_t SizeOfNullable(size_t n, bool present) { return present ? SizeOfVarint(static_cast<int32_t>(n)) + n : 1; }

void PutNullable(Bytes& out, const OptSpan& b) {
  if (!b) {
    AppendVarint(out, -1);
    return;
  }
  AppendVarint(out, static_cast<int32_t>(b->size()));
  out.insert(out.end(), b->begin(), b->end());
}

// Appends one record (length prefix included) to `out`.
void AppendRecord(Bytes& out, int8_t attributes, int64_t timestamp_delta, int32_t offset_delta, const OptSpan& key,
                  const OptSpan& value, std::span<const RecordHeader> headers) {
  size_t body = 1 + SizeOfVarlong(timestamp_delta) + SizeOfVarint(offset_delta) +
                SizeOfNullable(key ? key->size() : 0, key.has_value()) +
                SizeOfNullable(value ? value->size() : 0, value.has_value()) +
                SizeOfVarint(static_cast<int32_t>(headers.size()));
  for (const auto& h : headers) {
    body += SizeOfNullable(h.key.size(), true) + SizeOfNullable(h.value ? h.value->size() : 0, h.value.has_value());
  }
  size_t need = out.size() + kMaxVarintBytes + body;
  if (need > out.capacity()) out.reserve(need > 2 * out.capacity() ? need : 2 * out.capacity());
  AppendVarint(out, static_cast<int32_t>(body));
  out.push_back(static_cast<uint8_t>(attributes));
  AppendVarlong(out, timestamp_delta);
  AppendVarint(out, offset_delta);
  PutNullable(out, key);
  PutNullable(out, value);
  AppendVarint(out, static_cast<int32_t>(headers.size()));
  for (const auto& h : headers) {
    PutNullable(out, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(h.key.data()), h.key.size()));
    PutNullable(out, AsSpan(h.value));
  }
}

void CompressOrDie(Compression c, std::span<const uint8_t> in, Bytes& out) {
  auto st = CompressTo(c, in, out);
  if (!st.ok()) {
    // Only reachable when the compression library cannot allocate memory.
    std::fprintf(stderr, "kafkasim: compression failed: %s\n", st.error().message.c_str());
    std::abort();
  }
}

// ---- record parsing --------------------------------------------------------

// A cursor over one record's bytes; every read is bounds-checked.
struct Cursor {
  std::span<const uint8_t> in;
  size_t pos = 0;

  bool Varint(int32_t& v) { return TryReadVarint(in, pos, v); }
  bool Varlong(int64_t& v) { return TryReadVarlong(in, pos, v); }
  // Reads a varint length then that many bytes; -1 is null.
  Status Nullable(OptSpan& out, const char* what) {
    int32_t len = 0;
    if (!Varint(len)) return CorruptMessage(std::string("bad varint for ") + what + " length");
    if (len == -1) {
      out = std::nullopt;
      return OkStatus();
    }
    if (len < 0) return CorruptMessage(std::string("negative ") + what + " length " + std::to_string(len));
    if (static_cast<size_t>(len) > in.size() - pos) {
      return CorruptMessage(std::string(what) + " length " + std::to_string(len) + " overruns the record");
    }
    out = in.subspan(pos, static_cast<size_t>(len));
    pos += static_cast<size_t>(len);
    return OkStatus();
  }
};

Status ParseHeaders(Cursor& c, std::vector<HeaderView>& headers) {
  int32_t count = 0;
  if (!c.Varint(count)) return CorruptMessage("bad varint for header count");
  if (count < 0) return CorruptMessage("negative header count " + std::to_string(count));
  if (static_cast<size_t>(count) > (c.in.size() - c.pos) / 2) {
    return CorruptMessage("header count " + std::to_string(count) + " cannot fit in the record");
  }
  headers.clear();
  for (int32_t i = 0; i < count; ++i) {
    OptSpan key, value;
    auto st = c.Nullable(key, "header key");
    if (!st.ok()) return st;
    if (!key) return CorruptMessage("null header key");
    st = c.Nullable(value, "header value");
    if (!st.ok()) return st;
    headers.push_back({std::string_view(reinterpret_cast<const char*>(key->data()), key->size()), value});
  }
  return OkStatus();
}

// Parses the record at section[pos] into `rv` (headers into `headers`).
Status ParseRecord(std::span<const uint8_t> section, size_t& pos, RecordView& rv, std::vector<HeaderView>& headers) {
  int32_t len = 0;
  if (!TryReadVarint(section, pos, len)) return CorruptMessage("bad varint for record length");
  if (len < 0 || static_cast<size_t>(len) > section.size() - pos) {
    return CorruptMessage("record length " + std::to_string(len) + " does not fit the " +
                          std::to_string(section.size() - pos) + " bytes left");
  }
  Cursor c{section.subspan(pos, static_cast<size_t>(len)), 0};
  if (c.in.empty()) return CorruptMessage("empty record");
  rv.attributes = static_cast<int8_t>(c.in[c.pos++]);
  if (!c.Varlong(rv.timestamp_delta)) return CorruptMessage("bad varlong for timestampDelta");
  if (!c.Varint(rv.offset_delta)) return CorruptMessage("bad varint for offsetDelta");
  auto st = c.Nullable(rv.key, "key");
  if (!st.ok()) return st;
  st = c.Nullable(rv.value, "value");
  if (!st.ok()) return st;
  st = ParseHeaders(c, headers);
  if (!st.ok()) return st;
  if (c.pos != c.in.size()) {
    return CorruptMessage("record length " + std::to_string(len) + " but its fields take " + std::to_string(c.pos));
  }
  pos += static_cast<size_t>(len);
  rv.headers = headers;
  return OkStatus();
}

// Checks the header, length and CRC of the batch at the start of `bytes`.
Result<BatchHeader> CheckBatch(std::span<const uint8_t> bytes, bool require_crc, bool* crc_valid) {
  auto h = ParseBatchHeader(bytes);
  if (!h.ok()) return h.error();
  if (bytes.size() < h->total_size()) {
    return CorruptMessage("truncated batch: batchLength " + std::to_string(h->batch_length) + " needs " +
                          std::to_string(h->total_size()) + " bytes, have " + std::to_string(bytes.size()));
  }
  bool valid = VerifyBatchCrc(bytes.first(h->total_size()));
  if (crc_valid != nullptr) *crc_valid = valid;
  if (!valid && require_crc) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "CRC mismatch: stored 0x%08x, computed 0x%08x", h->crc,
                  ComputeBatchCrc(bytes.first(h->total_size())));
    return CorruptMessage(buf);
  }
  if (!CompressionFromCodec(h->compression())) {
    return CorruptMessage("invalid compression codec " + std::to_string(h->compression()));
  }
  return h;
}

}  // namespace

void FinishBatchHeader(std::span<uint8_t> batch, const BatchHeader& h) {
  uint8_t* p = batch.data();
  WriteBe64(p + 0, h.base_offset);
  WriteBe32(p + 8, static_cast<int32_t>(batch.size() - kLogOverhead));
  WriteBe32(p + 12, h.partition_leader_epoch);
  p[16] = static_cast<uint8_t>(kMagicV2);
  WriteBe16(p + 21, h.attributes);
  WriteBe32(p + 23, h.last_offset_delta);
  WriteBe64(p + 27, h.base_timestamp);
  WriteBe64(p + 35, h.max_timestamp);
  WriteBe64(p + 43, h.producer_id);
  WriteBe16(p + 51, h.producer_epoch);
  WriteBe32(p + 53, h.base_sequence);
  WriteBe32(p + 57, h.records_count);
  WriteBe32(p + kCrcOffset, static_cast<int32_t>(ComputeBatchCrc(batch)));
}

void EncodeBatchTo(const RecordBatch& batch, Bytes& out) {
  size_t start = out.size();
  out.resize(start + kBatchHeaderSize);
  Compression codec = batch.compression();
  KSIM_ASSERT(static_cast<int>(codec) >= 0 && static_cast<int>(codec) <= 4, "batch attributes name no codec");
  Bytes scratch;
  Bytes& section = codec == Compression::kNone ? out : scratch;
  for (const Record& r : batch.records) {
    KSIM_ASSERT(r.offset_delta >= INT32_MIN && r.offset_delta <= INT32_MAX, "record offset delta overflows int32");
    AppendRecord(section, r.attributes, r.timestamp_delta, static_cast<int32_t>(r.offset_delta), AsSpan(r.key),
                 AsSpan(r.value), r.headers);
  }
  if (codec != Compression::kNone) CompressOrDie(codec, scratch, out);

  BatchHeader h;
  h.base_offset = batch.base_offset;
  h.partition_leader_epoch = batch.partition_leader_epoch;
  h.attributes = batch.attributes;
  h.last_offset_delta = batch.last_offset_delta != kDeriveLastOffsetDelta ? batch.last_offset_delta
                        : batch.records.empty()                           ? 0
                                                : static_cast<int32_t>(batch.records.back().offset_delta);
  h.base_timestamp = batch.base_timestamp;
  h.max_timestamp = batch.max_timestamp;
  h.producer_id = batch.producer_id;
  h.producer_epoch = batch.producer_epoch;
  h.base_sequence = batch.base_sequence;
  h.records_count = static_cast<int32_t>(batch.records.size());
  FinishBatchHeader(std::span<uint8_t>(out).subspan(start), h);
}

Bytes EncodeBatch(const RecordBatch& batch) {
  Bytes out;
  EncodeBatchTo(batch, out);
  return out;
}

namespace {

// Calls `fn` for each record of a batch whose header `h` has been checked.
Status IterateRecords(const BatchHeader& h, std::span<const uint8_t> batch, const RecordVisitor& fn,
                      const DecodeLimits& limits, Bytes& decompressed, std::vector<HeaderView>& headers) {
  std::span<const uint8_t> section = batch.subspan(kBatchHeaderSize, h.total_size() - kBatchHeaderSize);
  auto codec = static_cast<Compression>(h.compression());
  if (codec != Compression::kNone) {
    auto st = DecompressTo(codec, section, limits.max_decompressed_bytes, decompressed);
    if (!st.ok()) return st;
    section = decompressed;
  }
  if (static_cast<size_t>(h.records_count) > section.size() / kMinRecordSize) {
    return CorruptMessage("records count " + std::to_string(h.records_count) + " cannot fit in " +
                          std::to_string(section.size()) + " bytes");
  }
  size_t pos = 0;
  RecordView rv;
  const bool log_append_time = h.attributes & kTimestampTypeMask;
  for (int32_t i = 0; i < h.records_count; ++i) {
    auto st = ParseRecord(section, pos, rv, headers);
    if (!st.ok()) return CorruptMessage("record " + std::to_string(i) + ": " + st.error().message);
    rv.offset = WrappingAdd(h.base_offset, rv.offset_delta);
    rv.timestamp = log_append_time ? h.max_timestamp : WrappingAdd(h.base_timestamp, rv.timestamp_delta);
    fn(rv);
  }
  if (pos != section.size()) {
    return CorruptMessage(std::to_string(section.size() - pos) + " bytes left after " +
                          std::to_string(h.records_count) + " records");
  }
  return OkStatus();
}

}  // namespace

Status BatchReader::ForEach(std::span<const uint8_t> batch, const RecordVisitor& fn, DecodeLimits limits) {
  auto h = CheckBatch(batch, limits.require_valid_crc, nullptr);
  if (!h.ok()) return h.error();
  header_ = *h;
  return IterateRecords(header_, batch, fn, limits, decompressed_, headers_);
}

Status ForEachRecord(std::span<const uint8_t> batch, const RecordVisitor& fn, DecodeLimits limits) {
  BatchReader reader;
  return reader.ForEach(batch, fn, limits);
}

namespace {

std::optional<Bytes> ToBytes(const OptSpan& s) {
  if (!s) return std::nullopt;
  return Bytes(s->begin(), s->end());
}

Record ToRecord(const RecordView& rv) {
  Record r;
  r.offset_delta = rv.offset_delta;
  r.timestamp_delta = rv.timestamp_delta;
  r.key = ToBytes(rv.key);
  r.value = ToBytes(rv.value);
  r.attributes = rv.attributes;
  r.headers.reserve(rv.headers.size());
  for (const HeaderView& hv : rv.headers) r.headers.push_back({std::string(hv.key), ToBytes(hv.value)});
  return r;
}

}  // namespace

Result<DecodedBatch> DecodeBatchDetailed(std::span<const uint8_t> bytes, DecodeLimits limits) {
  DecodedBatch out;
  auto h = CheckBatch(bytes, limits.require_valid_crc, &out.crc_valid);
  if (!h.ok()) return h.error();
  out.header = *h;
  RecordBatch& b = out.batch;
  b.base_offset = h->base_offset;
  b.partition_leader_epoch = h->partition_leader_epoch;
  b.attributes = h->attributes;
  b.base_timestamp = h->base_timestamp;
  b.max_timestamp = h->max_timestamp;
  b.producer_id = h->producer_id;
  b.producer_epoch = h->producer_epoch;
  b.base_sequence = h->base_sequence;
  Bytes decompressed;
  std::vector<HeaderView> headers;
  auto st = IterateRecords(
      out.header, bytes, [&](const RecordView& rv) { b.records.push_back(ToRecord(rv)); }, limits, decompressed,
      headers);
  if (!st.ok()) return st.error();
  int32_t derived = b.records.empty() ? 0 : static_cast<int32_t>(b.records.back().offset_delta);
  if (h->last_offset_delta != derived) b.last_offset_delta = h->last_offset_delta;
  return out;
}

Result<RecordBatch> DecodeBatch(std::span<const uint8_t> bytes, DecodeLimits limits) {
  auto d = DecodeBatchDetailed(bytes, limits);
  if (!d.ok()) return d.error();
  return std::move(d->batch);
}

// ---- BatchBuilder ------------------------------------------------------------

BatchBuilder::BatchBuilder(int64_t base_offset, size_t expected_bytes) : base_offset_(base_offset) {
  buf_.reserve(kBatchHeaderSize + expected_bytes);
  buf_.resize(kBatchHeaderSize);
}

BatchBuilder& BatchBuilder::SetProducer(int64_t producer_id, int16_t producer_epoch, int32_t base_sequence) {
  producer_id_ = producer_id;
  producer_epoch_ = producer_epoch;
  base_sequence_ = base_sequence;
  return *this;
}

BatchBuilder& BatchBuilder::SetPartitionLeaderEpoch(int32_t epoch) {
  partition_leader_epoch_ = epoch;
  return *this;
}

BatchBuilder& BatchBuilder::SetTransactional(bool transactional) {
  attributes_ =
      static_cast<int16_t>(transactional ? attributes_ | kTransactionalMask : attributes_ & ~kTransactionalMask);
  return *this;
}

BatchBuilder& BatchBuilder::SetLogAppendTime(bool log_append_time) {
  attributes_ =
      static_cast<int16_t>(log_append_time ? attributes_ | kTimestampTypeMask : attributes_ & ~kTimestampTypeMask);
  return *this;
}

void BatchBuilder::Append(int64_t timestamp_ms, OptSpan key, OptSpan value, std::span<const RecordHeader> headers) {
  if (count_ == 0) {
    base_timestamp_ = timestamp_ms;
    max_timestamp_ = timestamp_ms;
  }
  if (timestamp_ms > max_timestamp_) max_timestamp_ = timestamp_ms;
  AppendRecord(buf_, 0, WrappingSub(timestamp_ms, base_timestamp_), count_, key, value, headers);
  ++count_;
}

Bytes BatchBuilder::Build(Compression compression) {
  BatchHeader h;
  h.base_offset = base_offset_;
  h.partition_leader_epoch = partition_leader_epoch_;
  h.attributes = static_cast<int16_t>(attributes_ | static_cast<int16_t>(compression));
  h.last_offset_delta = count_ == 0 ? 0 : count_ - 1;
  h.base_timestamp = base_timestamp_;
  h.max_timestamp = max_timestamp_;
  h.producer_id = producer_id_;
  h.producer_epoch = producer_epoch_;
  h.base_sequence = base_sequence_;
  h.records_count = count_;
  Bytes out;
  if (compression == Compression::kNone) {
    out = std::move(buf_);
    buf_ = Bytes();
    buf_.reserve(out.capacity());
  } else {
    out.reserve(kBatchHeaderSize + (buf_.size() - kBatchHeaderSize) / 2 + 64);
    out.resize(kBatchHeaderSize);
    CompressOrDie(compression, std::span<const uint8_t>(buf_).subspan(kBatchHeaderSize), out);
  }
  FinishBatchHeader(out, h);
  buf_.resize(kBatchHeaderSize);
  count_ = 0;
  base_timestamp_ = max_timestamp_ = 0;
  return out;
}

}  // namespace kafkasim::record
