#!/usr/bin/env bash
# scripts/gui_screenshot_test.sh — the lessons on screen. Each library
# scenario below is shot at its key moment at 1024x768 and at 1920x1080
# under one virtual X server, and for each shot:
#   - the view model the frame was drawn from (--state-out) holds the facts
#     that prove the lesson is on screen (the zombie's row says it leads, the
#     group panel lists both groups' members, the banner tells the election
#     the picture shows, ...);
#   - the layout is sound: every window inside the display, none overlapping,
#     none cut off (tests/viz/layout_check.py);
#   - the PNG has the expected size, is not blank, and shows the narration
#     banner's band (tests/viz/png_check.py).
#
#   scripts/gui_screenshot_test.sh [path/to/kafkasim-viz] [OUT_DIR]
#
# Exit 0 pass; 1 a check failed; 77 skipped (no xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/.."

viz="${1:-build/bin/kafkasim-viz}"
dir="${2:-${TMPDIR:-/tmp}/kafkasim-shots}"

if [[ "${KAFKASIM_IN_XVFB:-}" != 1 ]]; then
  if ! command -v xvfb-run >/dev/null; then
    echo "gui_screenshot_test: SKIP: xvfb-run is not installed (apt-get install xvfb)"
    exit 77
  fi
  if [[ ! -x "$viz" ]]; then
    echo "gui_screenshot_test: FAIL: $viz is not built (cmake --build build --target kafkasim-viz)"
    exit 1
  fi
  # One X server for every shot (each window is --size'd inside it).
  KAFKASIM_IN_XVFB=1 LIBGL_ALWAYS_SOFTWARE=1 exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$viz" "$dir"
fi

mkdir -p "$dir"
failed=0
fail() {
  echo "gui_screenshot_test: FAIL: $*"
  failed=1
}

# The two screens and the scale each is shown at (a projector at 1024x768
# still needs type a room can read).
sizes=("1024x768:1.25" "1920x1080:2.0")

# shoot NAME TIME: both sizes; sets the files checked by expect/expect_match.
current=()
shoot() {
  current=()
  for spec in "${sizes[@]}"; do
    local size="${spec%%:*}" scale="${spec##*:}"
    local base="$dir/$1-$size"
    rm -f "$base.png" "$base.txt"
    if ! "$viz" "scenarios/$1.yaml" --run-to "$2" --size "$size" --scale "$scale" \
        --screenshot "$base.png" --state-out "$base.txt" --frames 5 >/dev/null; then
      fail "$1 at $2 ($size): kafkasim-viz failed"
      continue
    fi
    python3 tests/viz/png_check.py "$base.png" --size "$size" --min-colors 20 --min-foreground 0.05 \
      --expect-color 29,57,122,0.01,10 >/dev/null || fail "$1 ($size): the image: $(python3 tests/viz/png_check.py "$base.png" --size "$size" --expect-color 29,57,122,0.01,10 | tr '\n' ' ')"
    python3 tests/viz/layout_check.py "$base.txt" >/dev/null || fail "$1 ($size): $(python3 tests/viz/layout_check.py "$base.txt" | tr '\n' ' ')"
    current+=("$base.txt")
  done
}
# expect_match REGEX: a line of each shot's view model matches.
expect_match() {
  for f in "${current[@]}"; do
    grep -qE -- "$1" "$f" || fail "$(basename "$f" .txt): no line of the view model matches /$1/ ($f)"
  done
}

# 1. A zombie leader: broker-1 believes it leads (epoch 0) beside ZooKeeper's broker-2.
shoot zombie-leader-acks1 7s
expect_match '^zk orders-0 leader=broker-2 epoch=2 isr=\[2,3\] '
expect_match '^replica orders-0 broker-1 live leader=yes epoch=0 .* zk_leader=no zk_isr=no$'
expect_match '^note orders-0 broker-1 still believes it leads, epoch 0; the controller says broker-2, epoch 2$'
expect_match '^narration at=7.000 s after=- text=min.insync.replicas does not help'

# 2. acks=1 loss: the crashed leader's disk holds records no live replica has;
#    the banner tells the election the picture shows.
shoot acks1-leader-failure 6s
expect_match '^zk orders-0 leader=broker-2 epoch=1 '
expect_match '^replica orders-0 broker-1 crashed start=0 hw=-?[0-9]+ leo=[1-9][0-9]* only_here_from=[0-9]+'
expect_match '^note orders-0 broker-1 has crashed; its disk holds offsets [0-9]+-[0-9]+ that no live replica has$'
expect_match '^narration at=5\.[0-9]+ s after=leader_election text=A follower becomes leader'

# 3. Unclean election: out-of-sync broker-2 leads; the banner says so when it happens.
shoot unclean-election 9.5s
expect_match '^zk orders-0 leader=broker-2 epoch=[0-9]+ isr=\[2\] '
expect_match '^narration at=8\.[0-9]+ s after=unclean_leader_election text=No ISR member is alive'

