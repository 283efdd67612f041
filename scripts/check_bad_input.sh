#!/usr/bin/env bash
# A malformed scenario exits 2 and names the file, the line and the field.
set -u
ks="${1:-build/bin/kafkasim}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/bad.yaml" <<'YAML'
name: bad-brokers
duration: 5s
cluster:
  brokers: three
YAML
out=$("$ks" run "$tmp/bad.yaml" 2>&1); code=$?
fail=0
[ "$code" -eq 2 ] || { echo "FAIL: exit $code, want 2"; fail=1; }
echo "$out" | grep -q "bad.yaml:4" || { echo "FAIL: message does not name bad.yaml line 4: $out"; fail=1; }
echo "$out" | grep -q "cluster.brokers" || { echo "FAIL: message does not name the field cluster.brokers: $out"; fail=1; }
"$ks" run "$tmp/missing.yaml" >/dev/null 2>&1; code=$?
[ "$code" -eq 2 ] || { echo "FAIL: missing file exit $code, want 2"; fail=1; }
[ $fail -eq 0 ] && echo "ok: bad input exits 2 naming file, line and field: $out"
exit $fail
