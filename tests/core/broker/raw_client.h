// tests/core/broker/raw_client.h — a client node for coordinator tests: it
// sends what the test says (through its env) and keeps every answer.
#pragma once

#include <stdexcept>
#include <variant>
#include <vector>

#include "core/env.h"
#include "core/protocol/message.h"

namespace kafkasim::testing {

class RawClient final : public Node {
 public:
  explicit RawClient(Env& env) : env(env) {}
  void Start() override {}
  void OnMessage(NodeId, const Message& m) override { got.push_back(m); }
  // The latest answer of type T.
  template <typename T>
  const T& Last() const {
    for (auto it = got.rbegin(); it != got.rend(); ++it)
      if (auto* x = std::get_if<T>(&*it)) return *x;
    throw std::runtime_error("no such response");
  }
  Env& env;
  std::vector<Message> got;
};

}  // namespace kafkasim::testing
