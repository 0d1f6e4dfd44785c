#!/bin/sh
# Tools/programs/build.sh — rebuild the program corpus in Vectors/programs/ and re-record
# QEMU's output for every image.
#
#   Tools/programs/build.sh            build + record everything
#   Tools/programs/build.sh NAME...    only these programs (e.g. arith dsp_hash)
#
# Needs (Debian 12): gcc-arm-none-eabi, libnewlib-arm-none-eabi, qemu-system-arm.
# Every src/NAME.c is built at -O0, -O2 and -Os into Vectors/programs/NAME-O{0,2,s}.elf,
# except the programs in O2_ONLY (built at -O2 only); HAND_EXPECTED programs are not run on QEMU.  For each ELF, QEMU's semihosting
# stdout is stored in NAME-OX.stdout and its exit status in NAME-OX.status.  Builds are
# deterministic: same inputs and tool versions give byte-identical ELFs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$root/Vectors/programs
CC=${CC:-arm-none-eabi-gcc}
STRIP=${STRIP:-arm-none-eabi-strip}
QEMU=${QEMU:-qemu-system-arm}
HOSTCC=${HOSTCC:-cc}
TIMEOUT=${TIMEOUT:-120}
O2_ONLY="dsp_hash timing"
# Programs whose expected stdout is derived by hand, not recorded on QEMU (timing: QEMU's
# DWT->CYCCNT reads 0; NAME-O2.stdout holds the cycle counts TIMING.md gives).
HAND_EXPECTED="timing"

CFLAGS="-mcpu=cortex-m4 -mthumb -mfloat-abi=soft -std=gnu11 -Wall -Wextra -Werror -g0"
LDFLAGS="--specs=rdimon.specs -T mps2.ld -Wl,--build-id=none -Wl,-n"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
cd "$here"   # keep paths in the compiler's view relative and stable

if [ $# -gt 0 ]; then names="$*"; else names=$(cd src && ls *.c | sed 's/\.c$//'); fi

for name in $names; do
    case " $O2_ONLY " in *" $name "*) opts="O2" ;; *) opts="O0 O2 Os" ;; esac
    for opt in $opts; do
        base=$name-$opt
        # shellcheck disable=SC2086
        $CC $CFLAGS -$opt $LDFLAGS startup.S "src/$name.c" -o "$tmp/$base.elf"
        $STRIP --strip-debug "$tmp/$base.elf" -o "$out/$base.elf"
        case " $HAND_EXPECTED " in *" $name "*)
            printf '%-16s expected output written by hand (%s.stdout), not recorded\n' "$base" "$base"
            continue ;;
        esac
        set +e
        timeout "$TIMEOUT" "$QEMU" -M mps2-an386 -nographic -monitor none -serial none \
            -semihosting -kernel "$out/$base.elf" > "$out/$base.stdout" 2> "$tmp/$base.stderr"
        status=$?
        set -e
        if [ "$status" = 124 ]; then echo "build.sh: $base timed out" >&2; exit 1; fi
        if [ -s "$tmp/$base.stderr" ]; then
            echo "build.sh: $base wrote to stderr:" >&2; cat "$tmp/$base.stderr" >&2; exit 1
        fi
        echo "$status" > "$out/$base.status"
        printf '%-16s status %3s  %6s bytes out  %7s bytes elf\n' "$base" "$status" \
            "$(wc -c < "$out/$base.stdout")" "$(wc -c < "$out/$base.elf")"
    done
    if [ "$name" = dsp_hash ]; then
        # Cross-check QEMU against the host-side C models of the same instructions.
        $HOSTCC -O2 -Wall -Wextra -Werror -DDSP_REF -o "$tmp/dsp_ref" dsp_ref.c
        "$tmp/dsp_ref" > "$tmp/dsp_ref.stdout"
        if ! cmp -s "$tmp/dsp_ref.stdout" "$out/dsp_hash-O2.stdout"; then
            echo "build.sh: QEMU and Tools/programs/dsp_ref.c disagree:" >&2
            diff "$tmp/dsp_ref.stdout" "$out/dsp_hash-O2.stdout" >&2 || true
            exit 1
        fi
        echo "dsp_hash-O2      QEMU output matches the host reference (dsp_ref.c)"
    fi
done
