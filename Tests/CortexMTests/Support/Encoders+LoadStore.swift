// Typed encoders for loads and stores (single, dual, exclusive, multiple), laid out as the
// manual draws the encodings, so tests read like assembly.

@testable import CortexM

// MARK: 16-bit single loads/stores (§A5.2.4)

/// `ldr Rt, [Rn, #imm]` (LDR immediate T1, imm a multiple of 4 up to 124).
func ldr(_ t: Int, _ n: Int, _ imm: Int) -> Enc { Enc(UInt16(0x6800 | (imm >> 2) << 6 | n << 3 | t)) }
/// `str Rt, [Rn, #imm]` (STR immediate T1).
func str(_ t: Int, _ n: Int, _ imm: Int) -> Enc { Enc(UInt16(0x6000 | (imm >> 2) << 6 | n << 3 | t)) }
/// `ldrb Rt, [Rn, #imm5]` (LDRB immediate T1).
func ldrb(_ t: Int, _ n: Int, _ imm: Int) -> Enc { Enc(UInt16(0x7800 | imm << 6 | n << 3 | t)) }
/// `strb Rt, [Rn, #imm5]` (STRB immediate T1).
func strb(_ t: Int, _ n: Int, _ imm: Int) -> Enc { Enc(UInt16(0x7000 | imm << 6 | n << 3 | t)) }
/// `ldrh Rt, [Rn, #imm]` (LDRH immediate T1, imm even up to 62).
func ldrh(_ t: Int, _ n: Int, _ imm: Int) -> Enc { Enc(UInt16(0x8800 | (imm >> 1) << 6 | n << 3 | t)) }
/// `strh Rt, [Rn, #imm]` (STRH immediate T1).
func strh(_ t: Int, _ n: Int, _ imm: Int) -> Enc { Enc(UInt16(0x8000 | (imm >> 1) << 6 | n << 3 | t)) }
/// `ldr Rt, [sp, #imm]` (LDR immediate T2).
func ldrSP(_ t: Int, _ imm: Int) -> Enc { Enc(UInt16(0x9800 | t << 8 | imm >> 2)) }
/// `str Rt, [sp, #imm]` (STR immediate T2).
func strSP(_ t: Int, _ imm: Int) -> Enc { Enc(UInt16(0x9000 | t << 8 | imm >> 2)) }
/// `ldr Rt, [pc, #imm]` (LDR literal T1).
func ldrLit(_ t: Int, _ imm: Int) -> Enc { Enc(UInt16(0x4800 | t << 8 | imm >> 2)) }

/// The 16-bit register-offset forms `op Rt, [Rn, Rm]` (§A5.2.4, opB selects the instruction).
enum RegOffset16: Int { case str = 0, strh, strb, ldrsb, ldr, ldrh, ldrb, ldrsh }
func regOffset(_ op: RegOffset16, _ t: Int, _ n: Int, _ m: Int) -> Enc {
  Enc(UInt16(0x5000 | op.rawValue << 9 | m << 6 | n << 3 | t))
}

// MARK: 32-bit single loads/stores (§A5.3.7–A5.3.10)

/// The size/sign column of the 32-bit single load/store encodings: hw1 of the imm8/register form.
enum Single32: UInt16 {
  case strb = 0xF800, strh = 0xF820, str = 0xF840
  case ldrb = 0xF810, ldrh = 0xF830, ldr = 0xF850
  case ldrsb = 0xF910, ldrsh = 0xF930
}

/// `op.w Rt, [Rn, #imm12]` (the positive imm12 forms: LDR T3, STRB T2, LDRSB T1…).
func ldst12(_ op: Single32, _ t: Int, _ n: Int, _ imm12: Int) -> Enc {
  Enc(op.rawValue | 0x80 | UInt16(n), UInt16(t << 12 | imm12))
}

enum Indexing { case offset, pre, post }

/// `op Rt, [Rn, #±imm8]`, `[Rn, #±imm8]!`, `[Rn], #±imm8` (LDR T4, STRB T3, LDRSH T2…).
func ldst8(_ op: Single32, _ t: Int, _ n: Int, _ offset: Int, _ mode: Indexing = .offset) -> Enc {
  let p: Int = mode == .post ? 0 : 1, w: Int = mode == .offset ? 0 : 1, u: Int = offset >= 0 ? 1 : 0
  let puw: Int = p << 10 | u << 9 | w << 8
  let hw2: Int = t << 12 | 0x800 | puw | abs(offset)
  return Enc(op.rawValue | UInt16(n), UInt16(hw2))
}

/// `opT Rt, [Rn, #imm8]` (the unprivileged LDRT/STRBT… forms).
func ldstT(_ op: Single32, _ t: Int, _ n: Int, _ imm: Int) -> Enc {
  Enc(op.rawValue | UInt16(n), UInt16(t << 12 | 0xE00 | imm))
}

/// `op.w Rt, [Rn, Rm, lsl #k]`.
func ldstReg(_ op: Single32, _ t: Int, _ n: Int, _ m: Int, lsl k: Int = 0) -> Enc {
  Enc(op.rawValue | UInt16(n), UInt16(t << 12 | k << 4 | m))
}

/// `op.w Rt, [pc, #±imm12]` (the literal forms; op is a load).
func ldstLit(_ op: Single32, _ t: Int, _ offset: Int) -> Enc {
  Enc(op.rawValue | 0xF | UInt16(offset >= 0 ? 0x80 : 0), UInt16(t << 12 | abs(offset)))
}

