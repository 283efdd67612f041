#include "core/util/topic_name.h"

#include <set>

namespace kafkasim {
namespace {

// The one copy of every name (a std::set: its elements never move).
std::set<std::string, std::less<>>& Names() {
  static std::set<std::string, std::less<>> names;
  return names;
}

}  // namespace

const std::string& TopicName::Intern(std::string_view s) {
  std::set<std::string, std::less<>>& names = Names();
  auto it = names.find(s);
  if (it == names.end()) it = names.emplace(s).first;
  return *it;
}

const std::string& TopicName::Empty() {
  static const std::string& empty = Intern("");
  return empty;
}

}  // namespace kafkasim
