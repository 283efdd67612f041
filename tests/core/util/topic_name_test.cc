// tests/core/util/topic_name_test.cc — interned topic names order and compare
// exactly as the strings do (partition maps iterate as with std::string keys).
#include "core/util/topic_name.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/types.h"

namespace kafkasim {
namespace {

TEST(TopicName, SameTextIsOneSharedCopy) {
  const std::string built = std::string("__consumer_") + "offsets";
  TopicName a(built), b("__consumer_offsets");
  EXPECT_EQ(a, b);
  EXPECT_EQ(&a.str(), &b.str());
  EXPECT_NE(TopicName("orders"), b);
  EXPECT_EQ(TopicName().str(), "");
  EXPECT_TRUE(TopicName().empty());
}

TEST(TopicName, OrdersAsItsString) {
  std::vector<std::string> words = {"orders", "__consumer_offsets", "a", "", "orders-2", "Orders", "b", "ab"};
  for (size_t i = 0; i < words.size(); ++i)
    for (size_t j = 0; j < words.size(); ++j) {
      EXPECT_EQ(TopicName(words[i]) < TopicName(words[j]), words[i] < words[j]) << words[i] << " " << words[j];
      EXPECT_EQ(TopicName(words[i]) == TopicName(words[j]), words[i] == words[j]);
    }
}

TEST(TopicName, TopicPartitionMapIteratesInStringOrder) {
  std::map<TopicPartition, int> m;
  for (const char* t : {"orders", "__consumer_offsets", "payments", "a"})
    for (int p : {2, 0, 1}) m[TopicPartition{t, PartitionId{p}}] = p;
  std::vector<std::string> got;
  for (const auto& [tp, v] : m) got.push_back(tp.ToString());
  std::vector<std::string> want = got;
  std::sort(want.begin(), want.end(), [](const std::string& x, const std::string& y) {
    auto split = [](const std::string& s) {
      size_t dash = s.rfind('-');
      return std::make_pair(s.substr(0, dash), std::stoi(s.substr(dash + 1)));
    };
    return split(x) < split(y);
  });
  EXPECT_EQ(got, want);
  EXPECT_EQ(got.front(), "__consumer_offsets-0");
}

TEST(TopicName, ReadsAsAString) {
  TopicName t("orders");
  EXPECT_EQ(t + "-0", "orders-0");
  EXPECT_EQ("topic " + t, "topic orders");
  EXPECT_EQ(t, std::string("orders"));
  EXPECT_EQ(t, "orders");
  EXPECT_EQ(t.rfind("or", 0), 0u);
  const std::string& s = t;
  EXPECT_EQ(s, "orders");
  EXPECT_EQ(std::hash<TopicName>{}(t), std::hash<std::string>{}("orders"));
}

}  // namespace
}  // namespace kafkasim
