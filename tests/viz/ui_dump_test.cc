// tests/viz/ui_dump_test.cc — --ui-dump: what a scripted session reads.
#include "viz/ui_dump.h"

#include <gtest/gtest.h>

#include "sim/scenario/loader.h"
#include "sim/trace.h"
#include "viz/fault_injection.h"

namespace kafkasim::viz {
namespace {

TEST(UiDumpTest, TimeHashHandFaultsSaveAndRectangles) {
  scenario::Scenario s = scenario::LoadScenarioString(
                             "name: d\nduration: 2s\ncluster: {brokers: 1}\n"
                             "topics: [{name: t, partitions: 1, replication.factor: 1}]\n",
                             "d.yaml")
                             .scenario;
  SimController c(s, 3);
  c.SeekTo(kNsPerSec);
  c.Apply(UiCommand{InjectFaultCommand{MakeNodeFault(c.scenario(), "broker-1", NodeAction::kCrash, c.sim().now())}});
  UiState ui;
  ui.rects.push_back({"node:broker-1", 10.4f, 20, 110.6f, 60});
  std::string d = DescribeUi(ui, c);
  EXPECT_NE(d.find("now_ns 1000000000\nend_ns 2000000000\ntrace_hash " + sim::Trace::HashHex(c.trace_hash()) +
                   "\nhand_faults 1\n"),
            std::string::npos)
      << d;
  EXPECT_NE(d.find("rect node:broker-1 10 20 111 60\n"), std::string::npos) << d;
  EXPECT_EQ(d.find("saved "), std::string::npos) << "nothing saved yet";
}

}  // namespace
}  // namespace kafkasim::viz
