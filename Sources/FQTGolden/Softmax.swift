// Softmax exactly as CMSIS-NN `arm_softmax_s8` (its portable C path, `arm_nn_softmax_common_s8`
// with int8 output) and the fixed-point helpers it uses from `arm_nnsupportfunctions.h`.
// Output scale 1/256, zero point −128 (FQT.md "Loss and error").

import Foundation

/// Parameters of `arm_softmax_s8`: input multiplier and left shift (the real multiplier
/// β·s_in·2²⁶ as (M, shift ≥ 0)) and `diffMin` (differences below it give exp = 0).
public struct SoftmaxParameters: Equatable, Codable {
  public var multiplier: Int32
  public var leftShift: Int32
  public var diffMin: Int32

  public init(multiplier: Int32, leftShift: Int32, diffMin: Int32) {
    self.multiplier = multiplier
    self.leftShift = leftShift
    self.diffMin = diffMin
  }

  /// TFLite's preparation for int8 softmax (kScaledDiffIntegerBits = 5):
  /// `PreprocessSoftmaxScaling`: real = min(β·s·2^(31−5), 2³¹ − 1), (M, shift) =
  /// `QuantizeMultiplierGreaterThanOne(real)`; diffMin = −⌊(2⁵ − 1)·2^(31−5) / 2^shift⌋
  /// (`CalculateInputRadius`). TFLite stores scales as float32: pass `Double(Float(scale))` to
  /// reproduce a TFLite model's parameters bit for bit.
  public init(inputScale: Double, beta: Double = 1.0) throws {
    let real = min(beta * inputScale * Double(1 << 26), Double(Int32.max))
    let (m, sh) = try QuantizeMultiplierGreaterThanOne(real)
    multiplier = m
    leftShift = sh
    let radius = (31.0 * Double(1 << 26) / Foundation.pow(2, Double(sh))).rounded(.down)
    diffMin = -Int32(radius)
  }
}

// MARK: - CMSIS-NN softmax helpers (arm_nnsupportfunctions.h)

/// `arm_nn_mult_by_power_of_two`: val·2^exp saturated to int32 (thresholds as in the C code).
@inline(__always)
func multByPowerOfTwo(_ val: Int32, _ exp: Int32) -> Int32 {
  let thresh = Int32(truncatingIfNeeded: (Int64(1) << Int64(31 - exp)) - 1)
  if val > thresh { return Int32.max }
  if val < -thresh { return Int32.min }
  return val << exp
}

/// `arm_nn_exp_on_negative_values`: exp(val) for val ≤ 0 in Q5.26, result in Q0.31. A polynomial
/// on [−1/4, 0) followed by multiplications by exp(−2ᵏ/4) constants for the bits 24…30 of the
/// remainder; val = 0 gives Int32.max.
public func expOnNegativeValues(_ val: Int32) -> Int32 {
  let shiftStart: Int32 = 24
  let valModMinusQuarter = (val & ((1 << shiftStart) - 1)) &- (1 << shiftStart)
  let remainder = valModMinusQuarter &- val
  let x = (valModMinusQuarter << 5) &+ (1 << 28)
  let x2 = saturatingRoundingDoublingHighMul(x, x)
  let inner = roundingDivideByPOT(saturatingRoundingDoublingHighMul(x2, x2), 2)
    &+ saturatingRoundingDoublingHighMul(x2, x)
  let poly = x &+ roundingDivideByPOT(
    saturatingRoundingDoublingHighMul(inner, 715_827_883) &+ x2, 1)
  var result = 1_895_147_668 &+ saturatingRoundingDoublingHighMul(1_895_147_668, poly)
  let constants: [Int32] = [
    1_672_461_947, 1_302_514_674, 790_015_084, 290_630_308, 39_332_535, 720_401, 242,
  ]
  for (k, c) in constants.enumerated() where remainder & (1 << (shiftStart + Int32(k))) != 0 {
    result = saturatingRoundingDoublingHighMul(result, c)
  }
  return val == 0 ? Int32.max : result
}