# 4. Publish/subscribe: two groups, each reading every partition.
shoot pubsub-two-groups 5s
expect_match '^group billing coordinator=broker-[0-9]+ state=Stable '
expect_match '^group audit coordinator=broker-[0-9]+ state=Stable '
expect_match '^member billing c1 leader=(yes|no) assignment=\[orders-[0-9]'
expect_match '^member billing c2 leader=(yes|no) assignment=\[orders-[0-9]'
expect_match '^member audit c3 leader=yes assignment=\[orders-0,orders-1,orders-2,orders-3\]$'

# 5. A rebalance: generation 2 splits the partitions between c1 and c2.
shoot consumer-group-rebalance 6s
expect_match '^group g1 coordinator=broker-[0-9]+ state=Stable generation=2 '
expect_match '^member g1 c1 leader=(yes|no) assignment=\[orders-0,orders-1\]$'
expect_match '^member g1 c2 leader=(yes|no) assignment=\[orders-2,orders-3\]$'
expect_match '^narration at=4\.[0-9]+ s after=rebalance text=Generation 2: '

# 6. A slow follower leaves the ISR; the banner explains it at the shrink.
shoot slow-follower-isr 6s
expect_match '^zk orders-0 leader=broker-1 epoch=[0-9]+ isr=\[1,2\] '
expect_match '^replica orders-0 broker-3 paused .* zk_isr=no$'
expect_match '^narration at=5\.[0-9]+ s after=isr_shrink text=No catch-up'

# 7. Controller failover: a new controller, the old one crashed.
shoot controller-failover 7s
expect_match '^zk orders-0 leader=broker-2 epoch=[0-9]+ isr=\[2,3\] controller=broker-[23]$'
expect_match '^replica orders-0 broker-1 crashed '

# 8. An offline partition: no leader while the only ISR member is down.
shoot offline-partition 9s
expect_match '^zk orders-0 leader=(none|-|nobody)'
expect_match '^replica orders-0 broker-1 crashed '

# 9. Messages in flight (300 ms links to broker-1): typed dots and the legend
# the frame was drawn from; the follower's Fetch to broker-1 is on the wire.
shoot acks1-leader-failure 3.0015s
expect_match '^legend Produce on count=[0-9]+$'
expect_match '^legend Fetch on count=[1-9][0-9]*$'
expect_match '^messages in_flight=[1-9][0-9]* shown=[1-9][0-9]* parked=[0-9]+$'
expect_match '^dot [0-9]+ Fetch(Response)? kind=Fetch broker-[0-9]->broker-[0-9] progress=0\.[0-9]+$'

# 10. Followers parked at their leaders (fetch.max.wait.ms) while nothing is produced.
shoot quickstart 2.503s
expect_match '^parked broker-[0-9] <- broker-[0-9] follower waited=[01]\.[0-9]+$'
# ... drawn as squares, one per leader and side, with how many wait there.
expect_match '^parked_square broker-[0-9] side=[0-7] count=[1-9][0-9]* waited=[01]\.[0-9]+$'

# 11. A hanging transaction (KIP-98): the open transaction pins orders-0's LSO
#     at its first offset, below the HW; the read_committed consumer waits there.
shoot txn-hanging-transaction 4s
expect_match '^replica orders-0 broker-1 live leader=yes .* lso=([0-9]+) open_txns=\[[0-9]+@\1\] aborted_batches=0 commit_markers=[1-9] abort_markers=0 '
for f in "${current[@]}"; do  # c1 (read_committed) reads up to the LSO and no further
  lso=$(grep -oP '^replica orders-0 broker-1 live leader=yes .* lso=\K[0-9]+' "$f" || true)
  pos=$(grep -oP '^offsets g1 orders-0 .* position=\K[0-9]+' "$f" || true)
  [[ -n $lso && $lso == "$pos" ]] || fail "$(basename "$f" .txt): c1's position ($pos) is not the LSO ($lso)"
done

# 12. A stream processor (exactly_once_v2) restarted after a crash: drawn as a
#     processor (orders -> invoices); the ABORT markers of its crashed
#     instance's transaction and its aborted invoices are on the invoices logs.
shoot eos-processor-exactly-once 6s
expect_match '^processor billing app input=\[orders\] output=invoices guarantee=exactly_once_v2$'
expect_match '^replica invoices-[01] broker-[0-9] live leader=yes .* aborted_batches=[1-9][0-9]* commit_markers=[1-9][0-9]* abort_markers=[1-9]'

# 13. The GUI benchmark's twelve brokers: 100 partitions' parked fetches are a
#     few squares with counts, not a cloud of overlapping ones.
shoot_bench() {
  current=()
  for spec in "${sizes[@]}"; do
    local size="${spec%%:*}" scale="${spec##*:}" base="$dir/gui-12-brokers-${spec%%:*}"
    "$viz" bench/scenarios/gui-12-brokers.yaml --run-to 5s --size "$size" --scale "$scale" \
      --screenshot "$base.png" --state-out "$base.txt" --frames 5 >/dev/null || fail "gui-12-brokers ($size)"
    current+=("$base.txt")
  done
}
shoot_bench
expect_match '^parked_square broker-[0-9]+ side=[0-7] count=([2-9]|1[0-9]) waited='

if [[ $failed != 0 ]]; then
  echo "gui_screenshot_test: FAIL (shots and view models in $dir)"
  exit 1
fi
echo "gui_screenshot_test: PASS ($dir/*.png, 13 moments x 2 sizes)"
