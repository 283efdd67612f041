// core/record/compression.cc — gzip (zlib), snappy (+xerial framing), lz4
// frames and zstd frames, all decompressions bounded.
#include "core/record/compression.h"

#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/record/batch_header.h"

namespace kafkasim::record {
namespace {

constexpr std::array<uint8_t, 8> kXerialMagic = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr size_t kXerialHeaderSize = 16;  // magic + int32 version + int32 compatible version
constexpr size_t kGrowStep = 64 * 1024;

Error Corrupt(std::string_view codec, std::string_view what) {
  return MakeError(ErrorCode::CORRUPT_MESSAGE, std::string(codec) + ": " + std::string(what));
}

Error Bomb(std::string_view codec, size_t max_output_bytes) {
  return Corrupt(codec, "decompressed size exceeds the limit of " + std::to_string(max_output_bytes) +
                            " bytes (decompression bomb?)");
}

// Grows `out` (doubling from kGrowStep) to at most cap + 1 bytes: one byte
// past the limit is how a decoder shows it has more to give. False when that
// byte is already there, i.e. the output exceeds `cap`.
bool Grow(Bytes& out, size_t cap) {
  if (cap >= SIZE_MAX - 1) cap = SIZE_MAX - 2;
  cap += 1;
  if (out.size() >= cap) return false;
  size_t want = out.size() < kGrowStep ? kGrowStep : out.size() * 2;
  out.resize(want < cap ? want : cap);
  return true;
}

// ---- gzip ------------------------------------------------------------------

Status GzipCompress(std::span<const uint8_t> in, Bytes& out) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Corrupt("gzip", "deflateInit2 failed");
  }
  size_t start = out.size();
  out.resize(start + deflateBound(&zs, static_cast<uLong>(in.size())) + 32);
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = out.data() + start;
  zs.avail_out = static_cast<uInt>(out.size() - start);
  int rc = deflate(&zs, Z_FINISH);
  out.resize(start + zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Corrupt("gzip", "deflate did not finish");
  return OkStatus();
}

Status GzipDecompress(std::span<const uint8_t> in, size_t cap, Bytes& out) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return Corrupt("gzip", "inflateInit2 failed");
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  size_t produced = 0;
  int rc = Z_OK;
  while (true) {
    if (produced == out.size() && !Grow(out, cap)) {
      inflateEnd(&zs);
      return Bomb("gzip", cap);
    }
    zs.next_out = out.data() + produced;
    zs.avail_out = static_cast<uInt>(out.size() - produced);
    rc = inflate(&zs, Z_NO_FLUSH);
    produced = out.size() - zs.avail_out;
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);  // concatenated gzip members, as GZIPInputStream reads them
      continue;
    }
    if (rc == Z_BUF_ERROR && zs.avail_out != 0) rc = Z_DATA_ERROR;  // input ended mid-stream
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
  }
  inflateEnd(&zs);
  out.resize(produced);
  if (produced > cap) return Bomb("gzip", cap);
  if (rc != Z_STREAM_END) return Corrupt("gzip", zs.msg ? zs.msg : "truncated or corrupt stream");
  return OkStatus();
}

// ---- snappy ----------------------------------------------------------------

Status SnappyCompressXerial(std::span<const uint8_t> in, Bytes& out) {
  out.insert(out.end(), kXerialMagic.begin(), kXerialMagic.end());
  uint8_t ver[8];
  WriteBe32(ver, 1);      // version
  WriteBe32(ver + 4, 1);  // compatible version
  out.insert(out.end(), ver, ver + 8);
  for (size_t off = 0; off < in.size(); off += kXerialBlockSize) {
    size_t n = in.size() - off < kXerialBlockSize ? in.size() - off : kXerialBlockSize;
    size_t at = out.size();
    out.resize(at + 4 + snappy::MaxCompressedLength(n));
    size_t clen = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(in.data() + off), n, reinterpret_cast<char*>(out.data() + at + 4),
                        &clen);
    WriteBe32(out.data() + at, static_cast<int32_t>(clen));
    out.resize(at + 4 + clen);
  }
  return OkStatus();
}

