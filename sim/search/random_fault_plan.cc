// sim/search/random_fault_plan.cc — drawing a random fault schedule as YAML.
#include "sim/search/random_fault_plan.h"

#include <sstream>

namespace kafkasim::sim {
namespace {

std::string Broker(int id) { return "broker-" + std::to_string(id); }
std::string MsText(TimeNs t) { return std::to_string(t / kNsPerMs) + "ms"; }

// Everything one draw needs: the shape, the stream, the text being written.
class PlanWriter {
 public:
  PlanWriter(const FaultPlanShape& shape, Prng& prng) : shape_(shape), prng_(prng) {}

  void Draw(RandomFaultKind kind);
  void Settle();
  std::string Take() {
    std::string s = out_.str();
    out_.str("");
    return s;
  }

 private:
  int AnyBroker() { return static_cast<int>(prng_.Between(1, shape_.brokers)); }
  int OtherBroker(int b) { return (b + static_cast<int>(prng_.Between(0, shape_.brokers - 2))) % shape_.brokers + 1; }
  TimeNs For() { return prng_.Between(300, 5000) * kNsPerMs; }
  // "[broker-x, broker-y, zookeeper, p1]": every node but broker `b`.
  std::string Rest(int b, bool with_clients, bool with_zookeeper) const;
  std::string Clients() const;
  void Entry(TimeNs at, const std::string& body) { out_ << "  - {at: " << MsText(at) << ", " << body << "}\n"; }

