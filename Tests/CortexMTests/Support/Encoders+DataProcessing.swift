// Typed encoders for data-processing, multiply and divide instructions (build encodings the
// way the manual lays them out, so tests read like assembly). Registers are plain Ints.

@testable import CortexM

// MARK: 16-bit (§A5.2.1–A5.2.3, §A5.2.5)

/// `movs Rd, #imm8` (MOV immediate T1).
func movs(_ d: Int, _ imm8: Int) -> Enc { Enc(UInt16(0x2000 | d << 8 | imm8)) }

/// `lsls/lsrs/asrs Rd, Rm, #imm5` (shift immediate T1; imm5 0 means 32 for LSR/ASR).
func lsls(_ d: Int, _ m: Int, _ imm5: Int) -> Enc { Enc(UInt16(0x0000 | imm5 << 6 | m << 3 | d)) }
func lsrs(_ d: Int, _ m: Int, _ imm5: Int) -> Enc { Enc(UInt16(0x0800 | (imm5 & 31) << 6 | m << 3 | d)) }
func asrs(_ d: Int, _ m: Int, _ imm5: Int) -> Enc { Enc(UInt16(0x1000 | (imm5 & 31) << 6 | m << 3 | d)) }
/// `movs Rd, Rm` (MOV register T2).
func movsReg(_ d: Int, _ m: Int) -> Enc { Enc(UInt16(m << 3 | d)) }

/// `adds/subs Rd, Rn, Rm` (T1).
func adds(_ d: Int, _ n: Int, _ m: Int) -> Enc { Enc(UInt16(0x1800 | m << 6 | n << 3 | d)) }
func subs(_ d: Int, _ n: Int, _ m: Int) -> Enc { Enc(UInt16(0x1A00 | m << 6 | n << 3 | d)) }
/// `adds/subs Rd, Rn, #imm3` (T1).
func adds(_ d: Int, _ n: Int, imm3: Int) -> Enc { Enc(UInt16(0x1C00 | imm3 << 6 | n << 3 | d)) }
func subs(_ d: Int, _ n: Int, imm3: Int) -> Enc { Enc(UInt16(0x1E00 | imm3 << 6 | n << 3 | d)) }
/// `cmp Rn, #imm8`, `adds/subs Rdn, #imm8` (T1/T2).
func cmp(_ n: Int, imm8: Int) -> Enc { Enc(UInt16(0x2800 | n << 8 | imm8)) }
func adds(_ dn: Int, imm8: Int) -> Enc { Enc(UInt16(0x3000 | dn << 8 | imm8)) }
func subs(_ dn: Int, imm8: Int) -> Enc { Enc(UInt16(0x3800 | dn << 8 | imm8)) }

/// §A5.2.2 `010000 opcode Rm Rdn`.
private func dp16(_ op: Int, _ dn: Int, _ m: Int) -> Enc { Enc(UInt16(0x4000 | op << 6 | m << 3 | dn)) }
func ands(_ dn: Int, _ m: Int) -> Enc { dp16(0b0000, dn, m) }
func eors(_ dn: Int, _ m: Int) -> Enc { dp16(0b0001, dn, m) }
func lslsReg(_ dn: Int, _ m: Int) -> Enc { dp16(0b0010, dn, m) }
func lsrsReg(_ dn: Int, _ m: Int) -> Enc { dp16(0b0011, dn, m) }
func asrsReg(_ dn: Int, _ m: Int) -> Enc { dp16(0b0100, dn, m) }
func adcs(_ dn: Int, _ m: Int) -> Enc { dp16(0b0101, dn, m) }
func sbcs(_ dn: Int, _ m: Int) -> Enc { dp16(0b0110, dn, m) }
func rorsReg(_ dn: Int, _ m: Int) -> Enc { dp16(0b0111, dn, m) }
func tst(_ n: Int, _ m: Int) -> Enc { dp16(0b1000, n, m) }
/// `rsbs Rd, Rn, #0` (NEGS).
func rsbs0(_ d: Int, _ n: Int) -> Enc { dp16(0b1001, d, n) }
func cmp(_ n: Int, _ m: Int) -> Enc { dp16(0b1010, n, m) }
func cmn(_ n: Int, _ m: Int) -> Enc { dp16(0b1011, n, m) }
func orrs(_ dn: Int, _ m: Int) -> Enc { dp16(0b1100, dn, m) }
/// `muls Rdm, Rn, Rdm`.
func muls(_ dm: Int, _ n: Int) -> Enc { dp16(0b1101, dm, n) }
func bics(_ dn: Int, _ m: Int) -> Enc { dp16(0b1110, dn, m) }
func mvns(_ d: Int, _ m: Int) -> Enc { dp16(0b1111, d, m) }

