// core/broker/group_metadata_record.cc — the group-metadata records a group
// coordinator keeps in __consumer_offsets beside the offset commits.
//
// Key "G|<group id>" (offset commits use "<group>/<topic>/<partition>").
// Value: text lines, fields separated by tabs —
//   generation <n>
//   protocol <name>
//   leader <member id>
//   member <id> <client node> <session ms> <rebalance ms> <join order>
//          <protocols a,b> <topics t1,t2> <assignment t1:0,t2:3>
// Topic names cannot hold ':' or ',' (Kafka allows [a-zA-Z0-9._-]).
#include <charconv>
#include <sstream>

#include "core/broker/group_metadata.h"
#include "core/record/record_batch.h"

namespace kafkasim::broker {
namespace {

constexpr std::string_view kGroupKeyPrefix = "G|";

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  if (s.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  return !s.empty() && std::from_chars(s.data(), s.data() + s.size(), *out).ec == std::errc{};
}

std::string JoinTopics(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::string JoinPartitions(const std::vector<TopicPartition>& v) {
  std::string out;
  for (const auto& tp : v) out += (out.empty() ? "" : ",") + tp.topic + ":" + std::to_string(tp.partition.value());
  return out;
}

bool ParsePartitions(std::string_view s, std::vector<TopicPartition>* out) {
  for (std::string_view item : Split(s, ',')) {
    size_t colon = item.rfind(':');
    int32_t p = 0;
    if (colon == std::string_view::npos || !ParseNumber(item.substr(colon + 1), &p)) return false;
    out->push_back(TopicPartition{std::string(item.substr(0, colon)), PartitionId{p}});
  }
  return true;
}

// "member <id> <client> <session> <rebalance> <order> <protocols> <topics> <assignment>"
bool ParseMember(const std::vector<std::string_view>& f, MemberMetadata* m) {
  if (f.size() != 9) return false;
  int32_t client = 0;
  m->member_id = std::string(f[1]);
  if (!ParseNumber(f[2], &client) || !ParseNumber(f[3], &m->session_timeout_ms) ||
      !ParseNumber(f[4], &m->rebalance_timeout_ms) || !ParseNumber(f[5], &m->join_order)) {
    return false;
  }
  m->client = NodeId{client};
  for (std::string_view p : Split(f[6], ',')) m->protocols.emplace_back(p);
  for (std::string_view t : Split(f[7], ',')) m->subscription.topics.emplace_back(t);
  return ParsePartitions(f[8], &m->assignment);
}

}  // namespace

bool IsGroupMetadataKey(std::string_view key) { return key.substr(0, kGroupKeyPrefix.size()) == kGroupKeyPrefix; }

Bytes EncodeGroupMetadataBatch(const GroupMetadata& g, int64_t timestamp_ms) {
  std::ostringstream v;
  v << "generation\t" << g.generation << "\nprotocol\t" << g.protocol << "\nleader\t" << g.leader << "\n";
  for (const auto& [id, m] : g.members) {
    v << "member\t" << id << "\t" << m.client.value() << "\t" << m.session_timeout_ms << "\t" << m.rebalance_timeout_ms
      << "\t" << m.join_order << "\t" << JoinTopics(m.protocols) << "\t" << JoinTopics(m.subscription.topics) << "\t"
      << JoinPartitions(m.assignment) << "\n";
  }
  std::string key = std::string(kGroupKeyPrefix) + g.group_id;
  std::string value = v.str();
  record::BatchBuilder builder(0, key.size() + value.size() + 64);
  builder.Append(timestamp_ms, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(key.data()), key.size()),
                 std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
  return builder.Build(record::Compression::kNone);
}

std::optional<StoredGroup> ParseGroupMetadata(std::string_view key, std::string_view value) {
  if (!IsGroupMetadataKey(key)) return std::nullopt;
  StoredGroup g;
  g.group_id = std::string(key.substr(kGroupKeyPrefix.size()));
  for (std::string_view line : Split(value, '\n')) {
    if (line.empty()) continue;
    std::vector<std::string_view> f = Split(line, '\t');
    if (f[0] == "generation" && f.size() == 2) {
      if (!ParseNumber(f[1], &g.generation)) return std::nullopt;
    } else if (f[0] == "protocol" && f.size() == 2) {
      g.protocol = std::string(f[1]);
    } else if (f[0] == "leader" && f.size() == 2) {
      g.leader = std::string(f[1]);
    } else if (f[0] == "member") {
      MemberMetadata m;
      if (!ParseMember(f, &m)) return std::nullopt;
      g.members.push_back(std::move(m));
    } else {
      return std::nullopt;
    }
  }
  return g;
}

}  // namespace kafkasim::broker
