// Max pool (with argmax), average pool and global average pool, forward and backward.
// FQT.md "Forward": max pool also emits the argmax per output; average pools round as CMSIS-NN
// `arm_avgpool_s8`.

/// Geometry of a pooling window over one NHWC sample (same output-size rule as conv2d; padded
/// taps are skipped, never counted).
public struct PoolShape: Equatable, Codable {
  public var inH: Int, inW: Int, channels: Int
  public var kH: Int, kW: Int
  public var strideH: Int, strideW: Int
  public var padH: Int, padW: Int

  public init(
    inH: Int, inW: Int, channels: Int, kH: Int, kW: Int, strideH: Int, strideW: Int,
    padH: Int = 0, padW: Int = 0
  ) {
    self.inH = inH
    self.inW = inW
    self.channels = channels
    self.kH = kH
    self.kW = kW
    self.strideH = strideH
    self.strideW = strideW
    self.padH = padH
    self.padW = padW
  }

  /// k×k window, stride k, no padding (FQT.md's max pool).
  public init(inH: Int, inW: Int, channels: Int, k: Int) {
    self.init(inH: inH, inW: inW, channels: channels, kH: k, kW: k, strideH: k, strideW: k)
  }

  /// One window covering the whole H×W plane.
  public static func global(inH: Int, inW: Int, channels: Int) -> PoolShape {
    PoolShape(inH: inH, inW: inW, channels: channels, kH: inH, kW: inW, strideH: 1, strideW: 1)
  }

  var conv: Conv2DShape {
    Conv2DShape(
      inH: inH, inW: inW, inC: channels, outC: channels, kH: kH, kW: kW, strideH: strideH,
      strideW: strideW, padH: padH, padW: padW)
  }
  public var outH: Int { conv.outH }
  public var outW: Int { conv.outW }
  public var inputCount: Int { inH * inW * channels }
  public var outputCount: Int { outH * outW * channels }

  func validate(_ op: String) throws {
    try conv.validate(op)
    // Every window must contain at least one real tap.
    for oh in 0..<outH where conv.khRange(oh).isEmpty {
      throw FQTError.invalidShape(op: op, reason: "output row \(oh) covers only padding")
    }
    for ow in 0..<outW where conv.kwRange(ow).isEmpty {
      throw FQTError.invalidShape(op: op, reason: "output column \(ow) covers only padding")
    }
  }
}

/// Max pool output: values and, per output, the flat NHWC input index of its maximum.
public struct MaxPoolOutput: Equatable {
  public var output: [Int8]
  public var argmax: [Int32]
}

/// Max pool: y[oh,ow,c] = max over the window's real taps (CMSIS-NN `arm_max_pool_s8` with the
/// full int8 activation range); argmax = flat NHWC input index of the first maximum in (kh, kw)
/// scan order (ties: lowest kh, then lowest kw).
public func maxPool(input: [Int8], shape s: PoolShape) throws -> MaxPoolOutput {
  let op = "maxPool"
  try s.validate(op)
  try checkLength(op, "input", input.count, s.inputCount)
  let cs = s.conv
  let C = s.channels
  var out = [Int8](repeating: 0, count: s.outputCount)
  var arg = [Int32](repeating: 0, count: s.outputCount)
  for oh in 0..<s.outH {
    let khs = cs.khRange(oh)
    let ihBase = oh * s.strideH - s.padH
    for ow in 0..<s.outW {
      let kws = cs.kwRange(ow)
      let iwBase = ow * s.strideW - s.padW
      for c in 0..<C {
        var best = Int8.min
        var bestIdx = -1
        for kh in khs {
          for kw in kws {
            let idx = ((ihBase + kh) * s.inW + iwBase + kw) * C + c
            if bestIdx < 0 || input[idx] > best {
              best = input[idx]
              bestIdx = idx
            }
          }
        }
        let k = (oh * s.outW + ow) * C + c
        out[k] = best
        arg[k] = Int32(bestIdx)
      }
    }
  }
  return MaxPoolOutput(output: out, argmax: arg)
}

/// Max pool backward: g_x[argmax[k]] += e[k] (int32, exact for any overlap of windows).
public func maxPoolInputGrad(error: [Int8], argmax: [Int32], shape s: PoolShape) throws
  -> [Int32]
{
  let op = "maxPoolInputGrad"
  try s.validate(op)
  try checkLength(op, "error", error.count, s.outputCount)
  try checkLength(op, "argmax", argmax.count, s.outputCount)
  var g = [Int32](repeating: 0, count: s.inputCount)
  for k in 0..<error.count {
    let i = Int(argmax[k])
    guard i >= 0 && i < g.count else {
      throw FQTError.invalidParameter(
        op: op, reason: "argmax[\(k)] = \(i) is outside the input (\(g.count) elements)")
    }
    g[i] &+= Int32(error[k])
  }
  return g
}

