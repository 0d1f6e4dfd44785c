#!/usr/bin/env bash
# Record, with a RELEASE build, what cmemu reports for a few programs, so that the (debug-built)
# test suite can check debug and release builds agree bit for bit: stdout, exit status, cycles,
# instructions and high-water marks (issue 9, determinism across builds).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product cmemu >&2
for p in printf-O2 timing-O2 crc32-Os jmp-O0 heap-Os; do
  tmp=$(mktemp)
  out=$(.build/release/cmemu run "Vectors/programs/$p.elf" --json "$tmp" 2>/dev/null | sha256sum | cut -d' ' -f1) || true
  python3 - "$tmp" "$out" "Vectors/determinism/$p.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
keep = {k: r[k] for k in ("program", "outcome", "exitStatus", "instructions", "cycles", "stackHighWaterBytes", "heapHighWaterBytes")}
keep["stdoutSHA256"] = sys.argv[2]
keep["build"] = "release"
json.dump(keep, open(sys.argv[3], "w"), indent=2, sort_keys=True)
open(sys.argv[3], "a").write("\n")
PY
  rm -f "$tmp"
done
echo "recorded $(ls Vectors/determinism/*.json | wc -l) programs"
