// Fixed-point primitives shared by every op: multiplier quantization, requantization, the
// rounding shifts, and the xorshift32 generator. FQT.md "Numbers" fixes each rounding rule.

import Foundation

// MARK: - Multipliers

/// Quantizes a real multiplier as TFLite's `QuantizeMultiplier` does.
///
/// `frac, e = frexp(real)` (so real = frac·2ᵉ, |frac| ∈ [0.5, 1)); `M = round(frac·2³¹)`, rounding
/// half away from zero (`std::round`); if `M == 2³¹` then `M = 2³⁰, e += 1`; if `e < −31` then
/// `M = 0, e = 0`. `real == 0` gives `(0, 0)`. Returns `(M, e)` with real ≈ M·2^(e−31).
///
/// - Precondition: `real` is finite (a NaN or infinite multiplier is a programming error).
public func QuantizeMultiplier(_ real: Double) -> (multiplier: Int32, shift: Int32) {
  precondition(real.isFinite, "QuantizeMultiplier: multiplier \(real) is not finite")
  if real == 0 { return (0, 0) }
  // Foundation's Swift `frexp` drops the sign on Linux, so split the magnitude and re-apply it.
  let (magFrac, exp) = frexp(real.magnitude)
  let frac = real < 0 ? -magFrac : magFrac
  var q = Int64((frac * 2_147_483_648.0).rounded(.toNearestOrAwayFromZero))
  var shift = exp
  if q == (Int64(1) << 31) {
    q /= 2
    shift += 1
  }
  if shift < -31 {
    shift = 0
    q = 0
  }
  return (Int32(q), Int32(shift))
}

/// TFLite's `QuantizeMultiplierGreaterThanOne`: as `QuantizeMultiplier`, for real > 1, so that the
/// shift is a left shift (≥ 0). Throws if `real` ≤ 1 or not finite.
public func QuantizeMultiplierGreaterThanOne(_ real: Double) throws -> (
  multiplier: Int32, shift: Int32
) {
  guard real.isFinite, real > 1 else {
    throw FQTError.invalidParameter(
      op: "QuantizeMultiplierGreaterThanOne", reason: "multiplier \(real) must be finite and > 1")
  }
  return QuantizeMultiplier(real)
}

// MARK: - gemmlowp / CMSIS-NN rounding primitives

/// gemmlowp `SaturatingRoundingDoublingHighMul` (= CMSIS-NN `arm_nn_doubling_high_mult`, NEON
/// VQRDMULH): `(a·b + nudge) / 2³¹` with C truncating division, `nudge = 2³⁰` if a·b ≥ 0 else
/// `1 − 2³⁰`. This rounds the exact value a·b/2³¹ to nearest with ties toward +∞. The single
/// overflowing case `a = b = Int32.min` saturates to `Int32.max`.
@inline(__always)
public func saturatingRoundingDoublingHighMul(_ a: Int32, _ b: Int32) -> Int32 {
  if a == b && a == Int32.min { return Int32.max }
  let ab = Int64(a) * Int64(b)
  let nudge: Int64 = ab >= 0 ? (1 << 30) : (1 - (1 << 30))
  return Int32(truncatingIfNeeded: (ab + nudge) / (1 << 31))
}

/// gemmlowp `RoundingDivideByPOT` (= CMSIS-NN `arm_nn_divide_by_power_of_two`): x / 2ᵉ rounded to
/// nearest, ties away from zero. `exponent` ∈ [0, 31].
@inline(__always)
public func roundingDivideByPOT(_ x: Int32, _ exponent: Int32) -> Int32 {
  precondition(exponent >= 0 && exponent <= 31, "roundingDivideByPOT: exponent \(exponent)")
  let mask = Int32(truncatingIfNeeded: (Int64(1) << Int64(exponent)) - 1)
  let remainder = x & mask
  let threshold = (mask >> 1) &+ (x < 0 ? 1 : 0)
  return (x >> exponent) &+ (remainder > threshold ? 1 : 0)
}

/// Requantizes an int32 accumulator exactly as CMSIS-NN `arm_nn_requantize` (default build, double
/// rounding), which FQT.md "Numbers" adopts:
///
///     left  = max(shift, 0),  right = max(−shift, 0)
///     t     = x · 2^left                       (int32, wrapping as the C code does)
///     h     = SaturatingRoundingDoublingHighMul(t, M)   ≈ t·M/2³¹, ties toward +∞
///     y     = RoundingDivideByPOT(h, right)   ≈ h/2^right, ties away from zero
///
/// CMSIS-NN's `arm_nn_doubling_high_mult_no_sat` differs from the saturating form only for
/// t = M = Int32.min, which `QuantizeMultiplier` never produces (M ≥ 0 for positive reals).
///
/// - Precondition: `shift` ∈ [−31, 31].
@inline(__always)
public func requantize(_ x: Int32, multiplier: Int32, shift: Int32) -> Int32 {
  precondition(shift >= -31 && shift <= 31, "requantize: shift \(shift) outside [-31, 31]")
  let left = shift > 0 ? shift : 0
  let right = shift > 0 ? 0 : -shift
  let t = x << left  // Swift's << on Int32 discards the bits shifted out: x·2^left mod 2³².
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(t, multiplier), right)
}

/// Saturates to the int8 range.
@inline(__always)
public func saturateInt8(_ v: Int64) -> Int8 {
  Int8(truncatingIfNeeded: min(max(v, -128), 127))
}

/// Saturates to the int32 range.
@inline(__always)
public func saturateInt32(_ v: Int64) -> Int32 {
  Int32(truncatingIfNeeded: min(max(v, Int64(Int32.min)), Int64(Int32.max)))
}

/// Number of significant bits of a magnitude: 0 for 0, ⌊log2 v⌋ + 1 otherwise.
@inline(__always)
public func bitLength(_ v: UInt32) -> Int32 {
  Int32(32 - v.leadingZeroBitCount)
}

// MARK: - xorshift32

/// Marsaglia's xorshift32 (FQT.md "Zeroth-order"): `x ^= x << 13; x ^= x >> 17; x ^= x << 5`.
/// `next()` advances the state and returns the new state. The state 0 is a fixed point (it stays 0
/// forever), so seeds must be non-zero; the golden model does not remap a zero seed.
public struct XorShift32: Equatable {
  public var state: UInt32
  public init(seed: UInt32) { state = seed }
  @inline(__always)
  public mutating func next() -> UInt32 {
    var x = state
    x ^= x << 13
    x ^= x >> 17
    x ^= x << 5
    state = x
    return x
  }
}

/// Rounding of a right shift used by gradient requantization and updates.
public enum RoundingMode: Equatable {
  /// To nearest, ties away from zero.
  case nearest
  /// Stochastic: add the low `sh` bits of one xorshift32 draw, then arithmetic-shift right.
  case stochastic
}
