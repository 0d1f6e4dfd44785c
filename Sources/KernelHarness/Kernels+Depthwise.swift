// Case builders of the depthwise kernels: dwconv_fwd and dwconv_bwd (input, weight and bias
// gradients). Golden ops: depthwiseConv2d, depthwiseConv2dInputGrad, depthwiseConv2dWeightGrad,
// biasGrad. Weights are 1HWC.

import FQTGolden

/// Depthwise geometry from options: h, w, c, k (or kh, kw), stride (or sh, sw), pad (or ph, pw).
/// Default: mbv2-tail's depthwise layer, 7×7×96, 3×3, stride 1, pad 1.
func dwShape(_ o: ShapeOptions) throws -> DepthwiseConv2DShape {
  let k = o.get("k", 3), st = o.get("stride", 1), p = o.get("pad", 1)
  let s = DepthwiseConv2DShape(
    inH: o.get("h", 7), inW: o.get("w", 7), channels: o.get("c", 96), kH: o.get("kh", k), kW: o.get("kw", k),
    strideH: o.get("sh", st), strideW: o.get("sw", st), padH: o.get("ph", p), padW: o.get("pw", p))
  if [s.inH, s.inW, s.channels, s.kH, s.kW, s.strideH, s.strideW].contains(where: { $0 < 1 })
    || s.padH < 0 || s.padW < 0 || s.inH + 2 * s.padH < s.kH || s.inW + 2 * s.padW < s.kW
  {
    throw HarnessError("invalid depthwise shape \(s)")
  }
  return s
}

func dwGeometryArgs(_ s: DepthwiseConv2DShape) -> [(name: String, field: ArgField)] {
  [("in_h", v(s.inH)), ("in_w", v(s.inW)), ("channels", v(s.channels)), ("out_h", v(s.outH)),
   ("out_w", v(s.outW)), ("k_h", v(s.kH)), ("k_w", v(s.kW)), ("stride_h", v(s.strideH)),
   ("stride_w", v(s.strideW)), ("pad_h", v(s.padH)), ("pad_w", v(s.padW))]
}

func describeDw(_ s: DepthwiseConv2DShape) -> String {
  "\(s.inH)×\(s.inW)×\(s.channels) → \(s.outH)×\(s.outW)×\(s.channels) depthwise, \(s.kH)×\(s.kW), stride \(s.strideH)"
    + (s.strideW != s.strideH ? "/\(s.strideW)" : "") + ", pad \(s.padH)" + (s.padW != s.padH ? "/\(s.padW)" : "")
}

func dwParams(_ s: DepthwiseConv2DShape) -> [String: Int] {
  ["h": s.inH, "w": s.inW, "c": s.channels, "kh": s.kH, "kw": s.kW, "sh": s.strideH, "sw": s.strideW,
   "ph": s.padH, "pw": s.padW]
}

/// (output, tap inside the input, channel) products of a depthwise conv.
func dwMACs(_ s: DepthwiseConv2DShape) -> Int {
  convMACs(Conv2DShape(
    inH: s.inH, inW: s.inW, inC: 1, outC: 1, kH: s.kH, kW: s.kW, strideH: s.strideH, strideW: s.strideW,
    padH: s.padH, padW: s.padW)) * s.channels
}

let dwconvFwdKernel = KernelDescriptor(
  name: "dwconv_fwd", summary: "depthwise conv2d forward, per-channel requantization, ReLU/clamp mask",
  options: "h w c k|kh kw stride|sh sw pad|ph pw relu(0/1) clamp(0/1) bigscale(0/1) extreme(0/1)",
  makeCase: { try dwconvFwdCase($0, $1) })

let dwconvBwdKernel = KernelDescriptor(
  name: "dwconv_bwd", summary: "depthwise conv2d input, weight and bias gradients, int32",
  options: "h w c k|kh kw stride|sh sw pad|ph pw active(%) gx gw gb (0 = NULL) extreme(0/1)",
  makeCase: { try dwconvBwdCase($0, $1) })

func dwconvFwdCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let s = try dwShape(o)
  var r = CaseRandom(seed: seed)
  let x = r.int8s(s.inputCount, extremes: extremes(o))
  let w = r.int8s(s.weightCount, extremes: extremes(o))
  let q = randomQuant(&r, channels: s.channels, terms: s.kH * s.kW, o: o)
  let bias = r.int32s(s.channels, in: -40_000...40_000)
  let y = try depthwiseConv2d(input: x, weights: w, bias: bias, shape: s, quant: q)
  var c = KernelCase(
    kernel: "dwconv_fwd",
    label: describeDw(s) + ", z_x \(q.inputZeroPoint), z_y \(q.outputZeroPoint), act [\(q.activationMin), \(q.activationMax)]",
    seed: seed,
    args: [("input", .tensor("input")), ("weights", .tensor("weights")), ("bias", .tensor("bias")),
           ("output", .tensor("output")), ("mask", .tensor("mask"))] + dwGeometryArgs(s)
      + [("input_zp", .value(q.inputZeroPoint)), ("output_zp", .value(q.outputZeroPoint)),
         ("multipliers", .tensor("multipliers")), ("shifts", .tensor("shifts")),
         ("act_min", .value(q.activationMin)), ("act_max", .value(q.activationMax))],
    inputs: [TensorBytes("input", s8: x), TensorBytes("weights", s8: w), TensorBytes("bias", s32: bias),
             TensorBytes("multipliers", s32: q.multipliers), TensorBytes("shifts", s32: q.shifts)],
    outputs: [TensorBytes("output", s8: y.output), TensorBytes("mask", u8: y.mask)],
    scratchBytes: 0, macs: dwMACs(s))
  c.parameters = dwParams(s)
  return c
}

func dwconvBwdCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let s = try dwShape(o)
  var r = CaseRandom(seed: seed)
  let e = r.int8s(s.outputCount, extremes: extremes(o), zeros: 0.3)
  let x = r.int8s(s.inputCount, extremes: extremes(o))
  let w = r.int8s(s.weightCount, extremes: extremes(o))
  let zx = Int32(o.values["zx"] ?? r.int(-128, 127))
  let act = activeMask(&r, o, s.channels)
  let al = activeList(act, s.channels)
  let wantX = o.get("gx", 1) != 0, wantW = o.get("gw", 1) != 0, wantB = o.get("gb", 1) != 0
  var outputs: [TensorBytes] = []
  if wantX {
    outputs.append(TensorBytes("grad_input", s32: try depthwiseConv2dInputGrad(error: e, weights: w, shape: s, activeChannels: al)))
  }
  if wantW {
    outputs.append(TensorBytes("grad_weights", s32: try depthwiseConv2dWeightGrad(
      error: e, input: x, inputZeroPoint: zx, shape: s, activeChannels: al)))
  }
  if wantB { outputs.append(TensorBytes("grad_bias", s32: try biasGrad(error: e, channels: s.channels, activeChannels: al))) }
  var inputs = [TensorBytes("error", s8: e), TensorBytes("input", s8: x), TensorBytes("weights", s8: w)]
  if let a = act { inputs.append(TensorBytes("active", u8: a)) }
  var c = KernelCase(
    kernel: "dwconv_bwd",
    label: describeDw(s) + ", z_x \(zx)" + activeNote(o, act),
    seed: seed,
    args: [("error", .tensor("error")), ("input", .tensor("input")), ("weights", .tensor("weights")),
           ("grad_input", wantX ? .tensor("grad_input") : .null),
           ("grad_weights", wantW ? .tensor("grad_weights") : .null),
           ("grad_bias", wantB ? .tensor("grad_bias") : .null),
           ("active", act == nil ? .null : .tensor("active"))] + dwGeometryArgs(s)
      + [("input_zp", .value(zx))],
    inputs: inputs, outputs: outputs, scratchBytes: 0,
    macs: (wantX ? dwMACs(s) : 0) + (wantW ? dwMACs(s) : 0))
  c.parameters = dwParams(s)
  return c
}