/// §A5.2.3 high-register forms: `add Rdn, Rm`, `cmp Rn, Rm`, `mov Rd, Rm` (any registers).
func add(_ dn: Int, _ m: Int) -> Enc { Enc(UInt16(0x4400 | (dn >> 3) << 7 | m << 3 | (dn & 7))) }
func cmpHi(_ n: Int, _ m: Int) -> Enc { Enc(UInt16(0x4500 | (n >> 3) << 7 | m << 3 | (n & 7))) }
func mov(_ d: Int, _ m: Int) -> Enc { Enc(UInt16(0x4600 | (d >> 3) << 7 | m << 3 | (d & 7))) }

/// `adr Rd, #imm` (T1, imm a multiple of 4), `add Rd, sp, #imm`, `add sp, #imm`, `sub sp, #imm`.
func adr(_ d: Int, _ imm: Int) -> Enc { Enc(UInt16(0xA000 | d << 8 | imm >> 2)) }
func addSP(_ d: Int, _ imm: Int) -> Enc { Enc(UInt16(0xA800 | d << 8 | imm >> 2)) }
func addSP(_ imm: Int) -> Enc { Enc(UInt16(0xB000 | imm >> 2)) }
func subSP(_ imm: Int) -> Enc { Enc(UInt16(0xB080 | imm >> 2)) }

/// §A5.2.5 extends and reversals `Rd, Rm`.
func sxth(_ d: Int, _ m: Int) -> Enc { Enc(UInt16(0xB200 | m << 3 | d)) }
func sxtb(_ d: Int, _ m: Int) -> Enc { Enc(UInt16(0xB240 | m << 3 | d)) }
func uxth(_ d: Int, _ m: Int) -> Enc { Enc(UInt16(0xB280 | m << 3 | d)) }
func uxtb(_ d: Int, _ m: Int) -> Enc { Enc(UInt16(0xB2C0 | m << 3 | d)) }
func rev(_ d: Int, _ m: Int) -> Enc { Enc(UInt16(0xBA00 | m << 3 | d)) }
func rev16(_ d: Int, _ m: Int) -> Enc { Enc(UInt16(0xBA40 | m << 3 | d)) }
func revsh(_ d: Int, _ m: Int) -> Enc { Enc(UInt16(0xBAC0 | m << 3 | d)) }

// MARK: 32-bit

/// §A5.3.1 opcodes.
enum DPOp: UInt32 {
  case and = 0b0000, bic = 0b0001, orr = 0b0010, orn = 0b0011, eor = 0b0100
  case add = 0b1000, adc = 0b1010, sbc = 0b1011, sub = 0b1101, rsb = 0b1110
}

/// Data processing (modified immediate): `op{s} Rd, Rn, #ThumbExpandImm(imm12)`;
/// TST/TEQ/CMN/CMP are AND/EOR/ADD/SUB with d = 15 and s; MOV/MVN are ORR/ORN with n = 15.
func dpImm(_ op: DPOp, s: Bool = false, _ d: Int, _ n: Int, imm12: Int) -> Enc {
  let i = UInt32(imm12 >> 11) & 1, imm3 = UInt32(imm12 >> 8) & 7, imm8 = UInt32(imm12) & 0xFF
  return Enc(word: 0xF000_0000 | i << 26 | op.rawValue << 21 | (s ? 1 << 20 : 0) | UInt32(n) << 16
    | imm3 << 12 | UInt32(d) << 8 | imm8)
}

