#!/usr/bin/env bash
# A malformed scenario exits 2 and names the file, the line and the field —
# and, for what Kafka itself refuses, Kafka's rule in Kafka's words.
set -u
ks="${1:-build/bin/kafkasim}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# expect_bad NAME LINE FIELD WORDS < yaml: `kafkasim run` exits 2 and its
# message names NAME.yaml:LINE, FIELD and WORDS (a fixed string).
expect_bad() {
  local name=$1 line=$2 field=$3 words=$4 out code bad=0
  cat > "$tmp/$name.yaml"
  out=$(timeout 60 "$ks" run "$tmp/$name.yaml" 2>&1); code=$?
  [ "$code" -eq 2 ] || { echo "FAIL $name: exit $code, want 2: $(echo "$out" | head -3)"; fail=1; return; }
  echo "$out" | grep -qF "$name.yaml:$line:" || { echo "FAIL $name: message does not name $name.yaml line $line: $out"; bad=1; }
  echo "$out" | grep -qF -- "$field" || { echo "FAIL $name: message does not name the field $field: $out"; bad=1; }
  echo "$out" | grep -qF -- "$words" || { echo "FAIL $name: message does not say \"$words\": $out"; bad=1; }
  [ $bad -eq 0 ] && echo "ok: $name: $(echo "$out" | grep -F "$name.yaml:$line:" | head -1)"
  [ $bad -eq 0 ] || fail=1
}

expect_bad bad-brokers 4 cluster.brokers "expected an integer" <<'YAML'
name: bad-brokers
duration: 5s
cluster:
  brokers: three
YAML

# yaml-cpp keeps the first or the last of a key written twice; kafkasim refuses.
expect_bad dup-key 9 'topics[0].assignment.0' 'key "0" is written twice (first at line 8)' <<'YAML'
name: dup-key
duration: 5s
cluster: {brokers: 3}
topics:
  - name: orders
    replication.factor: 3
    assignment:
      0: [1, 2, 3]
      0: [3, 2, 1]
YAML
expect_bad dup-expect 8 'expect.produce_errors' 'key "produce_errors" is written twice (first at line 6)' <<'YAML'
name: dup-expect
duration: 5s
cluster: {brokers: 3}
topics: [{name: orders, replication.factor: 3}]
expect:
  produce_errors: {NOT_ENOUGH_REPLICAS: ">0"}
  leader_of: {orders-0: broker-1}
  produce_errors: {NOT_ENOUGH_REPLICAS: 0}
YAML
expect_bad two-docs 3 'two-docs.yaml' 'a second YAML document starts here' <<'YAML'
name: first
duration: 5s
---
name: second
duration: 9s
YAML

# Kafka's ProducerConfig refuses an explicit enable.idempotence=true with acks != all,
# retries = 0 or more than 5 requests in flight (ConfigException).
expect_bad idempotence-acks1 8 producers[0].config.acks \
  "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence." <<'YAML'
name: idempotence-acks1
topics: [{name: t}]
producers:
  - id: p1
    workload: {topic: t, messages: 1}
    config:
      enable.idempotence: true
      acks: 1
YAML
expect_bad idempotence-retries0 7 producers[0].config.retries \
  "Must set retries to non-zero when using the idempotent producer." <<'YAML'
name: idempotence-retries0
topics: [{name: t}]
producers:
  - id: p1
    workload: {topic: t, messages: 1}
    config:
      retries: 0
      enable.idempotence: true
YAML
expect_bad idempotence-in-flight 7 producers[0].config.max.in.flight.requests.per.connection \
  "Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer." <<'YAML'
name: idempotence-in-flight
topics: [{name: t}]
producers:
  - id: p1
    workload: {topic: t, messages: 1}
    config:
      max.in.flight.requests.per.connection: 6
      enable.idempotence: true
YAML

# KafkaProducer refuses an explicit delivery.timeout.ms below linger.ms + request.timeout.ms.
expect_bad delivery-timeout 7 producers[0].config.delivery.timeout.ms \
  "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms" <<'YAML'
name: delivery-timeout
topics: [{name: t}]
producers:
  - id: p1
    workload: {topic: t, messages: 1}
    config:
      delivery.timeout.ms: 10000
YAML

# The Java consumer of a group refuses heartbeat.interval.ms >= session.timeout.ms.
expect_bad heartbeat 8 consumers[0].config.heartbeat.interval.ms \
  "Heartbeat must be set lower than the session timeout" <<'YAML'
name: heartbeat
topics: [{name: t}]
consumers:
  - id: c1
    group: g
    topics: [t]
    config:
      heartbeat.interval.ms: 10000
      session.timeout.ms: 10000
YAML

# KafkaConfig.validateValues.
expect_bad fetch-wait-lag 5 cluster.config.replica.fetch.wait.max.ms \
  "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR" <<'YAML'
name: fetch-wait-lag
cluster:
  config:
    replica.lag.time.max.ms: 2000
    replica.fetch.wait.max.ms: 2500
YAML
expect_bad fetch-wait-socket 4 cluster.config.replica.socket.timeout.ms \
  "replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms to prevent unnecessary socket timeouts" <<'YAML'
name: fetch-wait-socket
cluster:
  config:
    replica.socket.timeout.ms: 100
YAML

# Simulator bounds where Kafka asks only for >= 1: an error, not an allocation until abort.
expect_bad offsets-partitions 4 cluster.config.offsets.topic.num.partitions \
  "simulator bound on partitions per topic" <<'YAML'
name: offsets-partitions
cluster:
  config:
    offsets.topic.num.partitions: 2147483647
YAML
expect_bad topic-partitions 4 topics[0].partitions "simulator bound on partitions per topic" <<'YAML'
name: topic-partitions
topics:
  - name: t
    partitions: 2147483647
YAML
expect_bad batch-size 7 producers[0].config.batch.size "buffer.memory" <<'YAML'
name: batch-size
topics: [{name: t}]
producers:
  - id: p1
    workload: {topic: t, messages: 1}
    config:
      batch.size: 2147483647
YAML

"$ks" run "$tmp/missing.yaml" >/dev/null 2>&1; code=$?
[ "$code" -eq 2 ] || { echo "FAIL: missing file exit $code, want 2"; fail=1; }
[ $fail -eq 0 ] && echo "ok: bad input exits 2 naming file, line and field"
exit $fail
