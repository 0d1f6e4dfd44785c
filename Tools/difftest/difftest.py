#!/usr/bin/env python3
"""Differential fuzzer: random valid Thumb-2 encodings run on Unicorn (the oracle), written as
replayable cases for cmemu.

It generates random valid encodings of every DSP-extension class (parallel add/subtract,
saturating, SEL, SSAT16/USAT16, PKH, extends, DSP multiplies and long multiplies) and of the
core data-processing and multiply classes, with random registers (edge operands half of the
time, Rd == Rn often) and random incoming N Z C V Q GE, runs each single instruction on Unicorn
2.1.x in Cortex-M4 mode and writes one line per case:

    ENC <TAB> ROW <TAB> in r0..r12,lr <TAB> in APSR <TAB> out changed regs <TAB> out APSR <TAB> NOTE

cmemu replays the file in Tests/CortexMTests/DSPVectorTests.swift with no oracle installed
(set CMEMU_DSP_CASES=/path/to/file to replay another file, e.g. a million-case run).

Known oracle bugs are listed in ORACLE_BUGS below, in one place, with the pseudocode
justification; affected cases carry the pseudocode's answer and the bug's name in NOTE.

Usage:
    python3 Tools/difftest/difftest.py --classes dsp --count 4000 --seed 1 \
        --out Vectors/isa/dsp/unicorn-cases.txt
The script installs unicorn==2.1.* into a private venv (~/.cache/cmemu-difftest-venv) if the
running Python cannot import it, and says so. Exit status 2 = unicorn unavailable (skipped).
"""

import argparse
import os
import random
import struct
import subprocess
import sys

VENV = os.path.expanduser("~/.cache/cmemu-difftest-venv")


def ensure_unicorn():
    try:
        import unicorn  # noqa: F401
        return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python")
    if os.environ.get("CMEMU_DIFFTEST_REEXEC"):
        print("difftest: unicorn not importable even in the venv; skipping", file=sys.stderr)
        sys.exit(2)
    print(f"difftest: installing unicorn==2.1.* into {VENV}", file=sys.stderr)
    try:
        if not os.path.exists(py):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "unicorn==2.1.*"], check=True)
    except (subprocess.CalledProcessError, OSError) as e:
        print(f"difftest: cannot install unicorn ({e}); skipping", file=sys.stderr)
        sys.exit(2)
    env = dict(os.environ, CMEMU_DIFFTEST_REEXEC="1")
    os.execve(py, [py] + sys.argv, env)


# ---------------------------------------------------------------------------------------------
# Encoding templates: the manual's bit layout, MSB first, one letter per field (as in the Swift
# rows). Register letters d n m a l h get a register; other letters random bits. `ok` rejects
# field values whose encoding is another instruction (SEE), UNPREDICTABLE or UNDEFINED.
# ---------------------------------------------------------------------------------------------

REG_LETTERS = set("dnmalh")
GOOD = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]  # 32-bit forms: not SP, not PC


class T:
    def __init__(self, cls, name, pattern, ok=None, low=False, regs=None):
        self.cls, self.name = cls, name
        self.bits = pattern.replace(" ", "")
        assert len(self.bits) in (16, 32), name
        self.ok = ok or (lambda f: True)
        self.regs = regs or (list(range(8)) if low else GOOD)

    def fields(self):
        out = {}
        for c in self.bits:
            if c not in "01":
                out[c] = out.get(c, 0) + 1
        return out

    def generate(self, rng):
        widths = self.fields()
        while True:
            f = {}
            small = rng.random() < 0.3  # often reuse registers (Rd == Rn etc.)
            pool = [r for r in self.regs if r < 3] or self.regs if small else self.regs
            for c, w in widths.items():
                if c in REG_LETTERS and w >= 3:
                    f[c] = rng.choice(pool) & ((1 << w) - 1)
                else:
                    f[c] = rng.getrandbits(w)
            if not self.ok(f):
                continue
            word, pos = 0, {c: widths[c] for c in widths}
            for c in self.bits:
                word <<= 1
                if c in "01":
                    word |= int(c)
                else:
                    pos[c] -= 1
                    word |= (f[c] >> pos[c]) & 1
            self.last = f
            return word


def distinct_hi_lo(f):
    return f["l"] != f["h"]


def expand_ok(f):
    imm12 = (f["i"] << 11) | (f["j"] << 8) | f["k"]
    return not (imm12 >> 10 == 0 and (imm12 >> 8) & 3 != 0 and imm12 & 0xFF == 0)


