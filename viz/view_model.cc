// viz/view_model.cc — BuildViewModel and its text form.
#include "viz/view_model.h"

#include <utility>

#include "sim/simulation.h"
#include "viz/windows.h"
#include "core/util/strings.h"

namespace kafkasim::viz {

namespace {

std::string Opt(const std::optional<Offset>& o) { return o ? std::to_string(o->value()) : "-"; }

const char* ProcessText(BrokerProcess p) {
  switch (p) {
    case BrokerProcess::kLive:
      return "live";
    case BrokerProcess::kPaused:
      return "paused";
    case BrokerProcess::kCrashed:
      return "crashed";
  }
  return "?";
}

// " lso=120 open_txns=[1000@96] aborted_batches=3 commit_markers=2 abort_markers=1"
void DescribeTxns(const ReplicaBelief& r, std::string& out) {
  int aborted = 0, commits = 0, aborts = 0;
  for (const BatchSpan& b : r.batches) {
    aborted += b.aborted;
    commits += b.kind == BatchKind::kCommit;
    aborts += b.kind == BatchKind::kAbort;
  }
  out += " lso=" + std::to_string(r.lso.value()) + " open_txns=[";
  for (size_t i = 0; i < r.open_txns.size(); ++i) {
    out +=
        (i ? "," : "") + std::to_string(r.open_txns[i].producer_id) + "@" + std::to_string(r.open_txns[i].first_offset);
  }
  out += "] aborted_batches=" + std::to_string(aborted) + " commit_markers=" + std::to_string(commits) +
         " abort_markers=" + std::to_string(aborts);
}

void DescribePartition(const PartitionView& v, std::string& out) {
  const std::string tp = v.tp.ToString();
  const ClusterRecord& c = v.cluster;
  if (c.known) {
    out += "zk " + tp + " leader=" + c.leader_name + " epoch=" + std::to_string(c.leader_epoch.value()) +
           " isr=" + IdList(c.isr) + " controller=" + c.controller_name + "\n";
  } else {
    out += "zk " + tp + " unknown (" + c.unknown_why + ")\n";
  }
  for (const ReplicaBelief& r : v.replicas) {
    out += "replica " + tp + " " + r.name + " " + ProcessText(r.process);
    if (r.has_replica) {
      if (r.process != BrokerProcess::kCrashed) {
        out += std::string(" leader=") + (r.believes_leader ? "yes" : "no") +
               " epoch=" + std::to_string(r.believed_epoch.value()) + " isr=" + IdList(r.believed_isr);
      }
      out += " start=" + std::to_string(r.log_start.value()) + " hw=" + std::to_string(r.hw.value()) +
             " leo=" + std::to_string(r.leo.value());
      if (r.process == BrokerProcess::kCrashed) out += " only_here_from=" + std::to_string(r.unique_from.value());
      if (r.transactional) DescribeTxns(r, out);
    } else {
      out += " no-replica";
    }
    out.append(" zk_leader=").append(r.cluster_leader ? "yes" : "no");
    out.append(" zk_isr=").append(r.in_cluster_isr ? "yes" : "no").append("\n");
  }
  for (const std::string& n : v.notes) out.append("note ").append(tp).append(" ").append(n).append("\n");
}

void DescribeGroup(const GroupView& g, std::string& out) {
  out += "group " + g.group + " coordinator=" + g.coordinator_name + " state=" + (g.state.empty() ? "-" : g.state) +
         " generation=" + std::to_string(g.generation) + " protocol=" + (g.protocol.empty() ? "-" : g.protocol) + "\n";
  for (const GroupMemberView& m : g.members) {
    out += "member " + g.group + " " + m.client + " leader=" + (m.leader ? "yes" : "no") +
           " assignment=" + PartitionList(m.assignment) + "\n";
  }
  for (const ConsumerView& c : g.consumers) {
    if (c.processor) {
      out += "processor " + g.group + " " + c.client + " input=[" +
             Join(c.input, ",", [](const std::string& t) { return t; }) + "] output=" + c.output +
             " guarantee=" + c.guarantee + "\n";
    }
    out += "consumer " + g.group + " " + c.client + " alive=" + (c.alive ? "yes" : "no") +
           " generation=" + std::to_string(c.generation) + " stable=" + (c.stable ? "yes" : "no") +
           " assignment=" + PartitionList(c.assignment) + "\n";
  }
  for (const GroupPartitionView& p : g.partitions) {
    out += "offsets " + g.group + " " + p.tp.ToString() + " owner=" + (p.owner.empty() ? "-" : p.owner) +
           " committed=" + Opt(p.committed) + " position=" + Opt(p.position) + " hw=" + Opt(p.high_watermark) +
           " lag=" + (p.lag ? std::to_string(*p.lag) : "-") + "\n";
  }
}

}  // namespace

ViewModel BuildViewModel(const sim::Simulation& sim, ViewModel* previous) {
  ViewModel m;
  m.events_run = sim.world().loop().events_run();
  m.at = sim.now();
  for (const TopicPartition& tp : sim.AllPartitions()) {
    const size_t i = m.partitions.size();
    m.partition_keys.push_back(PartitionViewKey(sim, tp));
    const bool same = previous != nullptr && i < previous->partitions.size() && previous->partitions[i].tp == tp &&
                      previous->partition_keys[i] == m.partition_keys[i];
    // An unchanged partition's view is moved over, not copied (its batches).
    m.partitions.push_back(same ? std::move(previous->partitions[i]) : BuildPartitionView(sim, tp));
  }
  m.groups = BuildGroupViews(sim);
  const bool cells = m.partitions.size() <= kRecordDetailMaxPartitions;
  for (const PartitionView& v : m.partitions) m.records.push_back(BuildPartitionRecords(sim, v.tp, cells));
  m.metrics = BuildMetricsView(sim, m.groups);
  if (const scenario::NarrationStep* step = sim.narration().current()) {
    m.narration = {true, *sim.narration().shown_at(sim.narration().current_index()),
                   std::string(scenario::NarrationAnchorName(step->after)), step->text};
  }
  return m;
}

std::string DescribeViewModel(const ViewModel& m) {
  std::string out = "at " + FormatSeconds(m.at) + "\n";
  if (m.narration.shown) {
    out += "narration at=" + FormatSeconds(m.narration.at) +
           " after=" + (m.narration.after.empty() ? "-" : m.narration.after) + " text=" + m.narration.text + "\n";
  }
  for (const PartitionView& v : m.partitions) DescribePartition(v, out);
  for (const GroupView& g : m.groups) DescribeGroup(g, out);
  for (const PartitionRecords& r : m.records) DescribePartitionRecords(r, out);
  DescribeMetrics(m.metrics, out);
  return out;
}

}  // namespace kafkasim::viz
