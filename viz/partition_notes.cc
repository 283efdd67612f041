// viz/partition_notes.cc — the sentences under a partition's rows: where a
// broker's belief differs from ZooKeeper's record, where the recorded leader
// cannot serve, and what only a crashed broker's disk still holds.
#include "core/util/strings.h"
#include "sim/simulation.h"
#include "viz/replica_view.h"

namespace kafkasim::viz {

namespace {

std::string EpochText(LeaderEpoch e) { return "epoch " + std::to_string(e.value()); }

// "the controller says broker-2, epoch 1" / "... says no broker leads, epoch 2"
std::string ControllerSays(const sim::Simulation& sim, const ClusterRecord& rec) {
  if (rec.leader == kNoNode) return "the controller says no broker leads (offline), " + EpochText(rec.leader_epoch);
  return "the controller says " + sim.world().NameOf(rec.leader) + ", " + EpochText(rec.leader_epoch);
}

// A live replica's belief against the record; "" when they agree.
std::string BeliefNote(const sim::Simulation& sim, const ReplicaBelief& r, const ClusterRecord& rec) {
  if (r.process == BrokerProcess::kCrashed || !r.has_replica) return "";
  const std::string says = ControllerSays(sim, rec);
  if (r.believes_leader) {
    if (rec.leader != r.broker)
      return r.name + " still believes it leads, " + EpochText(r.believed_epoch) + "; " + says;
    if (r.believed_epoch != rec.leader_epoch) {
      return r.name + " leads at " + EpochText(r.believed_epoch) + "; ZooKeeper records " + EpochText(rec.leader_epoch);
    }
    if (r.believed_isr != rec.isr) {
      return r.name + " (leader) uses ISR " + IdList(r.believed_isr) + "; ZooKeeper records " + IdList(rec.isr);
    }
    return "";
  }
  if (rec.leader == r.broker) {
    return "the controller made " + r.name + " leader (" + EpochText(rec.leader_epoch) + "), but " + r.name +
           " has not heard yet: it " +
           (r.believed_leader == kNoNode ? "knows no leader"
                                         : "still follows " + sim.world().NameOf(r.believed_leader)) +
           ", " + EpochText(r.believed_epoch);
  }
  if (r.believed_leader != rec.leader || r.believed_epoch != rec.leader_epoch) {
    std::string own =
        r.believed_leader == kNoNode ? "knows no leader" : "follows " + sim.world().NameOf(r.believed_leader);
    return r.name + " still " + own + ", " + EpochText(r.believed_epoch) + "; " + says;
  }
  return "";
}

const ReplicaBelief* Row(const PartitionView& v, NodeId id) {
  for (const ReplicaBelief& r : v.replicas)
    if (r.broker == id) return &r;
  return nullptr;
}

}  // namespace

std::vector<std::string> PartitionNotes(const sim::Simulation& sim, const PartitionView& v) {
  std::vector<std::string> notes;
  const ClusterRecord& rec = v.cluster;
  if (!rec.known && rec.unknown_why == "ZooKeeper is down") {
    notes.push_back("ZooKeeper is down: the cluster has no record of who leads " + v.tp.ToString());
  }
  if (rec.known) {
    const ReplicaBelief* leader = Row(v, rec.leader);
    if (leader != nullptr && leader->process == BrokerProcess::kCrashed) {
      notes.push_back("ZooKeeper still names " + leader->name + " leader (" + EpochText(rec.leader_epoch) + ", ISR " +
                      IdList(rec.isr) + "), but " + leader->name + " has crashed: no broker serves " + v.tp.ToString() +
                      " now");
    }
    for (const ReplicaBelief& r : v.replicas) {
      if (std::string n = BeliefNote(sim, r, rec); !n.empty()) notes.push_back(n);
    }
  }
  for (const ReplicaBelief& r : v.replicas) {
    if (r.process != BrokerProcess::kCrashed || !r.has_replica || r.unique_from >= r.leo) continue;
    notes.push_back(r.name + " has crashed; its disk holds offsets " + std::to_string(r.unique_from.value()) + "-" +
                    std::to_string(r.leo.value() - 1) + " that no live replica has");
  }
  return notes;
}

}  // namespace kafkasim::viz
