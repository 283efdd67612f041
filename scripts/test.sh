#!/usr/bin/env bash
# The README's second command: installs dependencies, checks formatting and
# clang-tidy (files changed from main; scripts/tidy_all.sh is the full run),
# builds, and runs every test — unit and property tests, the
# determinism/layering lint, every scenario's expectations and golden trace
# hash, the GUI under Xvfb, and the whole suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

bash scripts/install-deps.sh

echo "== formatting (.clang-format)"
bash scripts/format.sh --check

# Unity builds (CMake's CMAKE_UNITY_BUILD: ten sources compiled as one)
# roughly halve the compile time of both builds below — most of it is the
# same templates (GoogleTest, std::variant, std::function) instantiated in
# every file. The presets stay per-file for everyday incremental work; a
# helper in an anonymous namespace needs a name unique in its directory.
unity=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=10)
cmake --preset release "${unity[@]}" >/dev/null   # CMakePresets.json
# clang-tidy reads per-file compile commands, which a unity build does not
# write: a configure-only tree provides them (no build needed).
cmake --preset release -B build/tidy-db >/dev/null

echo "== clang-tidy (.clang-tidy), files changed from main"
# The full run is scripts/tidy_all.sh (~9 minutes on two cores; see scripts/tidy.sh).
bash scripts/tidy.sh --changed build/tidy-db

echo "== build (Release)"
cmake --build build -j"$jobs"

echo "== tests (Release): unit, property, lint, scenarios, golden hashes, GUI"
ctest --test-dir build --output-on-failure -j"$jobs"

if [ "${KAFKASIM_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== build (ASan + UBSan)"
  # -O1 without debug info keeps this build quick; warnings are already
  # enforced (-Werror) by the Release build above.
  # (preset "sanitize" in CMakePresets.json).
  cmake --preset sanitize "${unity[@]}" >/dev/null
  cmake --build build-asan -j"$jobs"
  echo "== tests (ASan + UBSan)"
  # Tests labelled slow (golden hashes, GUI, notebooks) are Release-only;
  # everything else, the whole random-fault sweep included, runs here too.
  ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE slow
fi
echo "== all tests passed"
