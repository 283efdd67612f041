// tests/core/controller/zk_fan_out_test.cc — FanOut: one continuation after
// the last answer, per-answer effects in arrival order.
#include "core/controller/zk_fan_out.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kafkasim::controller {
namespace {

ZkResponse Answer(ZkCode code, std::string path) {
  ZkResponse r;
  r.code = code;
  r.path = std::move(path);
  return r;
}

TEST(FanOutTest, DoneRunsOnceAfterTheLastAnswerWhateverTheOrder) {
  std::vector<ZkClient::ResponseCallback> sent;
  std::vector<std::string> log;
  FanOut(
      3, [&](size_t, ZkClient::ResponseCallback cb) { sent.push_back(std::move(cb)); },
      [&](size_t i, const ZkResponse& r) { log.push_back(std::to_string(i) + ":" + r.path); },
      [&] { log.push_back("done"); });
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_TRUE(log.empty());
  sent[2](Answer(ZkCode::ZOK, "/c"));
  sent[0](Answer(ZkCode::ZNONODE, "/a"));
  EXPECT_EQ(log, (std::vector<std::string>{"2:/c", "0:/a"}));
  sent[1](Answer(ZkCode::ZOK, "/b"));
  EXPECT_EQ(log, (std::vector<std::string>{"2:/c", "0:/a", "1:/b", "done"}));
}

TEST(FanOutTest, NothingToSendMeansDoneAtOnce) {
  bool done = false;
  FanOut(
      0, [](size_t, ZkClient::ResponseCallback) { FAIL() << "nothing to send"; }, nullptr, [&] { done = true; });
  EXPECT_TRUE(done);
}

TEST(FanOutTest, AnUnansweredRequestKeepsDoneFromRunning) {
  // What a lost ZooKeeper session looks like here: ZkClient drops the callback.
  std::vector<ZkClient::ResponseCallback> sent;
  bool done = false;
  FanOut(
      2, [&](size_t, ZkClient::ResponseCallback cb) { sent.push_back(std::move(cb)); }, nullptr, [&] { done = true; });
  sent[0](Answer(ZkCode::ZOK, "/a"));
  sent.clear();
  EXPECT_FALSE(done);
}

}  // namespace
}  // namespace kafkasim::controller
