// sim/simulation.h — one run of one scenario: the World built from the
// scenario, its faults scheduled, the checkers attached.
//
// Steppable (the GUI advances it one event at a time) and deterministic: the
// same scenario and seed give the same trace hash. Read-only accessors expose
// brokers and clients for checkers and views; nothing outside sim/ mutates
// the cluster except through faults.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/util/assert.h"
#include "sim/check/history.h"
#include "sim/check/invariants.h"
#include "sim/check/loss_ledger.h"
#include "sim/check/metadata_quorum.h"
#include "sim/check/replica_agreement.h"
#include "sim/report/narration_clock.h"
#include "sim/report/story.h"
#include "sim/scenario/scenario.h"
#include "sim/world.h"

namespace kafkasim::broker {
class Broker;
class Partition;
}  // namespace kafkasim::broker

namespace kafkasim::controller::kraft {
class ControllerNode;
}  // namespace kafkasim::controller::kraft

namespace kafkasim::sim {

class Simulation final : private AssertContextSource {
 public:
  Simulation(scenario::Scenario scenario, uint64_t seed, TraceSinks sinks = {});
  ~Simulation();

  World& world() { return *world_; }
  const World& world() const { return *world_; }
  const scenario::Scenario& scenario() const { return scenario_; }
  const History& history() const { return history_; }
  const InvariantChecker& invariants() const { return invariants_; }
  const ReplicaAgreement& replica_agreement() const { return replica_agreement_; }
  const LossLedger& losses() const { return losses_; }
  // KRaft mode: the metadata quorum's safety checks (empty in ZooKeeper mode).
  const MetadataQuorumChecker& metadata_quorum() const { return metadata_quorum_; }
  const Story& story() const { return story_; }
  // When each narration step is shown (a step with `after:` waits for its event).
  const NarrationClock& narration() const { return narration_; }
  uint64_t seed() const { return seed_; }
  TimeNs now() const { return world_->Now(); }
  TimeNs end_time() const { return scenario_.duration_ns; }

  // Runs one event. Returns false when the run is over (time or violation).
  bool Step();
  // Runs events up to `t` (capped at the scenario's duration).
  void RunUntil(TimeNs t);
  void RunToEnd() { RunUntil(end_time()); }
  bool finished() const {
    return now() >= end_time() && (world_->loop().NextTime() < 0 || world_->loop().NextTime() > end_time());
  }
  bool stopped_by_violation() const { return stop_; }
  // Observation only (e.g. the --metrics recorder): sees every observation
  // after the checkers; must not change the run.
  void set_observation_listener(std::function<void(const Observation&)> fn) { listener_ = std::move(fn); }

  // Cluster queries (live nodes only; nullptr when down).
  const broker::Broker* broker(NodeId id) const;
  // Broker `id`'s replica of tp, or null (broker down, or no replica there).
  const broker::Partition* Replica(NodeId id, const TopicPartition& tp) const;
  std::vector<NodeId> broker_ids() const;
  NodeId ResolveNode(const scenario::NodeRef& ref) const;  // kNoNode if none
  // The live broker that leads `tp` with the highest leader epoch.
  NodeId LeaderOf(const TopicPartition& tp) const;
  NodeId Controller() const;
  // KRaft mode: the live active controller with the highest epoch, or null.
  const controller::kraft::ControllerNode* ActiveController() const;
  std::vector<TopicPartition> AllPartitions() const;

 private:
  // A failing KSIM_ASSERT reports this run's seed, event number and time
  // (Step, RunUntil and the constructor lend it while they run events).
  AssertContext CurrentAssertContext() const override;
  void Build();
  void ScheduleFaults();
  void ApplyFault(const scenario::Fault& f, uint64_t fault_id);
  bool ApplyNodeFault(NodeFault kind, const scenario::NodeRef& ref, bool torn_write, TimeNs pause_ns);
  bool ApplyDiskFault(const scenario::DiskFailFault& a, std::optional<TimeNs> for_ns);
  void NoteFault(const std::string& what);
  // A fault that did nothing: "skipped: <what>: <why>" in the trace.
  void NoteSkippedFault(const std::string& what, const std::string& why);
  std::string last_fault_note_;  // what the fault being applied did (for its `for:` end)
  void StepEvent();              // one event of the loop, then the ledger's look at it

  scenario::Scenario scenario_;
  uint64_t seed_;
  std::unique_ptr<World> world_;
  History history_;
  InvariantChecker invariants_;
  ReplicaAgreement replica_agreement_;
  LossLedger losses_;
  MetadataQuorumChecker metadata_quorum_;
  Story story_;
  NarrationClock narration_{&scenario_.narration};
  bool narration_anchored_ = false;  // some step waits for an event
  bool stop_ = false;
  std::function<void(const Observation&)> listener_;
};

}  // namespace kafkasim::sim
