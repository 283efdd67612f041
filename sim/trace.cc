#include "sim/trace.h"

#include "sim/trace_fields.h"

namespace kafkasim::sim {

JsonWriter& Trace::Begin(TimeNs at, std::string_view type) {
  w_.Clear();
  w_.BeginObject().Field("i", lines_).Field("t", at).Field("type", type);
  return w_;
}

void Trace::End() {
  w_.EndObject();
  const std::string& line = w_.str();
  if (hashing_) {
    uint64_t h = hash_;
    for (unsigned char c : line) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    h ^= '\n';
    h *= 0x100000001b3ULL;
    hash_ = h;
  }
  ++lines_;
  if (out_) *out_ << line << '\n';
  if (listener_) listener_(line);
}

void Trace::Observe(TimeNs at, const Observation& obs) {
  if (!recording()) {
    Skip();
    return;
  }
  WriteObservationFields(obs, Begin(at, ObservationKind(obs)));
  End();
}

std::string Trace::HashHex(uint64_t h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) s[static_cast<size_t>(i)] = kHex[h & 0xf];
  return s;
}

}  // namespace kafkasim::sim