DSP = []
for op1, base in [(0b001, "ADD16"), (0b010, "ASX"), (0b110, "SAX"), (0b101, "SUB16"), (0b000, "ADD8"), (0b100, "SUB8")]:
    for op2, prefix in [(0b000, "S"), (0b001, "Q"), (0b010, "SH"), (0b100, "U"), (0b101, "UQ"), (0b110, "UH")]:
        DSP.append(T("dsp", prefix + base, f"11111010 1{op1:03b} nnnn 1111 dddd 0{op2:03b} mmmm"))
DSP += [
    T("dsp", "QADD", "11111010 1000 nnnn 1111 dddd 1000 mmmm"),
    T("dsp", "QDADD", "11111010 1000 nnnn 1111 dddd 1001 mmmm"),
    T("dsp", "QSUB", "11111010 1000 nnnn 1111 dddd 1010 mmmm"),
    T("dsp", "QDSUB", "11111010 1000 nnnn 1111 dddd 1011 mmmm"),
    T("dsp", "SEL", "11111010 1010 nnnn 1111 dddd 1000 mmmm"),
    T("dsp", "SSAT16", "11110011 0010 nnnn 0000 dddd 0000 ssss"),
    T("dsp", "USAT16", "11110011 1010 nnnn 0000 dddd 0000 ssss"),
    T("dsp", "PKHBT", "11101010 1100 nnnn 0iii dddd ii00 mmmm"),
    T("dsp", "PKHTB", "11101010 1100 nnnn 0iii dddd ii10 mmmm"),
]
for op1, name in [(0b000, "SXTAH"), (0b001, "UXTAH"), (0b010, "SXTAB16"), (0b011, "UXTAB16"), (0b100, "SXTAB"), (0b101, "UXTAB")]:
    DSP.append(T("dsp", name, f"11111010 0{op1:03b} nnnn 1111 dddd 10rr mmmm"))
DSP += [
    T("dsp", "SXTB16", "11111010 0010 1111 1111 dddd 10rr mmmm"),
    T("dsp", "UXTB16", "11111010 0011 1111 1111 dddd 10rr mmmm"),
]
for op1, op2s, acc, plain in [
    (0b001, ["00", "01", "10", "11"], "SMLA<x><y>", "SMUL<x><y>"),
    (0b010, ["00", "01"], "SMLAD", "SMUAD"),
    (0b011, ["00", "01"], "SMLAW<y>", "SMULW<y>"),
    (0b100, ["00", "01"], "SMLSD", "SMUSD"),
    (0b101, ["00", "01"], "SMMLA", "SMMUL"),
    (0b111, ["00"], "USADA8", "USAD8"),
]:
    for op2 in op2s:
        DSP.append(T("dsp", acc, f"11111011 0{op1:03b} nnnn aaaa dddd 00{op2} mmmm"))
        DSP.append(T("dsp", plain, f"11111011 0{op1:03b} nnnn 1111 dddd 00{op2} mmmm"))
for op2 in ["00", "01"]:
    DSP.append(T("dsp", "SMMLS", f"11111011 0110 nnnn aaaa dddd 00{op2} mmmm"))
for op1, op2, name in [(0b100, "10xy", "SMLAL<x><y>"), (0b100, "110x", "SMLALD"), (0b101, "110x", "SMLSLD"), (0b110, "0110", "UMAAL")]:
    DSP.append(T("dsp", name, f"11111011 1{op1:03b} nnnn llll hhhh {op2} mmmm", ok=distinct_hi_lo))

# Core data processing (§A5.2, §A5.3.1–§A5.3.3, §A5.3.11), register operands not SP/PC.
def fixup_compare_mov(word, rng):
    """Modified-immediate and shifted-register forms: turn some AND/EOR/ADD/SUB into
    TST/TEQ/CMN/CMP (Rd = 1111, S = 1) and some ORR/ORN into MOV/MVN (Rn = 1111)."""
    op = (word >> 21) & 0xF
    if op in (0b0000, 0b0100, 0b1000, 0b1101) and rng.random() < 0.3:
        word |= 0xF << 8 | 1 << 20
    elif op in (0b0010, 0b0011) and rng.random() < 0.5:
        word |= 0xF << 16
    return word


class Fixed(T):
    def __init__(self, *a, fix=None, **k):
        T.__init__(self, *a, **k)
        self.fix = fix

    def generate(self, rng):
        return self.fix(T.generate(self, rng), rng)


MOD_UNALLOCATED = (0b0101, 0b0110, 0b0111, 0b1001, 0b1100, 0b1111)
SHIFT_UNALLOCATED = (0b0101, 0b0111, 0b1001, 0b1100, 0b1111, 0b0110)  # 0110 = PKH (DSP class)

