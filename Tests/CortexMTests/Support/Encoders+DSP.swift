// Typed encoders for the DSP-extension instructions, laid out as in the ARMv7-M ARM
// (§A5.3.13–§A5.3.17, §A5.3.3, §A5.3.11), so tests read like assembly.

@testable import CortexM

// MARK: Parallel addition and subtraction: 1111 1010 1 op1 Rn | 1111 Rd 0 op2 Rm (§A5.3.13/14)

/// `hw1 = 11111010 1 op1 Rn`, `hw2 = 1111 Rd 0 op2(3) Rm`.
func dspParallel(_ op1: Int, _ op2: Int, _ d: Int, _ n: Int, _ m: Int) -> Enc {
  Enc(UInt16(0xFA80 | op1 << 4 | n), UInt16(0xF000 | d << 8 | op2 << 4 | m))
}

// op1: ADD8 000, ADD16 001, ASX 010, SUB8 100, SUB16 101, SAX 110.
// op2: S 000, Q 001, SH 010, U 100, UQ 101, UH 110.
func sadd16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b001, 0b000, d, n, m) }
func sasx(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b010, 0b000, d, n, m) }
func ssax(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b110, 0b000, d, n, m) }
func ssub16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b101, 0b000, d, n, m) }
func sadd8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b000, 0b000, d, n, m) }
func ssub8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b100, 0b000, d, n, m) }
func qadd16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b001, 0b001, d, n, m) }
func qasx(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b010, 0b001, d, n, m) }
func qsax(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b110, 0b001, d, n, m) }
func qsub16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b101, 0b001, d, n, m) }
func qadd8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b000, 0b001, d, n, m) }
func qsub8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b100, 0b001, d, n, m) }
func shadd16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b001, 0b010, d, n, m) }
func shasx(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b010, 0b010, d, n, m) }
func shsax(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b110, 0b010, d, n, m) }
func shsub16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b101, 0b010, d, n, m) }
func shadd8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b000, 0b010, d, n, m) }
func shsub8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b100, 0b010, d, n, m) }
func uadd16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b001, 0b100, d, n, m) }
func uasx(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b010, 0b100, d, n, m) }
func usax(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b110, 0b100, d, n, m) }
func usub16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b101, 0b100, d, n, m) }
func uadd8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b000, 0b100, d, n, m) }
func usub8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b100, 0b100, d, n, m) }
func uqadd16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b001, 0b101, d, n, m) }
func uqasx(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b010, 0b101, d, n, m) }
func uqsax(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b110, 0b101, d, n, m) }
func uqsub16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b101, 0b101, d, n, m) }
func uqadd8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b000, 0b101, d, n, m) }
func uqsub8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b100, 0b101, d, n, m) }
func uhadd16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b001, 0b110, d, n, m) }
func uhasx(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b010, 0b110, d, n, m) }
func uhsax(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b110, 0b110, d, n, m) }
func uhsub16(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b101, 0b110, d, n, m) }
func uhadd8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b000, 0b110, d, n, m) }
func uhsub8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspParallel(0b100, 0b110, d, n, m) }

// MARK: Miscellaneous (§A5.3.15): 1111 1010 10 op1 Rn | 1111 Rd 10 op2 Rm

/// `qadd Rd, Rm, Rn` (note the operand order of the assembly syntax).
func qadd(_ d: Int, _ m: Int, _ n: Int) -> Enc { Enc(UInt16(0xFA80 | n), UInt16(0xF080 | d << 8 | m)) }
func qdadd(_ d: Int, _ m: Int, _ n: Int) -> Enc { Enc(UInt16(0xFA80 | n), UInt16(0xF090 | d << 8 | m)) }
func qsub(_ d: Int, _ m: Int, _ n: Int) -> Enc { Enc(UInt16(0xFA80 | n), UInt16(0xF0A0 | d << 8 | m)) }
func qdsub(_ d: Int, _ m: Int, _ n: Int) -> Enc { Enc(UInt16(0xFA80 | n), UInt16(0xF0B0 | d << 8 | m)) }
func sel(_ d: Int, _ n: Int, _ m: Int) -> Enc { Enc(UInt16(0xFAA0 | n), UInt16(0xF080 | d << 8 | m)) }

