#include "sim/network.h"

#include <algorithm>

namespace kafkasim::sim {

TimeNs SimNetwork::Latency(NodeId from, NodeId to) {
  TimeNs lo = defaults_.latency_min_ns, hi = defaults_.latency_max_ns;
  auto [b, e] = rules_.equal_range({from, to});
  for (auto it = b; it != e; ++it) {
    if (it->second.latency_min_ns) {
      lo = std::max(lo, *it->second.latency_min_ns);
      hi = std::max(hi, it->second.latency_max_ns.value_or(*it->second.latency_min_ns));
    }
  }
  return lo == hi ? lo : prng_.Between(lo, hi);
}

// Linux's TCP: a lost segment is sent again after the retransmission
// timeout, at least TCP_RTO_MIN (200 ms, far above these links' round
// trips), doubling per loss up to TCP_RTO_MAX (120 s); after tcp_retries2
// (15) retransmissions the kernel breaks the connection (RFC 6298; Linux
// include/net/tcp.h, Documentation/networking/ip-sysctl.rst).
constexpr TimeNs kTcpRtoMin = Ms(200);
constexpr TimeNs kTcpRtoMax = Ms(120'000);
constexpr int kTcpRetries2 = 15;

TimeNs SimNetwork::RetransmissionDelay(double drop, SendPlan& plan) {
  TimeNs delay = 0, rto = kTcpRtoMin;
  while (prng_.Chance(drop)) {
    if (plan.retransmits == kTcpRetries2) {
      plan.dropped = true;
      plan.drop_reason = "connection timed out after 15 retransmissions";
      return 0;
    }
    ++plan.retransmits;
    delay += rto;
    rto = std::min(rto * 2, kTcpRtoMax);
  }
  return delay;
}

SendPlan SimNetwork::Plan(NodeId from, NodeId to, size_t bytes, TimeNs now) {
  SendPlan plan;
  double drop = defaults_.loss, duplicate = defaults_.duplicate;
  auto [b, e] = rules_.equal_range({from, to});
  for (auto it = b; it != e; ++it) {
    drop = std::max(drop, it->second.drop);
    duplicate = std::max(duplicate, it->second.duplicate);
  }
  if (drop >= 1.0) {
    plan.dropped = true;
    plan.drop_reason = "link cut";
    return plan;
  }
  const TimeNs retransmission = drop > 0.0 ? RetransmissionDelay(drop, plan) : 0;
  if (plan.dropped) return plan;
  LinkState& link = links_[{from, to}];
  TimeNs send_done = now;
  if (defaults_.bandwidth_bytes_per_sec > 0) {
    TimeNs tx = static_cast<TimeNs>(bytes) * kNsPerSec / defaults_.bandwidth_bytes_per_sec;
    link.free_at = std::max(link.free_at, now) + tx;
    send_done = link.free_at;
  }
  TimeNs at = send_done + retransmission + Latency(from, to);
  bool reorder = defaults_.reorder > 0.0 && prng_.Chance(defaults_.reorder);
  if (reorder) {
    // Held back by one to four extra latencies: messages sent after it on
    // the same link can overtake it.
    // It does not hold back the messages after it (last_delivery stays).
    for (uint64_t n = 1 + prng_.Below(4); n > 0; --n) at += Latency(from, to);
  } else {
    at = std::max(at, link.last_delivery);
    link.last_delivery = at;
  }
  plan.deliver_at.push_back(at);
  if (duplicate > 0.0 && prng_.Chance(duplicate)) plan.deliver_at.push_back(at + Latency(from, to));
  return plan;
}

void SimNetwork::AddRule(NodeId from, NodeId to, LinkRule rule) { rules_.emplace(std::pair{from, to}, rule); }

void SimNetwork::ResetConnection(NodeId from, NodeId to) {
  links_[{from, to}].last_delivery = 0;
  links_[{to, from}].last_delivery = 0;
}

void SimNetwork::RemoveFault(uint64_t fault_id) {
  std::erase_if(rules_, [&](const auto& kv) { return kv.second.fault_id == fault_id; });
}

void SimNetwork::HealNode(NodeId node) {
  std::erase_if(rules_, [&](const auto& kv) { return kv.first.first == node || kv.first.second == node; });
}

bool SimNetwork::IsCut(NodeId from, NodeId to) const {
  auto [b, e] = rules_.equal_range({from, to});
  for (auto it = b; it != e; ++it)
    if (it->second.drop >= 1.0) return true;
  return false;
}

}  // namespace kafkasim::sim
