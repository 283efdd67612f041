// tests/sim/trace_fields_test.cc — every Observation kind has a
// unique trace type and writes fields that make valid JSON, even with
// strings full of characters that need escaping.
#include "sim/trace_fields.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "tests/core/util/json_validator.h"

namespace kafkasim::sim {
namespace {

using testing::JsonError;

const std::string kNasty = "q\"b\\s/n\nr\rt\tc\x01\x1f caf\xc3\xa9";

// Fills every std::string / vector field of one observation with awkward
// content; other fields keep values given below.
struct Fill {
  void operator()(ObsAppend& o) {
    o.tp = {kNasty, PartitionId{3}};
    o.base_offset = Offset{-1};
    o.last_offset = Offset{INT64_MAX};
  }
  void operator()(ObsHighWatermark& o) { o.tp = {kNasty, PartitionId{0}}; }
  void operator()(ObsIsrChange& o) {
    o.tp = {kNasty, PartitionId{0}};
    o.old_isr = {NodeId{1}, NodeId{2}};
    o.reason = kNasty;
  }
  void operator()(ObsBecomeRole& o) {
    o.tp = {kNasty, PartitionId{0}};
    o.leader = true;
  }
  void operator()(ObsElection& o) {
    o.tp = {kNasty, PartitionId{0}};
    o.isr = {NodeId{3}};
    o.reason = kNasty;
    o.unclean = true;
  }
  void operator()(ObsControllerElected& o) { o.epoch = ControllerEpoch{INT32_MIN}; }
  void operator()(ObsControllerResigned&) {}
  void operator()(ObsTruncate& o) {
    o.tp = {kNasty, PartitionId{0}};
    o.reason = kNasty;
  }
  void operator()(ObsFenced& o) {
    o.tp = {kNasty, PartitionId{0}};
    o.reason = kNasty;
  }
  void operator()(ObsProduceSend& o) {
    o.tp = {kNasty, PartitionId{0}};
    o.key = kNasty;
    o.uid = UINT64_MAX;
  }
  void operator()(ObsProduceResult& o) {
    o.tp = {kNasty, PartitionId{0}};
    o.error = ErrorCode::NOT_ENOUGH_REPLICAS;
    o.uids = {1, 2, 3};
  }
  void operator()(ObsProduceError& o) {
    o.tp = {kNasty, PartitionId{0}};
    o.error = ErrorCode::REQUEST_TIMED_OUT;
  }
  void operator()(ObsConsumed& o) {
    o.group = kNasty;
    o.tp = {kNasty, PartitionId{0}};
  }
  void operator()(ObsFetched& o) { o.tp = {kNasty, PartitionId{0}}; }
  void operator()(ObsOffsetCommit& o) {
    o.group = kNasty;
    o.tp = {kNasty, PartitionId{0}};
  }
  void operator()(ObsRebalance& o) {
    o.group = kNasty;
    o.members = {kNasty, "", "m2"};
    o.summary = kNasty;
  }
  void operator()(ObsNote& o) { o.text = kNasty; }
  void operator()(ObsLeaderAndIsr& o) { o.partitions = INT32_MAX; }
  void operator()(ObsRedelivered& o) {
    o.group = kNasty;
    o.tp = {kNasty, PartitionId{0}};
  }
  void operator()(ObsTxnCompleted& o) { o.transactional_id = kNasty; }
};

template <size_t I>
Observation Make(bool filled) {
  Observation o(std::in_place_index<I>);
  if (filled) std::visit(Fill{}, o);
  return o;
}

std::string Line(const Observation& o) {
  JsonWriter w;
  w.BeginObject().Field("type", ObservationKind(o));
  WriteObservationFields(o, w);
  w.EndObject();
  return w.Take();
}

template <size_t... I>
void CheckAll(std::index_sequence<I...>, bool filled) {
  (
      [&] {
        const Observation o = Make<I>(filled);
        const std::string line = Line(o);
        EXPECT_EQ(JsonError(line), "") << "kind " << ObservationKind(o) << ": " << line;
      }(),
      ...);
}

TEST(ObservationTest, EveryKindWritesValidJsonWithDefaultValues) {
  CheckAll(std::make_index_sequence<std::variant_size_v<ObservationVariant>>{}, false);
}

TEST(ObservationTest, EveryKindWritesValidJsonWithStringsNeedingEscapes) {
  CheckAll(std::make_index_sequence<std::variant_size_v<ObservationVariant>>{}, true);
}

template <size_t... I>
std::set<std::string> Kinds(std::index_sequence<I...>) {
  return {std::string(ObservationKind(Make<I>(false)))...};
}

TEST(ObservationTest, KindNamesAreUniqueAndNonEmpty) {
  auto kinds = Kinds(std::make_index_sequence<std::variant_size_v<ObservationVariant>>{});
  EXPECT_EQ(kinds.size(), std::variant_size_v<ObservationVariant>);
  EXPECT_EQ(kinds.count(""), 0u);
}

TEST(ObservationTest, AppendWritesItsFieldsInOrder) {
  Observation o = ObsAppend{NodeId{2}, {"orders", PartitionId{1}}, Offset{10}, Offset{14}, LeaderEpoch{3}, true};
  EXPECT_EQ(ObservationKind(o), "append");
  EXPECT_EQ(Line(o), R"({"type":"append","node":2,"tp":"orders-1","base":10,"last":14,"epoch":3,"leader":true})");
}

TEST(ObservationTest, IsrChangeWritesIsrsAsArrays) {
  Observation o =
      ObsIsrChange{NodeId{1}, TopicPartition{"t", PartitionId{0}}, {NodeId{1}, NodeId{2}}, {NodeId{1}}, 4, "lag"};
  EXPECT_EQ(ObservationKind(o), "isr");
  EXPECT_EQ(Line(o), R"({"type":"isr","node":1,"tp":"t-0","old":[1,2],"new":[1],"partition_epoch":4,"reason":"lag"})");
}

TEST(ObservationTest, ProduceResultNamesTheErrorAndCountsRecords) {
  ObsProduceResult r{NodeId{2001}, TopicPartition{"t", PartitionId{0}}, ErrorCode::NOT_ENOUGH_REPLICAS, Offset{7}, -1,
                     {1, 2, 3}};
  const std::string line = Line(Observation{r});
  EXPECT_NE(line.find(R"("error":"NOT_ENOUGH_REPLICAS")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("records":3)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("acks":-1)"), std::string::npos) << line;
}

TEST(ObservationTest, NoteEscapesItsText) {
  Observation o = ObsNote{NodeId{5}, "say \"hi\"\n"};
  EXPECT_EQ(Line(o), R"({"type":"note","node":5,"text":"say \"hi\"\n"})");
}

}  // namespace
}  // namespace kafkasim::sim
