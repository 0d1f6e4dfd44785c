#!/usr/bin/env python3
"""Run cmemu's benchmark workloads on Unicorn (PyPI) in the same run as `cmemu bench`:
raw (JIT, no hooks) and with a per-instruction UC_HOOK_CODE counting instructions (what a
user who needs counts must do), then print cmemu/Unicorn ratios per workload.

Usage: Tools/bench/unicorn.py [--cmemu .build/release/cmemu] [--seconds 1]
Installs unicorn into ~/.cache/cmemu-difftest-venv when missing (shared with Tools/difftest)."""
import argparse, os, subprocess, sys, time

# This file is named unicorn.py; keep its own directory off the import path so that
# `import unicorn` finds the PyPI package.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _here]

VENV = os.path.expanduser("~/.cache/cmemu-difftest-venv")

def ensure_unicorn():
    try:
        import unicorn  # noqa: F401
        return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python3")
    if os.environ.get("CMEMU_IN_VENV") != "1":
        if not os.path.exists(py):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        r = subprocess.run([py, "-m", "pip", "install", "-q", "unicorn==2.1.*"])
        if r.returncode != 0:
            print("unicorn could not be installed; skipping", file=sys.stderr)
            sys.exit(2)
        os.environ["CMEMU_IN_VENV"] = "1"
        os.execv(py, [py] + sys.argv)
    print("unicorn not importable in", VENV, file=sys.stderr)
    sys.exit(2)

# Return address for flat workloads: a `b .` stub at the top of flash. (0xFFFFFFFx would be an
# EXC_RETURN value to Unicorn's M-class mode.)
EXIT = 0x000FFF00

def load_program(path):
    data = open(path, "rb").read()
    if data[:4] == b"\x7fELF":
        import struct
        phoff, = struct.unpack_from("<I", data, 28)
        phnum, = struct.unpack_from("<H", data, 44)
        segs = []
        for k in range(phnum):
            t, off, vaddr, paddr, filesz, memsz = struct.unpack_from("<6I", data, phoff + 32 * k)
            if t == 1 and memsz:
                segs.append((paddr, data[off:off + filesz]))
        entry, = struct.unpack_from("<I", data, 24)
        return segs, entry, True
    return [(0, data)], 1, False

def run_unicorn(path, hooked, min_seconds):
    from unicorn import Uc, UC_ARCH_ARM, UC_MODE_THUMB, UC_MODE_MCLASS, UC_HOOK_CODE, UC_HOOK_INTR
    from unicorn.arm_const import UC_ARM_REG_SP, UC_ARM_REG_LR, UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_PC
    segs, entry, is_elf = load_program(path)
    total, runs, count = 0.0, 0, [0]
    while total < min_seconds or runs < 2:
        uc = Uc(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS)
        uc.mem_map(0, 1 << 20)
        uc.mem_map(0x20000000, 256 << 10)
        for a, d in segs:
            uc.mem_write(a, bytes(d))
        uc.mem_write(EXIT, b"\xfe\xe7")  # b .
        sp = 0x20040000
        pc = entry
        if is_elf:
            import struct
            sp0, reset = struct.unpack_from("<II", bytes(uc.mem_read(0, 8)))
            if reset & 1 and 0x20000000 < sp0 <= 0x20040000:
                sp, pc = sp0, reset
        uc.reg_write(UC_ARM_REG_SP, sp)
        uc.reg_write(UC_ARM_REG_LR, EXIT | 1)
        count[0] = 0
        if hooked:
            def hook(uc, address, size, user):
                count[0] += 1
            uc.hook_add(UC_HOOK_CODE, hook)
        done = [False]
        def intr(uc, intno, user):  # semihosting BKPT 0xAB: handle SYS_EXIT(_EXTENDED), ignore output
            op = uc.reg_read(UC_ARM_REG_R0)
            if op in (0x18, 0x20):
                done[0] = True
                uc.emu_stop()
            else:
                uc.reg_write(UC_ARM_REG_R0, 0)
            uc.reg_write(UC_ARM_REG_PC, (uc.reg_read(UC_ARM_REG_PC) + 2) | 1)
        uc.hook_add(UC_HOOK_INTR, intr)
        start = time.perf_counter()
        pos = pc | 1
        while True:
            uc.emu_start(pos, EXIT, count=0)
            if done[0] or uc.reg_read(UC_ARM_REG_PC) & ~1 == EXIT:
                break
            pos = uc.reg_read(UC_ARM_REG_PC) | 1
        total += time.perf_counter() - start
        runs += 1
    return total / runs, count[0]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cmemu", default=".build/release/cmemu")
    ap.add_argument("--seconds", type=float, default=1.0)
    a = ap.parse_args()
    ensure_unicorn()
    out = subprocess.run([a.cmemu, "bench", "--seconds", str(int(max(1, a.seconds)))], capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in out.strip().splitlines()[1:]:
        f = line.split("\t")
        rows[f[0]] = (int(f[1]), float(f[3]))
    print("workload\tinstructions\tcmemu M instr/s\tUnicorn raw M/s\tUnicorn hooked M/s\tcmemu/raw\tcmemu/hooked")
    for name, path in [("smlad_loop.bin", "Vectors/bench/smlad_loop.bin"), ("gemm_int8.bin", "Vectors/bench/gemm_int8.bin"), ("bench-O2.elf", "Vectors/programs/bench-O2.elf")]:
        if name not in rows:
            continue
        n, cm = rows[name]
        raw_t, _ = run_unicorn(path, False, a.seconds)
        hook_t, counted = run_unicorn(path, True, a.seconds)
        raw, hooked = n / raw_t / 1e6, n / hook_t / 1e6
        print(f"{name}\t{n}\t{cm:.1f}\t{raw:.1f}\t{hooked:.1f}\t{cm / raw:.2f}\t{cm / hooked:.1f}   (hook counted {counted})")

if __name__ == "__main__":
    main()