DP = [
    T("dp", "LSL/LSR/ASR imm T1", "000 oo iiiii mmm ddd", ok=lambda f: f["o"] != 3, low=True),
    T("dp", "ADD/SUB reg T1", "000110 o mmm nnn ddd", low=True),
    T("dp", "ADD/SUB imm3 T1", "000111 o iii nnn ddd", low=True),
    T("dp", "MOV/CMP/ADD/SUB imm8 T1/T2", "001 oo ddd iiiiiiii", low=True),
    T("dp", "data processing reg T1", "010000 oooo mmm ddd", ok=lambda f: f["o"] != 0b1101, low=True),
    T("dp", "ADD reg T2", "01000100 d mmmm ddd", ok=lambda f: f["m"] not in (13, 15) and f["d"] not in (13, 15),
      regs=list(range(16))),
    T("dp", "CMP reg T2", "01000101 n mmmm nnn",
      ok=lambda f: f["m"] not in (13, 15) and f["n"] not in (13, 15) and not (f["n"] < 8 and f["m"] < 8), regs=list(range(16))),
    T("dp", "MOV reg T1", "01000110 d mmmm ddd", ok=lambda f: f["m"] not in (13, 15) and f["d"] not in (13, 15),
      regs=list(range(16))),
    T("dp", "SXTH/SXTB/UXTH/UXTB T1", "1011 0010 oo mmm ddd", low=True),
    T("dp", "REV/REV16/REVSH T1", "1011 1010 oo mmm ddd", ok=lambda f: f["o"] != 0b10, low=True),
    Fixed("dp", "modified immediate", "11110 i 0 oooo s nnnn 0 jjj dddd kkkkkkkk",
          ok=lambda f: f["o"] not in MOD_UNALLOCATED and expand_ok(f), fix=fixup_compare_mov),
    T("dp", "ADDW", "11110 i 10 0000 nnnn 0 jjj dddd kkkkkkkk"),
    T("dp", "SUBW", "11110 i 10 1010 nnnn 0 jjj dddd kkkkkkkk"),
    T("dp", "MOVW/MOVT", "11110 i 10 o 100 qqqq 0 jjj dddd kkkkkkkk"),
    T("dp", "SSAT/USAT", "11110 0 11 u 0 s 0 nnnn 0 jjj dddd kk 0 iiiii",
      ok=lambda f: not (f["s"] == 1 and f["j"] == 0 and f["k"] == 0)),
    T("dp", "SBFX/UBFX", "11110 0 11 u 1 0 0 nnnn 0 jjj dddd kk 0 wwwww",
      ok=lambda f: ((f["j"] << 2) | f["k"]) + f["w"] + 1 <= 32),
    T("dp", "BFI", "11110 0 11 0 1 1 0 nnnn 0 jjj dddd kk 0 wwwww", ok=lambda f: f["w"] >= ((f["j"] << 2) | f["k"])),
    T("dp", "BFC", "11110 0 11 0 1 1 0 1111 0 jjj dddd kk 0 wwwww", ok=lambda f: f["w"] >= ((f["j"] << 2) | f["k"])),
    Fixed("dp", "shifted register", "11101 01 oooo s nnnn 0 jjj dddd kk tt mmmm",
          ok=lambda f: f["o"] not in SHIFT_UNALLOCATED, fix=fixup_compare_mov),
    T("dp", "LSL/LSR/ASR/ROR register T2", "11111010 0 tt s nnnn 1111 dddd 0000 mmmm"),
    T("dp", "SXTH/UXTH/SXTB/UXTB T2", "11111010 0 o 0 p 1111 1111 dddd 10rr mmmm"),
    T("dp", "REV/REV16/RBIT/REVSH T2", "11111010 1001 nnnn 1111 dddd 10 oo mmmm", ok=lambda f: f["n"] == f["m"]),
    T("dp", "CLZ", "11111010 1011 nnnn 1111 dddd 1000 mmmm", ok=lambda f: f["n"] == f["m"]),
]

MUL = [
    T("mul", "MUL T1", "0100001101 nnn ddd", low=True),
    T("mul", "MLA/MLS", "11111011 0000 nnnn aaaa dddd 000o mmmm"),
    T("mul", "MUL T2", "11111011 0000 nnnn 1111 dddd 0000 mmmm"),
    T("mul", "SMULL/UMULL", "11111011 10o0 nnnn llll hhhh 0000 mmmm", ok=distinct_hi_lo),
    T("mul", "SMLAL/UMLAL", "11111011 11o0 nnnn llll hhhh 0000 mmmm", ok=distinct_hi_lo),
    T("mul", "SDIV/UDIV", "11111011 10o1 nnnn 1111 dddd 1111 mmmm"),
]

