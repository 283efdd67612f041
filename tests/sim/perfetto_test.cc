// The Perfetto / Chrome trace export: valid JSON, one named track per node,
// messages as slices from send to delivery.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "sim/perfetto.h"
#include "sim/run.h"
#include "sim/scenario/loader.h"
#include "tests/core/util/json_validator.h"

namespace kafkasim::sim {
namespace {

TEST(PerfettoTest, MessageBecomesASliceOnTheReceiverTrack) {
  std::ostringstream out;
  PerfettoWriter w(out);
  w.Line(R"({"i":0,"t":1000,"type":"send","from":2001,"to":1,"msg":"Produce"})");
  w.Line(R"({"i":1,"t":3500,"type":"deliver","from":2001,"to":1,"msg":"Produce"})");
  w.Line(R"({"i":2,"t":4000,"type":"hw","node":1,"tp":"orders-0","old":0,"new":1,"leader":true})");
  scenario::Scenario s;
  s.cluster.brokers = 1;
  w.Finish(s);
  std::string json = out.str();
  EXPECT_EQ(testing::JsonError(json), "") << json;
  EXPECT_NE(json.find(R"("name":"Produce","ph":"X","pid":1,"tid":1,"ts":1.000,"dur":2.500)"), std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("name":"hw","ph":"i","pid":1,"tid":1,"ts":4.000)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("args":{"name":"broker-1"})"), std::string::npos) << json;
}

TEST(PerfettoTest, WholeRunExportsValidJson) {
  auto loaded = scenario::LoadScenarioFile(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/acks1-leader-failure.yaml");
  ASSERT_TRUE(loaded.ok());
  std::ostringstream out;
  PerfettoWriter w(out);
  RunOptions opts{loaded.scenario.seed, nullptr, [&w](std::string_view line) { w.Line(line); }};
  RunResult r = RunScenario(loaded.scenario, opts);
  w.Finish(loaded.scenario);
  EXPECT_EQ(testing::JsonError(out.str()), "");
  EXPECT_NE(out.str().find(R"("name":"p1")"), std::string::npos);
  EXPECT_GT(r.events, 100u);
}

}  // namespace
}  // namespace kafkasim::sim
