#!/usr/bin/env bash
# Determinism and layering lint for kafkasim (run by the test command).
#
# 1. core/ and sim/ must not read a wall clock, start threads, or use
#    unseeded / library-specific randomness (see DESIGN.md, "The Env seam").
# 2. Layering: core <- sim <- viz. core/ includes nothing from sim/ or viz/;
#    sim/ includes nothing from viz/.
# 3. No iteration-order leak: unordered containers in core/ and sim/ need a
#    "lookup only" comment on their declaration line.
# 4. Every source file is built: the CMakeLists.txt files name their sources
#    (no GLOB), so a .cc that no CMakeLists.txt lists would silently not be
#    compiled — or, for a test, not run.
set -u
cd "$(dirname "$0")/.."
fail=0

report() {
  if [ -n "$2" ]; then
    printf 'lint: %s\n%s\n\n' "$1" "$2"
    fail=1
  fi
}

banned='system_clock|steady_clock|high_resolution_clock|std::thread|std::jthread|std::async|pthread_create|[^_a-zA-Z]rand\(|srand\(|random_device|std::(uniform|normal|exponential|poisson|bernoulli|discrete|geometric|binomial)_[a-z_]*distribution|std::mt19937|std::default_random_engine|[^a-z_]time\((NULL|nullptr|0)\)|gettimeofday|clock_gettime'
hits=$(grep -rnE "$banned" core sim --include='*.h' --include='*.cc' | grep -vE '^\S+:[0-9]+:\s*//' || true)
report "wall clocks, threads or non-portable randomness in core/ or sim/:" "$hits"

hits=$(grep -rnE '#include "(sim|viz)/' core --include='*.h' --include='*.cc' || true)
report "core/ must not include sim/ or viz/:" "$hits"
hits=$(grep -rnE '#include "viz/' sim --include='*.h' --include='*.cc' || true)
report "sim/ must not include viz/:" "$hits"

hits=$(grep -rnE 'std::unordered_(map|set)<' core sim --include='*.h' --include='*.cc' | grep -v 'lookup only' || true)
report "unordered containers in core/ or sim/ without a 'lookup only' note (iteration order leaks):" "$hits"

# Contracts are checked, not only written (issue 19): a REQUIRES or INVARIANT
# comment says, within its next few lines, that it is asserted or why not.
hits=$(for f in $(git ls-files 'core/*.h' 'core/*.cc' 'sim/*.h' 'sim/*.cc'); do
  awk -v f="$f" '/\/\/.*(REQUIRES|INVARIANT)/ { start = NR; line = $0; text = "" }
    start && NR < start + 8 { text = text $0 }
    start && (NR == start + 7 || /^[^\/]*$/ && NR > start) {
      if (tolower(text) !~ /assert|by construction/) print f ":" start ": " line; start = 0 }
    END { if (start && tolower(text) !~ /assert|by construction/) print f ":" start ": " line }' "$f"
done)
report "REQUIRES/INVARIANT comments that neither are asserted nor say why not:" "$hits"

# Every `something.cc` word of a CMakeLists.txt, as a path from the top.
listed=$(for c in $(git ls-files 'CMakeLists.txt' '*/CMakeLists.txt'); do
  d=$(dirname "$c")
  grep -oE '[A-Za-z0-9_./-]+\.cc\b' "$c" | sed "s#^#$d/#; s#^\./##"
done | sort -u)
unlisted=$(git ls-files --cached --others --exclude-standard 'core/*.cc' 'sim/*.cc' 'viz/*.cc' 'bench/*.cc' 'tests/*.cc' |
  sort -u | comm -23 - <(echo "$listed"))
report "source files no CMakeLists.txt lists (they would not be built):" "$unlisted"

if [ "$fail" -ne 0 ]; then
  echo "lint: FAILED"
  exit 1
fi
echo "lint: ok (determinism, layering, every source built)"