CLASSES = {"dsp": DSP, "dp": DP, "mul": MUL}

EDGES = [0, 1, 0xFFFFFFFF, 0x7FFF, 0x8000, 0x7F, 0x80, 0x7FFFFFFF, 0x80000000, 0x80008000,
         0x7FFF7FFF, 0x807F807F, 0x7F807F80, 0xFFFF0000, 0x0000FFFF, 0x00010001, 0x80007FFF,
         0x7FFF8000, 0xFFFF8000, 0x00008001, 0x7F7F7F7F, 0x80808080, 0xFF00FF00, 0x00FF00FF,
         0xFFFFFFFE, 0x40000000, 0xC0000000, 0x00020000]


def operand(rng):
    return rng.choice(EDGES) if rng.random() < 0.5 else rng.getrandbits(32)


# The edge sweep: every template runs each (Rn, Rm) pair with two accumulators.
EDGE_PAIRS = [(0, 0), (1, 0xFFFFFFFF), (0x7FFF, 0x8000), (0x8000, 0x8000), (0x7F, 0x80), (0x80, 0x80),
              (0x7FFFFFFF, 1), (0x80000000, 0xFFFFFFFF), (0x80000000, 0x80000000), (0x80008000, 0x80008000),
              (0x7FFF8000, 0x80007FFF), (0x807F7F80, 0x80807F7F), (0xFFFF0001, 0x0001FFFF)]
EDGE_ACCS = [0, 1, 0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0xC0000000, 0xFFFF8000]


def edge_cases(templates, rng):
    for t in templates:
        for x, y in EDGE_PAIRS:
            for acc in rng.sample(EDGE_ACCS, 2):
                word = t.generate(rng)
                f = t.last
                regs = [operand(rng) for _ in REGS]
                def put(letter, v):
                    if letter in f and f[letter] in REGS:
                        regs[REGS.index(f[letter])] = v
                put("l", acc)
                put("h", rng.choice([0, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000]))
                put("a", acc)
                put("m", y)
                put("n", x)
                if t.bits.startswith("000") or t.bits.startswith("010000"):
                    put("d", x)  # 16-bit Rdn forms
                yield t, word, regs


# ---------------------------------------------------------------------------------------------
# Known oracle bugs (the one place they are listed).
# ---------------------------------------------------------------------------------------------

def sint16(x):
    x &= 0xFFFF
    return x - 0x10000 if x & 0x8000 else x


def sint32(x):
    x &= 0xFFFFFFFF
    return x - 0x100000000 if x & 0x80000000 else x


def smlad_full(word, regs):
    """SMLAD/SMLADX per §A7.7 SMLAD: result = product1 + product2 + SInt(R[a]) (unbounded)."""
    n, a, m = (word >> 16) & 15, (word >> 12) & 15, word & 15
    rn, rm, ra = (regs[REGS.index(r)] for r in (n, m, a))
    if word & 0x10:  # m_swap
        rm = ((rm >> 16) | (rm << 16)) & 0xFFFFFFFF
    p1 = sint16(rn) * sint16(rm)
    p2 = sint16(rn >> 16) * sint16(rm >> 16)
    return p1, p2, p1 + p2 + sint32(ra)


def unicorn_smlad_q(word, regs, apsr_in, apsr_out):
    """Unicorn 2.1.x (QEMU's helper) adds product1 + product2 in 32 bits, setting Q when that
    partial sum overflows (only 0x8000 × 0x8000 twice = 2^31), then adds R[a]. The manual's
    pseudocode checks only the full-precision result: `if result != SInt(result<31:0>) then
    APSR.Q = '1'`. With R[a] < 0 the full result 2^31 + R[a] fits, so Q must stay as it was.
    Returns the corrected APSR, or None when the bug does not apply."""
    if word & 0xFFF000E0 != 0xFB200000 or (word >> 12) & 15 == 15:
        return None
    p1, p2, result = smlad_full(word, regs)
    overflow = result != sint32(result)
    q_expected = bool(apsr_in & (1 << 27)) or overflow
    if bool(apsr_out & (1 << 27)) == q_expected:
        return None
    assert p1 + p2 == 1 << 31 and result < 1 << 31, "unexplained SMLAD Q difference"
    return (apsr_out & ~(1 << 27)) | (q_expected << 27)


