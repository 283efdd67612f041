// core/env.h — the only door from Kafka's logic (core/) to the world.
//
// Everything in core/ reaches time, timers, the network, the disk and
// randomness through these interfaces and nothing else. sim/ implements them
// over a virtual clock and a single-threaded event loop, so one seed replays
// one history exactly. (LevelDB's Env, TigerBeetle's Time/Storage/Network.)
//
// Rules for implementations and callers:
// - A handler (message delivery or timer) runs to completion; nothing runs
//   concurrently with it.
// - Callbacks registered by a node die with the node: after a crash, timers
//   it scheduled never fire and messages addressed to the dead incarnation
//   are dropped.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"
#include "core/util/result.h"

namespace kafkasim {

// Declared only: a file that sends, handles or reports one includes
// core/protocol/message.h or core/observe/observation.h itself, so a change
// to one message rebuilds only the code that deals in messages.
struct Message;
struct Observation;

using TimerId = uint64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeNs Now() const = 0;
};

class Timers {
 public:
  virtual ~Timers() = default;
  // Runs `fn` after `delay_ns` of virtual time (>= 0). Ties fire in the order
  // they were scheduled.
  virtual TimerId Schedule(TimeNs delay_ns, std::function<void()> fn) = 0;
  // Cancelling a fired or unknown timer is a no-op.
  virtual void Cancel(TimerId id) = 0;
};

class Network {
 public:
  virtual ~Network() = default;
  // Sends from this node. The message may be delayed, dropped, duplicated or
  // reordered by the simulated network; delivery calls the receiver's
  // Node::OnMessage.
  virtual void Send(NodeId to, Message message) = 0;
  // Closes this node's connection to `to`, as Java's NetworkClient does
  // when a request on it times out. What was sent still arrives; the next
  // Send opens a new connection that does not queue behind the old one.
  virtual void Disconnect(NodeId to) = 0;
};

// A node's disk: named files of bytes. Appends land in the page cache and
// survive a process crash; only bytes covered by Fsync survive a power
// failure. (FoundationDB's non-durable file model.)
// Writes can fail (a full disk, an I/O error): they return a Status, and a
// failed one changes nothing. The error is KAFKA_STORAGE_ERROR with the file
// and the cause, as Kafka wraps an IOException in a KafkaStorageException.
class Disk {
 public:
  virtual ~Disk() = default;
  virtual Status Append(std::string_view file, std::span<const uint8_t> bytes) = 0;
  virtual Status Fsync(std::string_view file) = 0;
  virtual bool Exists(std::string_view file) const = 0;
  virtual uint64_t Size(std::string_view file) const = 0;
  // A view of the file's bytes, valid until the next mutation of that file.
  virtual std::span<const uint8_t> Read(std::string_view file) const = 0;
  virtual Status Truncate(std::string_view file, uint64_t size) = 0;
  virtual Status Remove(std::string_view file) = 0;
  // File names starting with `prefix`, sorted.
  virtual std::vector<std::string> List(std::string_view prefix) const = 0;
};

// A deterministic random stream, split per node from the run seed.
class Random {
 public:
  virtual ~Random() = default;
  virtual uint64_t NextU64() = 0;
  // Uniform in [0, n) for n > 0 (Lemire's method, no std distributions).
  uint64_t Below(uint64_t n);
  // True with probability p in [0, 1].
  bool Chance(double p);
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi);
};

// Where core reports what happened (appends, HW moves, ISR changes,
// elections, acks, consumption). sim/ turns these into the trace and feeds
// the checkers; core never reads them back.
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void Observe(Observation obs) = 0;
};

// Rare-path injection points (FoundationDB's BUGGIFY). Core asks at a named
// site whether to take a rare but legal branch: a short fetch, an early
// request timeout, a skipped flush. Never fires unless the run enables it
// (scenario `buggify: true`); then each site is switched on for the whole run
// with probability 1/4, decided by the seed, and fires with probability 1/20.
// The sites: "short_fetch" (core/broker/replica_manager.cc),
// "early_request_timeout" (core/client/request_tracker.cc),
// "skip_flush" (core/broker/replica_manager.cc: a due flush is postponed;
// matters only where a topic flushes, e.g. flush.messages), "slow_fsync"
// (sim/world.cc: an fsync stalls the node's whole process for 50-500 ms, as a
// disk whose flush blocks the broker's threads).
inline constexpr std::string_view kBuggifySites[] = {"short_fetch", "early_request_timeout", "skip_flush",
                                                     "slow_fsync"};

class Buggify {
 public:
  virtual ~Buggify() = default;
  virtual bool Fire(std::string_view site) = 0;
};

// The node's own process. Halt is Kafka's Exit.halt: the process stops at
// once, without a clean shutdown — as a crash (the page cache survives). The
// simulator ends this incarnation after the running handler returns.
class Process {
 public:
  virtual ~Process() = default;
  virtual void Halt(std::string_view reason) = 0;
};

// One node's view of the world.
struct Env {
  NodeId self;
  Clock& clock;
  Timers& timers;
  Network& net;
  Disk& disk;
  Random& random;
  Observer& observer;
  Buggify& buggify;
  Process& process;

  TimeNs Now() const { return clock.Now(); }
};

// A simulated process: a broker, the coordination service, a client.
// Crash = the object is destroyed; restart = a new object over the same Disk.
class Node {
 public:
  virtual ~Node() = default;
  virtual void Start() = 0;
  virtual void OnMessage(NodeId from, const Message& message) = 0;
  // A message this node sent to `peer` was not delivered because peer's
  // process is down — what a real client sees as a refused or reset TCP
  // connection (Kafka's clients fail in-flight requests on a disconnect).
  // Optional for the simulator to call; the default ignores it.
  virtual void OnPeerUnreachable(NodeId /*peer*/) {}
};

}  // namespace kafkasim
