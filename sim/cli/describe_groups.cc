// sim/cli/describe_groups.cc — kafka-consumer-groups.sh --describe (Kafka
// 3.4 ConsumerGroupCommand: collectGroupOffsets + printOffsets, --members
// printMembers, --state printStates, shouldPrintMemberState's notes).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/broker/broker.h"
#include "core/broker/group_coordinator.h"
#include "core/broker/offsets_log.h"
#include "sim/cli/describe.h"
#include "sim/simulation.h"

namespace kafkasim::cli {
namespace {

constexpr const char* kMissing = "-";  // ConsumerGroupCommand.MISSING_COLUMN_VALUE

struct Coordinator {
  NodeId broker = kNoNode;                       // kNoNode: no live broker leads the group's partition
  const broker::GroupMetadata* group = nullptr;  // null: the coordinator has no such group (Dead)
};

// FindCoordinator: the live broker leading the group's __consumer_offsets
// partition (GroupMetadataManager.partitionFor).
Coordinator CoordinatorOf(const sim::Simulation& sim, const std::string& group) {
  for (NodeId id : sim.broker_ids()) {
    const broker::Broker* b = sim.broker(id);
    if (b == nullptr) continue;
    const PartitionId p{OffsetsPartitionFor(group, b->replicas().num_partitions())};
    if (!b->replicas().IsLeader(p)) continue;
    const broker::GroupMetadata* g = b->group_coordinator() ? b->group_coordinator()->group(group) : nullptr;
    if (g != nullptr && g->state == broker::GroupState::kDead) g = nullptr;
    return Coordinator{id, g};
  }
  return Coordinator{};
}

// A member as DescribeGroups reports it: CONSUMER-ID is the member id Kafka's
// GroupCoordinator gives (`<client.id>-<UUID>`), HOST the client's address
// ("/" + its name here), CLIENT-ID the consumer's client.id (its scenario id).
struct MemberInfo {
  std::string consumer_id, host, client_id;
};

MemberInfo MemberOf(const sim::Simulation& sim, const broker::MemberMetadata& m) {
  const std::string client = sim.world().NameOf(m.client);
  return MemberInfo{client + "-" + JavaUuidString(sim.seed(), m.member_id), "/" + client, client};
}

std::string Padded(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

struct OffsetRow {
  std::string group, topic, partition, offset, end, lag, consumer_id, host, client_id;
};

// collectConsumerAssignment: LOG-END-OFFSET is ListOffsets(latest) at
// read_uncommitted — the leader's high watermark; LAG = end − committed
// (not clamped: a log truncated below a commit shows a negative lag).
OffsetRow RowFor(const sim::Simulation& sim, const std::string& group, const TopicPartition& tp,
                 const broker::GroupMetadata& g, const MemberInfo* member) {
  OffsetRow r{group,    tp.topic, std::to_string(tp.partition.value()), kMissing, kMissing, kMissing, kMissing,
              kMissing, kMissing};
  std::optional<int64_t> committed, end;
  auto it = g.offsets.find(tp);
  if (it != g.offsets.end() && it->second.offset.value() >= 0) committed = it->second.offset.value();
  if (const broker::Partition* p = sim.Replica(sim.LeaderOf(tp), tp)) end = p->high_watermark().value();
  if (committed) r.offset = std::to_string(*committed);
  if (end) r.end = std::to_string(*end);
  if (committed && end) r.lag = std::to_string(*end - *committed);
  if (member) {
    r.consumer_id = member->consumer_id;
    r.host = member->host;
    r.client_id = member->client_id;
  }
  return r;
}

// Members with partitions, most partitions first, each's partitions in its
// assignment's order; then the committed partitions no member owns.
std::vector<OffsetRow> OffsetRows(const sim::Simulation& sim, const std::string& group,
                                  const broker::GroupMetadata& g) {
  std::vector<const broker::MemberMetadata*> members;
  for (const auto& [id, m] : g.members)
    if (!m.assignment.empty()) members.push_back(&m);
  std::stable_sort(members.begin(), members.end(),
                   [](const auto* a, const auto* b) { return a->assignment.size() > b->assignment.size(); });
  std::vector<OffsetRow> rows;
  std::set<TopicPartition> assigned;
  for (const broker::MemberMetadata* m : members) {
    const MemberInfo info = MemberOf(sim, *m);
    for (const TopicPartition& tp : m->assignment) {
      assigned.insert(tp);
      rows.push_back(RowFor(sim, group, tp, g, &info));
    }
  }
  for (const auto& [tp, off] : g.offsets)
    if (!assigned.count(tp)) rows.push_back(RowFor(sim, group, tp, g, nullptr));
  return rows;
}

void PrintOffsets(const std::vector<OffsetRow>& rows, std::ostream& out) {
  size_t group_w = 15, topic_w = 15, consumer_w = 15, host_w = 15;
  for (const OffsetRow& r : rows) {
    group_w = std::max(group_w, r.group.size());
    topic_w = std::max(topic_w, r.topic.size());
    consumer_w = std::max(consumer_w, r.consumer_id.size());
    host_w = std::max(host_w, r.host.size());
  }
  auto line = [&](const OffsetRow& r) {
    out << Padded(r.group, group_w) << ' ' << Padded(r.topic, topic_w) << ' ' << Padded(r.partition, 10) << ' '
        << Padded(r.offset, 15) << ' ' << Padded(r.end, 15) << ' ' << Padded(r.lag, 15) << ' '
        << Padded(r.consumer_id, consumer_w) << ' ' << Padded(r.host, host_w) << ' ' << r.client_id << "\n";
  };
  out << "\n";
  line(OffsetRow{"GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST",
                 "CLIENT-ID"});
  for (const OffsetRow& r : rows) line(r);
}

// printMembers (without --verbose; no static members, so no GROUP-INSTANCE-ID).
void PrintMembers(const sim::Simulation& sim, const std::string& group, const broker::GroupMetadata& g,
                  std::ostream& out) {
  std::vector<std::pair<MemberInfo, size_t>> members;
  size_t group_w = std::max<size_t>(15, group.size()), consumer_w = 15, host_w = 15, client_w = 15;
  for (const auto& [id, m] : g.members) {
    members.emplace_back(MemberOf(sim, m), m.assignment.size());
    consumer_w = std::max(consumer_w, members.back().first.consumer_id.size());
    host_w = std::max(host_w, members.back().first.host.size());
    client_w = std::max(client_w, members.back().first.client_id.size());
  }
  out << "\n"
      << Padded("GROUP", group_w) << ' ' << Padded("CONSUMER-ID", consumer_w) << ' ' << Padded("HOST", host_w) << ' '
      << Padded("CLIENT-ID", client_w) << ' ' << Padded("#PARTITIONS", 15) << " \n";
  for (const auto& [m, partitions] : members) {
    out << Padded(group, group_w) << ' ' << Padded(m.consumer_id, consumer_w) << ' ' << Padded(m.host, host_w) << ' '
        << Padded(m.client_id, client_w) << ' ' << Padded(std::to_string(partitions), 15) << " \n";
  }
}

// printStates: Kafka pads the GROUP column to the coordinator's width.
void PrintState(const sim::Simulation& sim, const std::string& group, NodeId coordinator,
                const broker::GroupMetadata& g, std::ostream& out) {
  const std::string name = sim.world().NameOf(coordinator);
  const std::string coord = name + ":9092 (" + std::to_string(coordinator.value()) + ")";
  const size_t w = std::max<size_t>(25, coord.size());
  out << "\n"
      << Padded("GROUP", w) << ' ' << Padded("COORDINATOR (ID)", 25) << ' ' << Padded("ASSIGNMENT-STRATEGY", 20) << ' '
      << Padded("STATE", 15) << ' ' << "#MEMBERS";
  out << "\n"
      << Padded(group, w) << ' ' << Padded(coord, 25) << ' ' << Padded(g.protocol, 20) << ' '
      << Padded(std::string(broker::GroupStateName(g.state)), 15) << ' ' << g.members.size() << "\n";
}

}  // namespace

void DescribeGroups(const sim::Simulation& sim, const std::optional<std::string>& only, GroupView view,
                    std::ostream& out, std::ostream& err) {
  std::set<std::string> groups;
  if (only) {
    groups.insert(*only);
  } else {
    for (const auto& c : sim.scenario().consumers) groups.insert(c.group);
    for (const auto& [group, offsets] : sim.history().committed()) groups.insert(group);
  }
  for (const std::string& group : groups) {
    const Coordinator c = CoordinatorOf(sim, group);
    if (c.broker == kNoNode) {
      out << "\nError: Executing consumer group command failed due to "
             "org.apache.kafka.common.errors.CoordinatorNotAvailableException: The coordinator is not available.\n";
      continue;
    }
    if (c.group == nullptr) {  // DescribeGroups answers state Dead
      out << "\nError: Consumer group '" << group << "' does not exist.\n";
      continue;
    }
    const broker::GroupMetadata& g = *c.group;
    if (view == GroupView::kState) {
      PrintState(sim, group, c.broker, g, out);
      continue;
    }
    if (g.state == broker::GroupState::kEmpty) err << "\nConsumer group '" << group << "' has no active members.\n";
    if (g.state == broker::GroupState::kPreparingRebalance || g.state == broker::GroupState::kCompletingRebalance)
      err << "\nWarning: Consumer group '" << group << "' is rebalancing.\n";
    if (view == GroupView::kMembers) {
      if (!g.members.empty()) PrintMembers(sim, group, g, out);
      continue;
    }
    std::vector<OffsetRow> rows = OffsetRows(sim, group, g);
    if (!rows.empty()) PrintOffsets(rows, out);
  }
}

}  // namespace kafkasim::cli
