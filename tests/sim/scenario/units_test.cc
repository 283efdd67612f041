// Durations, rates, bandwidths, node names and comparisons of scenario files.
#include <gtest/gtest.h>

#include "sim/scenario/node_ref.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/units.h"

namespace kafkasim::scenario {
namespace {

TEST(DurationTest, ParsesEveryUnitExactly) {
  EXPECT_EQ(*ParseDuration("500us"), 500'000);
  EXPECT_EQ(*ParseDuration("2ms"), Ms(2));
  EXPECT_EQ(*ParseDuration("4s"), 4 * kNsPerSec);
  EXPECT_EQ(*ParseDuration("1min"), 60 * kNsPerSec);
  EXPECT_EQ(*ParseDuration("7ns"), 7);
  EXPECT_EQ(*ParseDuration("1.5s"), 1'500'000'000);
  EXPECT_EQ(*ParseDuration("0.25ms"), 250'000);
  EXPECT_EQ(*ParseDuration("0"), 0);
  EXPECT_EQ(*ParseDuration("0s"), 0);
}

TEST(DurationTest, RejectsWhatIsNotADuration) {
  for (const char* bad :
       {"5 parsecs", "5", "s", "-1s", "1.5ns", "2 ms", "1h", "", "1e3ms", "1.s", "99999999999999999s"}) {
    Result<TimeNs> r = ParseDuration(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_NE(r.error().message.find(bad), std::string::npos) << r.error().message;
    }
  }
}

TEST(DurationTest, FormatsShortestExactUnit) {
  EXPECT_EQ(FormatDuration(0), "0s");
  EXPECT_EQ(FormatDuration(Ms(1500)), "1500ms");
  EXPECT_EQ(FormatDuration(4 * kNsPerSec), "4s");
  EXPECT_EQ(FormatDuration(120 * kNsPerSec), "2min");
  EXPECT_EQ(FormatDuration(1'001), "1001ns");
}

TEST(RateTest, PerSecondAndPerMinute) {
  EXPECT_DOUBLE_EQ(*ParseRate("200/s"), 200.0);
  EXPECT_DOUBLE_EQ(*ParseRate("0.5/s"), 0.5);
  EXPECT_DOUBLE_EQ(*ParseRate("30/min"), 0.5);
  EXPECT_FALSE(ParseRate("200").ok());
  EXPECT_FALSE(ParseRate("0/s").ok());
  EXPECT_FALSE(ParseRate("200/h").ok());
}

TEST(BandwidthTest, DecimalAndBinaryUnits) {
  EXPECT_EQ(*ParseBandwidth("10MB/s"), 10'000'000);
  EXPECT_EQ(*ParseBandwidth("512KiB/s"), 512 * 1024);
  EXPECT_EQ(*ParseBandwidth("1.5GB/s"), 1'500'000'000);
  EXPECT_EQ(*ParseBandwidth("100B/s"), 100);
  EXPECT_FALSE(ParseBandwidth("10MB").ok());
  EXPECT_FALSE(ParseBandwidth("0MB/s").ok());
  EXPECT_FALSE(ParseBandwidth("10mb/s").ok());
}

TEST(NodeRefTest, ParsesEveryKind) {
  EXPECT_EQ(ParseNodeRef("broker-2")->kind, NodeRef::Kind::kNamed);
  EXPECT_EQ(ParseNodeRef("broker-2")->name, "broker-2");
  EXPECT_EQ(ParseNodeRef("zookeeper")->name, "zookeeper");
  EXPECT_EQ(ParseNodeRef("controller")->kind, NodeRef::Kind::kController);
  EXPECT_EQ(ParseNodeRef("all")->kind, NodeRef::Kind::kAll);
  Result<NodeRef> leader = ParseNodeRef("leader(my-topic-12)");
  ASSERT_TRUE(leader.ok());
  EXPECT_EQ(leader->kind, NodeRef::Kind::kLeaderOf);
  EXPECT_EQ(leader->tp.topic, "my-topic");
  EXPECT_EQ(leader->tp.partition, PartitionId{12});
  EXPECT_EQ(leader->text, "leader(my-topic-12)");
  for (const char* bad : {"Broker-1", "leader(orders)", "leader(orders-0", "leader()", "p 1", ""}) {
    EXPECT_FALSE(ParseNodeRef(bad).ok()) << bad;
  }
}

TEST(NodeRefTest, BrokerNames) {
  EXPECT_EQ(BrokerName(3), "broker-3");
  EXPECT_EQ(BrokerIdFromName("broker-12"), 12);
  EXPECT_FALSE(BrokerIdFromName("broker-").has_value());
  EXPECT_FALSE(BrokerIdFromName("broker-01").has_value());
  EXPECT_FALSE(BrokerIdFromName("p1").has_value());
  EXPECT_TRUE(IsValidName("a-1"));
  EXPECT_FALSE(IsValidName("a_1"));
  EXPECT_FALSE(IsValidName("A"));
}

TEST(ComparisonTest, ParsesEveryOperator) {
  struct Case {
    const char* text;
    Comparison::Op op;
    int64_t value;
  };
  using Op = Comparison::Op;
  for (const Case& c :
       {Case{"3", Op::kEq, 3}, Case{"==3", Op::kEq, 3}, Case{"!=0", Op::kNe, 0}, Case{">0", Op::kGt, 0},
        Case{">=2", Op::kGe, 2}, Case{"<5", Op::kLt, 5}, Case{"<= 5", Op::kLe, 5}, Case{"-1", Op::kEq, -1}}) {
    std::optional<Comparison> parsed = Comparison::Parse(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed->op, c.op) << c.text;
    EXPECT_EQ(parsed->value, c.value) << c.text;
  }
  for (const char* bad : {"", ">", "=>1", ">>0", "3x", "abc", "= 3"}) {
    EXPECT_FALSE(Comparison::Parse(bad).has_value()) << bad;
  }
}

TEST(ComparisonTest, HoldsAndToString) {
  Comparison gt{Comparison::Op::kGt, 0};
  EXPECT_TRUE(gt.Holds(1));
  EXPECT_FALSE(gt.Holds(0));
  EXPECT_EQ(gt.ToString(), ">0");
  Comparison le{Comparison::Op::kLe, 5};
  EXPECT_TRUE(le.Holds(5));
  EXPECT_FALSE(le.Holds(6));
  EXPECT_EQ(le.ToString(), "<=5");
  EXPECT_TRUE((Comparison{Comparison::Op::kNe, 0}).Holds(-1));
  EXPECT_TRUE((Comparison{Comparison::Op::kEq, 3}).Holds(3));
  EXPECT_TRUE((Comparison{Comparison::Op::kLt, 3}).Holds(2));
  EXPECT_FALSE((Comparison{Comparison::Op::kGe, 3}).Holds(2));
  EXPECT_EQ((Comparison{Comparison::Op::kEq, 3}).ToString(), "==3");
  for (const char* text : {"==3", "!=0", ">0", ">=2", "<5", "<=5"}) {
    EXPECT_EQ(Comparison::Parse(text)->ToString(), text);
  }
}

}  // namespace
}  // namespace kafkasim::scenario
