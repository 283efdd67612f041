// core/util/topic_name.h — a topic name, interned: one shared copy of each
// distinct name, so a TopicPartition copies a pointer instead of a string
// ("__consumer_offsets" is longer than std::string's inline buffer: every
// copy allocated) and two names compare equal by pointer.
//
// Order is the string's order (partition maps iterate as they did with
// std::string keys); the pointer is only ever compared for equality, never
// ordered or hashed, so nothing depends on where the names live. Names are
// never freed: a run has a handful of topics.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace kafkasim {

class TopicName {
 public:
  TopicName() : s_(&Empty()) {}
  TopicName(std::string_view s) : s_(&Intern(s)) {}               // NOLINT(google-explicit-constructor)
  TopicName(const std::string& s) : s_(&Intern(s)) {}             // NOLINT(google-explicit-constructor)
  TopicName(const char* s) : s_(&Intern(std::string_view(s))) {}  // NOLINT(google-explicit-constructor)

  const std::string& str() const { return *s_; }
  operator const std::string&() const { return *s_; }  // NOLINT(google-explicit-constructor)
  operator std::string_view() const { return *s_; }    // NOLINT(google-explicit-constructor)
  const char* c_str() const { return s_->c_str(); }
  const char* data() const { return s_->data(); }
  size_t size() const { return s_->size(); }
  bool empty() const { return s_->empty(); }
  size_t rfind(std::string_view s, size_t pos = std::string::npos) const { return s_->rfind(s, pos); }
  size_t find(std::string_view s, size_t pos = 0) const { return s_->find(s, pos); }
  std::string substr(size_t pos, size_t n = std::string::npos) const { return s_->substr(pos, n); }

  friend bool operator==(const TopicName& a, const TopicName& b) { return a.s_ == b.s_; }
  friend bool operator==(const TopicName& a, const std::string& b) { return *a.s_ == b; }
  friend bool operator==(const TopicName& a, std::string_view b) { return *a.s_ == b; }
  friend bool operator==(const TopicName& a, const char* b) { return *a.s_ == b; }
  friend std::strong_ordering operator<=>(const TopicName& a, const TopicName& b) {
    if (a.s_ == b.s_) return std::strong_ordering::equal;
    return a.s_->compare(*b.s_) <=> 0;
  }
  friend std::string operator+(const TopicName& a, std::string_view b) { return std::string(*a.s_).append(b); }
  friend std::string operator+(std::string_view a, const TopicName& b) { return std::string(a).append(*b.s_); }
  friend std::string operator+(const TopicName& a, const char* b) { return *a.s_ + b; }
  friend std::string operator+(const char* a, const TopicName& b) { return a + *b.s_; }
  friend std::string operator+(const TopicName& a, const std::string& b) { return *a.s_ + b; }
  friend std::string operator+(const std::string& a, const TopicName& b) { return a + *b.s_; }
  friend std::string operator+(std::string&& a, const TopicName& b) { return std::move(a.append(*b.s_)); }
  friend std::ostream& operator<<(std::ostream& o, const TopicName& t) { return o << *t.s_; }

 private:
  static const std::string& Intern(std::string_view s);
  static const std::string& Empty();
  const std::string* s_;
};

}  // namespace kafkasim

template <>
struct std::hash<kafkasim::TopicName> {
  size_t operator()(const kafkasim::TopicName& t) const noexcept { return std::hash<std::string>{}(t.str()); }
};
