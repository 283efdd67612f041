#include "sim/check/invariants.h"

namespace kafkasim::sim {

void InvariantChecker::Fail(const char* checker, uint64_t event, TimeNs at, std::string text) {
  violations_.push_back(Violation{checker, event, at, std::move(text)});
}

void InvariantChecker::CheckLeaderHighWatermark(NodeId node, const TopicPartition& tp, uint64_t event, TimeNs at) {
  std::optional<Offset> now_hw = hw_lookup_ ? hw_lookup_(node, tp) : std::nullopt;
  if (!now_hw) return;  // not leading (any more)
  auto [it, fresh] = leader_hw_.try_emplace({node, tp}, *now_hw);
  if (!fresh && *now_hw < it->second) {
    Fail("MonotonicHighWatermark", event, at,
         "leader " + Name(node) + " moved the high watermark of " + tp.ToString() + " backwards from " +
             std::to_string(it->second.value()) + " to " + std::to_string(now_hw->value()));
  }
  it->second = *now_hw;
}

bool InvariantChecker::Check(uint64_t event, TimeNs at, const Observation& obs) {
  size_t before = violations_.size();
  if (auto* hw = std::get_if<ObsHighWatermark>(&obs)) {
    if (hw->as_leader) CheckLeaderHighWatermark(hw->node, hw->tp, event, at);
  } else if (auto* t = std::get_if<ObsTruncate>(&obs)) {
    CheckLeaderHighWatermark(t->node, t->tp, event, at);
  } else if (auto* lai = std::get_if<ObsLeaderAndIsr>(&obs)) {
    handling_[lai->node] = ControlRequest{lai->controller, lai->controller_epoch.value()};
  } else if (auto* role = std::get_if<ObsBecomeRole>(&obs)) {
    if (auto h = handling_.find(role->node); h != handling_.end()) {
      auto [it, fresh] = applied_epoch_.emplace(role->node, h->second.epoch);
      if (!fresh && h->second.epoch < it->second) {
        Fail("NoStaleControllerEpoch", event, at,
             Name(role->node) + " applied a LeaderAndIsr for " + role->tp.ToString() + " from " +
                 Name(h->second.controller) + " with controller epoch " + std::to_string(h->second.epoch) +
                 ", after one of controller epoch " + std::to_string(it->second) +
                 ": it acted on a deposed controller's decision instead of ignoring it as stale");
      }
      if (h->second.epoch > it->second) it->second = h->second.epoch;
    }
    if (role->leader) {
      // A new leadership starts a new HW history (a new leader's HW may be
      // below its predecessor's until its followers fetch).
      leader_hw_.erase({role->node, role->tp});
      auto key = std::pair{role->tp, role->leader_epoch.value()};
      auto [it, fresh] = leader_by_epoch_.emplace(key, role->node);
      if (!fresh && it->second != role->node) {
        Fail("SingleLeaderPerEpoch", event, at,
             "two leaders for " + role->tp.ToString() + " in leader epoch " +
                 std::to_string(role->leader_epoch.value()) + ": " + Name(it->second) + " and " + Name(role->node));
      }
    }
  } else if (auto* c = std::get_if<ObsControllerElected>(&obs)) {
    auto [it, fresh] = controller_by_epoch_.emplace(c->epoch.value(), c->node);
    if (!fresh && it->second != c->node) {
      Fail("SingleController", event, at,
           "two controllers in controller epoch " + std::to_string(c->epoch.value()) + ": " + Name(it->second) +
               " and " + Name(c->node));
    }
  } else if (auto* f = std::get_if<ObsFetched>(&obs)) {
    std::optional<Offset> hw = hw_lookup_ ? hw_lookup_(f->from_broker, f->tp) : std::nullopt;
    if (hw && f->last_offset >= *hw) {
      Fail("ReadBelowHighWatermark", event, at,
           "consumer " + Name(f->consumer) + " received offset " + std::to_string(f->last_offset.value()) + " of " +
               f->tp.ToString() + " but the leader's high watermark is " + std::to_string(hw->value()));
    }
    std::optional<Offset> lso = f->read_committed && lso_lookup_ ? lso_lookup_(f->from_broker, f->tp) : std::nullopt;
    if (lso && f->last_offset >= *lso) {
      Fail("ReadBelowLastStableOffset", event, at,
           "read_committed consumer " + Name(f->consumer) + " received offset " +
               std::to_string(f->last_offset.value()) + " of " + f->tp.ToString() +
               " but the leader's last stable offset is " + std::to_string(lso->value()));
    }
  }
  return violations_.size() > before;
}

}  // namespace kafkasim::sim
