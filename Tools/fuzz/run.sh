#!/bin/sh
# Run one cmemu libFuzzer target for a bounded time.
#   Tools/fuzz/run.sh TARGET SECONDS [extra libFuzzer options]
# TARGET: instructions | loader | cases (vector-case parsing)
# Builds Tools/fuzz (release, -sanitize=fuzzer,address; debug if release fails), seeds the corpus
# from committed programs/kernels, runs with per-input timeout 10 s and RSS limit 2 GiB, and keeps
# the corpus in Tools/fuzz/corpus/TARGET (not committed) and crashes in Tools/fuzz/artifacts/TARGET/.
# A crash, timeout or leak makes the script exit non-zero; reproduce with
#   Tools/fuzz/.build/release/Fuzz<Target> ARTIFACT
# and commit the input under Vectors/fuzz/ with a test in Tests/CortexMTests/FuzzRegressionTests.swift.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${1:?usage: run.sh instructions|loader|cases SECONDS}
seconds=${2:?usage: run.sh instructions|loader|cases SECONDS}
shift 2
case $target in
  instructions) exe=FuzzInstructions; maxlen=4096 ;;
  loader) exe=FuzzLoader; maxlen=65536 ;;
  cases) exe=FuzzCases; maxlen=16384
    # LeakSanitizer reports a 4 KiB buffer inside FoundationEssentials' FileManager.contents
    # (readBytesFromFile), not in cmemu; seen at exit after 582,413 and 2,371,884 runs. Leak checks stay on for the
    # other targets.
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
    set -- -detect_leaks=0 "$@" ;;
  *) echo "run.sh: unknown target '$target' (instructions, loader, cases)" >&2; exit 64 ;;
esac
cd "$here"
config=release
# lld: gold hits an internal error on some of these sanitized links.
if ! swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product "$exe" >&2; then
  config=debug
  swift build -c debug -Xswiftc -sanitize=fuzzer,address --product "$exe" >&2
fi
bin="$here/.build/$config/$exe"
corpus="$here/corpus/$target"
artifacts="$here/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
if [ -z "$(ls -A "$corpus")" ]; then
  # Seeds: the committed programs and kernels (loader: the files, preceded by a board byte;
  # instructions: a zero state header of 328 bytes, then the first 4 KiB of each kernel image).
  for f in "$root"/Vectors/programs/*.elf "$root"/kernels/*.elf "$root"/kernels/*.bin "$root"/Vectors/fuzz/"$target"-* "$root"/Vectors/malformed/*; do
    [ -f "$f" ] || continue
    n=$(basename "$f")
    if [ "$target" = cases ]; then
      continue
    elif [ "$target" = loader ]; then
      { printf '\000'; cat "$f"; } > "$corpus/seed-$n"
    else
      case $n in *.bin|instructions-*) ;; *) continue ;; esac
      { head -c 328 /dev/zero; head -c 4096 "$f"; } > "$corpus/seed-$n"
    fi
  done
  [ "$target" = cases ] && cp "$root/Vectors/kernels/fc_fwd/case/case.json" "$corpus/seed-case.json"
fi
# The Swift runtime backtracer would stall libFuzzer on a crash; libFuzzer prints its own.
export SWIFT_BACKTRACE=enable=no
exec "$bin" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$maxlen" \
  -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" < /dev/null