// Appends the raw snappy block `block` to out, checking the cap first.
Status SnappyRawAppend(std::span<const uint8_t> block, size_t cap, Bytes& out) {
  size_t n = 0;
  const char* src = reinterpret_cast<const char*>(block.data());
  if (!snappy::GetUncompressedLength(src, block.size(), &n)) return Corrupt("snappy", "bad block length");
  if (n > cap || out.size() > cap - n) return Bomb("snappy", cap);
  size_t at = out.size();
  out.resize(at + n);
  if (!snappy::RawUncompress(src, block.size(), reinterpret_cast<char*>(out.data() + at))) {
    out.resize(at);
    return Corrupt("snappy", "corrupt block");
  }
  return OkStatus();
}

Status SnappyDecompress(std::span<const uint8_t> in, size_t cap, Bytes& out) {
  out.clear();
  bool xerial = in.size() >= kXerialHeaderSize && std::memcmp(in.data(), kXerialMagic.data(), 8) == 0;
  if (!xerial) return SnappyRawAppend(in, cap, out);
  size_t pos = kXerialHeaderSize;
  while (pos < in.size()) {
    if (in.size() - pos < 4) return Corrupt("snappy", "truncated xerial block length");
    int32_t len = ReadBe32(in.data() + pos);
    pos += 4;
    if (len < 0 || static_cast<size_t>(len) > in.size() - pos) return Corrupt("snappy", "xerial block overruns input");
    auto st = SnappyRawAppend(in.subspan(pos, static_cast<size_t>(len)), cap, out);
    if (!st.ok()) return st;
    pos += static_cast<size_t>(len);
  }
  return OkStatus();
}

// ---- lz4 -------------------------------------------------------------------

Status Lz4Compress(std::span<const uint8_t> in, Bytes& out) {
  LZ4F_preferences_t prefs{};
  prefs.frameInfo.blockSizeID = LZ4F_max64KB;  // Kafka's KafkaLZ4BlockOutputStream default
  prefs.frameInfo.blockMode = LZ4F_blockIndependent;
  size_t at = out.size();
  out.resize(at + LZ4F_compressFrameBound(in.size(), &prefs));
  size_t n = LZ4F_compressFrame(out.data() + at, out.size() - at, in.data(), in.size(), &prefs);
  if (LZ4F_isError(n)) {
    out.resize(at);
    return Corrupt("lz4", LZ4F_getErrorName(n));
  }
  out.resize(at + n);
  return OkStatus();
}

Status Lz4Decompress(std::span<const uint8_t> in, size_t cap, Bytes& out) {
  LZ4F_dctx* dctx = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION))) return Corrupt("lz4", "no context");
  size_t in_pos = 0, produced = 0, hint = 1;
  Status st = OkStatus();
  while (hint != 0) {
    if (produced == out.size() && !Grow(out, cap)) {
      st = Bomb("lz4", cap);
      break;
    }
    size_t src_size = in.size() - in_pos, dst_size = out.size() - produced;
    hint = LZ4F_decompress(dctx, out.data() + produced, &dst_size, in.data() + in_pos, &src_size, nullptr);
    if (LZ4F_isError(hint)) {
      st = Corrupt("lz4", LZ4F_getErrorName(hint));
      break;
    }
    in_pos += src_size;
    produced += dst_size;
    if (hint != 0 && in_pos == in.size() && dst_size == 0 && produced < out.size()) {
      st = Corrupt("lz4", "truncated frame");
      break;
    }
  }
  LZ4F_freeDecompressionContext(dctx);
  out.resize(produced);
  if (produced > cap) return Bomb("lz4", cap);
  if (st.ok() && in_pos != in.size()) return Corrupt("lz4", "trailing bytes after frame");
  return st;
}

// ---- zstd ------------------------------------------------------------------

