// core/protocol/wire/api_versions.h — the request header and ApiVersions
// (KIP-35, KIP-511), the first request every real client sends.
//
// Kafka 3.4's behaviour, followed here:
//   - the header's version follows the API's flexible versions; a key the
//     broker does not know is refused (the broker closes the connection);
//   - an ApiVersions request at a version newer than the broker's is
//     answered UNSUPPORTED_VERSION, in v0, listing the ApiVersions range
//     (ApiVersionsRequest.getErrorResponse; RequestContext.apiVersion);
//   - v3's ClientSoftwareName / ClientSoftwareVersion must match
//     [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])? or INVALID_REQUEST;
//   - an ApiVersions response always has the v0 response header (no tagged
//     fields), since the client cannot know the broker's versions yet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/common.h"
#include "core/protocol/wire/api_keys.h"
#include "core/protocol/wire/wire_reader.h"

namespace kafkasim::wire {

struct RequestHeader {
  int16_t api_key = 0;
  int16_t api_version = 0;
  int32_t correlation_id = 0;
  std::optional<std::string> client_id;
};

// Reads the header at the start of a request frame (after its size).
// INVALID_REQUEST for a malformed header or an api key kafkasim does not know.
Result<RequestHeader> ReadRequestHeader(WireReader& r);

struct ApiVersionRange {
  int16_t api_key;
  int16_t min_version;
  int16_t max_version;
};

// The answer to an ApiVersions request whose header `h` was read from `r`:
// a whole response frame. `supported` lists what this broker answers.
Bytes AnswerApiVersions(const RequestHeader& h, WireReader& r, const std::vector<ApiVersionRange>& supported);

// Decoded ApiVersions response (for tests and for reading a real broker's).
struct ApiVersionsResponse {
  int32_t correlation_id = 0;
  ErrorCode error = ErrorCode::NONE;
  std::vector<ApiVersionRange> api_keys;
  int32_t throttle_time_ms = 0;
};
Result<ApiVersionsResponse> DecodeApiVersionsResponse(std::span<const uint8_t> frame, int16_t version);

}  // namespace kafkasim::wire