  const FaultPlanShape& shape_;
  Prng& prng_;
  std::ostringstream out_;
};

std::string PlanWriter::Rest(int b, bool with_clients, bool with_zookeeper) const {
  std::string s;
  auto add = [&s](const std::string& n) { s += (s.empty() ? "" : ", ") + n; };
  for (int i = 1; i <= shape_.brokers; ++i)
    if (i != b) add(Broker(i));
  if (with_zookeeper) add("zookeeper");
  if (with_clients)
    for (const std::string& c : shape_.clients) add(c);
  return s;
}

std::string PlanWriter::Clients() const {
  std::string s;
  for (const std::string& c : shape_.clients) s += ", " + c;
  return s;
}

void PlanWriter::Draw(RandomFaultKind kind) {
  const TimeNs at = prng_.Between(shape_.first_ns / kNsPerMs, shape_.last_ns / kNsPerMs - 1) * kNsPerMs;
  const TimeNs lasts = For();
  const int b = AnyBroker();
  const std::string forever_or_for = prng_.Chance(0.75) ? ", for: " + MsText(lasts) : "";
  switch (kind) {
    case RandomFaultKind::kCrash:
    case RandomFaultKind::kPowerFail: {
      const bool power = kind == RandomFaultKind::kPowerFail;
      Entry(at, (power ? "power_fail: " : "crash: ") + Broker(b) +
                    (power && prng_.Chance(0.5) ? ", torn_write: true" : ""));
      if (prng_.Chance(0.75)) Entry(at + lasts, "restart: " + Broker(b));
      // Half the power failures take a second broker down at the same
      // moment (one rack, one power feed): only then can every replica of a
      // partition lose its unsynced tail, as in KIP-101's divergence case.
      if (power && shape_.brokers > 1 && prng_.Chance(0.5)) {
        const int other = OtherBroker(b);
        Entry(at, "power_fail: " + Broker(other));
        Entry(at + For(), "restart: " + Broker(other));
      }
      break;
    }
    case RandomFaultKind::kControllerCrash:
      Entry(at, "crash: controller");
      break;
    case RandomFaultKind::kLeaderCrash:
      Entry(at, "crash: leader(" + shape_.partitions[prng_.Below(shape_.partitions.size())] + ")");
      break;
    case RandomFaultKind::kPause:
      Entry(at, "pause: " + Broker(b) + ", for: " + MsText(lasts));
      break;
    case RandomFaultKind::kPartition:
      Entry(at, "partition: [[" + Broker(b) + "], [" + Rest(b, true, true) + "]]" + forever_or_for);
      break;
    case RandomFaultKind::kZombieLeader:
      Entry(at, "partition: [[" + Broker(b) + Clients() + "], [" + Rest(b, false, true) + "]]" + forever_or_for);
      break;
    case RandomFaultKind::kOneWayCut:
      for (int i = 1; i <= shape_.brokers; ++i)
        if (i != b) Entry(at, "link: {from: " + Broker(b) + ", to: " + Broker(i) + ", drop: 1.0}" + forever_or_for);
      Entry(at, "link: {from: " + Broker(b) + ", to: zookeeper, drop: 1.0}" + forever_or_for);
      for (const std::string& c : shape_.clients) {
        std::string entry = "link: {from: " + Broker(b) + ", to: ";
        entry.append(c).append(", drop: 1.0}").append(forever_or_for);
        Entry(at, entry);
      }
      break;
    case RandomFaultKind::kZooKeeperCut:
      Entry(at, "link: {between: [" + Broker(b) + ", zookeeper], drop: 1.0}" + forever_or_for);
      break;
    case RandomFaultKind::kSlowLink:
      Entry(at, "link: {between: [" + Broker(b) + ", " + Broker(OtherBroker(b)) +
                    "], latency: " + std::to_string(prng_.Between(200, 1500)) + "ms}" + forever_or_for);
      break;
    case RandomFaultKind::kLossyLink:
      Entry(at, "link: {between: [" + Broker(b) + ", " + Broker(OtherBroker(b)) + "], drop: 0." +
                    std::to_string(prng_.Between(1, 5)) + "}" + forever_or_for);
      break;
    case RandomFaultKind::kDuplicatingLink: {
      const std::string peer = shape_.clients.empty() || prng_.Chance(0.5)
                                   ? Broker(OtherBroker(b))
                                   : shape_.clients[prng_.Below(shape_.clients.size())];
      Entry(at, "link: {between: [" + Broker(b) + ", " + peer + "], duplicate: 0." +
                    std::to_string(prng_.Between(2, 6)) + "}" + forever_or_for);
      break;
    }
    case RandomFaultKind::kClientCrash: {
      const std::string& client = shape_.clients[prng_.Below(shape_.clients.size())];
      Entry(at, "crash: " + client);
      Entry(at + lasts, "restart: " + client);
      break;
    }
    case RandomFaultKind::kBuggify:
      break;  // no entry: Compose() turns the file's `buggify` on
  }
}

void PlanWriter::Settle() {
  Entry(shape_.settle_ns, "heal: all");
  for (int i = 1; i <= shape_.brokers; ++i) Entry(shape_.settle_ns, "restart: " + Broker(i));
}

}  // namespace

const char* RandomFaultKindName(RandomFaultKind k) {
  static const char* kNames[kRandomFaultKinds] = {
      "crash",      "controller crash", "leader crash", "power failure", "pause",
      "partition",  "zombie leader",    "one-way cut",  "zookeeper cut", "slow link",
      "lossy link", "duplicating link", "client crash", "buggify"};
  return kNames[static_cast<int>(k)];
}

const char* RandomFaultKindToken(RandomFaultKind k) {
  static const char* kTokens[kRandomFaultKinds] = {
      "crash",      "controller-crash", "leader-crash", "power-fail",    "pause",
      "partition",  "zombie-leader",    "one-way-cut",  "zookeeper-cut", "slow-link",
      "lossy-link", "duplicating-link", "client-crash", "buggify"};
  return kTokens[static_cast<int>(k)];
}

std::optional<RandomFaultKind> ParseRandomFaultKind(const std::string& token) {
  for (int i = 0; i < kRandomFaultKinds; ++i)
    if (token == RandomFaultKindToken(static_cast<RandomFaultKind>(i))) return static_cast<RandomFaultKind>(i);
  return std::nullopt;
}

std::string RandomFaultPlan::Describe() const {
  std::string s;
  for (RandomFaultKind k : kinds) s += (s.empty() ? "" : ", ") + std::string(RandomFaultKindName(k));
  return s;
}

RandomFaultPlan DrawRandomFaultPlan(const FaultPlanShape& shape, Prng& prng) {
  RandomFaultPlan plan;
  PlanWriter writer(shape, prng);
  const int n = static_cast<int>(prng.Between(shape.min_faults, shape.max_faults));
  for (int i = 0; i < n; ++i) {
    auto kind = shape.kinds.empty() ? static_cast<RandomFaultKind>(prng.Below(kBrokerFaultKinds))
                                    : shape.kinds[prng.Below(shape.kinds.size())];
    if (kind == RandomFaultKind::kPowerFail && !shape.power_failures) kind = RandomFaultKind::kCrash;
    if (kind == RandomFaultKind::kLeaderCrash && shape.partitions.empty()) kind = RandomFaultKind::kCrash;
    if (kind == RandomFaultKind::kClientCrash && shape.clients.empty()) kind = RandomFaultKind::kCrash;
    plan.kinds.push_back(kind);
    writer.Draw(kind);
    plan.fault_yaml.push_back(writer.Take());
    plan.yaml += plan.fault_yaml.back();
  }
  writer.Settle();
  plan.settle_yaml = writer.Take();
  plan.yaml += plan.settle_yaml;
  return plan;
}

}  // namespace kafkasim::sim
