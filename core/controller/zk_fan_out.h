// core/controller/zk_fan_out.h — many ZooKeeper requests at once, one
// continuation after the last answer (what Kafka's KafkaZkClient does with
// retryRequestsUntilConnected over a batch of async requests).
//
//   ReadAll(zk, paths, fn)   GetData of every path (no watch), sent in path
//                            order; fn(answers) once all answered, answers in
//                            path order (ZNONODE etc. included: the caller
//                            decides what a missing znode means).
//   FanOut(n, issue, each, done)
//                            the general form: issue(i, cb) sends request i
//                            with callback cb; each(i, answer) runs as answer
//                            i arrives (for effects that must happen then,
//                            e.g. an election observed when its write lands);
//                            done() after the last. n == 0 => done() at once.
//
// Session loss needs no handling here: ZkClient drops the callbacks of an
// expired session (zk_client.h), so `done` simply never runs, and the owner
// has been told once through on_session_expired.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/controller/zk_client.h"

namespace kafkasim::controller {

using FanOutIssue = std::function<void(size_t i, ZkClient::ResponseCallback cb)>;
using FanOutEach = std::function<void(size_t i, const ZkResponse& r)>;

void FanOut(size_t n, const FanOutIssue& issue, FanOutEach each, std::function<void()> done);

void ReadAll(ZkClient& zk, const std::vector<std::string>& paths,
             std::function<void(const std::vector<ZkResponse>&)> fn);

}  // namespace kafkasim::controller