/// `arm_nn_one_over_one_plus_x_for_x_in_0_1`: 1/(1 + x) for x ∈ [0, 1) in Q0.31, result in Q0.31
/// (saturating just below 1 at x = 0): three Newton–Raphson steps on the half denominator
/// d = (1 + x)/2 from the estimate 48/17 − 32/17·d, each x += 4·x·(1/4 − d·x).
public func oneOverOnePlusX(_ val: Int32) -> Int32 {
  let sum = Int64(val) + Int64(Int32.max)
  let halfDenominator = Int32(truncatingIfNeeded: (sum + (sum >= 0 ? 1 : -1)) / 2)
  var x = 1_515_870_810 &+ saturatingRoundingDoublingHighMul(halfDenominator, -1_010_580_540)
  let one: Int32 = 1 << 29
  for _ in 0..<3 {
    let t = one &- saturatingRoundingDoublingHighMul(halfDenominator, x)
    x &+= multByPowerOfTwo(saturatingRoundingDoublingHighMul(x, t), 2)
  }
  return multByPowerOfTwo(x, 1)
}

// MARK: - Softmax

let softmaxAccumBits: Int32 = 12

/// `arm_softmax_s8` for `rows` rows of `rowSize` int8 values (the portable C path):
///
///     max = max of the row;  for each d = x − max ≥ diffMin:
///       E(d) = exp_on_negative_values(MUL_SAT(d·2^leftShift, multiplier))      (Q0.31)
///     sum = Σ DIV_POW2(E(d), 12);  headroom = clz(sum)
///     scale = one_over_one_plus_x((sum << headroom) − 2³¹);  bits = 12 − headroom + 23
///     y = clamp(DIV_POW2(MUL_SAT(scale, E(d)), bits) − 128, −128, 127);  y = −128 if d < diffMin
///
/// Row sizes above 511 are rejected (the C code's shift `bits` would exceed 31).
public func softmax(input: [Int8], rows: Int, rowSize: Int, parameters p: SoftmaxParameters)
  throws -> [Int8]
{
  let op = "softmax"
  if rows < 1 || rowSize < 1 || rowSize > 511 {
    throw FQTError.invalidShape(op: op, reason: "rows = \(rows), rowSize = \(rowSize) (1…511)")
  }
  try checkLength(op, "input", input.count, rows * rowSize)
  if p.leftShift < 0 || p.leftShift > 30 {
    throw FQTError.invalidParameter(op: op, reason: "leftShift \(p.leftShift) outside [0, 30]")
  }
  let mask = Int32(1) << p.leftShift
  var out = [Int8](repeating: -128, count: input.count)
  for r in 0..<rows {
    let row = input[(r * rowSize)..<((r + 1) * rowSize)]
    let maxV = Int32(row.max() ?? 0)
    var sum: Int32 = 0
    for v in row {
      let d = Int32(v) - maxV
      if d >= p.diffMin {
        sum &+= roundingDivideByPOT(
          expOnNegativeValues(saturatingRoundingDoublingHighMul(d &* mask, p.multiplier)),
          softmaxAccumBits)
      }
    }
    let headroom = Int32(UInt32(bitPattern: sum).leadingZeroBitCount)
    let bitsOverUnit = softmaxAccumBits - headroom + 23
    let shiftedScale = oneOverOnePlusX((sum > 0 ? sum << headroom : 0) &- Int32.min)
    for (j, v) in row.enumerated() {
      let d = Int32(v) - maxV
      guard d >= p.diffMin else { continue }
      let e = expOnNegativeValues(saturatingRoundingDoublingHighMul(d &* mask, p.multiplier))
      let res =
        roundingDivideByPOT(saturatingRoundingDoublingHighMul(shiftedScale, e), bitsOverUnit)
        &+ -128
      out[r * rowSize + j] = Int8(min(max(res, -128), 127))
    }
  }
  return out
}
