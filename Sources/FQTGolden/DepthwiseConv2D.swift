// Depthwise conv2d (channel multiplier 1) forward and backward. Weights are 1HWC (TFLite's
// [1, kH, kW, C]): W[kh,kw,c] at (kh·kW + kw)·C + c. FQT.md "Forward" / "Error tensors".

/// Geometry of a depthwise convolution (channel multiplier 1; same padding rules as conv2d).
public struct DepthwiseConv2DShape: Equatable, Codable {
  public var inH: Int, inW: Int, channels: Int
  public var kH: Int, kW: Int
  public var strideH: Int, strideW: Int
  public var padH: Int, padW: Int

  public init(
    inH: Int, inW: Int, channels: Int, kH: Int, kW: Int, strideH: Int = 1, strideW: Int = 1,
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

  var conv: Conv2DShape {
    Conv2DShape(
      inH: inH, inW: inW, inC: channels, outC: channels, kH: kH, kW: kW, strideH: strideH,
      strideW: strideW, padH: padH, padW: padW)
  }
  public var outH: Int { conv.outH }
  public var outW: Int { conv.outW }
  public var inputCount: Int { inH * inW * channels }
  public var outputCount: Int { outH * outW * channels }
  public var weightCount: Int { kH * kW * channels }
}

/// Depthwise forward (CMSIS-NN `arm_depthwise_conv_s8`, ch_mult = 1, plus the mask):
/// acc[oh,ow,c] = bias[c] + Σ_{kh,kw inside} W[kh,kw,c]·(x[ih,iw,c] − z_x), then the conv2d epilogue.
/// Rejects kH·kW·128·max|x − z_x| > Int32.max.
public func depthwiseConv2d(
  input: [Int8], weights: [Int8], bias: [Int32], shape s: DepthwiseConv2DShape,
  quant q: OutputQuantization
) throws -> ForwardOutput {
  let op = "depthwiseConv2d"
  let cs = s.conv
  try cs.validate(op)
  try q.validate(op, channels: s.channels)
  try checkLength(op, "input", input.count, s.inputCount)
  try checkLength(op, "weights", weights.count, s.weightCount)
  try checkLength(op, "bias", bias.count, s.channels)
  try checkAccumulatorBound(
    op, terms: s.kH * s.kW, maxAbsTerm: 128 * q.maxAbsCentredInput, reason: "kH·kW taps")
  let C = s.channels
  var out = [Int8](repeating: 0, count: s.outputCount)
  var pass = [Bool](repeating: false, count: s.outputCount)
  for oh in 0..<s.outH {
    let khs = cs.khRange(oh)
    let ihBase = oh * s.strideH - s.padH
    for ow in 0..<s.outW {
      let kws = cs.kwRange(ow)
      let iwBase = ow * s.strideW - s.padW
      for c in 0..<C {
        var acc: Int32 = 0
        for kh in khs {
          for kw in kws {
            let xv = Int32(input[((ihBase + kh) * s.inW + iwBase + kw) * C + c])
            acc &+= Int32(weights[(kh * s.kW + kw) * C + c]) &* (xv &- q.inputZeroPoint)
          }
        }
        let k = (oh * s.outW + ow) * C + c
        (out[k], pass[k]) = q.finish(bias[c] &+ acc, channel: c)
      }
    }
  }
  return ForwardOutput(output: out, mask: packMask(pass))
}

/// Depthwise input gradient: g_x[ih,iw,c] = Σ_{oh,ow,kh,kw: ih = oh·sH − pH + kh, …}
/// W[kh,kw,c]·e[oh,ow,c] (int32; rejects ⌈kH/sH⌉·⌈kW/sW⌉·128·128 > Int32.max).
public func depthwiseConv2dInputGrad(
  error: [Int8], weights: [Int8], shape s: DepthwiseConv2DShape, activeChannels: [Bool]? = nil
) throws -> [Int32] {
  let op = "depthwiseConv2dInputGrad"
  let cs = s.conv
  try cs.validate(op)
  try checkLength(op, "error", error.count, s.outputCount)
  try checkLength(op, "weights", weights.count, s.weightCount)
  try checkActiveChannels(op, activeChannels, s.channels)
  try checkAccumulatorBound(
    op, terms: cs.maxInputGradTerms / s.channels, maxAbsTerm: 128 * 128,
    reason: "⌈kH/strideH⌉·⌈kW/strideW⌉ taps per input element")
  let C = s.channels
  var g = [Int32](repeating: 0, count: s.inputCount)
  for oh in 0..<s.outH {
    let khs = cs.khRange(oh)
    let ihBase = oh * s.strideH - s.padH
    for ow in 0..<s.outW {
      let kws = cs.kwRange(ow)
      let iwBase = ow * s.strideW - s.padW
      for c in 0..<C {
        if let a = activeChannels, !a[c] { continue }
        let ev = Int32(error[(oh * s.outW + ow) * C + c])
        if ev == 0 { continue }
        for kh in khs {
          for kw in kws {
            g[((ihBase + kh) * s.inW + iwBase + kw) * C + c] &+=
              Int32(weights[(kh * s.kW + kw) * C + c]) &* ev
          }
        }
      }
    }
  }
  return g
}

/// Depthwise weight gradient: g_W[kh,kw,c] = Σ_{oh,ow; tap inside} e[oh,ow,c]·(x[ih,iw,c] − z_x)
/// (int32, 1HWC; rejects outH·outW·128·max|x − z_x| > Int32.max).
public func depthwiseConv2dWeightGrad(
  error: [Int8], input: [Int8], inputZeroPoint zx: Int32, shape s: DepthwiseConv2DShape,
  activeChannels: [Bool]? = nil
) throws -> [Int32] {
  let op = "depthwiseConv2dWeightGrad"
  let cs = s.conv
  try cs.validate(op)
  try checkInt8Range(op, "inputZeroPoint", zx)
  try checkLength(op, "error", error.count, s.outputCount)
  try checkLength(op, "input", input.count, s.inputCount)
  try checkActiveChannels(op, activeChannels, s.channels)
  try checkAccumulatorBound(
    op, terms: s.outH * s.outW, maxAbsTerm: 128 * Int(max(127 - zx, zx + 128)),
    reason: "outH·outW products e·(x − z_x)")
  let C = s.channels
  var g = [Int32](repeating: 0, count: s.weightCount)
  for oh in 0..<s.outH {
    let khs = cs.khRange(oh)
    let ihBase = oh * s.strideH - s.padH
    for ow in 0..<s.outW {
      let kws = cs.kwRange(ow)
      let iwBase = ow * s.strideW - s.padW
      for c in 0..<C {
        if let a = activeChannels, !a[c] { continue }
        let ev = Int32(error[(oh * s.outW + ow) * C + c])
        if ev == 0 { continue }
        for kh in khs {
          for kw in kws {
            let xv = Int32(input[((ihBase + kh) * s.inW + iwBase + kw) * C + c])
            g[(kh * s.kW + kw) * C + c] &+= ev &* (xv &- zx)
          }
        }
      }
    }
  }
  return g
}
