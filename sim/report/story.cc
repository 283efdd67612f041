#include "sim/report/story.h"

#include <cstdio>

#include "core/broker/offsets_log.h"
#include "core/util/strings.h"

namespace kafkasim::sim {
namespace {

constexpr int kMaxErrorLinesPerKind = 3;

}  // namespace

std::string FormatTime(TimeNs t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%4lld.%03llds", static_cast<long long>(t / kNsPerSec),
                static_cast<long long>((t % kNsPerSec) / kNsPerMs));
  return buf;
}

void Story::Observe(TimeNs at, const Observation& obs) {
  auto* hw = std::get_if<ObsHighWatermark>(&obs);
  auto text = hw ? DescribeHw(at, *hw) : Describe(obs);
  // The internal offsets topic's ~50 partitions would drown the lesson; their
  // elections and loads stay in the trace (and the GUI can show them). Lines
  // about the topic itself (why it does not exist) are told.
  if (text && text->find(std::string(kOffsetsTopic) + "-") != std::string::npos) return;
  if (text) lines_.push_back({at, std::move(*text)});
}

void Story::Add(TimeNs at, std::string text) {
  lines_.push_back({at, std::move(text)});
  notes_seen_.clear();
  errors_seen_.clear();
}

std::optional<std::string> Story::Limited(std::string text) {
  int& n = notes_seen_[text];
  if (++n > kMaxErrorLinesPerKind) return std::nullopt;
  if (n == kMaxErrorLinesPerKind) text += " [further ones not shown]";
  return text;
}

// A leader's HW: the first move under a new leader, then every
// kHwLineIntervalNs at most, each line saying how far it moved since the last.
std::optional<std::string> Story::DescribeHw(TimeNs at, const ObsHighWatermark& hw) {
  if (!hw.as_leader || hw.new_hw <= hw.old_hw) return std::nullopt;
  auto it = hw_told_.find(hw.tp);
  bool new_leader = it == hw_told_.end() || it->second.leader != hw.node;
  if (!new_leader && at - it->second.at < kHwLineIntervalNs) return std::nullopt;
  Offset from = new_leader ? hw.old_hw : it->second.hw;
  hw_told_[hw.tp] = HwTold{hw.node, hw.new_hw, at};
  return "high watermark of " + hw.tp.ToString() + " on leader " + N(hw.node) + ": " + std::to_string(from.value()) +
         " -> " + std::to_string(hw.new_hw.value()) + (new_leader ? " (consumers read only below it)" : "");
}

std::optional<std::string> Story::Describe(const Observation& obs) {
  if (auto* e = std::get_if<ObsElection>(&obs)) {
    if (e->leader == kNoNode) return e->tp.ToString() + " is OFFLINE: " + e->reason;
    return "controller " + N(e->controller) + " elected " + N(e->leader) + " leader of " + e->tp.ToString() +
           " (leader epoch " + std::to_string(e->leader_epoch.value()) + ", ISR " + IdList(e->isr) + ")" +
           (e->unclean ? " — UNCLEAN: it was not in the ISR" : "") + (e->reason.empty() ? "" : "; " + e->reason);
  }
  if (auto* c = std::get_if<ObsControllerElected>(&obs))
    return N(c->node) + " became the controller (controller epoch " + std::to_string(c->epoch.value()) + ")";
  if (auto* c = std::get_if<ObsControllerResigned>(&obs))
    return N(c->node) + " is no longer the controller (epoch " + std::to_string(c->epoch.value()) + ")";
  if (auto* i = std::get_if<ObsIsrChange>(&obs)) {
    bool shrink = i->new_isr.size() < i->old_isr.size();
    return std::string("ISR of ") + i->tp.ToString() + (shrink ? " shrank " : " expanded ") + IdList(i->old_isr) +
           " -> " + IdList(i->new_isr) + " (" + i->reason + ")";
  }
  if (auto* t = std::get_if<ObsTruncate>(&obs))
    return N(t->node) + " truncated " + t->tp.ToString() + " from " + std::to_string(t->old_leo.value()) + " to " +
           std::to_string(t->new_leo.value()) + " (" + t->reason + ")";
  if (auto* f = std::get_if<ObsFenced>(&obs)) return Limited(N(f->node) + ": " + f->reason);
  if (auto* n = std::get_if<ObsNote>(&obs)) return Limited(N(n->node) + ": " + n->text);
  if (auto* r = std::get_if<ObsRebalance>(&obs))
    return "group " + r->group + " generation " + std::to_string(r->generation) + ": " + r->summary;
  if (auto* e = std::get_if<ObsProduceError>(&obs)) {
    int& n = errors_seen_[{e->producer.value(), static_cast<int16_t>(e->error)}];
    if (++n > kMaxErrorLinesPerKind) return std::nullopt;
    // No partition: the error ended a transaction (TxnRequestManager).
    std::string what = e->tp.topic.empty() ? std::string("its transaction") : e->tp.ToString();
    return N(e->producer) + " got " + std::string(ErrorName(e->error)) + " for " + what +
           (e->will_retry ? " (will retry)" : "") + (n == kMaxErrorLinesPerKind ? " [further ones not shown]" : "");
  }
  if (auto* r = std::get_if<ObsProduceResult>(&obs)) {
    if (r->error == ErrorCode::NONE) return std::nullopt;
    return N(r->producer) + " gave up on " + std::to_string(r->uids.size()) + " record(s) for " + r->tp.ToString() +
           ": " + std::string(ErrorName(r->error));
  }
  return std::nullopt;
}

}  // namespace kafkasim::sim
