// The int8 residual add (MobileNetV2's skip connection) forward, and the backward rule where the
// skip's error meets the main path's error. FQT.md "Forward (CMSIS-NN semantics)", "Error tensors".

import Foundation

/// Quantization of an elementwise add, in CMSIS-NN `arm_elementwise_add_s8`'s terms but with zero
/// points (CMSIS passes the offsets −z₁, −z₂ and +z_y).
public struct AddQuantization: Equatable, Codable {
  public var input1ZeroPoint: Int32
  public var input1Multiplier: Int32
  /// ≤ 0 (a right shift; CMSIS: "__SHIFT is expected to be <= 0").
  public var input1Shift: Int32
  public var input2ZeroPoint: Int32
  public var input2Multiplier: Int32
  public var input2Shift: Int32
  /// 20 for int8 (TFLite). ∈ [16, 22]: see `validate`.
  public var leftShift: Int32
  public var outputZeroPoint: Int32
  public var outputMultiplier: Int32
  public var outputShift: Int32
  public var activationMin: Int32
  public var activationMax: Int32

  public init(
    input1ZeroPoint: Int32, input1Multiplier: Int32, input1Shift: Int32, input2ZeroPoint: Int32,
    input2Multiplier: Int32, input2Shift: Int32, leftShift: Int32 = 20, outputZeroPoint: Int32,
    outputMultiplier: Int32, outputShift: Int32, activationMin: Int32 = -128,
    activationMax: Int32 = 127
  ) {
    self.input1ZeroPoint = input1ZeroPoint
    self.input1Multiplier = input1Multiplier
    self.input1Shift = input1Shift
    self.input2ZeroPoint = input2ZeroPoint
    self.input2Multiplier = input2Multiplier
    self.input2Shift = input2Shift
    self.leftShift = leftShift
    self.outputZeroPoint = outputZeroPoint
    self.outputMultiplier = outputMultiplier
    self.outputShift = outputShift
    self.activationMin = activationMin
    self.activationMax = activationMax
  }

  /// The multipliers TFLite (Micro) prepares for an int8 ADD from real scales: left_shift = 20,
  /// t = 2·max(s₁, s₂), m₁ = s₁/t, m₂ = s₂/t, m_y = t / (2²⁰·s_y), each through `QuantizeMultiplier`
  /// (TFLite's `QuantizeMultiplierSmallerThanOneExp`: all three are < 1, so every shift is ≤ 0).
  public init(
    input1Scale s1: Double, input1ZeroPoint z1: Int32, input2Scale s2: Double,
    input2ZeroPoint z2: Int32, outputScale sy: Double, outputZeroPoint zy: Int32,
    activationMin: Int32 = -128, activationMax: Int32 = 127
  ) throws {
    let op = "AddQuantization"
    guard [s1, s2, sy].allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw FQTError.invalidParameter(op: op, reason: "scales must be finite and > 0 (\(s1), \(s2), \(sy))")
    }
    let left: Int32 = 20
    let twiceMax = 2 * max(s1, s2)
    let (m1, sh1) = QuantizeMultiplier(s1 / twiceMax)
    let (m2, sh2) = QuantizeMultiplier(s2 / twiceMax)
    let my = twiceMax / (Double(1 << left) * sy)
    guard my < 1 else {
      throw FQTError.invalidParameter(
        op: op, reason: "output scale \(sy) is below 2·max(s₁, s₂)/2²⁰: the output multiplier \(my) ≥ 1")
    }
    let (mo, sho) = QuantizeMultiplier(my)
    self.init(
      input1ZeroPoint: z1, input1Multiplier: m1, input1Shift: sh1, input2ZeroPoint: z2,
      input2Multiplier: m2, input2Shift: sh2, leftShift: left, outputZeroPoint: zy,
      outputMultiplier: mo, outputShift: sho, activationMin: activationMin,
      activationMax: activationMax)
  }

  func validate(_ op: String) throws {
    for (n, z) in [
      ("input1ZeroPoint", input1ZeroPoint), ("input2ZeroPoint", input2ZeroPoint),
      ("outputZeroPoint", outputZeroPoint), ("activationMin", activationMin),
      ("activationMax", activationMax),
    ] {
      try checkInt8Range(op, n, z)
    }
    if activationMin > activationMax {
      throw FQTError.invalidParameter(
        op: op, reason: "activationMin \(activationMin) > activationMax \(activationMax)")
    }
    // With input shifts ≤ 0 (multipliers < 1) each requantized input is at most 255·2^left in
    // magnitude, so a + b fits int32 only for left ≤ 22 (2·255·2²² < 2³¹); and CMSIS's DSP path
    // (which shifts the low 16 bits of a SADD16 result) equals its plain C path only for left ≥ 16.
    if leftShift < 16 || leftShift > 22 {
      throw FQTError.overflowRisk(
        op: op, worstCase: 2 * 255 << Int64(max(0, min(leftShift, 40))),
        reason: "left shift \(leftShift) must be in [16, 22]: 2·255·2^left must fit int32 and CMSIS's"
          + " SADD16 path needs left ≥ 16")
    }
    for (n, s) in [("input1Shift", input1Shift), ("input2Shift", input2Shift)] where s > 0 || s < -31 {
      throw FQTError.invalidParameter(op: op, reason: "\(n) = \(s) must be in [-31, 0]")
    }
    if outputShift < -31 || outputShift > 31 {
      throw FQTError.invalidParameter(op: op, reason: "outputShift = \(outputShift) is outside [-31, 31]")
    }
    for (n, m) in [
      ("input1Multiplier", input1Multiplier), ("input2Multiplier", input2Multiplier),
      ("outputMultiplier", outputMultiplier),
    ] where m < 0 {
      throw FQTError.invalidParameter(op: op, reason: "\(n) = \(m) must be ≥ 0")
    }
  }
}