ORACLE_BUGS = [("unicorn-smlad-q", unicorn_smlad_q)]


# ---------------------------------------------------------------------------------------------
# Running Unicorn
# ---------------------------------------------------------------------------------------------

APSR_MASK = 0xF80F0000
REGS = list(range(13)) + [14]


class Oracle:
    SLOTS = 0x40000  # 4-byte code slots per engine (each case gets a fresh address: no stale TBs)

    def __init__(self):
        from unicorn import Uc, UC_ARCH_ARM, UC_MODE_THUMB, UC_MODE_MCLASS
        from unicorn import arm_const as A
        self.A = A
        self.uc = Uc(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS)
        self.uc.ctl_set_cpu_model(A.UC_CPU_ARM_CORTEX_M4)
        self.uc.mem_map(0, 0x200000)  # code slots from 0x1000 up to 0x101000
        self.uc.mem_map(0x20000000, 0x10000)
        self.regids = [getattr(A, f"UC_ARM_REG_R{r}") for r in range(13)] + [A.UC_ARM_REG_LR]
        self.slot = 0

    def run(self, word, size, regs, apsr):
        A, uc = self.A, self.uc
        addr = 0x1000 + 4 * self.slot
        self.slot += 1
        code = struct.pack("<HH", word >> 16, word & 0xFFFF) if size == 4 else struct.pack("<H", word)
        uc.mem_write(addr, code)
        for rid, v in zip(self.regids, regs):
            uc.reg_write(rid, v)
        uc.reg_write(A.UC_ARM_REG_SP, 0x20008000)
        uc.reg_write(A.UC_ARM_REG_APSR_NZCVQG, apsr)
        uc.emu_start(addr | 1, addr + size, count=1)
        if uc.reg_read(A.UC_ARM_REG_PC) != addr + size:
            raise RuntimeError("instruction did not complete")
        return [uc.reg_read(rid) for rid in self.regids], uc.reg_read(A.UC_ARM_REG_XPSR) & APSR_MASK


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--classes", default="dsp", help="comma list of: " + ",".join(CLASSES))
    ap.add_argument("--count", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--no-edges", dest="edges", action="store_false",
                    help="skip the per-template edge sweep (pure random cases)")
    args = ap.parse_args()
    ensure_unicorn()
    import unicorn

    rng = random.Random(args.seed)
    templates = [t for c in args.classes.split(",") for t in CLASSES[c]]
    oracle = Oracle()
    bugs = {name: 0 for name, _ in ORACLE_BUGS}
    written = 0
    tmp = args.out + ".tmp"
    with open(tmp, "w") as out:
        out.write(f"# cmemu differential cases: Tools/difftest/difftest.py --classes {args.classes} "
                  f"--count {args.count} --seed {args.seed}\n")
        out.write(f"# oracle: unicorn {unicorn.__version__} (Cortex-M4, UC_MODE_THUMB|UC_MODE_MCLASS)\n")
        out.write("# ENC\tROW\tIN r0..r12,lr\tIN APSR\tOUT changed regs\tOUT APSR\tNOTE\n")
        edges = edge_cases(templates, rng) if args.edges else iter(())
        while written < args.count:
            case = next(edges, None)
            if case is None:
                t = rng.choice(templates)
                word = t.generate(rng)
                regs = [operand(rng) for _ in REGS]
            else:
                t, word, regs = case
            size = len(t.bits) // 8
            apsr = rng.getrandbits(5) << 27 | rng.getrandbits(4) << 16
            if oracle.slot >= Oracle.SLOTS:
                oracle = Oracle()
            out_regs, out_apsr = oracle.run(word, size, regs, apsr)
            note = "-"
            for name, check in ORACLE_BUGS:
                fixed = check(word, regs, apsr, out_apsr)
                if fixed is not None:
                    out_apsr, note = fixed, "oracle-bug=" + name
                    bugs[name] += 1
            changed = ",".join(f"{'lr' if r == 14 else 'r%d' % r}={v:08x}"
                               for r, v, w in zip(REGS, out_regs, regs) if v != w) or "-"
            enc = f"{word:08x}" if size == 4 else f"{word:04x}"
            out.write(f"{enc}\t{t.name}\t{','.join(f'{v:08x}' for v in regs)}\t{apsr:08x}\t{changed}\t{out_apsr:08x}\t{note}\n")
            written += 1
    os.replace(tmp, args.out)
    print(f"difftest: {written} cases ({args.classes}, edge sweep {'on' if args.edges else 'off'}) written to {args.out}; "
          + ", ".join(f"{k}: {v}" for k, v in bugs.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
