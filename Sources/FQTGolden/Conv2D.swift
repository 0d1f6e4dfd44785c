// conv2d forward and backward (NHWC input, OHWI weights, stride, zero padding, dilation 1).
// FQT.md "Forward (CMSIS-NN semantics)" and "Error tensors and gradients".

/// Geometry of a 2-D convolution of one NHWC sample. Padding is `padH` rows on top and `padW`
/// columns on the left; the output size is ⌊(in + 2·pad − k)/stride⌋ + 1, so any extra bottom/right
/// padding TFLite's SAME mode implies is covered (padding never contributes to a sum).
public struct Conv2DShape: Equatable, Codable {
  public var inH: Int, inW: Int, inC: Int
  public var outC: Int
  public var kH: Int, kW: Int
  public var strideH: Int, strideW: Int
  public var padH: Int, padW: Int

  public init(
    inH: Int, inW: Int, inC: Int, outC: Int, kH: Int, kW: Int, strideH: Int = 1,
    strideW: Int = 1, padH: Int = 0, padW: Int = 0
  ) {
    self.inH = inH
    self.inW = inW
    self.inC = inC
    self.outC = outC
    self.kH = kH
    self.kW = kW
    self.strideH = strideH
    self.strideW = strideW
    self.padH = padH
    self.padW = padW
  }

  public var outH: Int { (inH + 2 * padH - kH) / strideH + 1 }
  public var outW: Int { (inW + 2 * padW - kW) / strideW + 1 }
  public var inputCount: Int { inH * inW * inC }
  public var outputCount: Int { outH * outW * outC }
  public var weightCount: Int { outC * kH * kW * inC }

  func validate(_ op: String) throws {
    let dims = [inH, inW, inC, outC, kH, kW, strideH, strideW]
    if dims.contains(where: { $0 < 1 }) || padH < 0 || padW < 0 {
      throw FQTError.invalidShape(
        op: op, reason: "sizes, kernel and strides must be ≥ 1 and padding ≥ 0 (got \(self))")
    }
    if inH + 2 * padH < kH || inW + 2 * padW < kW {
      throw FQTError.invalidShape(
        op: op, reason: "kernel \(kH)×\(kW) larger than padded input (\(inH + 2 * padH))×"
          + "(\(inW + 2 * padW))")
    }
  }

  /// Valid kernel-row range for output row `oh`: ih = oh·strideH − padH + kh ∈ [0, inH).
  @inline(__always)
  func khRange(_ oh: Int) -> Range<Int> {
    let base = oh * strideH - padH
    return max(0, -base)..<min(kH, inH - base)
  }

  @inline(__always)
  func kwRange(_ ow: Int) -> Range<Int> {
    let base = ow * strideW - padW
    return max(0, -base)..<min(kW, inW - base)
  }

  /// The largest number of (output position, channel, kernel tap) products any single input
  /// element receives in the transposed convolution: ⌈kH/sH⌉·⌈kW/sW⌉·outC.
  var maxInputGradTerms: Int {
    ((kH + strideH - 1) / strideH) * ((kW + strideW - 1) / strideW) * outC
  }
}

// MARK: - Forward

