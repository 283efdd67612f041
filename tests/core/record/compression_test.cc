// tests/core/record/compression_test.cc — each codec round-trips, decodes
// frames made by other producers (the gzip/lz4/zstd command-line tools, the
// libraries' own one-shot APIs, snappy's format spec by hand) and refuses
// corrupt, truncated and oversized (bomb) input.
#include "core/record/compression.h"

#include <gtest/gtest.h>
#include <lz4frame.h>
#include <rapidcheck/gtest.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <string>
#include <string_view>

namespace kafkasim::record {
namespace {

constexpr Compression kAllCodecs[] = {Compression::kNone, Compression::kGzip, Compression::kSnappy, Compression::kLz4,
                                      Compression::kZstd};
constexpr std::string_view kToolText = "kafkasim: real bytes from real tools\n";

Bytes FromHex(std::string_view hex) {
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

// Text that compresses well but is not trivial: 200 KiB of log-like lines.
Bytes SampleData() {
  std::string s;
  for (int i = 0; s.size() < 200 * 1024; ++i) {
    s += "offset=" + std::to_string(i) + " key=user-" + std::to_string(i * 7919 % 1000) + " value=event-" +
         std::to_string(i * i % 977) + "\n";
  }
  return ToBytes(s);
}

TEST(CompressionTest, EveryCodecRoundTripsRealData) {
  Bytes data = SampleData();
  for (Compression c : kAllCodecs) {
    auto z = Compress(c, data);
    ASSERT_TRUE(z.ok()) << CompressionName(c);
    if (c != Compression::kNone) {
      EXPECT_LT(z->size(), data.size() / 2) << CompressionName(c);
    }
    auto back = Decompress(c, *z);
    ASSERT_TRUE(back.ok()) << CompressionName(c) << ": " << back.error().message;
    EXPECT_EQ(*back, data) << CompressionName(c);
  }
}

TEST(CompressionTest, EveryCodecRoundTripsEmptyInput) {
  for (Compression c : kAllCodecs) {
    auto z = Compress(c, Bytes{});
    ASSERT_TRUE(z.ok());
    auto back = Decompress(c, *z);
    ASSERT_TRUE(back.ok()) << CompressionName(c) << ": " << back.error().message;
    EXPECT_TRUE(back->empty());
  }
}

TEST(CompressionTest, DecodesFramesFromCommandLineTools) {
  // printf 'kafkasim: real bytes from real tools\n' | gzip -n | lz4 | zstd  (gzip 1.12, lz4 1.9.4, zstd 1.5.4)
  auto gz =
      Decompress(Compression::kGzip, FromHex("1f8b0800000000000003cb4e4ccb4e2cceccb552284a4dcc5148aa2c492d56482bcac"
                                             "f85f04bf2f3738ab900f5b1307625000000"));
  auto lz = Decompress(Compression::kLz4, FromHex("04224d186440a724000000f20a6b61666b6173696d3a207265616c20627974657320"
                                                  "66726f6d100060746f6f6c730a00000000fa3cf70b"));
  auto zs = Decompress(Compression::kZstd, FromHex("28b52ffd24252901006b61666b6173696d3a207265616c20627974657320667"
                                                   "26f6d207265616c20746f6f6c730ab3775c6b"));
  ASSERT_TRUE(gz.ok()) << gz.error().message;
  ASSERT_TRUE(lz.ok()) << lz.error().message;
  ASSERT_TRUE(zs.ok()) << zs.error().message;
  EXPECT_EQ(*gz, ToBytes(kToolText));
  EXPECT_EQ(*lz, ToBytes(kToolText));
  EXPECT_EQ(*zs, ToBytes(kToolText));
}

TEST(CompressionTest, DecodesSnappyRawAndXerialFramesBuiltFromTheFormatSpec) {
  // Raw snappy: varint uncompressed length 5, literal tag (5-1)<<2, "hello".
  Bytes raw = {0x05, 0x10, 'h', 'e', 'l', 'l', 'o'};
  auto a = Decompress(Compression::kSnappy, raw);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(*a, ToBytes("hello"));
  // xerial: magic, version 1, compatible 1, then [int32 BE length][block] twice.
  Bytes x = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
  for (int i = 0; i < 2; ++i) {
    x.insert(x.end(), {0, 0, 0, 7});
    x.insert(x.end(), raw.begin(), raw.end());
  }
  auto b = Decompress(Compression::kSnappy, x);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(*b, ToBytes("hellohello"));
}

TEST(CompressionTest, SnappyEncodesXerialFramingLikeTheJavaClient) {
  Bytes data = SampleData();
  auto z = Compress(Compression::kSnappy, data);
  ASSERT_TRUE(z.ok());
  const Bytes header = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
  ASSERT_GT(z->size(), header.size());
  EXPECT_TRUE(std::equal(header.begin(), header.end(), z->begin()));
  // Blocks of at most 32 KiB input, each a valid raw snappy block on its own.
  size_t pos = header.size(), blocks = 0, total = 0;
  while (pos < z->size()) {
    uint32_t len = (uint32_t{(*z)[pos]} << 24) | ((*z)[pos + 1] << 16) | ((*z)[pos + 2] << 8) | (*z)[pos + 3];
    std::string block;
    ASSERT_TRUE(snappy::Uncompress(reinterpret_cast<const char*>(z->data() + pos + 4), len, &block));
    EXPECT_LE(block.size(), kXerialBlockSize);
    total += block.size();
    pos += 4 + len;
    ++blocks;
  }
  EXPECT_EQ(pos, z->size());
  EXPECT_EQ(total, data.size());
  EXPECT_EQ(blocks, (data.size() + kXerialBlockSize - 1) / kXerialBlockSize);
}

TEST(CompressionTest, DecodesOutputOfTheLibrariesOwnApis) {
  Bytes data = SampleData();
  std::string s(data.begin(), data.end());
  std::string sn;
  snappy::Compress(s.data(), s.size(), &sn);
  Bytes lz(LZ4F_compressFrameBound(data.size(), nullptr));
  lz.resize(LZ4F_compressFrame(lz.data(), lz.size(), data.data(), data.size(), nullptr));
  Bytes zs(ZSTD_compressBound(data.size()));
  zs.resize(ZSTD_compress(zs.data(), zs.size(), data.data(), data.size(), 19));
  EXPECT_EQ(*Decompress(Compression::kSnappy, ToBytes(sn)), data);
  EXPECT_EQ(*Decompress(Compression::kLz4, lz), data);
  EXPECT_EQ(*Decompress(Compression::kZstd, zs), data);
}

TEST(CompressionTest, RefusesOutputBeyondTheLimit) {
  Bytes zeros(4 * 1024 * 1024, 0);  // 4 MiB of zeros compresses to a few KiB: a small bomb
  for (Compression c : kAllCodecs) {
    auto z = Compress(c, zeros);
    ASSERT_TRUE(z.ok());
    auto r = Decompress(c, *z, 1024 * 1024);
    ASSERT_FALSE(r.ok()) << CompressionName(c);
    EXPECT_EQ(r.error().code, ErrorCode::CORRUPT_MESSAGE);
    EXPECT_NE(r.error().message.find("exceeds"), std::string::npos) << r.error().message;
    EXPECT_TRUE(Decompress(c, *z, zeros.size()).ok()) << CompressionName(c);
  }
}

TEST(CompressionTest, RefusesTruncatedAndCorruptFrames) {
  Bytes data = SampleData();
  for (Compression c : kAllCodecs) {
    if (c == Compression::kNone) continue;
    Bytes z = *Compress(c, data);
    Bytes cut(z.begin(), z.begin() + static_cast<long>(z.size() / 2));
    EXPECT_FALSE(Decompress(c, cut).ok()) << CompressionName(c) << " truncated";
    EXPECT_FALSE(Decompress(c, Bytes{}).ok()) << CompressionName(c) << " empty";
    Bytes garbage = ToBytes("this is not a compressed frame at all");
    EXPECT_FALSE(Decompress(c, garbage).ok()) << CompressionName(c) << " garbage";
  }
}

TEST(CompressionTest, NamesAreKafkas) {
  EXPECT_EQ(CompressionName(Compression::kZstd), "zstd");
  EXPECT_EQ(ParseCompression("lz4"), Compression::kLz4);
  EXPECT_EQ(ParseCompression("brotli"), std::nullopt);
  EXPECT_EQ(CompressionFromCodec(5), std::nullopt);
}

RC_GTEST_PROP(CompressionProperty, RoundTripsArbitraryBytes, (std::vector<uint8_t> data)) {
  for (Compression c : kAllCodecs) {
    auto z = Compress(c, data);
    RC_ASSERT(z.ok());
    auto back = Decompress(c, *z);
    RC_ASSERT(back.ok());
    RC_ASSERT(*back == data);
  }
}

RC_GTEST_PROP(CompressionProperty, ArbitraryInputNeverCrashes, (std::vector<uint8_t> junk)) {
  for (Compression c : kAllCodecs) {
    auto r = Decompress(c, junk, 1 << 20);
    if (r.ok()) RC_ASSERT(r->size() <= (1u << 20));
  }
}

}  // namespace
}  // namespace kafkasim::record
