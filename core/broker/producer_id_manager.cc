// core/broker/producer_id_manager.cc — producer ids from a durable counter.
#include "core/broker/producer_id_manager.h"

#include <charconv>
#include <span>
#include <string>

namespace kafkasim::broker {
namespace {

constexpr const char* kProducerIdFile = "producer-id-counter";
constexpr int64_t kProducerIdsPerBroker = 1'000'000'000;

}  // namespace

std::optional<ProducerId> ProducerIdManager::GenerateProducerId() {
  int64_t next = 0;
  if (disk_.Exists(kProducerIdFile)) {
    auto b = disk_.Read(kProducerIdFile);
    std::from_chars(reinterpret_cast<const char*>(b.data()), reinterpret_cast<const char*>(b.data() + b.size()), next);
  }
  std::string text = std::to_string(next + 1);
  const auto bytes = std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  if (!disk_.Truncate(kProducerIdFile, 0).ok() || !disk_.Append(kProducerIdFile, bytes).ok() ||
      !disk_.Fsync(kProducerIdFile).ok()) {
    return std::nullopt;
  }
  return ProducerId{env_.self.value() * kProducerIdsPerBroker + next};
}

}  // namespace kafkasim::broker
