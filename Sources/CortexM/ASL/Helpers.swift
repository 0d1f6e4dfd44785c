// The ARMv7-M ARM's shared pseudocode helpers (DDI 0403E, Appendix D "Pseudocode
// definition", §A2.2 "Pseudocode details of operations on ARM core registers", §A2.3, §A5.3.2).
// Names follow the manual so semantics read like the pseudocode that specifies them.
// All arithmetic is explicit-width and wrapping; nothing here can trap.

/// SRType: the shift kinds of §A7.4.2 `DecodeImmShift`.
public enum SRType: UInt8 {
  case LSL = 0, LSR, ASR, ROR, RRX
}

/// `DecodeImmShift(type, imm5)` (§A7.4.2).
@inline(__always)
public func DecodeImmShift(_ type: UInt32, _ imm5: UInt32) -> (SRType, UInt8) {
  switch type & 3 {
  case 0: return (.LSL, UInt8(imm5))
  case 1: return (.LSR, imm5 == 0 ? 32 : UInt8(imm5))
  case 2: return (.ASR, imm5 == 0 ? 32 : UInt8(imm5))
  default: return imm5 == 0 ? (.RRX, 1) : (.ROR, UInt8(imm5))
  }
}

/// `DecodeRegShift(type)` (§A7.4.2).
@inline(__always)
public func DecodeRegShift(_ type: UInt32) -> SRType {
  SRType(rawValue: UInt8(type & 3)) ?? .LSL
}

/// `Shift_C(value, type, amount, carry_in)` (§A2.2.1, §A7.4.2). Amount 0 returns the value
/// and the incoming carry unchanged; amounts ≥ 32 follow LSL_C/LSR_C/ASR_C with N = 32.
@inline(__always)
public func Shift_C(_ value: UInt32, _ type: SRType, _ amount: UInt32, _ carry_in: Bool) -> (UInt32, Bool) {
  if amount == 0 { return (value, carry_in) }
  switch type {
  case .LSL:
    if amount < 32 { return (value << amount, (value >> (32 - amount)) & 1 == 1) }
    if amount == 32 { return (0, value & 1 == 1) }
    return (0, false)
  case .LSR:
    if amount < 32 { return (value >> amount, (value >> (amount - 1)) & 1 == 1) }
    if amount == 32 { return (0, value >> 31 == 1) }
    return (0, false)
  case .ASR:
    let s = Int32(bitPattern: value)
    if amount < 32 { return (UInt32(bitPattern: s >> Int32(amount)), (value >> (amount - 1)) & 1 == 1) }
    let fill: UInt32 = s < 0 ? 0xFFFF_FFFF : 0
    return (fill, s < 0)
  case .ROR:
    let m = amount & 31
    let result = m == 0 ? value : (value >> m) | (value << (32 - m))
    return (result, result >> 31 == 1)
  case .RRX:
    return ((carry_in ? 0x8000_0000 : 0) | (value >> 1), value & 1 == 1)
  }
}

/// `Shift(value, type, amount, carry_in)`: Shift_C without the carry.
@inline(__always)
public func Shift(_ value: UInt32, _ type: SRType, _ amount: UInt32, _ carry_in: Bool) -> UInt32 {
  Shift_C(value, type, amount, carry_in).0
}

/// `ROR(x, shift)` for 32-bit values.
@inline(__always)
public func ROR(_ x: UInt32, _ shift: UInt32) -> UInt32 {
  let m = shift & 31
  return m == 0 ? x : (x >> m) | (x << (32 - m))
}

/// `AddWithCarry(x, y, carry_in)` (§A2.2.1): result, carry_out, overflow.
@inline(__always)
public func AddWithCarry(_ x: UInt32, _ y: UInt32, _ carry_in: Bool) -> (result: UInt32, carry: Bool, overflow: Bool) {
  let unsigned_sum = UInt64(x) &+ UInt64(y) &+ (carry_in ? 1 : 0)
  let signed_sum = Int64(Int32(bitPattern: x)) &+ Int64(Int32(bitPattern: y)) &+ (carry_in ? 1 : 0)
  let result = UInt32(truncatingIfNeeded: unsigned_sum)
  let carry_out = UInt64(result) != unsigned_sum
  let overflow = Int64(Int32(bitPattern: result)) != signed_sum
  return (result, carry_out, overflow)
}