/// `pld [Rn, #imm12]` (PLD immediate T1) and `pli [Rn, #imm12]`.
func pld(_ n: Int, _ imm12: Int) -> Enc { Enc(UInt16(0xF890 | n), UInt16(0xF000 | imm12)) }
func pli(_ n: Int, _ imm12: Int) -> Enc { Enc(UInt16(0xF990 | n), UInt16(0xF000 | imm12)) }

// MARK: Dual and exclusive (§A5.3.6)

/// `ldrd/strd Rt, Rt2, [Rn, #±imm]` with the given indexing (imm a multiple of 4).
func ldrd(_ t: Int, _ t2: Int, _ n: Int, _ offset: Int, _ mode: Indexing = .offset) -> Enc { dual(1, t, t2, n, offset, mode) }
func strd(_ t: Int, _ t2: Int, _ n: Int, _ offset: Int, _ mode: Indexing = .offset) -> Enc { dual(0, t, t2, n, offset, mode) }
private func dual(_ load: Int, _ t: Int, _ t2: Int, _ n: Int, _ offset: Int, _ mode: Indexing) -> Enc {
  let p: Int = mode == .post ? 0 : 1, w: Int = mode == .offset ? 0 : 1, u: Int = offset >= 0 ? 1 : 0
  let hw1: Int = 0xE840 | p << 8 | u << 7 | w << 5 | load << 4 | n
  let hw2: Int = t << 12 | t2 << 8 | abs(offset) >> 2
  return Enc(UInt16(hw1), UInt16(hw2))
}

func ldrex(_ t: Int, _ n: Int, _ imm: Int = 0) -> Enc { Enc(UInt16(0xE850 | n), UInt16(t << 12 | 0xF00 | imm >> 2)) }
func strex(_ d: Int, _ t: Int, _ n: Int, _ imm: Int = 0) -> Enc { Enc(UInt16(0xE840 | n), UInt16(t << 12 | d << 8 | imm >> 2)) }
func ldrexb(_ t: Int, _ n: Int) -> Enc { Enc(UInt16(0xE8D0 | n), UInt16(t << 12 | 0xF4F)) }
func ldrexh(_ t: Int, _ n: Int) -> Enc { Enc(UInt16(0xE8D0 | n), UInt16(t << 12 | 0xF5F)) }
func strexb(_ d: Int, _ t: Int, _ n: Int) -> Enc { Enc(UInt16(0xE8C0 | n), UInt16(t << 12 | 0xF40 | d)) }
func strexh(_ d: Int, _ t: Int, _ n: Int) -> Enc { Enc(UInt16(0xE8C0 | n), UInt16(t << 12 | 0xF50 | d)) }

// MARK: Multiple (§A5.3.5, 16-bit LDM/STM/PUSH/POP)

func listBits(_ regs: [Int]) -> Int { regs.reduce(0) { $0 | 1 << $1 } }

/// `push {…}` (T1: r0–r7, lr) and `pop {…}` (T1: r0–r7, pc).
func push(_ regs: [Int]) -> Enc { let l = listBits(regs); return Enc(UInt16(0xB400 | (l >> 14 & 1) << 8 | l & 0xFF)) }
func pop(_ regs: [Int]) -> Enc { let l = listBits(regs); return Enc(UInt16(0xBC00 | (l >> 15 & 1) << 8 | l & 0xFF)) }
/// `stm Rn!, {…}` (STM T1) and `ldm Rn{!}, {…}` (LDM T1; writeback unless Rn is listed).
func stm16(_ n: Int, _ regs: [Int]) -> Enc { Enc(UInt16(0xC000 | n << 8 | listBits(regs))) }
func ldm16(_ n: Int, _ regs: [Int]) -> Enc { Enc(UInt16(0xC800 | n << 8 | listBits(regs))) }
/// `ldm.w`/`stm.w`/`ldmdb`/`stmdb Rn{!}, {…}` (the raw list is encoded as given, SP/PC included).
func ldmW(_ n: Int, _ regs: [Int], wback: Bool = false) -> Enc { Enc(UInt16(0xE890 | (wback ? 0x20 : 0) | n), UInt16(listBits(regs))) }
func stmW(_ n: Int, _ regs: [Int], wback: Bool = false) -> Enc { Enc(UInt16(0xE880 | (wback ? 0x20 : 0) | n), UInt16(listBits(regs))) }
func ldmdb(_ n: Int, _ regs: [Int], wback: Bool = false) -> Enc { Enc(UInt16(0xE910 | (wback ? 0x20 : 0) | n), UInt16(listBits(regs))) }
func stmdb(_ n: Int, _ regs: [Int], wback: Bool = false) -> Enc { Enc(UInt16(0xE900 | (wback ? 0x20 : 0) | n), UInt16(listBits(regs))) }
func popW(_ regs: [Int]) -> Enc { ldmW(13, regs, wback: true) }
func pushW(_ regs: [Int]) -> Enc { stmdb(13, regs, wback: true) }
/// `ldr Rt, [sp], #4` (POP T3) and `str Rt, [sp, #-4]!` (PUSH T3).
func pop1(_ t: Int) -> Enc { Enc(0xF85D, UInt16(t << 12 | 0xB04)) }
func push1(_ t: Int) -> Enc { Enc(0xF84D, UInt16(t << 12 | 0xD04)) }