/// conv2d forward, CMSIS-NN `arm_convolve_s8` semantics plus the FQT mask:
///
///     acc[oh,ow,o] = bias[o] + Σ_{kh,kw,i; tap inside the input} W[o,kh,kw,i]·(x[ih,iw,i] − z_x)
///     v = requantize(acc, M[o], sh[o]) + z_y;  y = clamp(v, act_min, act_max)
///     mask bit = act_min < v ≤ act_max
///
/// with ih = oh·strideH − padH + kh, iw = ow·strideW − padW + kw. Sums are int32 with wrapping
/// `&+` (equal to the exact sum modulo 2³², as in C); shapes whose Σ alone could exceed int32 are
/// rejected, so only the bias addition can wrap.
///
/// - Parameters: `input` NHWC `inH·inW·inC`; `weights` OHWI; `bias` `outC` values (at scale
///   s_x·s_w[o]); `quant` with `outC` multipliers and shifts.
/// - Returns: the NHWC output `outH·outW·outC` and its packed mask.
public func conv2d(
  input: [Int8], weights: [Int8], bias: [Int32], shape s: Conv2DShape,
  quant q: OutputQuantization
) throws -> ForwardOutput {
  let op = "conv2d"
  try s.validate(op)
  try q.validate(op, channels: s.outC)
  try checkLength(op, "input", input.count, s.inputCount)
  try checkLength(op, "weights", weights.count, s.weightCount)
  try checkLength(op, "bias", bias.count, s.outC)
  try checkAccumulatorBound(
    op, terms: s.kH * s.kW * s.inC, maxAbsTerm: 128 * q.maxAbsCentredInput,
    reason: "kH·kW·inC products w·(x − z_x)")

  let (outH, outW) = (s.outH, s.outW)
  var out = [Int8](repeating: 0, count: s.outputCount)
  var pass = [Bool](repeating: false, count: s.outputCount)
  let zx = q.inputZeroPoint
  input.withUnsafeBufferPointer { x in
    weights.withUnsafeBufferPointer { w in
      for oh in 0..<outH {
        let khs = s.khRange(oh)
        let ihBase = oh * s.strideH - s.padH
        for ow in 0..<outW {
          let kws = s.kwRange(ow)
          let iwBase = ow * s.strideW - s.padW
          let outBase = (oh * outW + ow) * s.outC
          for o in 0..<s.outC {
            var acc: Int32 = 0
            for kh in khs {
              for kw in kws {
                let xo = ((ihBase + kh) * s.inW + (iwBase + kw)) * s.inC
                let wo = ((o * s.kH + kh) * s.kW + kw) * s.inC
                for i in 0..<s.inC {
                  acc &+= Int32(w[wo + i]) &* (Int32(x[xo + i]) &- zx)
                }
              }
            }
            let (y, p) = q.finish(bias[o] &+ acc, channel: o)
            out[outBase + o] = y
            pass[outBase + o] = p
          }
        }
      }
    }
  }
  return ForwardOutput(output: out, mask: packMask(pass))
}

// MARK: - Backward

func checkActiveChannels(_ op: String, _ active: [Bool]?, _ outC: Int) throws {
  if let a = active { try checkLength(op, "activeChannels", a.count, outC) }
}

/// conv2d input gradient (transposed convolution), FQT.md "input gradient":
///
///     g_x[ih,iw,i] = Σ_{oh,ow,o,kh,kw : ih = oh·sH − pH + kh, iw = ow·sW − pW + kw} W[o,kh,kw,i]·e[oh,ow,o]
///
/// in int32 (exact: shapes where ⌈kH/sH⌉·⌈kW/sW⌉·outC·128·128 > Int32.max are rejected). Output
/// channels with `activeChannels[o] == false` (dynamic partial update) are skipped. Masking by the
/// previous layer's forward mask is a separate `applyMask`.
///
/// - Parameters: `error` NHWC of the output shape (`outH·outW·outC`, the error w.r.t. the
///   pre-activation, i.e. already masked by this layer's mask); `weights` OHWI.
/// - Returns: `inH·inW·inC` int32 accumulators at scale s_w·2⁻ᶠ.
public func conv2dInputGrad(
  error: [Int8], weights: [Int8], shape s: Conv2DShape, activeChannels: [Bool]? = nil
) throws -> [Int32] {
  let op = "conv2dInputGrad"
  try s.validate(op)
  try checkLength(op, "error", error.count, s.outputCount)
  try checkLength(op, "weights", weights.count, s.weightCount)
  try checkActiveChannels(op, activeChannels, s.outC)
  try checkAccumulatorBound(
    op, terms: s.maxInputGradTerms, maxAbsTerm: 128 * 128,
    reason: "⌈kH/strideH⌉·⌈kW/strideW⌉·outC products W·e per input element")

  let (outH, outW) = (s.outH, s.outW)
  var gx = [Int32](repeating: 0, count: s.inputCount)
  error.withUnsafeBufferPointer { e in
    weights.withUnsafeBufferPointer { w in
      gx.withUnsafeMutableBufferPointer { g in
        for oh in 0..<outH {
          let khs = s.khRange(oh)
          let ihBase = oh * s.strideH - s.padH
          for ow in 0..<outW {
            let kws = s.kwRange(ow)
            let iwBase = ow * s.strideW - s.padW
            for o in 0..<s.outC {
              if let a = activeChannels, !a[o] { continue }
              let ev = Int32(e[(oh * outW + ow) * s.outC + o])
              if ev == 0 { continue }
              for kh in khs {
                for kw in kws {
                  let go = ((ihBase + kh) * s.inW + (iwBase + kw)) * s.inC
                  let wo = ((o * s.kH + kh) * s.kW + kw) * s.inC
                  for i in 0..<s.inC { g[go + i] &+= Int32(w[wo + i]) &* ev }
                }
              }
            }
          }
        }
      }
    }
  }
  return gx
}