/// Data processing (shifted register): `op{s}.w Rd, Rn, Rm, <type> #imm5`;
/// type 0 LSL, 1 LSR, 2 ASR, 3 ROR (imm5 0: RRX). MOV/shift aliases: n = 15 with ORR.
func dpReg(_ op: DPOp, s: Bool = false, _ d: Int, _ n: Int, _ m: Int, type: Int = 0, imm5: Int = 0) -> Enc {
  Enc(word: 0xEA00_0000 | op.rawValue << 21 | (s ? 1 << 20 : 0) | UInt32(n) << 16 | UInt32(imm5 >> 2) << 12
    | UInt32(d) << 8 | UInt32(imm5 & 3) << 6 | UInt32(type) << 4 | UInt32(m))
}

/// Plain binary immediates.
private func plain12(_ base: UInt32, _ d: Int, _ n: Int, _ imm12: Int) -> Enc {
  let i = UInt32(imm12 >> 11) & 1, imm3 = UInt32(imm12 >> 8) & 7, imm8 = UInt32(imm12) & 0xFF
  return Enc(word: base | i << 26 | UInt32(n) << 16 | imm3 << 12 | UInt32(d) << 8 | imm8)
}
func addw(_ d: Int, _ n: Int, _ imm12: Int) -> Enc { plain12(0xF200_0000, d, n, imm12) }
func subw(_ d: Int, _ n: Int, _ imm12: Int) -> Enc { plain12(0xF2A0_0000, d, n, imm12) }
private func plain16(_ base: UInt32, _ d: Int, _ imm16: Int) -> Enc {
  let imm4 = UInt32(imm16 >> 12) & 0xF, i = UInt32(imm16 >> 11) & 1
  let imm3 = UInt32(imm16 >> 8) & 7, imm8 = UInt32(imm16) & 0xFF
  return Enc(word: base | i << 26 | imm4 << 16 | imm3 << 12 | UInt32(d) << 8 | imm8)
}
func movw(_ d: Int, _ imm16: Int) -> Enc { plain16(0xF240_0000, d, imm16) }
func movt(_ d: Int, _ imm16: Int) -> Enc { plain16(0xF2C0_0000, d, imm16) }

/// `ssat Rd, #sat, Rn{, lsl/asr #imm5}` (asr: sh = true), `usat`.
func ssat(_ d: Int, _ sat: Int, _ n: Int, asr: Bool = false, imm5: Int = 0) -> Enc {
  satOrBitfield(0xF300_0000 | (asr ? 1 << 21 : 0), d, n, imm5, sat - 1)
}
func usat(_ d: Int, _ sat: Int, _ n: Int, asr: Bool = false, imm5: Int = 0) -> Enc {
  satOrBitfield(0xF380_0000 | (asr ? 1 << 21 : 0), d, n, imm5, sat)
}
/// `sbfx/ubfx Rd, Rn, #lsb, #width`, `bfi Rd, Rn, #lsb, #width`, `bfc Rd, #lsb, #width`.
func sbfx(_ d: Int, _ n: Int, _ lsb: Int, _ width: Int) -> Enc { satOrBitfield(0xF340_0000, d, n, lsb, width - 1) }
func ubfx(_ d: Int, _ n: Int, _ lsb: Int, _ width: Int) -> Enc { satOrBitfield(0xF3C0_0000, d, n, lsb, width - 1) }
func bfi(_ d: Int, _ n: Int, _ lsb: Int, _ width: Int) -> Enc { satOrBitfield(0xF360_0000, d, n, lsb, lsb + width - 1) }
func bfc(_ d: Int, _ lsb: Int, _ width: Int) -> Enc { satOrBitfield(0xF360_0000, d, 15, lsb, lsb + width - 1) }
private func satOrBitfield(_ base: UInt32, _ d: Int, _ n: Int, _ imm5: Int, _ low5: Int) -> Enc {
  Enc(word: base | UInt32(n) << 16 | UInt32(imm5 >> 2) << 12 | UInt32(d) << 8 | UInt32(imm5 & 3) << 6 | UInt32(low5 & 31))
}

