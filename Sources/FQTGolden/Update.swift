// SGD weight and bias updates with Quantization-Aware Scaling (MCUNetV3), nearest or stochastic
// rounding. FQT.md "Updates".

import Foundation

/// Per-output-channel update multipliers (M_u[c], sh_u[c]) in units of the parameter's own LSB.
public struct UpdateMultipliers: Equatable, Codable {
  public var multipliers: [Int32]
  public var shifts: [Int32]
  public init(multipliers: [Int32], shifts: [Int32]) {
    self.multipliers = multipliers
    self.shifts = shifts
  }
  /// Quantizes one real multiplier per channel with `QuantizeMultiplier`.
  public init(reals: [Double]) {
    let q = reals.map(QuantizeMultiplier)
    multipliers = q.map(\.multiplier)
    shifts = q.map(\.shift)
  }

  /// QAS weight update (FQT.md): m_u[c] = lr·s_x·c_e / s_W[c], where c_e is the static part of the
  /// error's scale (the error is values·2⁻ᶠ·c_e; c_e = 1 for the logits' error).
  public static func qasWeights(
    learningRate lr: Double, inputScale sx: Double, weightScales sw: [Double],
    errorScale ce: Double = 1
  ) -> UpdateMultipliers {
    UpdateMultipliers(reals: sw.map { lr * sx * ce / $0 })
  }

  /// QAS bias update: m_b[c] = lr·c_e / (s_x·s_W[c]).
  public static func qasBias(
    learningRate lr: Double, inputScale sx: Double, weightScales sw: [Double],
    errorScale ce: Double = 1
  ) -> UpdateMultipliers {
    UpdateMultipliers(reals: sw.map { lr * ce / (sx * $0) })
  }

  /// Plain int8 SGD without QAS (the quantized values treated as the parameters, so the gradient
  /// w.r.t. W̄ is s_W·G_W): m[c] = lr·s_x·s_W[c]·c_e. Bias: m[c] = lr·s_x·s_W[c]·c_e as well.
  public static func plainWeights(
    learningRate lr: Double, inputScale sx: Double, weightScales sw: [Double],
    errorScale ce: Double = 1
  ) -> UpdateMultipliers {
    UpdateMultipliers(reals: sw.map { lr * sx * ce * $0 })
  }
}

/// Where the output channel sits in a weight tensor's flat index.
public enum WeightLayout: Equatable {
  /// OHWI / OI: channel = k / (count / channels).
  case outputChannelOuter
  /// Depthwise 1HWC: channel = k % channels.
  case channelInner
}

/// Δ = requantize(g, M, sh) with the final right shift rounded per `mode`:
/// nearest = `requantize`; stochastic = h = SRDHM(g·2^left, M), Δ = (h + (r & (2^right − 1))) >>
/// right with r the next xorshift32 draw (exact, no int32 overflow).
@inline(__always)
func requantizeUpdate(
  _ g: Int32, _ m: Int32, _ sh: Int32, _ mode: RoundingMode, _ rng: inout XorShift32
) -> Int64 {
  switch mode {
  case .nearest:
    return Int64(requantize(g, multiplier: m, shift: sh))
  case .stochastic:
    let left = max(sh, 0)
    let right = max(-sh, 0)
    let h = Int64(saturatingRoundingDoublingHighMul(g << left, m))
    let r = Int64(rng.next() & UInt32((UInt64(1) << UInt64(right)) - 1))
    return (h + r) >> Int64(right)
  }
}

/// The combined shift sh_u − f of an update. Below −31 the update underflows: |Δ| < 2⁻³² LSB for
/// every int32 gradient, so the golden model defines Δ = 0 (returned as `nil`); above 31 it throws.
func updateShift(_ op: String, _ sh: Int32, _ f: Int32, _ c: Int) throws -> Int32? {
  let total = Int64(sh) - Int64(f)
  if total < -31 { return nil }
  if total > 31 {
    throw FQTError.invalidParameter(
      op: op, reason: "channel \(c): update shift sh_u − f = \(sh) − \(f) = \(total) is above 31;"
        + " the update would overflow int32 (lower the learning rate or check the exponent f)")
  }
  return Int32(total)
}

