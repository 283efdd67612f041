// core/util/result.h — errors as values (LevelDB's Status, Redpanda's errc).
//
// Result<T> holds a T or an Error; no exceptions cross module boundaries.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/protocol/errors.h"

namespace kafkasim {

struct Error {
  ErrorCode code = ErrorCode::UNKNOWN_SERVER_ERROR;
  std::string message;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status OkStatus() { return Unit{}; }

inline Error MakeError(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }
// What Kafka's record parsing raises on bad bytes (CorruptRecordException).
inline Error CorruptMessage(std::string message) { return MakeError(ErrorCode::CORRUPT_MESSAGE, std::move(message)); }

}  // namespace kafkasim
