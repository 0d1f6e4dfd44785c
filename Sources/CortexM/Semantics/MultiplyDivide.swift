// Multiply and divide, ARMv7-M base (no DSP): MUL T1 (16-bit, in §A5.2.2) and the 32-bit
// §A5.3.16 / §A5.3.17 rows MUL, MLA, MLS, SMULL, UMULL, SMLAL, UMLAL, SDIV, UDIV. The DSP
// multiplies of the same tables (SMLA<x><y>, SMLAD, SMMLA, UMAAL, …) live in DSPInstructions.
//
// Division by zero returns 0 unless CCR.DIV_0_TRP is set, when it raises UsageFault DIVBYZERO.
// The divide's operand-dependent cycle count is reported in `effect.extraCycles` (TIMING.md
// rule 4; the DIVIDE class has base 0, so extraCycles is the whole count).

public enum MultiplyDivide {
  public static let encodings: [Encoding] = [
    Encoding("MUL T2", "111110110000nnnn1111dddd0000mmmm", "mul{c} {d}, {n}, {m}", .multiply, MUL) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m"); i.setflags = false
      if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("MLA T1", "111110110000nnnnaaaadddd0000mmmm", "mla{c} {d}, {n}, {m}, {a}", .multiply, MLA) { f, i in
      if f.a == 0b1111 { return .see("MUL") }
      i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m"); i.a = f.r("a"); i.setflags = false
      if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) || i.a == 13 { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("MLS T1", "111110110000nnnnaaaadddd0001mmmm", "mls{c} {d}, {n}, {m}, {a}", .multiply, MLS) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m"); i.a = f.r("a")
      if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) || BadReg(i.a) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("SMULL T1", "111110111000nnnnllllhhhh0000mmmm", "smull{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMULL, decode: long),
    Encoding("SDIV T1", "111110111001nnnn(1)(1)(1)(1)dddd1111mmmm", "sdiv{c} {d}, {n}, {m}", .divide, SDIV, decode: divide),
    Encoding("UMULL T1", "111110111010nnnnllllhhhh0000mmmm", "umull{c} {dLo}, {dHi}, {n}, {m}", .multiply, UMULL, decode: long),
    Encoding("UDIV T1", "111110111011nnnn(1)(1)(1)(1)dddd1111mmmm", "udiv{c} {d}, {n}, {m}", .divide, UDIV, decode: divide),
    Encoding("SMLAL T1", "111110111100nnnnllllhhhh0000mmmm", "smlal{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMLAL, decode: long),
    Encoding("UMLAL T1", "111110111110nnnnllllhhhh0000mmmm", "umlal{c} {dLo}, {dHi}, {n}, {m}", .multiply, UMLAL, decode: long),
  ]

  /// `BadReg(n)`: SP or PC (§A7.1).
  @inline(__always) static func BadReg(_ r: UInt8) -> Bool { r == 13 || r == 15 }

  /// The long multiplies: dLo, dHi, n, m, setflags = FALSE.
  static func long(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.dLo = f.r("l"); i.dHi = f.r("h"); i.n = f.r("n"); i.m = f.r("m"); i.setflags = false
    if BadReg(i.dLo) || BadReg(i.dHi) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
    if i.dHi == i.dLo { return .unpredictable("dHi == dLo") }
    return .ok
  }

  /// SDIV/UDIV: d, n, m.
  static func divide(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m")
    if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
    return .ok
  }

  // MARK: - Semantics (§A7.7)

  /// MLA §A7.7.73: `result = operand1 * operand2 + addend; R[d] = result<31:0>`.
  @_transparent
  static func MLA(_ m: Machine, _ i: Instruction) throws(Fault) {
    let operand1 = m.R(i.n), operand2 = m.R(i.m), addend = m.R(i.a)
    let result = operand1 &* operand2 &+ addend
    m.setR(i.d, result)
  }

  /// MLS §A7.7.74: `result = addend - operand1 * operand2; R[d] = result<31:0>`.
  @_transparent
  static func MLS(_ m: Machine, _ i: Instruction) throws(Fault) {
    let operand1 = m.R(i.n), operand2 = m.R(i.m), addend = m.R(i.a)
    let result = addend &- operand1 &* operand2
    m.setR(i.d, result)
  }

  /// MUL §A7.7.83: `result = operand1 * operand2; R[d] = result<31:0>; if setflags then N, Z`
  /// (C and V unchanged in ARMv7-M). The low 32 bits are the same signed or unsigned.
  @_transparent
  static func MUL(_ m: Machine, _ i: Instruction) throws(Fault) {
    let operand1 = m.R(i.n), operand2 = m.R(i.m)
    let result = operand1 &* operand2
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result) }
  }