/// Max pool backward for non-overlapping windows (stride ≥ kernel), where every input receives at
/// most one error and the result is exactly int8 at the same scale as `error`.
public func maxPoolInputGradInt8(error: [Int8], argmax: [Int32], shape s: PoolShape) throws
  -> [Int8]
{
  if s.strideH < s.kH || s.strideW < s.kW {
    throw FQTError.invalidShape(
      op: "maxPoolInputGradInt8",
      reason: "overlapping windows (stride < kernel) can sum errors beyond int8; use"
        + " maxPoolInputGrad (int32) and requantGrad")
  }
  return try maxPoolInputGrad(error: error, argmax: argmax, shape: s).map {
    Int8(truncatingIfNeeded: $0)
  }
}

/// Average pool exactly as CMSIS-NN `arm_avgpool_s8`: over the window's real taps (count = number
/// of taps inside the input), sum in int32, then
/// `avg = sum > 0 ? (sum + count/2)/count : (sum − count/2)/count` (C division, truncating toward
/// zero: rounds half away from zero), then clamp to [act_min, act_max].
public func avgPool(
  input: [Int8], shape s: PoolShape, activationMin: Int32 = -128, activationMax: Int32 = 127
) throws -> [Int8] {
  let op = "avgPool"
  try s.validate(op)
  try checkLength(op, "input", input.count, s.inputCount)
  try checkInt8Range(op, "activationMin", activationMin)
  try checkInt8Range(op, "activationMax", activationMax)
  try checkAccumulatorBound(op, terms: s.kH * s.kW, maxAbsTerm: 128, reason: "window taps")
  let cs = s.conv
  let C = s.channels
  var out = [Int8](repeating: 0, count: s.outputCount)
  for oh in 0..<s.outH {
    let khs = cs.khRange(oh)
    let ihBase = oh * s.strideH - s.padH
    for ow in 0..<s.outW {
      let kws = cs.kwRange(ow)
      let iwBase = ow * s.strideW - s.padW
      let count = Int32(khs.count * kws.count)
      for c in 0..<C {
        var sum: Int32 = 0
        for kh in khs {
          for kw in kws { sum &+= Int32(input[((ihBase + kh) * s.inW + iwBase + kw) * C + c]) }
        }
        let avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count
        out[(oh * s.outW + ow) * C + c] = Int8(min(max(avg, activationMin), activationMax))
      }
    }
  }
  return out
}

/// Average pool backward without the 1/count factor: g_x[in] = Σ_{windows containing in} e[window]
/// (int32). The real input gradient is g_x · (1/count) · (error scale); that single factor exists
/// only when every window has the same number of real taps, so other shapes are rejected. Returns
/// the accumulators and `count`.
public func avgPoolInputGrad(error: [Int8], shape s: PoolShape) throws -> (
  values: [Int32], count: Int
) {
  let op = "avgPoolInputGrad"
  try s.validate(op)
  try checkLength(op, "error", error.count, s.outputCount)
  let cs = s.conv
  let count = cs.khRange(0).count * cs.kwRange(0).count
  for oh in 0..<s.outH {
    for ow in 0..<s.outW where cs.khRange(oh).count * cs.kwRange(ow).count != count {
      throw FQTError.invalidShape(
        op: op, reason: "window (\(oh), \(ow)) has a different tap count than (0, 0) because of"
          + " padding; the gradient would need a per-window scale")
    }
  }
  let C = s.channels
  var g = [Int32](repeating: 0, count: s.inputCount)
  for oh in 0..<s.outH {
    let ihBase = oh * s.strideH - s.padH
    for ow in 0..<s.outW {
      let iwBase = ow * s.strideW - s.padW
      for c in 0..<C {
        let ev = Int32(error[(oh * s.outW + ow) * C + c])
        for kh in cs.khRange(oh) {
          for kw in cs.kwRange(ow) { g[((ihBase + kh) * s.inW + iwBase + kw) * C + c] &+= ev }
        }
      }
    }
  }
  return (g, count)
}

/// Global average pool (`arm_avgpool_s8` with one H×W window): output has `channels` values.
public func globalAvgPool(
  input: [Int8], inH: Int, inW: Int, channels: Int, activationMin: Int32 = -128,
  activationMax: Int32 = 127
) throws -> [Int8] {
  try rename("globalAvgPool") {
    try avgPool(
      input: input, shape: .global(inH: inH, inW: inW, channels: channels),
      activationMin: activationMin, activationMax: activationMax)
  }
}

/// Global average pool backward: every input position receives its channel's error,
/// g_x[h,w,c] = e[c] (int8, exact). The real gradient carries an extra factor 1/(H·W); when H·W is
/// a power of two 2ᵏ it is folded into the error exponent (f' = f + k).
public func globalAvgPoolInputGrad(error: [Int8], inH: Int, inW: Int) throws -> [Int8] {
  if inH < 1 || inW < 1 {
    throw FQTError.invalidShape(op: "globalAvgPoolInputGrad", reason: "\(inH)×\(inW) plane")
  }
  var g = [Int8]()
  g.reserveCapacity(inH * inW * error.count)
  for _ in 0..<(inH * inW) { g.append(contentsOf: error) }
  return g
}
