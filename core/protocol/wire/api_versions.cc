// core/protocol/wire/api_versions.cc — request headers and ApiVersions v0-v3.
#include "core/protocol/wire/api_versions.h"

#include "core/protocol/wire/wire_writer.h"

namespace kafkasim::wire {
namespace {

// ApiVersionsRequest.isValid's pattern, without a regex engine.
bool ValidSoftwareName(std::string_view s) {
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (s.empty() || !alnum(s.front()) || !alnum(s.back())) return false;
  for (char c : s)
    if (!alnum(c) && c != '-' && c != '.') return false;
  return true;
}

Bytes EncodeResponse(int32_t correlation_id, int16_t version, ErrorCode error,
                     const std::vector<ApiVersionRange>& keys) {
  const bool flexible = version >= 3;
  WireWriter w;
  w.Int32(correlation_id);  // response header v0 for every ApiVersions version
  w.Int16(static_cast<int16_t>(error));
  w.ArrayLength(keys.size(), flexible);
  for (const ApiVersionRange& k : keys) {
    w.Int16(k.api_key);
    w.Int16(k.min_version);
    w.Int16(k.max_version);
    if (flexible) w.EmptyTaggedFields();
  }
  if (version >= 1) w.Int32(0);  // ThrottleTimeMs
  if (flexible) w.EmptyTaggedFields();
  return std::move(w).Finish();
}

}  // namespace

Result<RequestHeader> ReadRequestHeader(WireReader& r) {
  RequestHeader h;
  h.api_key = r.Int16("RequestApiKey");
  h.api_version = r.Int16("RequestApiVersion");
  h.correlation_id = r.Int32("CorrelationId");
  if (!r.ok()) return r.error();
  std::optional<ApiKeyInfo> api = FindApiKey(h.api_key);
  if (!api) return MakeError(ErrorCode::INVALID_REQUEST, "RequestApiKey: unknown api key " + std::to_string(h.api_key));
  h.client_id = r.NullableString("ClientId", false);  // "flexibleVersions": "none"
  if (RequestHeaderVersion(*api, h.api_version) >= 2) r.SkipTaggedFields("RequestHeader tagged fields");
  if (!r.ok()) return r.error();
  return h;
}

Bytes AnswerApiVersions(const RequestHeader& h, WireReader& r, const std::vector<ApiVersionRange>& supported) {
  const ApiKeyInfo api = *FindApiKey(kApiVersionsKey);
  if (h.api_version > api.max_version || h.api_version < api.min_version) {
    return EncodeResponse(h.correlation_id, 0, ErrorCode::UNSUPPORTED_VERSION,
                          {{kApiVersionsKey, api.min_version, api.max_version}});
  }
  bool valid = true;
  if (h.api_version >= 3) {
    const std::string name = r.String("ClientSoftwareName", true);
    const std::string version = r.String("ClientSoftwareVersion", true);
    r.SkipTaggedFields("ApiVersionsRequest tagged fields");
    valid = ValidSoftwareName(name) && ValidSoftwareName(version);
  }
  r.ExpectEnd("ApiVersionsRequest");
  if (!r.ok() || !valid) return EncodeResponse(h.correlation_id, h.api_version, ErrorCode::INVALID_REQUEST, {});
  return EncodeResponse(h.correlation_id, h.api_version, ErrorCode::NONE, supported);
}

Result<ApiVersionsResponse> DecodeApiVersionsResponse(std::span<const uint8_t> frame, int16_t version) {
  WireReader r(frame);
  const int32_t size = r.Int32("size");
  if (r.ok() && static_cast<size_t>(size) != r.remaining())
    return MakeError(ErrorCode::INVALID_REQUEST, "size: frame says " + std::to_string(size) + " bytes");
  const bool flexible = version >= 3;
  ApiVersionsResponse out;
  out.correlation_id = r.Int32("CorrelationId");
  out.error = static_cast<ErrorCode>(r.Int16("ErrorCode"));
  const int32_t n = r.ArrayLength("ApiKeys", flexible);
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    ApiVersionRange k{r.Int16("ApiKey"), r.Int16("MinVersion"), r.Int16("MaxVersion")};
    if (flexible) r.SkipTaggedFields("ApiVersion tagged fields");
    out.api_keys.push_back(k);
  }
  if (version >= 1) out.throttle_time_ms = r.Int32("ThrottleTimeMs");
  if (flexible) r.SkipTaggedFields("ApiVersionsResponse tagged fields");
  r.ExpectEnd("ApiVersionsResponse");
  if (!r.ok()) return r.error();
  return out;
}

}  // namespace kafkasim::wire
