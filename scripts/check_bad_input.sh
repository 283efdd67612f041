#!/usr/bin/env bash
# A malformed scenario exits 2 and names the file, the line and the field.
set -u
ks="${1:-build/bin/kafkasim}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# expect_bad FILE LINE FIELD_OR_TEXT: `kafkasim run FILE` exits 2 and its
# message names FILE:LINE and FIELD_OR_TEXT.
expect_bad() {
  local file=$1 line=$2 what=$3 out code bad=0
  out=$("$ks" run "$tmp/$file" 2>&1); code=$?
  [ "$code" -eq 2 ] || { echo "FAIL: $file: exit $code, want 2: $out"; fail=1; return; }
  echo "$out" | grep -q "$file:$line:" || { echo "FAIL: message does not name $file line $line: $out"; bad=1; }
  echo "$out" | grep -qF -- "$what" || { echo "FAIL: message does not name $what: $out"; bad=1; }
  [ $bad -eq 0 ] && echo "ok: $file exits 2: $out"
  [ $bad -eq 0 ] || fail=1
}

cat > "$tmp/bad.yaml" <<'YAML'
name: bad-brokers
duration: 5s
cluster:
  brokers: three
YAML
expect_bad bad.yaml 4 cluster.brokers

# yaml-cpp keeps the first or the last of a key written twice; kafkasim refuses.
cat > "$tmp/dup-key.yaml" <<'YAML'
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
expect_bad dup-key.yaml 9 'topics[0].assignment.0: key "0" is written twice (first at line 8)'

cat > "$tmp/dup-expect.yaml" <<'YAML'
name: dup-expect
duration: 5s
cluster: {brokers: 3}
topics: [{name: orders, replication.factor: 3}]
expect:
  produce_errors: {NOT_ENOUGH_REPLICAS: ">0"}
  leader_of: {orders-0: broker-1}
  produce_errors: {NOT_ENOUGH_REPLICAS: 0}
YAML
expect_bad dup-expect.yaml 8 'expect.produce_errors: key "produce_errors" is written twice (first at line 6)'

cat > "$tmp/two-docs.yaml" <<'YAML'
name: first
duration: 5s
---
name: second
duration: 9s
YAML
expect_bad two-docs.yaml 3 'a second YAML document starts here'

"$ks" run "$tmp/missing.yaml" >/dev/null 2>&1; code=$?
[ "$code" -eq 2 ] || { echo "FAIL: missing file exit $code, want 2"; fail=1; }
[ $fail -eq 0 ] && echo "ok: bad input exits 2 naming file, line and field"
exit $fail
