// viz/message_view.cc — BuildMessagesView (see the header).
#include "viz/message_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/broker/broker.h"
#include "sim/simulation.h"

namespace kafkasim::viz {

namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

float Fraction(TimeNs from, TimeNs to, TimeNs now) {
  const TimeNs span = std::max<TimeNs>(1, to - from);
  return std::clamp(static_cast<float>(static_cast<double>(now - from) / static_cast<double>(span)), 0.0f, 1.0f);
}

void AddParked(const sim::Simulation& sim, MessagesView& out) {
  const TimeNs now = sim.now();
  for (NodeId id : sim.broker_ids()) {
    const broker::Broker* b = sim.broker(id);
    if (b == nullptr) continue;  // crashed: its purgatory went with the process
    b->replicas().fetch_purgatory().ForEachParked([&](NodeId from, TimeNs since, TimeNs expires) {
      const sim::NodeSlot* s = sim.world().slot(from);
      const bool follower = s != nullptr && s->kind() == sim::NodeKind::kBroker;
      out.parked.push_back(ParkedFetch{id, from, follower, since, expires, Fraction(since, expires, now)});
    });
  }
}

}  // namespace

const char* MessageKindName(MessageKind k) {
  switch (k) {
    case MessageKind::kProduce:
      return "Produce";
    case MessageKind::kFetch:
      return "Fetch";
    case MessageKind::kLeaderAndIsr:
      return "LeaderAndIsr";
    case MessageKind::kJoinGroup:
      return "JoinGroup";
    case MessageKind::kHeartbeat:
      return "Heartbeat";
    case MessageKind::kOffsets:
      return "OffsetCommit";
    case MessageKind::kMetadata:
      return "Metadata";
    case MessageKind::kZooKeeper:
      return "ZooKeeper";
  }
  return "?";
}

MessageKind KindOfMessage(std::string_view name) {
  if (StartsWith(name, "Produce")) return MessageKind::kProduce;
  if (StartsWith(name, "Fetch")) return MessageKind::kFetch;
  if (StartsWith(name, "LeaderAndIsr") || StartsWith(name, "UpdateMetadata") || StartsWith(name, "AlterIsr"))
    return MessageKind::kLeaderAndIsr;
  if (StartsWith(name, "JoinGroup") || StartsWith(name, "SyncGroup") || StartsWith(name, "LeaveGroup") ||
      StartsWith(name, "FindCoordinator"))
    return MessageKind::kJoinGroup;
  if (StartsWith(name, "Heartbeat")) return MessageKind::kHeartbeat;
  if (StartsWith(name, "OffsetCommit") || StartsWith(name, "OffsetFetch")) return MessageKind::kOffsets;
  if (StartsWith(name, "Zk")) return MessageKind::kZooKeeper;
  return MessageKind::kMetadata;
}

bool IsResponse(std::string_view name) {
  constexpr std::string_view kSuffix = "Response";
  return (name.size() > kSuffix.size() && name.substr(name.size() - kSuffix.size()) == kSuffix) ||
         name == "ZkWatchEvent";
}

MessagesView BuildMessagesView(const sim::Simulation& sim, const MessageFilter& filter) {
  MessagesView out;
  out.at = sim.now();
  for (const auto& [flight, m] : sim.world().in_flight()) {
    const MessageKind kind = KindOfMessage(m.name);
    ++out.count[static_cast<size_t>(kind)];
    if (!Shows(filter, kind)) continue;
    out.dots.push_back(MessageDot{flight, m.from, m.to, m.name, kind, IsResponse(m.name), m.sent_at, m.deliver_at,
                                  Fraction(m.sent_at, m.deliver_at, sim.now())});
  }
  if (Shows(filter, MessageKind::kFetch)) AddParked(sim, out);
  return out;
}

TimeNs ShortestShownTransit(const sim::Simulation& sim, const MessageFilter& filter) {
  TimeNs best = -1;
  for (const auto& [flight, m] : sim.world().in_flight()) {
    if (!Shows(filter, KindOfMessage(m.name))) continue;
    const TimeNs span = std::max<TimeNs>(1, m.deliver_at - m.sent_at);
    if (best < 0 || span < best) best = span;
  }
  return best;
}

int ParkedSide(float dx, float dy) {
  constexpr float kSector = 6.2831853f / 8;
  float a = std::atan2(-dy, dx);  // counter-clockwise from the right, y up
  if (a < 0) a += 6.2831853f;
  return static_cast<int>(std::floor(a / kSector + 0.5f)) % 8;
}

void DescribeMessages(const sim::Simulation& sim, const MessagesView& m, const MessageFilter& filter,
                      std::string& out) {
  for (size_t i = 0; i < kMessageKinds; ++i) {
    out += std::string("legend ") + MessageKindName(static_cast<MessageKind>(i)) + (filter[i] ? " on" : " off") +
           " count=" + std::to_string(m.count[i]) + "\n";
  }
  out += "messages in_flight=" + std::to_string(sim.world().in_flight().size()) +
         " shown=" + std::to_string(m.dots.size()) + " parked=" + std::to_string(m.parked.size()) + "\n";
  char buf[256];
  for (const MessageDot& d : m.dots) {
    std::snprintf(buf, sizeof buf, "dot %llu %.*s kind=%s %s->%s progress=%.2f\n",
                  static_cast<unsigned long long>(d.flight), static_cast<int>(d.name.size()), d.name.data(),
                  MessageKindName(d.kind), sim.world().NameOf(d.from).c_str(), sim.world().NameOf(d.to).c_str(),
                  d.progress);
    out += buf;
  }
  for (const ParkedSquare& q : m.parked_drawn) {
    std::snprintf(buf, sizeof buf, "parked_square %s side=%d count=%d waited=%.2f\n",
                  sim.world().NameOf(q.leader).c_str(), q.side, q.count, q.waited);
    out += buf;
  }
  for (const ParkedFetch& p : m.parked) {
    std::snprintf(buf, sizeof buf, "parked %s <- %s %s waited=%.2f\n", sim.world().NameOf(p.leader).c_str(),
                  sim.world().NameOf(p.from).c_str(), p.follower ? "follower" : "consumer", p.waited);
    out += buf;
  }
}

}  // namespace kafkasim::viz
