#!/bin/sh
# Tools/isa/gen.sh — regenerate Vectors/isa/encodings.txt (and encodings-fp.txt) from
# Tools/isa/all.S (and all-fp.S) with the Swift toolchain's clang and llvm-objdump.
#
# Output: one line per instruction, in address order, three TAB-separated fields:
#   <hex as llvm-objdump prints it>  <size in bytes: 2|4>  <normalised disassembly>
# For a 32-bit Thumb instruction the hex is "hw1 hw2": the first (lower-address) halfword,
# a space, then the second halfword, each as a 16-bit number (so "f1a1 0201" is the bytes
# a1 f1 01 02 in memory).  The disassembly is objdump's text with comments ("@ ...") and
# symbolic annotations ("<sym+off>") removed and runs of white space collapsed to one space.
# The file is contiguous from address 0: the address of line N is the sum of the sizes of
# lines 1..N-1 (needed to interpret PC-relative targets such as "b 0x232").
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
TOOLBIN=${TOOLBIN:-/opt/swift/usr/bin}
CLANG=$TOOLBIN/clang
OBJDUMP=$TOOLBIN/llvm-objdump
out=$root/Vectors/isa
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

gen() { # src.S out.txt "extra clang flags" "extra objdump flags"
    src=$1; dst=$2
    # shellcheck disable=SC2086
    "$CLANG" --target=thumbv7em-none-eabi -mcpu=cortex-m4 $3 -c "$src" -o "$tmp/o.o"
    if "$OBJDUMP" -r "$tmp/o.o" | grep -q R_ARM; then
        echo "gen.sh: $src has relocations; use local labels only" >&2; exit 1
    fi
    # shellcheck disable=SC2086
    "$OBJDUMP" -d --triple=thumbv7em $4 "$tmp/o.o" > "$tmp/o.dis"
    python3 - "$tmp/o.dis" "$tmp/o.txt" <<'PY'
import re, sys
src, dst = sys.argv[1], sys.argv[2]
line_re = re.compile(r'^\s*([0-9a-f]+):\s+([0-9a-f]{4}(?: [0-9a-f]{4})?)\s+\t(.*)$')
rows, addr = [], 0
for raw in open(src):
    raw = raw.rstrip('\n')
    m = line_re.match(raw)
    if not m:
        continue
    a, hexs, text = int(m.group(1), 16), m.group(2), m.group(3)
    size = 2 if len(hexs) == 4 else 4
    if a != addr:
        sys.exit(f"gen.sh: gap at 0x{addr:x} (next instruction at 0x{a:x})")
    addr += size
    text = re.sub(r'@.*$', '', text)          # objdump comments ("@ imm = #4", "@ 0x1c")
    text = re.sub(r'<[^<>]*>', '', text)      # symbolic annotations ("<all+0x1c>")
    text = ' '.join(text.split())
    if not text or text.startswith('.') or 'unknown' in text:
        sys.exit(f"gen.sh: not an instruction at 0x{a:x}: {raw!r}")
    rows.append(f"{hexs}\t{size}\t{text}\n")
open(dst, 'w').writelines(rows)
print(f"{len(rows)} instructions, {addr} bytes", file=sys.stderr)
PY
    mv "$tmp/o.txt" "$dst"
}

gen "$here/all.S" "$out/encodings.txt" "" ""
if [ -f "$here/all-fp.S" ]; then
    gen "$here/all-fp.S" "$out/encodings-fp.txt" "-mfpu=fpv4-sp-d16 -mfloat-abi=hard" "--mattr=+vfp4d16sp"
fi