/// Register-controlled shifts `lsl/lsr/asr/ror{s}.w Rd, Rn, Rm` (type 0–3).
func shiftReg(_ type: Int, s: Bool = false, _ d: Int, _ n: Int, _ m: Int) -> Enc {
  Enc(word: 0xFA00_F000 | UInt32(type) << 21 | (s ? 1 << 20 : 0) | UInt32(n) << 16 | UInt32(d) << 8 | UInt32(m))
}
/// `sxth.w`(0) `uxth.w`(1) `sxtb.w`(4) `uxtb.w`(5) `Rd, Rm, ror #8*rotate`.
func extendW(_ op: Int, _ d: Int, _ m: Int, rotate: Int = 0) -> Enc {
  Enc(word: 0xFA0F_F080 | UInt32(op) << 20 | UInt32(d) << 8 | UInt32(rotate) << 4 | UInt32(m))
}
/// `rev.w`(0) `rev16.w`(1) `rbit`(2) `revsh.w`(3) Rd, Rm (both Rm fields), and `clz`.
func miscW(_ op2: Int, _ d: Int, _ m: Int, m2: Int? = nil) -> Enc {
  Enc(word: 0xFA90_F080 | UInt32(m) << 16 | UInt32(d) << 8 | UInt32(op2) << 4 | UInt32(m2 ?? m))
}
func clz(_ d: Int, _ m: Int) -> Enc { Enc(word: 0xFAB0_F080 | UInt32(m) << 16 | UInt32(d) << 8 | UInt32(m)) }

/// Multiplies and divides (§A5.3.16, §A5.3.17).
func mul(_ d: Int, _ n: Int, _ m: Int) -> Enc { Enc(word: 0xFB00_F000 | UInt32(n) << 16 | UInt32(d) << 8 | UInt32(m)) }
func mla(_ d: Int, _ n: Int, _ m: Int, _ a: Int) -> Enc {
  Enc(word: 0xFB00_0000 | UInt32(n) << 16 | UInt32(a) << 12 | UInt32(d) << 8 | UInt32(m))
}
func mls(_ d: Int, _ n: Int, _ m: Int, _ a: Int) -> Enc {
  Enc(word: 0xFB00_0010 | UInt32(n) << 16 | UInt32(a) << 12 | UInt32(d) << 8 | UInt32(m))
}
private func long(_ base: UInt32, _ lo: Int, _ hi: Int, _ n: Int, _ m: Int) -> Enc {
  Enc(word: base | UInt32(n) << 16 | UInt32(lo) << 12 | UInt32(hi) << 8 | UInt32(m))
}
func smull(_ lo: Int, _ hi: Int, _ n: Int, _ m: Int) -> Enc { long(0xFB80_0000, lo, hi, n, m) }
func umull(_ lo: Int, _ hi: Int, _ n: Int, _ m: Int) -> Enc { long(0xFBA0_0000, lo, hi, n, m) }
func smlal(_ lo: Int, _ hi: Int, _ n: Int, _ m: Int) -> Enc { long(0xFBC0_0000, lo, hi, n, m) }
func umlal(_ lo: Int, _ hi: Int, _ n: Int, _ m: Int) -> Enc { long(0xFBE0_0000, lo, hi, n, m) }
func sdiv(_ d: Int, _ n: Int, _ m: Int) -> Enc { Enc(word: 0xFB90_F0F0 | UInt32(n) << 16 | UInt32(d) << 8 | UInt32(m)) }
func udiv(_ d: Int, _ n: Int, _ m: Int) -> Enc { Enc(word: 0xFBB0_F0F0 | UInt32(n) << 16 | UInt32(d) << 8 | UInt32(m)) }