// MARK: Saturate 16, pack, extend

/// `ssat16 Rd, #sat, Rn` (sat in 1...16).
func ssat16(_ d: Int, _ sat: Int, _ n: Int) -> Enc { Enc(UInt16(0xF320 | n), UInt16(d << 8 | (sat - 1))) }
/// `usat16 Rd, #sat, Rn` (sat in 0...15).
func usat16(_ d: Int, _ sat: Int, _ n: Int) -> Enc { Enc(UInt16(0xF3A0 | n), UInt16(d << 8 | sat)) }

/// `pkhbt Rd, Rn, Rm, lsl #imm` (imm 0 = no shift).
func pkhbt(_ d: Int, _ n: Int, _ m: Int, lsl imm: Int = 0) -> Enc {
  Enc(UInt16(0xEAC0 | n), UInt16((imm >> 2) << 12 | d << 8 | (imm & 3) << 6 | m))
}
/// `pkhtb Rd, Rn, Rm, asr #imm` (imm 32 is encoded as 0).
func pkhtb(_ d: Int, _ n: Int, _ m: Int, asr imm: Int) -> Enc {
  let imm5 = imm & 31
  return Enc(UInt16(0xEAC0 | n), UInt16((imm5 >> 2) << 12 | d << 8 | (imm5 & 3) << 6 | 0b10 << 4 | m))
}

/// Register extends: `hw1 = 11111010 0 op1 Rn`, `hw2 = 1111 Rd 1 0 rotate Rm`; ror in {0, 8, 16, 24}.
func dspExtend(_ op1: Int, _ d: Int, _ n: Int, _ m: Int, _ ror: Int) -> Enc {
  Enc(UInt16(0xFA00 | op1 << 4 | n), UInt16(0xF080 | d << 8 | (ror >> 3) << 4 | m))
}
func sxtah(_ d: Int, _ n: Int, _ m: Int, ror: Int = 0) -> Enc { dspExtend(0b000, d, n, m, ror) }
func uxtah(_ d: Int, _ n: Int, _ m: Int, ror: Int = 0) -> Enc { dspExtend(0b001, d, n, m, ror) }
func sxtab16(_ d: Int, _ n: Int, _ m: Int, ror: Int = 0) -> Enc { dspExtend(0b010, d, n, m, ror) }
func uxtab16(_ d: Int, _ n: Int, _ m: Int, ror: Int = 0) -> Enc { dspExtend(0b011, d, n, m, ror) }
func sxtab(_ d: Int, _ n: Int, _ m: Int, ror: Int = 0) -> Enc { dspExtend(0b100, d, n, m, ror) }
func uxtab(_ d: Int, _ n: Int, _ m: Int, ror: Int = 0) -> Enc { dspExtend(0b101, d, n, m, ror) }
func sxtb16(_ d: Int, _ m: Int, ror: Int = 0) -> Enc { dspExtend(0b010, d, 15, m, ror) }
func uxtb16(_ d: Int, _ m: Int, ror: Int = 0) -> Enc { dspExtend(0b011, d, 15, m, ror) }

// MARK: Multiplies (§A5.3.16): 1111 1011 0 op1 Rn | Ra Rd 00 op2 Rm