/// conv2d weight gradient, FQT.md: g_W[o,kh,kw,i] = Σ_{oh,ow; tap inside the input}
/// e[oh,ow,o]·(x[ih,iw,i] − z_x), int32 (exact: shapes with outH·outW·128·max|x − z_x| > Int32.max
/// are rejected). Rows of inactive channels are 0.
///
/// - Returns: OHWI int32 gradient at scale s_x·2⁻ᶠ.
public func conv2dWeightGrad(
  error: [Int8], input: [Int8], inputZeroPoint zx: Int32, shape s: Conv2DShape,
  activeChannels: [Bool]? = nil
) throws -> [Int32] {
  let op = "conv2dWeightGrad"
  try s.validate(op)
  try checkInt8Range(op, "inputZeroPoint", zx)
  try checkLength(op, "error", error.count, s.outputCount)
  try checkLength(op, "input", input.count, s.inputCount)
  try checkActiveChannels(op, activeChannels, s.outC)
  let maxX = Int(max(127 - zx, zx + 128))
  try checkAccumulatorBound(
    op, terms: s.outH * s.outW, maxAbsTerm: 128 * maxX, reason: "outH·outW products e·(x − z_x)")

  let (outH, outW) = (s.outH, s.outW)
  var gw = [Int32](repeating: 0, count: s.weightCount)
  error.withUnsafeBufferPointer { e in
    input.withUnsafeBufferPointer { x in
      gw.withUnsafeMutableBufferPointer { g in
        for oh in 0..<outH {
          let khs = s.khRange(oh)
          let ihBase = oh * s.strideH - s.padH
          for ow in 0..<outW {
            let kws = s.kwRange(ow)
            let iwBase = ow * s.strideW - s.padW
            for o in 0..<s.outC {
              if let a = activeChannels, !a[o] { continue }
              let ev = Int32(e[(oh * outW + ow) * s.outC + o])
              if ev == 0 { continue }
              for kh in khs {
                for kw in kws {
                  let xo = ((ihBase + kh) * s.inW + (iwBase + kw)) * s.inC
                  let go = ((o * s.kH + kh) * s.kW + kw) * s.inC
                  for i in 0..<s.inC { g[go + i] &+= ev &* (Int32(x[xo + i]) &- zx) }
                }
              }
            }
          }
        }
      }
    }
  }
  return gw
}

/// Bias gradient of any NHWC-output layer: g_b[c] = Σ_{positions} e[·,·,c] (int32, exact: more
/// than Int32.max/128 positions are rejected). Inactive channels give 0.
public func biasGrad(error: [Int8], channels: Int, activeChannels: [Bool]? = nil) throws
  -> [Int32]
{
  let op = "biasGrad"
  if channels < 1 || error.count % channels != 0 {
    throw FQTError.invalidShape(
      op: op, reason: "error count \(error.count) is not a multiple of channels \(channels)")
  }
  try checkActiveChannels(op, activeChannels, channels)
  try checkAccumulatorBound(
    op, terms: error.count / channels, maxAbsTerm: 128, reason: "positions per channel")
  var gb = [Int32](repeating: 0, count: channels)
  for (k, e) in error.enumerated() { gb[k % channels] &+= Int32(e) }
  if let a = activeChannels { for c in 0..<channels where !a[c] { gb[c] = 0 } }
  return gb
}
