// core/record/compression.h — the four codecs of Kafka's compression.type,
// with the real libraries and the framings Kafka clients write:
//   gzip   — zlib's gzip format (RFC 1952), as java.util.zip.GZIPOutputStream
//   snappy — xerial framing (as snappy-java's SnappyOutputStream, which the
//            Java client uses); decoding also accepts a raw snappy block
//            (librdkafka's older output)
//   lz4    — the LZ4 frame format (lz4frame.h)
//   zstd   — standard zstd frames
// Every decompression is bounded: output beyond `max_output_bytes` is an
// error (a decompression bomb), never an allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/config/client_config.h"
#include "core/protocol/common.h"
#include "core/util/result.h"

namespace kafkasim::record {

using config::Compression;

constexpr size_t kDefaultMaxDecompressedBytes = 64 * 1024 * 1024;
// snappy-java's default block size, which SnappyOutputStream chunks input by.
constexpr size_t kXerialBlockSize = 32 * 1024;

// Kafka's names: "none", "gzip", "snappy", "lz4", "zstd".
std::string_view CompressionName(Compression c);
std::optional<Compression> ParseCompression(std::string_view name);
// The codec held in attribute bits 0-2; nullopt for 5..7 (not a codec).
std::optional<Compression> CompressionFromCodec(int codec);

// Appends the compressed form of `in` to `out`. kNone copies.
// Errors only on library failure (out of memory).
Status CompressTo(Compression c, std::span<const uint8_t> in, Bytes& out);
Result<Bytes> Compress(Compression c, std::span<const uint8_t> in);

// Replaces the contents of `out` (keeping its capacity) with the decompressed
// form of `in`. Errors: CORRUPT_MESSAGE for malformed input or output larger
// than max_output_bytes.
Status DecompressTo(Compression c, std::span<const uint8_t> in, size_t max_output_bytes, Bytes& out);
Result<Bytes> Decompress(Compression c, std::span<const uint8_t> in,
                         size_t max_output_bytes = kDefaultMaxDecompressedBytes);

}  // namespace kafkasim::record
