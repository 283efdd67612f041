// tests/core/config/configs_doc_test.cc — docs/configs.md promises that its
// tables list exactly the keys the scenario loader accepts, each with its
// type, default, Kafka's rule, whether kafkasim enforces it, whether it is
// simulated and its description, in the section of its kind. This test keeps
// that promise: change a key's ConfigDef row and the page must change with it
// (a failure prints the section's rows as they must be).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/config/broker_config.h"
#include "core/config/client_config.h"
#include "core/config/topic_config.h"

namespace kafkasim::config {
namespace {

std::string TypeText(const ConfigKey& k) {
  switch (k.type) {
    case KeyType::kInt:
      return "int";
    case KeyType::kLong:
      return "long";
    case KeyType::kDouble:
      return "double";
    case KeyType::kBool:
      return "boolean";
    case KeyType::kString:
      return "string";
    case KeyType::kDurationMs:
      return "long (ms)";
    case KeyType::kIntMs:
      return "int (ms)";
    case KeyType::kEnum: {
      std::string out;
      for (std::string_view v : k.allowed) out += (out.empty() ? "`" : " \\| `") + std::string(v) + "`";
      return out;
    }
  }
  return "?";
}

// The row the page must hold for `k`.
std::string Row(const ConfigKey& k) {
  return "| `" + std::string(k.name) + "` | " + TypeText(k) + " | `" + std::string(k.default_value) + "` | " +
         KafkaRuleText(k) + " | " + EnforcedText(k) + " | " + (k.simulated ? "yes" : "**no**") + " | " +
         std::string(k.doc) + " |";
}

constexpr const char* kHeader = "| key | type | default | Kafka's rule | enforced | simulated | description |";

// The table rows under "## <heading>" up to the next "## ".
std::vector<std::string> SectionRows(const std::string& page, const std::string& heading) {
  std::istringstream in(page);
  std::vector<std::string> rows;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0)
      inside = line == "## " + heading;
    else if (inside && (line.rfind("| `", 0) == 0 || line.rfind("| key ", 0) == 0))
      rows.push_back(line);
  }
  return rows;
}

std::string ReadPage() {
  std::ifstream f(std::string(KAFKASIM_SOURCE_DIR) + "/docs/configs.md");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void ExpectSection(const std::string& page, const std::string& heading, const std::vector<ConfigKey>& keys) {
  std::vector<std::string> rows = SectionRows(page, heading);
  std::string table = std::string(kHeader) + "\n|---|---|---|---|---|---|---|\n";
  for (const ConfigKey& k : keys) table += Row(k) + "\n";
  ASSERT_FALSE(rows.empty()) << heading << ": no table; it must be\n" << table;
  EXPECT_EQ(rows[0], kHeader) << heading;
  EXPECT_EQ(rows.size(), keys.size() + 1) << heading << ": the page lists " << rows.size() - 1 << " keys, the loader "
                                          << keys.size() << "; the table must be\n"
                                          << table;
  bool all_found = true;
  for (const ConfigKey& k : keys) {
    std::string want = Row(k);
    bool found = false;
    for (const std::string& r : rows) found |= r == want;
    EXPECT_TRUE(found) << heading << " lacks (or differs from) the row\n" << want;
    all_found &= found;
  }
  EXPECT_TRUE(all_found) << heading << ": the table must be\n" << table;
}

TEST(ConfigsDocTest, EveryKeyHasItsExactRowInTheSectionOfItsKind) {
  const std::string page = ReadPage();
  ASSERT_FALSE(page.empty());
  ExpectSection(page, "Broker configs", BrokerConfig::Keys());
  ExpectSection(page, "Topic configs", TopicConfig::Keys());
  ExpectSection(page, "Producer configs", ProducerConfig::Keys());
  ExpectSection(page, "Consumer configs", ConsumerConfig::Keys());
}

}  // namespace
}  // namespace kafkasim::config
