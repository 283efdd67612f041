#include "core/protocol/errors.h"

namespace kafkasim {

std::optional<ErrorCode> ErrorFromName(std::string_view name) {
  for (int code = -100; code <= 100; ++code) {
    auto e = static_cast<ErrorCode>(code);
    std::string_view n = ErrorName(e);
    if (n == name && (e == ErrorCode::UNKNOWN_SERVER_ERROR || n != "UNKNOWN_SERVER_ERROR")) return e;
  }
  return std::nullopt;
}

}  // namespace kafkasim
