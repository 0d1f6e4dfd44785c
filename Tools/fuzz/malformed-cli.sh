#!/bin/sh
# CLI-level check of the malformed-input corpus: `cmemu run FILE` on every file in
# Vectors/malformed/ must exit with status 65 (malformed input) and print exactly one line,
# starting "cmemu: ", on stderr — and nothing on stdout.
#   Tools/fuzz/malformed-cli.sh [path/to/cmemu]   (default: builds and uses .build/debug/cmemu)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cmemu=${1:-}
if [ -z "$cmemu" ]; then
  (cd "$root" && swift build --product cmemu >&2) || exit 1
  cmemu="$root/.build/debug/cmemu"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 n=0
for f in "$root"/Vectors/malformed/*; do
  case $f in *.md) continue ;; esac
  n=$((n + 1))
  "$cmemu" run "$f" >"$tmp/out" 2>"$tmp/err" </dev/null
  status=$?
  lines=$(wc -l <"$tmp/err")
  msg=$(cat "$tmp/err")
  if [ "$status" -ne 65 ] || [ "$lines" -ne 1 ] || [ -s "$tmp/out" ] || [ "${msg#cmemu: }" = "$msg" ]; then
    echo "FAIL $(basename "$f"): status $status, $lines stderr lines: $msg" >&2
    fails=$((fails + 1))
  else
    echo "ok   $(basename "$f"): $msg"
  fi
done
echo "$n files, $fails failures"
[ "$fails" -eq 0 ]
