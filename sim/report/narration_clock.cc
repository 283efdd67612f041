// sim/report/narration_clock.cc
#include "sim/report/narration_clock.h"

#include <iterator>
#include <string>
#include <type_traits>

namespace kafkasim::sim {

namespace {

using scenario::NarrationAnchor;

constexpr size_t kAnchorKinds = std::size(scenario::kNarrationAnchorNames) + 1;

bool Internal(const TopicPartition& tp) { return tp.topic.rfind("__", 0) == 0; }

}  // namespace

bool MatchesAnchor(NarrationAnchor kind, const Observation& obs) {
  return std::visit(
      [kind](const auto& o) -> bool {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ObsElection>) {
          if (Internal(o.tp)) return false;
          if (kind == NarrationAnchor::kPartitionOffline) return o.leader == kNoNode;
          if (o.leader == kNoNode) return false;
          return kind == NarrationAnchor::kLeaderElection ||
                 (kind == NarrationAnchor::kUncleanLeaderElection && o.unclean);
        } else if constexpr (std::is_same_v<T, ObsIsrChange>) {
          if (Internal(o.tp)) return false;
          if (kind == NarrationAnchor::kIsrShrink) return o.new_isr.size() < o.old_isr.size();
          return kind == NarrationAnchor::kIsrExpand && o.new_isr.size() > o.old_isr.size();
        } else if constexpr (std::is_same_v<T, ObsTruncate>) {
          return kind == NarrationAnchor::kTruncation && !Internal(o.tp) && o.new_leo < o.old_leo;
        } else if constexpr (std::is_same_v<T, ObsFenced>) {
          return kind == NarrationAnchor::kFenced && !Internal(o.tp);
        } else if constexpr (std::is_same_v<T, ObsControllerElected>) {
          return kind == NarrationAnchor::kControllerElection;
        } else if constexpr (std::is_same_v<T, ObsRebalance>) {
          return kind == NarrationAnchor::kRebalance;
        } else if constexpr (std::is_same_v<T, ObsProduceError>) {
          return kind == NarrationAnchor::kProduceError && !Internal(o.tp);
        } else {
          return false;
        }
      },
      obs);
}

NarrationClock::NarrationClock(const std::vector<scenario::NarrationStep>* steps)
    : steps_(steps), armed_(steps->size(), false), shown_at_(steps->size()), last_seen_(kAnchorKinds, -1) {}

bool NarrationClock::Arm(size_t i, TimeNs now) {
  armed_[i] = true;
  NarrationAnchor kind = (*steps_)[i].after;
  if (kind == NarrationAnchor::kNone || last_seen_[static_cast<size_t>(kind)] == now) {
    Show(i, now);
    return true;
  }
  return false;
}

std::vector<size_t> NarrationClock::Observe(TimeNs now, const Observation& obs) {
  std::vector<size_t> shown;
  for (size_t k = 1; k < kAnchorKinds; ++k) {
    if (last_seen_[k] != now && MatchesAnchor(static_cast<NarrationAnchor>(k), obs)) last_seen_[k] = now;
  }
  for (size_t i = 0; i < steps_->size(); ++i) {
    if (!armed_[i] || shown_at_[i]) continue;
    if (MatchesAnchor((*steps_)[i].after, obs)) {
      Show(i, now);
      shown.push_back(i);
    }
  }
  return shown;
}

void NarrationClock::Show(size_t i, TimeNs now) {
  shown_at_[i] = now;
  ++shown_count_;
  current_ = i;
}

const scenario::NarrationStep* NarrationClock::current() const {
  return shown_count_ == 0 ? nullptr : &(*steps_)[current_];
}

}  // namespace kafkasim::sim
