// sim/scenario/node_ref.cc — parsing node names and topic-partition names.
#include "sim/scenario/node_ref.h"

#include <charconv>

namespace kafkasim::scenario {

namespace {

Error Bad(std::string message) { return MakeError(ErrorCode::UNKNOWN_SERVER_ERROR, std::move(message)); }

std::optional<int> ParsePositive(std::string_view digits) {
  if (digits.empty() || digits.size() > 9 || (digits.size() > 1 && digits[0] == '0')) return std::nullopt;
  int v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  return v;
}

}  // namespace

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string BrokerName(int broker_id) { return "broker-" + std::to_string(broker_id); }

std::optional<int> BrokerIdFromName(std::string_view name) {
  constexpr std::string_view kPrefix = "broker-";
  if (name.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  return ParsePositive(name.substr(kPrefix.size()));
}

std::string ControllerName(int n) { return "controller-" + std::to_string(n); }

std::optional<int> ControllerIndexFromName(std::string_view name) {
  constexpr std::string_view kPrefix = "controller-";
  if (name.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  return ParsePositive(name.substr(kPrefix.size()));
}

Result<TopicPartition> ParseTopicPartition(std::string_view text) {
  size_t dash = text.rfind('-');
  std::optional<int> p = dash == std::string_view::npos ? std::nullopt : ParsePositive(text.substr(dash + 1));
  if (dash == 0 || !p || !IsValidName(text.substr(0, dash))) {
    return Bad("expected a partition name like orders-0 (topic, '-', partition number), got \"" + std::string(text) +
               "\"");
  }
  return TopicPartition{std::string(text.substr(0, dash)), PartitionId{*p}};
}

Result<NodeRef> ParseNodeRef(std::string_view text) {
  NodeRef ref;
  ref.text = std::string(text);
  if (text == kControllerName) {
    ref.kind = NodeRef::Kind::kController;
    return ref;
  }
  if (text == kAllName) {
    ref.kind = NodeRef::Kind::kAll;
    return ref;
  }
  constexpr std::string_view kLeader = "leader(";
  if (text.substr(0, kLeader.size()) == kLeader) {
    if (text.back() != ')') return Bad("expected leader(topic-partition), got \"" + std::string(text) + "\"");
    Result<TopicPartition> tp = ParseTopicPartition(text.substr(kLeader.size(), text.size() - kLeader.size() - 1));
    if (!tp.ok()) return Bad("in \"" + std::string(text) + "\": " + tp.error().message);
    ref.kind = NodeRef::Kind::kLeaderOf;
    ref.tp = *tp;
    return ref;
  }
  if (!IsValidName(text)) {
    return Bad("expected a node name (broker-N, zookeeper, controller, leader(topic-p) or a client id), got \"" +
               std::string(text) + "\"");
  }
  ref.kind = NodeRef::Kind::kNamed;
  ref.name = std::string(text);
  return ref;
}

}  // namespace kafkasim::scenario