/// SGD weight update (FQT.md "SGD with QAS"): for each element k of output channel c,
///
///     ΔW̄ = requantize(g_W[k], M_u[c], sh_u[c] − f)    (nearest, or stochastic: one xorshift32
///                                                        draw per element in flat order)
///     W̄[k] ← sat8(W̄[k] − ΔW̄)
///
/// `f` is the exponent of the error the gradient was computed from (g_W is at scale s_x·2⁻ᶠ·c_e).
/// If sh_u[c] − f < −31 the update of that channel underflows and is defined as 0; above 31 the
/// call throws. `activeInputChannels` (static sparse update, OHWI only) leaves the weights of
/// unselected input channels i = k mod I unchanged, again still consuming their draws.
/// Elements of channels with `activeChannels[c] == false` are left unchanged (a draw is still
/// consumed in stochastic mode, so the generator stays aligned with the element order).
public func sgdUpdateWeights(
  weights: [Int8], gradient: [Int32], channels: Int, layout: WeightLayout = .outputChannelOuter,
  update u: UpdateMultipliers, gradientExponent f: Int32, mode: RoundingMode = .nearest,
  rng: inout XorShift32, activeChannels: [Bool]? = nil, activeInputChannels: [Bool]? = nil
) throws -> [Int8] {
  let op = "sgdUpdateWeights"
  try checkLength(op, "gradient", gradient.count, weights.count)
  if channels < 1 || weights.count % channels != 0 {
    throw FQTError.invalidShape(
      op: op, reason: "\(weights.count) weights do not split into \(channels) channels")
  }
  try checkLength(op, "multipliers", u.multipliers.count, channels)
  try checkLength(op, "shifts", u.shifts.count, channels)
  try checkActiveChannels(op, activeChannels, channels)
  let shifts = try (0..<channels).map { try updateShift(op, u.shifts[$0], f, $0) }
  let per = weights.count / channels
  if let ai = activeInputChannels {
    if layout != .outputChannelOuter || ai.isEmpty || per % ai.count != 0 {
      throw FQTError.invalidShape(
        op: op, reason: "activeInputChannels (\(ai.count)) needs OHWI weights whose innermost"
          + " dimension it matches (\(per) weights per output channel)")
    }
  }
  var out = weights
  for k in 0..<weights.count {
    let c = layout == .outputChannelOuter ? k / per : k % channels
    // A draw is consumed per element even when the update underflows or the channel is inactive.
    let d: Int64
    if let sh = shifts[c] {
      d = requantizeUpdate(gradient[k], u.multipliers[c], sh, mode, &rng)
    } else {
      if mode == .stochastic { _ = rng.next() }
      d = 0
    }
    if let a = activeChannels, !a[c] { continue }
    if let ai = activeInputChannels, !ai[k % ai.count] { continue }
    out[k] = saturateInt8(Int64(weights[k]) - d)
  }
  return out
}

/// SGD bias update: Δb̄ = requantize(g_b[c], M_b[c], sh_b[c] − f); b̄[c] ← sat32(b̄[c] − Δb̄).
public func sgdUpdateBias(
  bias: [Int32], gradient: [Int32], update u: UpdateMultipliers, gradientExponent f: Int32,
  mode: RoundingMode = .nearest, rng: inout XorShift32, activeChannels: [Bool]? = nil
) throws -> [Int32] {
  let op = "sgdUpdateBias"
  try checkLength(op, "gradient", gradient.count, bias.count)
  try checkLength(op, "multipliers", u.multipliers.count, bias.count)
  try checkLength(op, "shifts", u.shifts.count, bias.count)
  try checkActiveChannels(op, activeChannels, bias.count)
  var out = bias
  for c in 0..<bias.count {
    let d: Int64
    if let sh = try updateShift(op, u.shifts[c], f, c) {
      d = requantizeUpdate(gradient[c], u.multipliers[c], sh, mode, &rng)
    } else {
      if mode == .stochastic { _ = rng.next() }
      d = 0
    }
    if let a = activeChannels, !a[c] { continue }
    out[c] = saturateInt32(Int64(bias[c]) - d)
  }
  return out
}
