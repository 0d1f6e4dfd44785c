#!/usr/bin/env bash
# Rebuild the benchmark workloads (Vectors/bench/*.bin) with the Swift toolchain's clang and
# ld.lld: flat images, entry at offset 0.
set -euo pipefail
cd "$(dirname "$0")"
bin=/opt/swift/usr/bin
out=../../Vectors/bench
tmp=$(mktemp -d)
for s in smlad_loop gemm_int8; do
  "$bin/clang" --target=thumbv7em-none-eabi -mcpu=cortex-m4 -mthumb -c "$s.S" -o "$tmp/$s.o"
  "$bin/ld.lld" -Ttext=0 --image-base=0 -e _start --no-dynamic-linker -o "$tmp/$s.elf" "$tmp/$s.o"
  "$bin/llvm-objcopy" -O binary "$tmp/$s.elf" "$out/$s.bin"
done
rm -rf "$tmp"
echo "built $(ls "$out"/*.bin | wc -l) workloads"
