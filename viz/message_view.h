// viz/message_view.h — the messages on the wire at one simulated moment, as
// the cluster view draws them: each with its type (the legend's colours and
// filters), whether it is a response, and how far it has travelled; and the
// fetches parked at a leader waiting for data (Kafka's DelayedFetch, up to
// fetch.max.wait.ms).
//
// Plain data from the simulation's read-only state (World::in_flight, each
// broker's fetch purgatory): unit-tested in tests/viz/message_view_test.cc.
// How long a message stays on screen is the player's business
// (SimController's message stretch), never the simulation's.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace kafkasim::sim {
class Simulation;
}

namespace kafkasim::viz {

// The legend's message types (requests and their responses share one).
enum class MessageKind : uint8_t {
  kProduce,       // Produce
  kFetch,         // Fetch (followers replicating, consumers reading)
  kLeaderAndIsr,  // LeaderAndIsr, UpdateMetadata, AlterIsr: the controller's orders
  kJoinGroup,     // FindCoordinator, JoinGroup, SyncGroup, LeaveGroup: membership
  kHeartbeat,     // Heartbeat
  kOffsets,       // OffsetCommit, OffsetFetch
  kMetadata,      // Metadata, ListOffsets, OffsetsForLeaderEpoch, InitProducerId
  kZooKeeper,     // ZooKeeper requests, responses, watches
};
inline constexpr size_t kMessageKinds = 8;

// "Produce", "Fetch", ... (the legend's words).
const char* MessageKindName(MessageKind k);
// The type of a message by its protocol name (sim::InFlight::name).
MessageKind KindOfMessage(std::string_view name);
bool IsResponse(std::string_view name);

// Which types are shown (and stretch time when playing).
using MessageFilter = std::array<bool, kMessageKinds>;
inline constexpr MessageFilter kAllMessages = {true, true, true, true, true, true, true, true};
inline bool Shows(const MessageFilter& f, MessageKind k) { return f[static_cast<size_t>(k)]; }

struct MessageDot {
  uint64_t flight = 0;  // the world's flight number (one copy of a message)
  NodeId from, to;
  std::string_view name;  // "FetchResponse" (static storage)
  MessageKind kind = MessageKind::kMetadata;
  bool response = false;
  TimeNs sent_at = 0, deliver_at = 0;
  float progress = 0;  // 0 at the sender .. 1 at the receiver
};

struct ParkedFetch {
  NodeId leader, from;  // waiting at `leader`, sent by `from` (a follower or a consumer)
  bool follower = false;
  TimeNs since = 0, expires = 0;
  float waited = 0;  // 0 just parked .. 1 at fetch.max.wait.ms
};

// The squares the cluster view drew for the parked fetches: one per leader
// and side (the direction the senders are in), with how many wait there.
struct ParkedSquare {
  NodeId leader;
  int side = 0;      // 0..7, counter-clockwise from the right
  int count = 0;     // parked fetches it stands for
  float waited = 0;  // the longest wait among them
};

// The compass side (0 right, 2 up, 4 left, 6 down; 8 sectors) of a sender at
// (dx, dy) from the leader (screen y grows downwards).
int ParkedSide(float dx, float dy);

struct MessagesView {
  TimeNs at = 0;
  std::vector<MessageDot> dots;            // in flight order
  std::vector<ParkedFetch> parked;         // by leader, then in the order they parked
  std::vector<ParkedSquare> parked_drawn;  // filled by the cluster view as it draws them
  std::array<int, kMessageKinds> count{};  // dots of each type (filtered or not)
};

// What is on the wire at sim.now(), filtered by type.
MessagesView BuildMessagesView(const sim::Simulation& sim, const MessageFilter& filter = kAllMessages);

// The shortest time on the wire (deliver_at - sent_at) among the shown
// messages in flight now, or -1 when none is: what the player stretches by.
TimeNs ShortestShownTransit(const sim::Simulation& sim, const MessageFilter& filter);

// Lines for --state-out: the legend the cluster view drew ("legend Produce
// on count=3", one per type), "messages in_flight=N shown=M parked=K", then
// "dot 17 Produce kind=Produce p1->broker-2 progress=0.40" and
// "parked broker-1 <- broker-2 follower waited=0.25".
void DescribeMessages(const sim::Simulation& sim, const MessagesView& m, const MessageFilter& filter, std::string& out);

}  // namespace kafkasim::viz
