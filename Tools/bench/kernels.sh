#!/usr/bin/env bash
# Tools/bench/kernels.sh — efficiency table of the conv kernels on the Cortex-M4 model:
# the hand-written kernels/<name>.bin against the same golden algorithm in plain C
# (Tools/bench/c/<name>.c, a baseline, not a product kernel) compiled with clang -O3 for
# thumbv7em into a flat image with the same args ABI. Both run on cmemu's default case
# (16→16 channels, 3×3, 16×16, stride 1, pad 1, seed 1) and must be bit-exact.
#
#   Tools/bench/kernels.sh [KERNEL...]      default: conv2d_fwd conv_bwd conv_wgrad
#
# TOOLCHAIN (default /opt/swift/usr/bin) selects clang and ld.lld; CMEMU overrides the
# command used to run images (default: swift run -c release cmemu).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
TOOLCHAIN=${TOOLCHAIN:-/opt/swift/usr/bin}
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(conv2d_fwd conv_bwd conv_wgrad)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
if [ -z "${CMEMU:-}" ]; then
  swift build -c release --product cmemu >/dev/null
  CMEMU="$(swift build -c release --show-bin-path)/cmemu"
fi

for n in "${names[@]}"; do
  "$TOOLCHAIN/clang" --target=thumbv7em-none-eabi -mcpu=cortex-m4 -mthumb -mfloat-abi=soft -O3 \
    -ffreestanding -fno-builtin -fno-jump-tables -g0 -I kernels -c "Tools/bench/c/$n.c" -o "$tmp/$n.o"
  "$TOOLCHAIN/ld.lld" -T kernels/kernel.ld --entry="fqt_$n" --build-id=none -o "$tmp/$n.elf" "$tmp/$n.o"
  mkdir -p "$tmp/c"
  "$TOOLCHAIN/llvm-objcopy" -O binary "$tmp/$n.elf" "$tmp/c/$n.bin"   # same basename: same case
  "$CMEMU" run "kernels/$n.bin" --json "$tmp/$n.asm.json" >/dev/null || { echo "kernels/$n.bin failed" >&2; exit 1; }
  "$CMEMU" run "$tmp/c/$n.bin" --json "$tmp/$n.c.json" >/dev/null || { echo "C $n failed (not bit-exact?)" >&2; exit 1; }
done

python3 - "$tmp" "${names[@]}" <<'PY'
import json, sys
tmp, names = sys.argv[1], sys.argv[2:]
print(f"| kernel | MACs | cmemu cycles | MAC/cycle | C -O3 cycles | C MAC/cycle | speed-up | stack (asm / C) |")
print(f"|---|---:|---:|---:|---:|---:|---:|---:|")
for n in names:
    a = json.load(open(f"{tmp}/{n}.asm.json")); c = json.load(open(f"{tmp}/{n}.c.json"))
    assert a["bitExact"] and c["bitExact"], n
    print(f"| {n} | {a['macs']} | {a['cycles']} | {a['macPerCycle']:.3f} | {c['cycles']} | "
          f"{c['macPerCycle']:.3f} | {c['cycles']/a['cycles']:.2f}× | {a['stackBytes']} B / {c['stackBytes']} B |")
PY
