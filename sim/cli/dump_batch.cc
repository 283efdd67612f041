// sim/cli/dump_batch.cc — `kafkasim dump-batch`: decodes RecordBatch v2 bytes
// (hex on the command line, or a file of raw or hex bytes holding one or more
// concatenated batches) and prints each batch and its records, as JSON (one
// object per batch per line, Kafka's field names) or as text in the style of
// kafka-dump-log.sh --print-data-log.
#include <cctype>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>

#include "core/record/compression.h"
#include "core/record/control_record.h"
#include "core/record/record_batch.h"
#include "core/record/varint.h"
#include "core/util/json_writer.h"
#include "core/util/utf8.h"
#include "sim/cli/commands.h"

namespace kafkasim::cli {
namespace {

using record::DecodedBatch;

constexpr const char* kDumpBatchUsage = "usage: kafkasim dump-batch --hex HEX|--file F [--format json|text]";

struct DumpArgs {
  std::optional<std::string> hex;
  std::optional<std::string> file;
  std::string format = "text";
};

std::optional<DumpArgs> ParseDumpArgs(const std::vector<std::string>& args, std::ostream& err) {
  DumpArgs a;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h" || i + 1 >= args.size()) {
      err << (flag == "--help" || flag == "-h" ? "" : "dump-batch: missing value for " + flag + "\n") << kDumpBatchUsage
          << "\n";
      return std::nullopt;
    }
    const std::string& v = args[++i];
    if (flag == "--hex")
      a.hex = v;
    else if (flag == "--file")
      a.file = v;
    else if (flag == "--format")
      a.format = v;
    else {
      err << "dump-batch: unknown option " << flag << "\n" << kDumpBatchUsage << "\n";
      return std::nullopt;
    }
  }
  if (a.hex.has_value() == a.file.has_value()) {
    err << "dump-batch: give exactly one of --hex and --file\n" << kDumpBatchUsage << "\n";
    return std::nullopt;
  }
  if (a.format != "json" && a.format != "text") {
    err << "dump-batch: --format must be json or text, not " << a.format << "\n";
    return std::nullopt;
  }
  return a;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Hex text to bytes; whitespace is ignored and '#' starts a comment line.
std::optional<Bytes> ParseHex(std::string_view text, std::string& why) {
  Bytes out;
  int high = -1;
  bool comment = false;
  for (char c : text) {
    if (comment) {
      comment = c != '\n';
      continue;
    }
    if (c == '#') comment = true;
    if (c == '#' || std::isspace(static_cast<unsigned char>(c))) continue;
    int d = HexDigit(c);
    if (d < 0) {
      why = std::string("not a hex digit: '") + c + "'";
      return std::nullopt;
    }
    if (high < 0) {
      high = d;
    } else {
      out.push_back(static_cast<uint8_t>(high << 4 | d));
      high = -1;
    }
  }
  if (high >= 0) {
    why = "odd number of hex digits";
    return std::nullopt;
  }
  return out;
}

// A file is hex text when every byte is printable ASCII or whitespace; a raw
// batch starts with baseOffset's high byte, in practice 0x00.
std::optional<Bytes> ReadInput(const DumpArgs& a, std::ostream& err) {
  std::string why;
  if (a.hex) {
    auto b = ParseHex(*a.hex, why);
    if (!b) err << "dump-batch: --hex: " << why << "\n";
    return b;
  }
  std::ifstream f(*a.file, std::ios::binary);
  if (!f) {
    err << "dump-batch: cannot open " << *a.file << "\n";
    return std::nullopt;
  }
  std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  bool text = !data.empty();
  for (char c : data) {
    auto u = static_cast<unsigned char>(c);
    if (!(std::isprint(u) || std::isspace(u))) text = false;
  }
  if (!text) return Bytes(data.begin(), data.end());
  auto b = ParseHex(data, why);
  if (!b) err << "dump-batch: " << *a.file << ": " << why << "\n";
  return b;
}

std::string ToHex(std::span<const uint8_t> b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(b.size() * 2);
  for (uint8_t x : b) {
    s.push_back(kDigits[x >> 4]);
    s.push_back(kDigits[x & 0xf]);
  }
  return s;
}

void JsonBytes(JsonWriter& w, std::string_view key, const std::optional<Bytes>& b) {
  w.Key(key);
  if (b)
    w.String(ToHex(*b));
  else
    w.Null();
}

// baseOffset + offsetDelta and baseTimestamp + timestampDelta are Java long
// sums: a batch from the wire may make them overflow, and they wrap.
int64_t RecordOffset(const DecodedBatch& d, const record::Record& r) {
  return record::WrappingAdd(d.header.base_offset, r.offset_delta);
}

int64_t RecordTimestamp(const DecodedBatch& d, const record::Record& r) {
  return d.batch.is_log_append_time() ? d.header.max_timestamp
                                      : record::WrappingAdd(d.header.base_timestamp, r.timestamp_delta);
}

// A header key is a Java String: valid UTF-8 is printed as is; other bytes
// as Java decodes them (U+FFFD each), and then exactly, in hex, as keyHex.
void JsonHeaderKey(JsonWriter& w, const std::string& key) {
  w.Field("key", key);  // JsonWriter writes ill-formed UTF-8 as U+FFFD
  if (!IsValidUtf8(key)) w.Field("keyHex", ToHex({reinterpret_cast<const uint8_t*>(key.data()), key.size()}));
}

// A control batch's records (parsed before printing; empty otherwise).
using Controls = std::vector<record::ControlRecord>;

// As Kafka's DumpLogSegments: " endTxnMarker: COMMIT coordinatorEpoch: 7",
// or the control type of a record that is not a transaction marker.
std::string ControlText(const record::ControlRecord& c) {
  if (c.marker) {
    return " endTxnMarker: " + std::string(record::ControlRecordTypeName(c.type)) +
           " coordinatorEpoch: " + std::to_string(c.marker->coordinator_epoch);
  }
  return " controlType: " + std::string(record::ControlRecordTypeName(c.type)) + "(" + std::to_string(c.type_id) + ")";
}

void JsonControl(JsonWriter& w, const record::ControlRecord& c) {
  w.Field("controlType", record::ControlRecordTypeName(c.type)).Field("controlTypeId", int32_t{c.type_id});
  if (c.marker) w.Field("coordinatorEpoch", c.marker->coordinator_epoch);
}

std::string BatchJson(const DecodedBatch& d, const Controls& controls) {
  const auto& h = d.header;
  JsonWriter w;
  w.BeginObject().Field("baseOffset", h.base_offset).Field("batchLength", h.batch_length);
  w.Field("partitionLeaderEpoch", h.partition_leader_epoch).Field("magic", int32_t{h.magic});
  w.Field("crc", uint64_t{h.crc}).Field("crcValid", d.crc_valid);
  w.Field("compression", record::CompressionName(d.batch.compression()));
  w.Field("timestampType", d.batch.is_log_append_time() ? "LogAppendTime" : "CreateTime");
  w.Field("isTransactional", h.is_transactional()).Field("isControl", h.is_control());
  w.Field("lastOffsetDelta", h.last_offset_delta).Field("baseTimestamp", h.base_timestamp);
  w.Field("maxTimestamp", h.max_timestamp).Field("producerId", h.producer_id);
  w.Field("producerEpoch", int32_t{h.producer_epoch}).Field("baseSequence", h.base_sequence);
  w.Key("records").BeginArray();
  for (size_t i = 0; i < d.batch.records.size(); ++i) {
    const auto& r = d.batch.records[i];
    w.BeginObject().Field("offset", RecordOffset(d, r)).Field("timestamp", RecordTimestamp(d, r));
    if (i < controls.size()) JsonControl(w, controls[i]);
    JsonBytes(w, "key", r.key);
    JsonBytes(w, "value", r.value);
    w.Key("headers").BeginArray();
    for (const auto& hd : r.headers) {
      w.BeginObject();
      JsonHeaderKey(w, hd.key);
      JsonBytes(w, "value", hd.value);
      w.EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

// Printable ASCII as is, anything else as 0x-prefixed hex.
std::string Printable(const Bytes& b) {
  for (uint8_t c : b) {
    if (c < 0x20 || c > 0x7e) return "0x" + ToHex(b);
  }
  return std::string(b.begin(), b.end());
}

std::string BatchText(const DecodedBatch& d, const Controls& controls, size_t position) {
  const auto& h = d.header;
  const char* ts_type = d.batch.is_log_append_time() ? "LogAppendTime" : "CreateTime";
  std::ostringstream o;
  o << "baseOffset: " << h.base_offset << " lastOffset: " << h.last_offset() << " count: " << h.records_count
    << " baseSequence: " << h.base_sequence << " lastSequence: " << h.last_sequence()
    << " producerId: " << h.producer_id << " producerEpoch: " << h.producer_epoch
    << " partitionLeaderEpoch: " << h.partition_leader_epoch << " isTransactional: " << std::boolalpha
    << h.is_transactional() << " isControl: " << h.is_control() << " position: " << position << " " << ts_type << ": "
    << h.max_timestamp << " size: " << h.total_size() << " magic: " << int{h.magic}
    << " compresscodec: " << record::CompressionName(d.batch.compression()) << " crc: " << h.crc
    << " isvalid: " << d.crc_valid << "\n";
  for (size_t i = 0; i < d.batch.records.size(); ++i) {
    const auto& r = d.batch.records[i];
    int64_t seq = h.base_sequence < 0 ? -1 : (int64_t{h.base_sequence} + r.offset_delta) % 2147483648LL;
    o << "| offset: " << RecordOffset(d, r) << " " << ts_type << ": " << RecordTimestamp(d, r)
      << " keySize: " << (r.key ? static_cast<int64_t>(r.key->size()) : -1)
      << " valueSize: " << (r.value ? static_cast<int64_t>(r.value->size()) : -1) << " sequence: " << seq
      << " headerKeys: [";
    for (size_t i = 0; i < r.headers.size(); ++i) o << (i ? "," : "") << r.headers[i].key;
    o << "]";
    if (i < controls.size()) {
      o << ControlText(controls[i]) << "\n";
      continue;
    }
    if (r.key) o << " key: " << Printable(*r.key);
    if (r.value) o << " payload: " << Printable(*r.value);
    o << "\n";
  }
  return o.str();
}

// Why records may not decode: corrupt bytes, which the CRC tells apart from
// a well-formed batch this decoder rejects.
std::string CrcHint(std::span<const uint8_t> rest) {
  auto h = record::ParseBatchHeader(rest);
  if (!h.ok() || h->total_size() > rest.size()) return "";
  if (record::VerifyBatchCrc(rest.first(h->total_size()))) return " (crcValid: true)";
  return " (crcValid: false: the batch's CRC-32C does not match its bytes, so they are corrupt)";
}

}  // namespace

int RunDumpBatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto a = ParseDumpArgs(args, err);
  if (!a) return 2;
  auto bytes = ReadInput(*a, err);
  if (!bytes) return 2;
  if (bytes->empty()) {
    err << "dump-batch: no bytes to decode\n";
    return 2;
  }
  std::span<const uint8_t> all(*bytes);
  size_t pos = 0;
  for (int index = 0; pos < all.size(); ++index) {
    auto d = record::DecodeBatchDetailed(all.subspan(pos), {.require_valid_crc = false});
    if (!d.ok()) {
      err << "dump-batch: batch " << index << " at byte " << pos << ": " << d.error().message
          << CrcHint(all.subspan(pos)) << "\n";
      return 2;
    }
    Controls controls;
    if (d->batch.is_control()) {
      auto c = record::ParseControlBatch(d->batch);
      if (!c.ok()) {
        err << "dump-batch: batch " << index << " at byte " << pos << ": " << ErrorName(c.error().code) << ": "
            << c.error().message << "\n";
        return 2;
      }
      controls = std::move(*c);
    }
    if (a->format == "json")
      out << BatchJson(*d, controls) << "\n";
    else
      out << BatchText(*d, controls, pos);
    pos += d->header.total_size();
  }
  return 0;
}

}  // namespace kafkasim::cli