  /// SDIV §A7.7.125: `result = if SInt(R[m]) == 0 then 0 (or trap) else
  /// RoundTowardsZero(SInt(R[n]) / SInt(R[m]))`; INT_MIN / -1 gives INT_MIN (result<31:0>).
  static func SDIV(_ m: Machine, _ i: Instruction) throws(Fault) {
    let n = Int64(m.R(i.n).s), d = Int64(m.R(i.m).s)
    let result: Int64
    if d == 0 {
      if m.system.divideByZeroTrap {
        throw Fault(.divideByZero, "SDIV by zero with CCR.DIV_0_TRP set")
      }
      result = 0
    } else {
      result = n / d  // Swift's / rounds towards zero; Int64 holds 2^31 exactly
    }
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    m.effect.extraCycles = divideCycles(n.magnitude, d.magnitude)
  }

  /// SMLAL §A7.7.136: `result = SInt(R[n]) * SInt(R[m]) + SInt(R[dHi]:R[dLo])`.
  @_transparent
  static func SMLAL(_ m: Machine, _ i: Instruction) throws(Fault) {
    let accumulator = Int64(bitPattern: UInt64(m.R(i.dHi)) << 32 | UInt64(m.R(i.dLo)))
    let result = Int64(m.R(i.n).s) &* Int64(m.R(i.m).s) &+ accumulator
    m.setR(i.dHi, UInt32(truncatingIfNeeded: result >> 32))
    m.setR(i.dLo, UInt32(truncatingIfNeeded: result))
  }

  /// SMULL §A7.7.147: `result = SInt(R[n]) * SInt(R[m])`.
  @_transparent
  static func SMULL(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (high, low) = m.R(i.n).s.multipliedFullWidth(by: m.R(i.m).s)
    m.setR(i.dHi, high.u)
    m.setR(i.dLo, low)
  }

  /// UDIV §A7.7.192: `result = if UInt(R[m]) == 0 then 0 (or trap) else
  /// RoundTowardsZero(UInt(R[n]) / UInt(R[m]))`.
  static func UDIV(_ m: Machine, _ i: Instruction) throws(Fault) {
    let n = m.R(i.n), d = m.R(i.m)
    let result: UInt32
    if d == 0 {
      if m.system.divideByZeroTrap {
        throw Fault(.divideByZero, "UDIV by zero with CCR.DIV_0_TRP set")
      }
      result = 0
    } else {
      result = n / d
    }
    m.setR(i.d, result)
    m.effect.extraCycles = divideCycles(UInt64(n), UInt64(d))
  }

  /// UMLAL §A7.7.200: `result = UInt(R[n]) * UInt(R[m]) + UInt(R[dHi]:R[dLo])`.
  @_transparent
  static func UMLAL(_ m: Machine, _ i: Instruction) throws(Fault) {
    let accumulator = UInt64(m.R(i.dHi)) << 32 | UInt64(m.R(i.dLo))
    let result = UInt64(m.R(i.n)) &* UInt64(m.R(i.m)) &+ accumulator
    m.setR(i.dHi, UInt32(truncatingIfNeeded: result >> 32))
    m.setR(i.dLo, UInt32(truncatingIfNeeded: result))
  }

  /// UMULL §A7.7.201: `result = UInt(R[n]) * UInt(R[m])`.
  @_transparent
  static func UMULL(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (high, low) = m.R(i.n).multipliedFullWidth(by: m.R(i.m))
    m.setR(i.dHi, high)
    m.setR(i.dLo, low)
  }

  /// Cycles of SDIV/UDIV on the Cortex-M4 (TIMING.md rule 4), from the operands' magnitudes:
  /// 2 if either is 0; 3 if the dividend has fewer significant bits than the divisor;
  /// otherwise 5 + ⌊(bits(|n|) − bits(|m|)) / 4⌋ (2…12).
  static func divideCycles(_ n: UInt64, _ m: UInt64) -> UInt32 {
    if n == 0 || m == 0 { return 2 }
    let bitsN = 64 - n.leadingZeroBitCount, bitsM = 64 - m.leadingZeroBitCount
    if bitsN < bitsM { return 3 }
    return UInt32(5 + (bitsN - bitsM) / 4)
  }
}
