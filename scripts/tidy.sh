#!/usr/bin/env bash
# clang-tidy with the agreed checks (.clang-tidy); zero findings is the rule
# (WarningsAsErrors). Needs BUILD_DIR/compile_commands.json (written when
# CMake configures; no build needed).
#
#   scripts/tidy.sh [--all] [BUILD_DIR]      every source file (tidy_all.sh)
#   scripts/tidy.sh --changed [BUILD_DIR]    what the test command runs
#   scripts/tidy.sh --files BUILD_DIR FILE...
#
# --changed checks the .cc files that differ from the merge-base with main
# (on main itself: from the first parent, so a merge commit checks the whole
# merged branch), uncommitted and untracked ones included; a changed header
# is checked through its own .cc, or else through one file that includes it.
# Why not everything in the test command: a full run costs about 4 CPU
# seconds per file, ~9 minutes on CI's two cores (scripts/tidy_all.sh runs
# it; run it before a merge that touches headers widely).
#
# clang-tidy 16 or later: Debian bookworm's default clang-tidy (14) cannot
# parse lambdas that capture structured bindings (C++20, P1091), which this
# code uses. scripts/install-deps.sh installs clang-tidy-19.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=all
case "${1:-}" in
  --all) mode=all; shift ;;
  --changed) mode=changed; shift ;;
  --files) mode=files; shift ;;
esac
build=${1:-build}
[ $# -gt 0 ] && shift
[ -f "$build/compile_commands.json" ] || { echo "tidy: no $build/compile_commands.json (configure first)" >&2; exit 2; }

tidy=${KAFKASIM_CLANG_TIDY:-}
if [ -z "$tidy" ]; then
  for v in 19 18 17 16; do command -v "clang-tidy-$v" >/dev/null && { tidy=clang-tidy-$v; break; }; done
fi
[ -n "$tidy" ] || { echo "tidy: needs clang-tidy 16 or later (scripts/install-deps.sh installs clang-tidy-19)" >&2; exit 2; }

sources() { git ls-files --cached --others --exclude-standard 'core/*.cc' 'sim/*.cc' 'viz/*.cc' 'bench/*.cc' 'tests/*.cc'; }
in_build() { grep -qF "\"file\": \"$PWD/$1\"" "$build/compile_commands.json"; }

case $mode in
  all) mapfile -t files < <(sources) ;;
  files) files=("$@") ;;
  changed)
    base=$(git merge-base HEAD main 2>/dev/null || true)
    if [ -z "$base" ] || [ "$base" = "$(git rev-parse HEAD)" ]; then
      base=$(git rev-parse -q --verify HEAD^1 || true)
    fi
    if [ -z "$base" ]; then
      # A shallow clone without the parent: say so rather than run for 9 minutes.
      echo "tidy: no base commit to diff against (shallow clone?): nothing checked; run scripts/tidy_all.sh" >&2
      exit 0
    fi
    mapfile -t changed < <({ git diff --name-only "$base" --; git ls-files --others --exclude-standard; } |
      grep -E '^(core|sim|viz|bench|tests)/.*\.(cc|h)$' | sort -u)
    files=()
    for f in "${changed[@]}"; do
      [ -f "$f" ] || continue
      case $f in
        *.cc) files+=("$f") ;;
        *.h)
          if [ -f "${f%.h}.cc" ]; then files+=("${f%.h}.cc"); else
            user=$(sources | xargs grep -lF "#include \"$f\"" 2>/dev/null | head -1 || true)
            [ -n "$user" ] && files+=("$user")
          fi ;;
      esac
    done
    ;;
esac

# Only what this build compiles (viz/ may be off, a bench may be skipped).
checked=()
for f in "${files[@]}"; do in_build "$f" && checked+=("$f"); done
mapfile -t checked < <(printf '%s\n' "${checked[@]}" | sed '/^$/d' | sort -u)
if [ ${#checked[@]} -eq 0 ]; then
  echo "tidy: ok (no changed source files; scripts/tidy_all.sh checks them all)"
  exit 0
fi

jobs=$(nproc 2>/dev/null || echo 2)
out="$build/tidy-findings.txt"
# GCC-only warning flags in the compile commands are not clang's business;
# libstdc++ 12's std::stable_sort calls get_temporary_buffer, deprecated in
# C++20, which clang reports inside the system header at every use.
printf '%s\n' "${checked[@]}" |
  xargs -P "$jobs" -n 4 "$tidy" -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option \
    --extra-arg=-Wno-deprecated-declarations 2>/dev/null |
  grep -E '^[^ ].*(warning|error): ' | sort -u > "$out" || true
n=$(wc -l < "$out")
if [ "$n" -ne 0 ]; then
  cat "$out"
  echo "tidy: $n finding(s) in ${#checked[@]} files ($tidy)" >&2
  exit 1
fi
echo "tidy: ok (${#checked[@]} files, $mode, $tidy)"
