// core/controller/kraft/metadata_record.cc — the one-line text encoding.
#include "core/controller/kraft/metadata_record.h"

#include <charconv>
#include <map>
#include <utility>

namespace kafkasim::controller::kraft {
namespace {

std::string Ids(const std::vector<NodeId>& ids) {
  std::string out;
  for (NodeId id : ids) out += (out.empty() ? "" : ",") + std::to_string(id.value());
  return out.empty() ? "-" : out;
}

std::optional<int64_t> Int(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::vector<NodeId>> ParseIds(std::string_view s) {
  std::vector<NodeId> out;
  if (s == "-") return out;
  while (!s.empty()) {
    const size_t comma = s.find(',');
    auto v = Int(s.substr(0, comma));
    if (!v) return std::nullopt;
    out.push_back(NodeId{static_cast<int32_t>(*v)});
    s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
  }
  return out;
}

// An absent field is an empty list; a malformed one is false.
bool ParseOptionalIds(std::optional<std::string_view> text, std::vector<NodeId>* out) {
  if (!text) return true;
  auto ids = ParseIds(*text);
  if (!ids) return false;
  *out = std::move(*ids);
  return true;
}

// "Name k=v k=v" -> fields; the name in `name`.
std::map<std::string, std::string, std::less<>> Fields(std::string_view text, std::string_view* name) {
  std::map<std::string, std::string, std::less<>> out;
  size_t sp = text.find(' ');
  *name = text.substr(0, sp);
  while (sp != std::string_view::npos) {
    text = text.substr(sp + 1);
    sp = text.find(' ');
    std::string_view kv = text.substr(0, sp);
    const size_t eq = kv.find('=');
    if (eq != std::string_view::npos) out.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return out;
}

struct Encoder {
  std::string operator()(const RegisterBrokerRecord& r) const {
    return "RegisterBrokerRecord broker=" + std::to_string(r.broker_id.value()) +
           " epoch=" + std::to_string(r.broker_epoch) + " incarnation=" + std::to_string(r.incarnation);
  }
  std::string operator()(const BrokerRegistrationChangeRecord& r) const {
    return "BrokerRegistrationChangeRecord broker=" + std::to_string(r.broker_id.value()) +
           " epoch=" + std::to_string(r.broker_epoch) + " fenced=" + std::to_string(r.fenced);
  }
  std::string operator()(const TopicRecord& r) const { return "TopicRecord name=" + r.name; }
  std::string operator()(const PartitionRecord& r) const {
    return "PartitionRecord tp=" + r.tp.ToString() + " replicas=" + Ids(r.replicas) + " isr=" + Ids(r.isr) +
           " leader=" + std::to_string(r.leader.value()) + " leader_epoch=" + std::to_string(r.leader_epoch.value()) +
           " partition_epoch=" + std::to_string(r.partition_epoch) + (r.elr.empty() ? "" : " elr=" + Ids(r.elr)) +
           (r.last_known_elr.empty() ? "" : " last_known_elr=" + Ids(r.last_known_elr));
  }
  std::string operator()(const PartitionChangeRecord& r) const {
    std::string out = "PartitionChangeRecord tp=" + r.tp.ToString();
    if (r.leader) out += " leader=" + std::to_string(r.leader->value());
    if (r.isr) out += " isr=" + Ids(*r.isr);
    if (r.elr) out += " elr=" + Ids(*r.elr);
    if (r.last_known_elr) out += " last_known_elr=" + Ids(*r.last_known_elr);
    return out;
  }
};

std::optional<TopicPartition> ParseTp(std::string_view s) {
  const size_t dash = s.rfind('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto p = Int(s.substr(dash + 1));
  if (!p) return std::nullopt;
  return TopicPartition{std::string(s.substr(0, dash)), PartitionId{static_cast<int32_t>(*p)}};
}

}  // namespace

std::string Encode(const MetadataRecord& record) { return std::visit(Encoder{}, record); }

std::optional<MetadataRecord> Decode(std::string_view text) {
  std::string_view name;
  auto f = Fields(text, &name);
  auto get = [&](std::string_view k) -> std::optional<std::string_view> {
    auto it = f.find(k);
    if (it == f.end()) return std::nullopt;
    return std::string_view(it->second);
  };
  auto num = [&](std::string_view k) -> std::optional<int64_t> {
    auto v = get(k);
    return v ? Int(*v) : std::nullopt;
  };
  if (name == "RegisterBrokerRecord") {
    auto b = num("broker"), e = num("epoch"), i = num("incarnation");
    if (!b || !e || !i) return std::nullopt;
    return RegisterBrokerRecord{NodeId{static_cast<int32_t>(*b)}, *e, *i};
  }
  if (name == "BrokerRegistrationChangeRecord") {
    auto b = num("broker"), e = num("epoch"), fe = num("fenced");
    if (!b || !e || !fe) return std::nullopt;
    return BrokerRegistrationChangeRecord{NodeId{static_cast<int32_t>(*b)}, *e, static_cast<int8_t>(*fe)};
  }
  if (name == "TopicRecord") {
    auto n = get("name");
    if (!n) return std::nullopt;
    return TopicRecord{std::string(*n)};
  }
  auto tp_text = get("tp");
  auto tp = tp_text ? ParseTp(*tp_text) : std::nullopt;
  if (!tp) return std::nullopt;
  if (name == "PartitionRecord") {
    auto rep = get("replicas"), isr = get("isr");
    auto l = num("leader"), le = num("leader_epoch"), pe = num("partition_epoch");
    auto replicas = rep ? ParseIds(*rep) : std::nullopt;
    auto isr_ids = isr ? ParseIds(*isr) : std::nullopt;
    if (!replicas || !isr_ids || !l || !le || !pe) return std::nullopt;
    PartitionRecord r{*tp,
                      *replicas,
                      *isr_ids,
                      NodeId{static_cast<int32_t>(*l)},
                      LeaderEpoch{static_cast<int32_t>(*le)},
                      static_cast<int32_t>(*pe),
                      {},
                      {}};
    if (!ParseOptionalIds(get("elr"), &r.elr) || !ParseOptionalIds(get("last_known_elr"), &r.last_known_elr))
      return std::nullopt;
    return r;
  }
  if (name == "PartitionChangeRecord") {
    PartitionChangeRecord r{*tp, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    if (auto l = num("leader")) r.leader = NodeId{static_cast<int32_t>(*l)};
    for (auto [key, field] :
         {std::pair{"isr", &r.isr}, std::pair{"elr", &r.elr}, std::pair{"last_known_elr", &r.last_known_elr}}) {
      if (auto ids = get(key)) {
        *field = ParseIds(*ids);
        if (!*field) return std::nullopt;
      }
    }
    return r;
  }
  return std::nullopt;
}

}  // namespace kafkasim::controller::kraft