Status ZstdCompress(std::span<const uint8_t> in, Bytes& out) {
  size_t at = out.size();
  out.resize(at + ZSTD_compressBound(in.size()));
  size_t n = ZSTD_compress(out.data() + at, out.size() - at, in.data(), in.size(), 3);
  if (ZSTD_isError(n)) {
    out.resize(at);
    return Corrupt("zstd", ZSTD_getErrorName(n));
  }
  out.resize(at + n);
  return OkStatus();
}

Status ZstdDecompress(std::span<const uint8_t> in, size_t cap, Bytes& out) {
  ZSTD_DStream* ds = ZSTD_createDStream();
  if (ds == nullptr) return Corrupt("zstd", "no context");
  ZSTD_inBuffer ib{in.data(), in.size(), 0};
  size_t produced = 0, rc = 1;
  Status st = OkStatus();
  while (true) {
    if (produced == out.size() && !Grow(out, cap)) {
      st = Bomb("zstd", cap);
      break;
    }
    ZSTD_outBuffer ob{out.data(), out.size(), produced};
    rc = ZSTD_decompressStream(ds, &ob, &ib);
    produced = ob.pos;
    if (ZSTD_isError(rc)) {
      st = Corrupt("zstd", ZSTD_getErrorName(rc));
      break;
    }
    if (rc == 0 && ib.pos == ib.size) break;  // all frames complete
    if (ib.pos == ib.size && ob.pos < ob.size) {
      st = Corrupt("zstd", "truncated frame");
      break;
    }
  }
  ZSTD_freeDStream(ds);
  out.resize(produced);
  if (produced > cap) return Bomb("zstd", cap);
  return st;
}

}  // namespace

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kSnappy:
      return "snappy";
    case Compression::kLz4:
      return "lz4";
    case Compression::kZstd:
      return "zstd";
  }
  return "unknown";
}

std::optional<Compression> ParseCompression(std::string_view name) {
  for (int i = 0; i <= 4; ++i) {
    auto c = static_cast<Compression>(i);
    if (CompressionName(c) == name) return c;
  }
  return std::nullopt;
}

std::optional<Compression> CompressionFromCodec(int codec) {
  if (codec < 0 || codec > 4) return std::nullopt;
  return static_cast<Compression>(codec);
}

Status CompressTo(Compression c, std::span<const uint8_t> in, Bytes& out) {
  switch (c) {
    case Compression::kNone:
      out.insert(out.end(), in.begin(), in.end());
      return OkStatus();
    case Compression::kGzip:
      return GzipCompress(in, out);
    case Compression::kSnappy:
      return SnappyCompressXerial(in, out);
    case Compression::kLz4:
      return Lz4Compress(in, out);
    case Compression::kZstd:
      return ZstdCompress(in, out);
  }
  return Corrupt("compress", "unknown codec");
}

Result<Bytes> Compress(Compression c, std::span<const uint8_t> in) {
  Bytes out;
  auto st = CompressTo(c, in, out);
  if (!st.ok()) return st.error();
  return out;
}

Status DecompressTo(Compression c, std::span<const uint8_t> in, size_t max_output_bytes, Bytes& out) {
  switch (c) {
    case Compression::kNone:
      if (in.size() > max_output_bytes) return Bomb("none", max_output_bytes);
      out.assign(in.begin(), in.end());
      return OkStatus();
    case Compression::kGzip:
      out.clear();
      return GzipDecompress(in, max_output_bytes, out);
    case Compression::kSnappy:
      return SnappyDecompress(in, max_output_bytes, out);
    case Compression::kLz4:
      out.clear();
      return Lz4Decompress(in, max_output_bytes, out);
    case Compression::kZstd:
      out.clear();
      return ZstdDecompress(in, max_output_bytes, out);
  }
  return Corrupt("decompress", "unknown codec");
}

Result<Bytes> Decompress(Compression c, std::span<const uint8_t> in, size_t max_output_bytes) {
  Bytes out;
  auto st = DecompressTo(c, in, max_output_bytes, out);
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace kafkasim::record