/// Elementwise int8 add, bit for bit CMSIS-NN `arm_elementwise_add_s8` (plain C path; its DSP
/// path agrees for left ≥ 16, and left ≤ 22 keeps a + b inside int32), plus the FQT mask:
///
///     a = requantize((x₁ − z₁) << left, M₁, sh₁)
///     b = requantize((x₂ − z₂) << left, M₂, sh₂)
///     v = requantize(a + b, M_y, sh_y) + z_y             (int32)
///     y = clamp(v, act_min, act_max);   mask bit = act_min < v ≤ act_max
///
/// In real terms y ≈ (s₁(x₁ − z₁) + s₂(x₂ − z₂))/s_y + z_y. Its derivative w.r.t. either real
/// input is 1, so the backward pass hands the (masked) output error unchanged to both inputs; see
/// `residualErrorSum` for where the two copies meet again.
public func elementwiseAdd(input1: [Int8], input2: [Int8], quant q: AddQuantization) throws
  -> ForwardOutput
{
  let op = "elementwiseAdd"
  try q.validate(op)
  try checkLength(op, "input2", input2.count, input1.count)
  var out = [Int8](repeating: 0, count: input1.count)
  var pass = [Bool](repeating: false, count: input1.count)
  for k in 0..<input1.count {
    let a = requantize(
      (Int32(input1[k]) - q.input1ZeroPoint) << q.leftShift, multiplier: q.input1Multiplier,
      shift: q.input1Shift)
    let b = requantize(
      (Int32(input2[k]) - q.input2ZeroPoint) << q.leftShift, multiplier: q.input2Multiplier,
      shift: q.input2Shift)
    let v = requantize(a &+ b, multiplier: q.outputMultiplier, shift: q.outputShift) &+ q.outputZeroPoint
    out[k] = Int8(truncatingIfNeeded: min(max(v, q.activationMin), q.activationMax))
    pass[k] = v > q.activationMin && v <= q.activationMax
  }
  return ForwardOutput(output: out, mask: packMask(pass))
}

// MARK: - Backward: where the skip's error meets the main path's

/// The gradient-sum rule at a residual block's input, which receives the add's output error twice:
/// through the skip (int8 `skip`, exponent f_s, static scale c_add — the add's masked output
/// error, unchanged) and through the block's layers (the int32 input-gradient accumulator `main`
/// of the block's first layer, exponent f_acc, static scale c_main = c_add·ρ with ρ = Π s_W over
/// the block's layers, because every Wᵀe multiplies the static scale by s_W; see
/// QuantizedModel.swift).
///
/// The exponents alone cannot align the two: their static scales differ by the real ratio ρ, fixed
/// at configuration time and carried as (M_ρ, sh_ρ) = `QuantizeMultiplier(ρ)`. The sum is
/// expressed in the **skip's** static scale c_add, so static scales stop compounding from one block
/// to the next (the layers below see c_add, as if the block were not there); the main accumulator
/// is multiplied by M_ρ and the shift sh_ρ moves into the dynamic exponent:
///
///     f_out  = f_acc − sh_ρ                               (result exponent, static scale c_add)
///     A[k]   = SaturatingRoundingDoublingHighMul(main[k], M_ρ)   = main·M_ρ/2³¹, ties toward +∞
///     d      = f_out − f_s
///     B[k]   = skip[k]·2^d                                 if d ≥ 0 (exact)
///            = RoundingDivideByPOT(skip[k], −d)            if d < 0 (half away from zero; 0 when −d > 31)
///     out[k] = sat32(A[k] + B[k])                          (the exact sum, saturated once)
///
/// so that out·2^(−f_out)·c_add = main·2^(−f_acc)·c_main + skip·2^(−f_s)·c_add, up to the rounding of
/// A (½ LSB of out) and of B when d < 0. The caller then masks `out` and calls `requantGrad`
/// (f ← f_out − sh) exactly as for a plain input gradient. Saturation needs the skip's error to
/// exceed the int32 range at the main accumulator's resolution (|skip|·2^d ≥ 2³¹), i.e. an error
/// 2²⁴ times finer than the main path's; it is a clamp, never a silent wrap.
///
/// - Returns: `out` and f_out. Throws if M_ρ < 0 or sh_ρ ∉ [−31, 31].
public func residualErrorSum(
  main: [Int32], accumulatorExponent fAcc: Int32, skip: [Int8], skipExponent fS: Int32,
  multiplier m: Int32, shift sh: Int32
) throws -> (values: [Int32], exponent: Int32) {
  let op = "residualErrorSum"
  try checkLength(op, "skip", skip.count, main.count)
  guard m >= 0, sh >= -31, sh <= 31 else {
    throw FQTError.invalidParameter(op: op, reason: "multiplier \(m) must be ≥ 0, shift \(sh) in [-31, 31]")
  }
  let fOut = fAcc - sh
  let d = Int64(fOut) - Int64(fS)
  var out = main
  for k in 0..<main.count {
    let a = Int64(saturatingRoundingDoublingHighMul(main[k], m))
    let b: Int64
    if d >= 0 {
      b = Int64(skip[k]) << min(d, 40)  // |b| ≥ 2⁴⁰ saturates the sum either way
    } else if d < -31 {
      b = 0
    } else {
      b = Int64(roundingDivideByPOT(Int32(skip[k]), Int32(-d)))
    }
    out[k] = saturateInt32(a + b)
  }
  return (out, fOut)
}
