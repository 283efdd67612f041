// tests/core/protocol/wire_api_versions_test.cc — the request header and
// ApiVersions as a real client sends them (bytes captured from kcat 1.7 /
// librdkafka 2.0.2 on Debian: `kcat -b 127.0.0.1:PORT -L` against a socket
// that recorded the first frame), Kafka 3.4's answers to unsupported and
// invalid requests, and malformed bytes refused without a crash.
#include "core/protocol/wire/api_versions.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace kafkasim::wire {
namespace {

Bytes FromHex(const std::string& hex) {
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// Size 36; ApiVersions v3, correlation id 1, client id "rdkafka", no tags;
// ClientSoftwareName "librdkafka", ClientSoftwareVersion "2.0.2", no tags.
const Bytes kKcatApiVersions =
    FromHex("000000240012000300000001000772646b61666b61000b6c696272646b61666b6106322e302e3200");

const std::vector<ApiVersionRange> kSupported{{kApiVersionsKey, 0, 3}, {3, 0, 12}};

std::span<const uint8_t> Body(const Bytes& frame) { return std::span<const uint8_t>(frame).subspan(4); }

TEST(WireApiVersions, ReadsKcatsRequestAndAnswersWithTheSupportedVersions) {
  WireReader r(Body(kKcatApiVersions));
  auto h = ReadRequestHeader(r);
  ASSERT_TRUE(h.ok()) << h.error().message;
  EXPECT_EQ(h->api_key, kApiVersionsKey);
  EXPECT_EQ(h->api_version, 3);
  EXPECT_EQ(h->correlation_id, 1);
  EXPECT_EQ(h->client_id, "rdkafka");
  Bytes answer = AnswerApiVersions(*h, r, kSupported);
  auto resp = DecodeApiVersionsResponse(answer, 3);
  ASSERT_TRUE(resp.ok()) << resp.error().message;
  EXPECT_EQ(resp->correlation_id, 1);
  EXPECT_EQ(resp->error, ErrorCode::NONE);
  ASSERT_EQ(resp->api_keys.size(), 2u);
  EXPECT_EQ(resp->api_keys[1].api_key, 3);
  EXPECT_EQ(resp->api_keys[1].max_version, 12);
  // v0 response header (no tagged fields) even at v3: 4 + 26 bytes, which
  // the decoder above, reading a v0 header, consumed exactly.
  EXPECT_EQ(answer.size(), 30u);
}

// KIP-511: a newer ApiVersions than the broker's is answered in v0 with
// UNSUPPORTED_VERSION and the ApiVersions range, so the client can retry lower.
TEST(WireApiVersions, ANewerVersionIsAnsweredUnsupportedInVersionZero) {
  Bytes frame = kKcatApiVersions;
  frame[7] = 9;  // ApiVersions v9
  WireReader r(Body(frame));
  auto h = ReadRequestHeader(r);
  ASSERT_TRUE(h.ok()) << h.error().message;
  auto resp = DecodeApiVersionsResponse(AnswerApiVersions(*h, r, kSupported), 0);
  ASSERT_TRUE(resp.ok()) << resp.error().message;
  EXPECT_EQ(resp->error, ErrorCode::UNSUPPORTED_VERSION);
  ASSERT_EQ(resp->api_keys.size(), 1u);
  EXPECT_EQ(resp->api_keys[0].api_key, kApiVersionsKey);
  EXPECT_EQ(resp->api_keys[0].max_version, 3);
}

TEST(WireApiVersions, AnInvalidClientSoftwareNameIsAnInvalidRequest) {
  Bytes frame = kKcatApiVersions;
  frame[23] = '-';  // "-ibrdkafka": must start with a letter or digit
  WireReader r(Body(frame));
  auto h = ReadRequestHeader(r);
  ASSERT_TRUE(h.ok());
  auto resp = DecodeApiVersionsResponse(AnswerApiVersions(*h, r, kSupported), 3);
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->error, ErrorCode::INVALID_REQUEST);
  EXPECT_TRUE(resp->api_keys.empty());
}

TEST(WireApiVersions, MalformedHeadersNameTheField) {
  WireReader truncated(std::span<const uint8_t>(kKcatApiVersions).subspan(4, 6));
  auto h = ReadRequestHeader(truncated);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().code, ErrorCode::INVALID_REQUEST);
  EXPECT_NE(h.error().message.find("CorrelationId"), std::string::npos) << h.error().message;

  Bytes unknown = kKcatApiVersions;
  unknown[5] = 99;  // api key 99
  WireReader r(Body(unknown));
  auto u = ReadRequestHeader(r);
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.error().message.find("unknown api key 99"), std::string::npos) << u.error().message;

  Bytes long_id = kKcatApiVersions;
  long_id[13] = 0x70;  // client id length 0x70 with 30 bytes left
  WireReader l(Body(long_id));
  auto c = ReadRequestHeader(l);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("ClientId"), std::string::npos) << c.error().message;
}

// Whatever bytes arrive, reading them ends in a header or INVALID_REQUEST,
// and an answer to an ApiVersions header decodes.
RC_GTEST_PROP(WireApiVersionsProperty, ArbitraryBytesNeverCrash, (std::vector<uint8_t> tail, uint8_t cut)) {
  Bytes frame(kKcatApiVersions.begin() + 4, kKcatApiVersions.begin() + 4 + (cut % 36));
  frame.insert(frame.end(), tail.begin(), tail.end());
  WireReader r(frame);
  auto h = ReadRequestHeader(r);
  if (!h.ok()) {
    RC_ASSERT(h.error().code == ErrorCode::INVALID_REQUEST);
    return;
  }
  if (h->api_key != kApiVersionsKey) return;
  Bytes answer = AnswerApiVersions(*h, r, kSupported);
  const int16_t v = h->api_version >= 0 && h->api_version <= 3 ? h->api_version : 0;
  RC_ASSERT(DecodeApiVersionsResponse(answer, v).ok());
}

}  // namespace
}  // namespace kafkasim::wire
