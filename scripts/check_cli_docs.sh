#!/usr/bin/env bash
# docs/cli.md against `kafkasim --help`, and `kafkasim list` against an
# 80-column terminal (ctest cli_docs).
#
#   bash scripts/check_cli_docs.sh [path/to/kafkasim] [docs/cli.md]
#
# --help: a line indented two spaces that starts with a word begins a
# command's entry (its continuation lines are indented further); a line that
# starts with `--` lists the global flags. docs/cli.md: a `## kafkasim CMD`
# section per command, and a `## kafkasim --help, --version` section (any
# heading `## kafkasim --...`) for the global flags; the flags a section
# documents are the `--words` in it; any other `## ` heading ends the checked
# part. Fails, naming what
# differs, when a command or a flag of --help is missing from its section,
# when a section documents a command or flag --help does not list, or when a
# command's section has no example (a line `kafkasim CMD ...` in a code block).
set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 2
ks="${1:-build/bin/kafkasim}"
doc="${2:-docs/cli.md}"
case "$ks" in /*) ;; *) ks="$PWD/$ks" ;; esac
[ -x "$ks" ] || { echo "check_cli_docs: no executable $ks"; exit 2; }
[ -f "$doc" ] || { echo "check_cli_docs: no file $doc"; exit 2; }
fail=0
problem() { echo "FAIL $*"; fail=1; }

help=$("$ks" --help) || { echo "check_cli_docs: $ks --help failed"; exit 2; }

# "KEY<TAB>FLAG" lines (FLAG empty for a command with no flags): KEY is the
# command, or `--` for the global flags.
help_pairs() {
  echo "$help" | awk '
    /^  --/              { key = "--" }
    /^  [a-z]/           { key = $1; print key "\t" }
    /^  / && key != ""   { line = $0
                        while (match(line, /--[a-z][a-z0-9-]*/)) {
                          print key "\t" substr(line, RSTART, RLENGTH)
                          line = substr(line, RSTART + RLENGTH) } }'
}

doc_pairs() {
  awk '
    /^## kafkasim [a-z]/         { key = $3; print key "\t"; next }
    /^## kafkasim --/            { key = "--" }
    /^## / && !/^## kafkasim --/ { key = ""; next }
    key != ""                    { line = $0
                        while (match(line, /--[a-z][a-z0-9-]*/)) {
                          print key "\t" substr(line, RSTART, RLENGTH)
                          line = substr(line, RSTART + RLENGTH) } }' "$doc"
}

help_set=$(help_pairs | sort -u | grep -v '^$')
doc_set=$(doc_pairs | sort -u | grep -v '^$')
[ -n "$(echo "$help_set" | grep -v '^--')" ] || { echo "check_cli_docs: found no command in --help"; exit 2; }

describe() {  # KEY FLAG -> words
  if [ "$1" = "--" ]; then echo "the global flag $2"
  elif [ -z "$2" ]; then echo "the command \`kafkasim $1\`"
  else echo "\`kafkasim $1 $2\`"; fi
}
while IFS=$'\t' read -r key flag; do
  problem "$doc lacks $(describe "$key" "$flag"), which kafkasim --help lists"
done < <(comm -23 <(echo "$help_set") <(echo "$doc_set") | grep -v '^$')
while IFS=$'\t' read -r key flag; do
  problem "$doc documents $(describe "$key" "$flag"), which kafkasim --help does not list"
done < <(comm -13 <(echo "$help_set") <(echo "$doc_set") | grep -v '^$')

# Every command's section shows it run.
for cmd in $(echo "$doc_set" | awk -F'\t' '$1 != "--" && $2 == "" { print $1 }'); do
  awk -v cmd="$cmd" '
    /^## kafkasim / { in_sec = ($3 == cmd); next }
    /^## /          { in_sec = 0; next }
    /^```/          { fence = !fence; next }
    in_sec && fence && ($1 == "kafkasim" || $1 == "build/bin/kafkasim") && $2 == cmd { found = 1 }
    END { exit !found }' "$doc" || problem "$doc: the section \`## kafkasim $cmd\` has no example (a line \`kafkasim $cmd ...\` in a code block)"
done

# `kafkasim list` fits an 80-column terminal (display columns: a Chinese
# character takes two).
list_out=$("$ks" list scenarios) || problem "kafkasim list scenarios exited $?"
lines=$(printf '%s\n' "$list_out" | grep -c .)
widest=$(printf '%s\n' "$list_out" | LC_ALL=C.UTF-8 wc -L)
if [ "$widest" -gt 80 ]; then
  while IFS= read -r line; do
    width=$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -L)
    [ "$width" -le 80 ] || problem "kafkasim list: a line is $width columns wide (> 80): $line"
  done <<< "$list_out"
fi
[ "$lines" -ge 2 ] || problem "kafkasim list scenarios printed $lines line(s)"

if [ $fail -eq 0 ]; then
  echo "ok: $doc has every command and flag of kafkasim --help ($(echo "$help_set" | grep -c .) entries), each command with an example; kafkasim list fits 80 columns ($lines lines)"
fi
exit $fail