/// `ThumbExpandImm_C(imm12, carry_in)` (§A5.3.2): the modified-immediate constants.
@inline(__always)
public func ThumbExpandImm_C(_ imm12: UInt32, _ carry_in: Bool) -> (UInt32, Bool) {
  if imm12 >> 10 == 0 {
    let imm8 = imm12 & 0xFF
    switch (imm12 >> 8) & 3 {
    case 0: return (imm8, carry_in)
    case 1: return ((imm8 << 16) | imm8, carry_in)
    case 2: return ((imm8 << 24) | (imm8 << 8), carry_in)
    default: return ((imm8 << 24) | (imm8 << 16) | (imm8 << 8) | imm8, carry_in)
    }
  }
  let unrotated_value = 0x80 | (imm12 & 0x7F)
  let result = ROR(unrotated_value, imm12 >> 7)
  return (result, result >> 31 == 1)
}

/// Whether `ThumbExpandImm` of this imm12 is UNPREDICTABLE (imm8 == 0 in a replicated form).
@inline(__always)
public func ThumbExpandImmIsUnpredictable(_ imm12: UInt32) -> Bool {
  imm12 >> 10 == 0 && (imm12 >> 8) & 3 != 0 && imm12 & 0xFF == 0
}

/// `SignExtend(x, N)` from an N-bit field to 32 bits.
@inline(__always)
public func SignExtend(_ x: UInt32, _ bits: Int) -> UInt32 {
  let s = 32 - bits
  return UInt32(bitPattern: Int32(bitPattern: x << UInt32(s)) >> Int32(s))
}

/// `SignedSatQ(i, N)` (§A2.2.2): saturate to an N-bit signed range, reporting saturation.
@inline(__always)
public func SignedSatQ(_ i: Int64, _ N: Int) -> (Int64, Bool) {
  let hi = (Int64(1) << (N - 1)) - 1
  let lo = -(Int64(1) << (N - 1))
  if i > hi { return (hi, true) }
  if i < lo { return (lo, true) }
  return (i, false)
}

/// `UnsignedSatQ(i, N)` (§A2.2.2).
@inline(__always)
public func UnsignedSatQ(_ i: Int64, _ N: Int) -> (Int64, Bool) {
  let hi = (Int64(1) << N) - 1
  if i > hi { return (hi, true) }
  if i < 0 { return (0, true) }
  return (i, false)
}

/// `SignedSat(i, N)` / `UnsignedSat(i, N)`.
@inline(__always) public func SignedSat(_ i: Int64, _ N: Int) -> Int64 { SignedSatQ(i, N).0 }
@inline(__always) public func UnsignedSat(_ i: Int64, _ N: Int) -> Int64 { UnsignedSatQ(i, N).0 }

/// `CountLeadingZeroBits(x)`.
@inline(__always) public func CountLeadingZeroBits(_ x: UInt32) -> UInt32 { UInt32(x.leadingZeroBitCount) }

/// `BitCount(x)`.
@inline(__always) public func BitCount(_ x: UInt32) -> Int { x.nonzeroBitCount }

/// `LowestSetBit(x)` (32 when x is zero).
@inline(__always) public func LowestSetBit(_ x: UInt32) -> Int { x.trailingZeroBitCount }

extension UInt32 {
  /// The bit field `x<hi:lo>` of the pseudocode.
  @inline(__always) public func bits(_ hi: Int, _ lo: Int) -> UInt32 {
    (self >> UInt32(lo)) & (hi - lo >= 31 ? 0xFFFF_FFFF : (UInt32(1) << UInt32(hi - lo + 1)) &- 1)
  }
  /// The single bit `x<n>` of the pseudocode.
  @inline(__always) public func bit(_ n: Int) -> Bool { (self >> UInt32(n)) & 1 == 1 }
  /// Signed view.
  @inline(__always) public var s: Int32 { Int32(bitPattern: self) }
}

extension Int32 {
  @inline(__always) public var u: UInt32 { UInt32(bitPattern: self) }
}
