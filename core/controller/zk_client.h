// core/controller/zk_client.h — the ZooKeeper client library a broker uses
// (Kafka's ZooKeeperClient over the ZooKeeper Java client, reduced).
//
// - Connect() opens a session with a timeout; the client pings every
//   timeout/3 while connected, and every tick (timeout/9) once the server
//   has been silent for timeout/3, so a session survives a server outage
//   that ends before the timeout.
// - Requests are asynchronous; a callback gets the ZkResponse. Requests made
//   while no session is open are queued and sent once one is.
// - Watches are one-shot callbacks by path, registered when the response
//   that sets them arrives. Watch events are taken in their per-session
//   order; a lost one is resent by the server after the next ping, which
//   acknowledges the events received so far.
// - Session loss: a ZSESSIONEXPIRED answer, a kSessionExpired event, or
//   nothing heard from the server for a whole session timeout (the server
//   expires a silent session after the same time) => the session is treated
//   as expired, and that is signalled ONCE, by on_session_expired (the
//   owner stops whatever depended on the session there). The old session's
//   watches and pending callbacks are dropped: they never run, so callers
//   need no "was the session lost?" check in each callback. The exception is
//   a request made with OnExpiry::kAnswer (a caller that must complete
//   something exactly once, e.g. a leader's AlterIsr): its callback gets
//   ZSESSIONEXPIRED, before on_session_expired runs. Then a new session is
//   opened (on_connected runs again — Kafka brokers re-register on it).
//
// Lost messages (retry policy): a request keeps its xid for life and is
// retransmitted, unchanged, every retransmit interval until its response
// comes or the session ends. The server applies a session's xids in order and
// exactly once, answering a retransmission from its cache, so a retried
// Create/SetData/Delete is never applied twice (TCP's guarantee, modelled).
// A request whose session expires may or may not have been applied: a
// kAnswer callback gets ZSESSIONEXPIRED and the caller must re-read before acting.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/protocol/zk.h"

namespace kafkasim::controller {

class ZkClient {
 public:
  using ResponseCallback = std::function<void(const ZkResponse&)>;
  using WatchCallback = std::function<void(const ZkWatchEvent&)>;
  // What happens to a pending request's callback when its session ends.
  enum class OnExpiry {
    kDrop,    // never runs (session loss is signalled once, by on_session_expired)
    kAnswer,  // runs with ZSESSIONEXPIRED (before on_session_expired)
  };
  struct Handlers {
    std::function<void()> on_connected;        // a new session is open
    std::function<void()> on_session_expired;  // the session is gone (before the reconnect)
  };

  ZkClient(Env& env, NodeId server, int32_t session_timeout_ms, Handlers handlers);
  ~ZkClient();
  ZkClient(const ZkClient&) = delete;
  ZkClient& operator=(const ZkClient&) = delete;

  void Connect();
  // Ends the session at the server (its ephemerals go at once) and stops.
  void Close();

  bool connected() const { return session_id_ != 0; }
  int64_t session_id() const { return session_id_; }
  int32_t session_timeout_ms() const { return session_timeout_ms_; }
  // Why the last session ended ("no answer from ZooKeeper for 6000 ms", ...).
  const std::string& last_expiry_reason() const { return last_expiry_reason_; }

  void Create(const std::string& path, const std::string& data, bool ephemeral, ResponseCallback cb,
              bool sequential = false);
  void Delete(const std::string& path, int32_t expected_version, ResponseCallback cb);
  void SetData(const std::string& path, const std::string& data, int32_t expected_version, ResponseCallback cb,
               OnExpiry on_expiry = OnExpiry::kDrop);
  // `watch` may be empty (no watch).
  void GetData(const std::string& path, WatchCallback watch, ResponseCallback cb, OnExpiry on_expiry = OnExpiry::kDrop);
  void GetChildren(const std::string& path, WatchCallback watch, ResponseCallback cb);
  void Exists(const std::string& path, WatchCallback watch, ResponseCallback cb);

  // Consumes ZkResponse / ZkWatchEvent from the server. False for anything else.
  bool OnMessage(NodeId from, const Message& message);

 private:
  struct Pending {
    ZkRequest request;
    ResponseCallback cb;
    WatchCallback watch;
    TimeNs sent_ns = 0;
    OnExpiry on_expiry = OnExpiry::kDrop;
  };

  void Submit(ZkRequest req, WatchCallback watch, ResponseCallback cb, OnExpiry on_expiry = OnExpiry::kDrop);
  void SendPending(Pending& p);
  void OnResponse(const ZkResponse& r);
  void OnConnectResponse(const ZkResponse& r);
  void OnWatchEvent(const ZkWatchEvent& e);
  void SessionExpired(const std::string& why);
  void Tick();
  void ScheduleTick();
  // Housekeeping period (pings, retransmits, the silence check): timeout/9.
  TimeNs TickNs() const;
  // An unanswered request is sent again after two ticks.
  TimeNs RetransmitNs() const { return 2 * TickNs(); }

  Env& env_;
  NodeId server_;
  int32_t session_timeout_ms_;
  Handlers handlers_;
  bool closed_ = false;
  std::string last_expiry_reason_;

  int64_t next_xid_;  // per-session consecutive after the Connect xid
  int64_t session_id_ = 0;
  bool connecting_ = false;
  ZkRequest connect_request_;
  TimeNs connect_sent_ns_ = 0;
  TimeNs last_heard_ns_ = 0;
  TimeNs last_sent_ns_ = 0;
  TimeNs last_ping_ns_ = 0;
  int64_t last_event_seq_ = 0;  // watch events of this session delivered in order

  std::map<int64_t, Pending> pending_;  // by xid, sent in this session
  std::deque<Pending> queued_;          // waiting for a session
  std::map<std::string, std::vector<WatchCallback>> data_watchers_;
  std::map<std::string, std::vector<WatchCallback>> child_watchers_;
  TimerId tick_timer_ = 0;
  bool tick_armed_ = false;
};

}  // namespace kafkasim::controller
