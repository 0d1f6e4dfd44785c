// Output quantization of the forward layers (conv2d, depthwise conv2d, fully connected) and the
// 1-bit activation mask they emit. FQT.md "Forward (CMSIS-NN semantics)".

/// Per-layer quantization of a forward op: zero points, per-output-channel (M, sh), and the
/// activation clamp. ReLU is `activationMin = outputZeroPoint`.
public struct OutputQuantization: Equatable {
  /// z_x: the input zero point; padding behaves as x = z_x, i.e. contributes nothing.
  public var inputZeroPoint: Int32
  /// z_y: added after requantization.
  public var outputZeroPoint: Int32
  /// M[c], one per output channel.
  public var multipliers: [Int32]
  /// sh[c], one per output channel, ∈ [−31, 31].
  public var shifts: [Int32]
  public var activationMin: Int32
  public var activationMax: Int32

  public init(
    inputZeroPoint: Int32, outputZeroPoint: Int32, multipliers: [Int32], shifts: [Int32],
    activationMin: Int32 = -128, activationMax: Int32 = 127
  ) {
    self.inputZeroPoint = inputZeroPoint
    self.outputZeroPoint = outputZeroPoint
    self.multipliers = multipliers
    self.shifts = shifts
    self.activationMin = activationMin
    self.activationMax = activationMax
  }

  /// The same (M, sh) for every one of `channels` output channels.
  public init(
    inputZeroPoint: Int32, outputZeroPoint: Int32, multiplier: Int32, shift: Int32,
    channels: Int, activationMin: Int32 = -128, activationMax: Int32 = 127
  ) {
    self.init(
      inputZeroPoint: inputZeroPoint, outputZeroPoint: outputZeroPoint,
      multipliers: [Int32](repeating: multiplier, count: channels),
      shifts: [Int32](repeating: shift, count: channels), activationMin: activationMin,
      activationMax: activationMax)
  }

  func validate(_ op: String, channels: Int) throws {
    try checkLength(op, "multipliers", multipliers.count, channels)
    try checkLength(op, "shifts", shifts.count, channels)
    try checkInt8Range(op, "inputZeroPoint", inputZeroPoint)
    try checkInt8Range(op, "outputZeroPoint", outputZeroPoint)
    try checkInt8Range(op, "activationMin", activationMin)
    try checkInt8Range(op, "activationMax", activationMax)
    if activationMin > activationMax {
      throw FQTError.invalidParameter(
        op: op, reason: "activationMin \(activationMin) > activationMax \(activationMax)")
    }
    for (c, s) in shifts.enumerated() where s < -31 || s > 31 {
      throw FQTError.invalidParameter(op: op, reason: "shift[\(c)] = \(s) is outside [-31, 31]")
    }
    // QuantizeMultiplier only ever gives M in {0} ∪ [2^30, 2^31); a negative M is no real
    // multiplier, and SQRDMULH's one saturating case (M = x = −2^31) would need one.
    for (c, m) in multipliers.enumerated() where m < 0 {
      throw FQTError.invalidParameter(op: op, reason: "multiplier[\(c)] = \(m) is negative (QuantizeMultiplier gives M ≥ 0)")
    }
  }

  /// Largest |x − z_x| over int8 x.
  var maxAbsCentredInput: Int { Int(max(127 - inputZeroPoint, inputZeroPoint + 128)) }

  /// The forward epilogue: v = requantize(acc, M[c], sh[c]) + z_y (int32, wrapping as C does);
  /// y = clamp(v, act_min, act_max); mask bit = act_min < v ≤ act_max.
  @inline(__always)
  func finish(_ acc: Int32, channel c: Int) -> (y: Int8, pass: Bool) {
    let v = requantize(acc, multiplier: multipliers[c], shift: shifts[c]) &+ outputZeroPoint
    let y = min(max(v, activationMin), activationMax)
    return (Int8(truncatingIfNeeded: y), v > activationMin && v <= activationMax)
  }
}

/// Output of a forward layer: int8 values and the packed 1-bit mask (LSB first: bit k of byte j is
/// element 8j + k, in the output's flat NHWC order; unused high bits of the last byte are 0).
public struct ForwardOutput: Equatable {
  public var output: [Int8]
  public var mask: [UInt8]
  public init(output: [Int8], mask: [UInt8]) {
    self.output = output
    self.mask = mask
  }
}

// MARK: - Masks

/// Bytes needed for a packed mask of `count` bits.
public func maskByteCount(_ count: Int) -> Int { (count + 7) / 8 }

/// Packs booleans LSB first (element i → byte i/8, bit i%8).
public func packMask(_ bits: [Bool]) -> [UInt8] {
  var out = [UInt8](repeating: 0, count: maskByteCount(bits.count))
  for (i, b) in bits.enumerated() where b { out[i >> 3] |= UInt8(1) << UInt8(i & 7) }
  return out
}

/// Reads bit `i` of a packed mask.
@inline(__always)
public func maskBit(_ mask: [UInt8], _ i: Int) -> Bool {
  mask[i >> 3] & (UInt8(1) << UInt8(i & 7)) != 0
}

/// ReLU/clamp backward: zeroes every element whose mask bit is 0 (FQT.md: ReLU's zero and
/// saturated outputs pass no gradient). `mask` must have exactly ⌈count/8⌉ bytes.
public func applyMask(_ values: [Int8], mask: [UInt8]) throws -> [Int8] {
  try checkLength("applyMask", "mask (bytes)", mask.count, maskByteCount(values.count))
  var out = values
  for i in 0..<out.count where !maskBit(mask, i) { out[i] = 0 }
  return out
}

/// As `applyMask` for int32 accumulators (masking before `requantGrad` keeps its shift minimal).
public func applyMask(_ values: [Int32], mask: [UInt8]) throws -> [Int32] {
  try checkLength("applyMask", "mask (bytes)", mask.count, maskByteCount(values.count))
  var out = values
  for i in 0..<out.count where !maskBit(mask, i) { out[i] = 0 }
  return out
}