func dspMultiply(_ op1: Int, _ op2: Int, _ d: Int, _ n: Int, _ m: Int, _ a: Int) -> Enc {
  Enc(UInt16(0xFB00 | op1 << 4 | n), UInt16(a << 12 | d << 8 | op2 << 4 | m))
}
/// `smla<x><y> Rd, Rn, Rm, Ra` with nTop/mTop selecting the T halves.
func smlaxy(_ nTop: Bool, _ mTop: Bool, _ d: Int, _ n: Int, _ m: Int, _ a: Int) -> Enc {
  dspMultiply(0b001, (nTop ? 2 : 0) | (mTop ? 1 : 0), d, n, m, a)
}
func smulxy(_ nTop: Bool, _ mTop: Bool, _ d: Int, _ n: Int, _ m: Int) -> Enc { smlaxy(nTop, mTop, d, n, m, 15) }
func smlad(_ d: Int, _ n: Int, _ m: Int, _ a: Int, x: Bool = false) -> Enc { dspMultiply(0b010, x ? 1 : 0, d, n, m, a) }
func smuad(_ d: Int, _ n: Int, _ m: Int, x: Bool = false) -> Enc { dspMultiply(0b010, x ? 1 : 0, d, n, m, 15) }
func smlaw(_ mTop: Bool, _ d: Int, _ n: Int, _ m: Int, _ a: Int) -> Enc { dspMultiply(0b011, mTop ? 1 : 0, d, n, m, a) }
func smulw(_ mTop: Bool, _ d: Int, _ n: Int, _ m: Int) -> Enc { dspMultiply(0b011, mTop ? 1 : 0, d, n, m, 15) }
func smlsd(_ d: Int, _ n: Int, _ m: Int, _ a: Int, x: Bool = false) -> Enc { dspMultiply(0b100, x ? 1 : 0, d, n, m, a) }
func smusd(_ d: Int, _ n: Int, _ m: Int, x: Bool = false) -> Enc { dspMultiply(0b100, x ? 1 : 0, d, n, m, 15) }
func smmla(_ d: Int, _ n: Int, _ m: Int, _ a: Int, r: Bool = false) -> Enc { dspMultiply(0b101, r ? 1 : 0, d, n, m, a) }
func smmul(_ d: Int, _ n: Int, _ m: Int, r: Bool = false) -> Enc { dspMultiply(0b101, r ? 1 : 0, d, n, m, 15) }
func smmls(_ d: Int, _ n: Int, _ m: Int, _ a: Int, r: Bool = false) -> Enc { dspMultiply(0b110, r ? 1 : 0, d, n, m, a) }
func usada8(_ d: Int, _ n: Int, _ m: Int, _ a: Int) -> Enc { dspMultiply(0b111, 0, d, n, m, a) }
func usad8(_ d: Int, _ n: Int, _ m: Int) -> Enc { dspMultiply(0b111, 0, d, n, m, 15) }

// MARK: Long multiplies (§A5.3.17): 1111 1011 1 op1 Rn | RdLo RdHi op2 Rm

func dspLong(_ op1: Int, _ op2: Int, _ dLo: Int, _ dHi: Int, _ n: Int, _ m: Int) -> Enc {
  Enc(UInt16(0xFB80 | op1 << 4 | n), UInt16(dLo << 12 | dHi << 8 | op2 << 4 | m))
}
func smlalxy(_ nTop: Bool, _ mTop: Bool, _ dLo: Int, _ dHi: Int, _ n: Int, _ m: Int) -> Enc {
  dspLong(0b100, 0b1000 | (nTop ? 2 : 0) | (mTop ? 1 : 0), dLo, dHi, n, m)
}
func smlald(_ dLo: Int, _ dHi: Int, _ n: Int, _ m: Int, x: Bool = false) -> Enc { dspLong(0b100, x ? 0b1101 : 0b1100, dLo, dHi, n, m) }
func smlsld(_ dLo: Int, _ dHi: Int, _ n: Int, _ m: Int, x: Bool = false) -> Enc { dspLong(0b101, x ? 0b1101 : 0b1100, dLo, dHi, n, m) }
func umaal(_ dLo: Int, _ dHi: Int, _ n: Int, _ m: Int) -> Enc { dspLong(0b110, 0b0110, dLo, dHi, n, m) }

extension Enc {
  /// hw1:hw2 as one word (for the decoder's `raw`).
  var dspWord: UInt32 { halfwords.count == 2 ? UInt32(halfwords[0]) << 16 | UInt32(halfwords[1]) : UInt32(halfwords[0]) }
}
