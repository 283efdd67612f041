// core/config/config_def.h — a config kind's table of keys, Kafka's ConfigDef:
// each row is a ConfigKey (name, type, default, validator, doc, Kafka's rule)
// and the setter that parses a value into the struct's field. Set() and Keys()
// of BrokerConfig, TopicConfig, ProducerConfig and ConsumerConfig are this
// table; nothing else names a key.
#pragma once

#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/config/config_key.h"
#include "core/config/set_field.h"

namespace kafkasim::config {

template <typename C>
using Setter = Status (*)(C& config, const ConfigKey& key, std::string_view value);

template <typename C>
struct KeyDef {
  ConfigKey key;
  Setter<C> set;
};

template <typename C>
class ConfigDef {
 public:
  ConfigDef(std::string_view kind, std::vector<KeyDef<C>> defs) : kind_(kind) {
    for (KeyDef<C>& d : defs) {
      keys_.push_back(std::move(d.key));
      setters_.push_back(d.set);
    }
  }
  const std::vector<ConfigKey>& Keys() const { return keys_; }
  // Sets one key from its text form; errors name the key and the bad value.
  Status Set(C& config, std::string_view key, std::string_view value) const {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i].name == key) return setters_[i](config, keys_[i], value);
    }
    return UnknownKeyError(kind_, key, keys_);
  }

 private:
  std::string_view kind_;
  std::vector<ConfigKey> keys_;
  std::vector<Setter<C>> setters_;
};

// --- Field<&C::member>: the setter of a plain field, by the field's type ---

namespace detail {
template <typename M>
struct MemberOf;
template <typename C, typename T>
struct MemberOf<T C::*> {
  using Class = C;
  using Type = T;
};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

// Integers within Accepted(key); booleans; enums by their index in key.allowed.
template <typename T>
Result<T> ParseAs(const ConfigKey& key, std::string_view value) {
  if constexpr (std::is_same_v<T, bool>) {
    return ParseBool(key.name, value);
  } else if constexpr (std::is_enum_v<T>) {
    Result<size_t> i = ParseEnum(key.name, value, key.allowed);
    if (!i.ok()) return i.error();
    return static_cast<T>(*i);
  } else {
    static_assert(std::is_integral_v<T>, "a Field is an integer, a boolean, an enum or an optional of one");
    Result<int64_t> v = ParseInRange(key, value, Range{std::numeric_limits<T>::min(), std::numeric_limits<T>::max()});
    if (!v.ok()) return v.error();
    return static_cast<T>(*v);
  }
}
}  // namespace detail

template <auto Member>
Status Field(typename detail::MemberOf<decltype(Member)>::Class& config, const ConfigKey& key, std::string_view value) {
  using T = typename detail::MemberOf<decltype(Member)>::Type;
  if constexpr (detail::IsOptional<T>::value) {
    auto v = detail::ParseAs<typename T::value_type>(key, value);
    if (!v.ok()) return v.error();
    config.*Member = *v;
  } else {
    auto v = detail::ParseAs<T>(key, value);
    if (!v.ok()) return v.error();
    config.*Member = *v;
  }
  return OkStatus();
}

}  // namespace kafkasim::config
