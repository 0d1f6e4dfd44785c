// Case builders: for each kernel, the argument struct (in fqt_kernels.h field order), random
// inputs from a seed, and the golden model's outputs. Shape options are `--shape-<name> N`.

import FQTGolden

/// Shape options of one run: integer values by name (without the `--shape-` prefix).
public struct ShapeOptions: Sendable {
  public var values: [String: Int]
  public init(_ values: [String: Int] = [:]) { self.values = values }
  func get(_ name: String, _ def: Int) -> Int { values[name] ?? def }
}

func activeList(_ mask: [UInt8]?, _ n: Int) -> [Bool]? {
  mask.map { m in (0..<n).map { maskBit(m, $0) } }
}

func b(_ v: Bool) -> Int32 { v ? 1 : 0 }
func v(_ x: Int) -> ArgField { .value(Int32(x)) }

// MARK: - Convolution geometry

/// Conv geometry from options: h, w, cin, cout, k (or kh, kw), stride (or sh, sw), pad (or ph, pw).
/// Defaults: 16×16×16 → 16, 3×3, stride 1, pad 1 (the issue's efficiency setting).
func convShape(_ o: ShapeOptions) throws -> Conv2DShape {
  let k = o.get("k", 3), st = o.get("stride", 1), p = o.get("pad", 1)
  let s = Conv2DShape(
    inH: o.get("h", 16), inW: o.get("w", 16), inC: o.get("cin", 16), outC: o.get("cout", 16),
    kH: o.get("kh", k), kW: o.get("kw", k), strideH: o.get("sh", st), strideW: o.get("sw", st),
    padH: o.get("ph", p), padW: o.get("pw", p))
  if [s.inH, s.inW, s.inC, s.outC, s.kH, s.kW, s.strideH, s.strideW].contains(where: { $0 < 1 })
    || s.padH < 0 || s.padW < 0 || s.inH + 2 * s.padH < s.kH || s.inW + 2 * s.padW < s.kW
  {
    throw HarnessError("invalid convolution shape \(s)")
  }
  return s
}

func geometryArgs(_ s: Conv2DShape) -> [(name: String, field: ArgField)] {
  [("in_h", v(s.inH)), ("in_w", v(s.inW)), ("in_c", v(s.inC)), ("out_h", v(s.outH)),
   ("out_w", v(s.outW)), ("out_c", v(s.outC)), ("k_h", v(s.kH)), ("k_w", v(s.kW)),
   ("stride_h", v(s.strideH)), ("stride_w", v(s.strideW)), ("pad_h", v(s.padH)), ("pad_w", v(s.padW))]
}

func describe(_ s: Conv2DShape) -> String {
  "\(s.inH)×\(s.inW)×\(s.inC) → \(s.outH)×\(s.outW)×\(s.outC), \(s.kH)×\(s.kW), stride \(s.strideH)"
    + (s.strideW != s.strideH ? "/\(s.strideW)" : "") + ", pad \(s.padH)" + (s.padW != s.padH ? "/\(s.padW)" : "")
}

func params(_ s: Conv2DShape) -> [String: Int] {
  ["h": s.inH, "w": s.inW, "cin": s.inC, "cout": s.outC, "kh": s.kH, "kw": s.kW, "sh": s.strideH,
   "sw": s.strideW, "ph": s.padH, "pw": s.padW]
}

/// Number of (output, tap inside the input, input channel) products of a conv.
func convMACs(_ s: Conv2DShape) -> Int {
  var taps = 0
  for oh in 0..<s.outH {
    for ow in 0..<s.outW {
      for kh in 0..<s.kH {
        let ih = oh * s.strideH - s.padH + kh
        guard ih >= 0 && ih < s.inH else { continue }
        for kw in 0..<s.kW {
          let iw = ow * s.strideW - s.padW + kw
          if iw >= 0 && iw < s.inW { taps += 1 }
        }
      }
    }
  }
  return taps * s.inC * s.outC
}

/// The optional active-channel mask: option `active` = percentage of active output channels
/// (100, the default, passes NULL), or `nactive` = exactly that many active channels at random
/// places (the dynamic partial update's k; a mask even when it is every channel).
func activeMask(_ r: inout CaseRandom, _ o: ShapeOptions, _ n: Int) -> [UInt8]? {
  if let k = o.values["nactive"] {
    var flags = [Bool](repeating: false, count: n)
    var order = Array(0..<n)
    for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, r.int(0, i)) }
    for c in order.prefix(max(0, min(k, n))) { flags[c] = true }
    return packMask(flags)
  }
  let pct = o.get("active", 100)
  if pct >= 100 { return nil }
  return r.mask(n, p: Double(pct) / 100)
}

/// The case label's note on the active-channel mask ("" without one).
func activeNote(_ o: ShapeOptions, _ act: [UInt8]?) -> String {
  guard act != nil else { return "" }
  if let k = o.values["nactive"] { return ", \(k) channels active" }
  return ", \(o.get("active", 100))% channels active"
}

/// Share of extreme int8 values (−128, −127, 127): option `extreme` = 1 makes 90 % extremes.
func extremes(_ o: ShapeOptions) -> Double { o.get("extreme", 0) != 0 ? 0.9 : 0.1 }

/// Per-channel output quantization with realistic scales for K-term sums.
func randomQuant(_ r: inout CaseRandom, channels: Int, terms: Int, o: ShapeOptions) -> OutputQuantization {
  var zx = Int32(r.int(-128, 127))
  var zy = Int32(r.int(-128, 127))
  if let z = o.values["zx"] { zx = Int32(z) }
  if let z = o.values["zy"] { zy = Int32(z) }
  // Accumulator spread ≈ √K·128·128/3; aim the output spread at ~100 LSB.
  let base = 100.0 / (Double(terms).squareRoot() * 5000.0)
  var ms: [Int32] = [], shs: [Int32] = []
  for _ in 0..<channels {
    var real = base * Double(r.int(250, 4000)) / 1000.0
    if o.get("bigscale", 0) != 0 && r.bool(0.3) { real = Double(r.int(1000, 8000)) / 1000.0 }
    let (m, sh) = QuantizeMultiplier(real)
    ms.append(m)
    shs.append(sh)
  }
  let relu = o.get("relu", -1) == -1 ? r.bool(0.7) : o.get("relu", 0) != 0
  var amin: Int32 = relu ? zy : -128
  var amax: Int32 = 127
  if o.get("clamp", 0) != 0 {
    amin = Int32(r.int(-128, 0))
    amax = Int32(r.int(Int(amin), 127))
  }
  return OutputQuantization(
    inputZeroPoint: zx, outputZeroPoint: zy, multipliers: ms, shifts: shs, activationMin: amin,
    activationMax: amax)
}

/// Option `edgequant` = 1: requantization parameters at the edges kernels special-case — shifts
/// −1, −2, −23, −24, −31, 0 and left shifts, multipliers 0, 1, 2³⁰ and Int32.max, biases near
/// the int32 limits — cycled over the output channels.
func edgeQuant(_ q: inout OutputQuantization, _ bias: inout [Int32]) {
  let shifts: [Int32] = [-1, -2, -23, -24, -31, 0, 3, -12, -7]
  let multipliers: [Int32] = [1 << 30, Int32.max, 0, 1, 1_518_500_250, 1 << 30, Int32.max]
  let biases: [Int32] = [0, Int32.max - 5000, Int32.min + 5000, -1, 1 << 28, 7]
  for c in 0..<q.shifts.count {
    q.shifts[c] = shifts[c % shifts.count]
    q.multipliers[c] = multipliers[c % multipliers.count]
    bias[c] = biases[c % biases.count]
  }
}

// MARK: - Kernels

extension KernelRegistry {
  static let builtins: [KernelDescriptor] = [
    KernelDescriptor(
      name: "conv_bwd", summary: "conv2d input gradient (transposed conv), int8 e × OHWI int8 W → int32 g_x",
      options: "h w cin cout k|kh kw stride|sh sw pad|ph pw active(%)", makeCase: { try convBwdCase($0, $1) }),
    KernelDescriptor(
      name: "conv2d_fwd", summary: "conv2d forward, per-channel requantization, ReLU/clamp mask",
      options: "h w cin cout k|kh kw stride|sh sw pad|ph pw relu(0/1) clamp(0/1) bigscale(0/1)",
      makeCase: { try conv2dFwdCase($0, $1) }),
    KernelDescriptor(
      name: "conv_wgrad", summary: "conv2d weight and bias gradients, int32",
      options: "h w cin cout k|kh kw stride|sh sw pad|ph pw active(%)", makeCase: { try convWgradCase($0, $1) }),
    KernelDescriptor(
      name: "requant_grad", summary: "int32 gradients → int8 error with a power-of-two shift",
      options: "n mode(0 nearest, 1 stochastic) bits(max bit length, 0 = random)", makeCase: { try requantGradCase($0, $1) }),
    KernelDescriptor(
      name: "relu_mask_bwd", summary: "ReLU/clamp backward: zero the elements whose mask bit is 0",
      options: "n density(%)", makeCase: { try reluMaskBwdCase($0, $1) }),
    KernelDescriptor(
      name: "fc_fwd", summary: "fully connected forward, per-channel requantization, mask",
      options: "cin cout relu(0/1) clamp(0/1) bigscale(0/1)", makeCase: { try fcFwdCase($0, $1) }),
    KernelDescriptor(
      name: "fc_bwd", summary: "fully connected input, weight and bias gradients",
      options: "cin cout active(%)", makeCase: { try fcBwdCase($0, $1) }),
    maxpoolFwdKernel,
    avgpoolFwdKernel,
    softmaxCeGradKernel,
    sgdQasUpdateKernel,
    ceLossKernel,
    topkSelectKernel,
    zoPerturbKernel,
    zoAccumulateKernel,
    dwconvFwdKernel,
    dwconvBwdKernel,
  ]
}

/// FQT_CONV_BWD_SCRATCH (general path or the sliding fast path, whichever is larger).
func convBwdScratch(_ s: Conv2DShape) -> Int {
  max(64 + s.kH * s.kW * ((s.inC + 3) / 4) * 8 * s.outC, 64 + 6 * s.kH * s.inC * s.outC + 128 * (2 * s.kH - 1) * s.outC)
}

/// FQT_CONV_WGRAD_SCRATCH (general path or the flat fast path, whichever is larger).
func convWgradScratch(_ s: Conv2DShape) -> Int {
  let general = 2 * ((s.outH * s.outW + 1) & ~1) * (((s.outC + 1) & ~1) + ((s.inC + 1) & ~1))
  let nj = ((s.outH * (s.outW + 2) + 1) / 2 + 7) & ~7
  let fast = 64 + 4 * ((s.outC + 1) & ~1) * nj + 2 * ((2 * ((s.outH + s.kH) * (s.outW + 2) + 20) + 3) & ~3)
  return max(general, fast)
}

func convBwdCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let s = try convShape(o)
  var r = CaseRandom(seed: seed)
  let e = r.int8s(s.outputCount, extremes: extremes(o), zeros: 0.3)
  let w = r.int8s(s.weightCount, extremes: extremes(o))
  let act = activeMask(&r, o, s.outC)
  let gx = try conv2dInputGrad(error: e, weights: w, shape: s, activeChannels: activeList(act, s.outC))
  var inputs = [TensorBytes("error", s8: e), TensorBytes("weights", s8: w)]
  if let a = act { inputs.append(TensorBytes("active", u8: a)) }
  let scratch = convBwdScratch(s)
  var c = KernelCase(
    kernel: "conv_bwd", label: describe(s) + activeNote(o, act),
    seed: seed,
    args: [("error", .tensor("error")), ("weights", .tensor("weights")), ("grad_input", .tensor("grad_input")),
           ("active", act == nil ? .null : .tensor("active"))] + geometryArgs(s)
      + [("scratch", .scratch), ("scratch_size", .scratchSize)],
    inputs: inputs, outputs: [TensorBytes("grad_input", s32: gx)], scratchBytes: scratch,
    macs: convMACs(s))
  c.parameters = params(s)
  return c
}

/// FQT_CONV2D_FWD_SCRATCH (kernels/fqt_kernels.h): the arena of the fastest conv2d_fwd path for
/// the shape — the largest of im2col (general), sliding window and, when it applies, Winograd.
public func conv2dFwdScratchBytes(_ s: Conv2DShape) -> Int {
  let general = 8 * ((s.kH * s.kW * s.inC + 3) & ~3)
  let sliding = 64 + 6 * s.kH * s.inC * s.outC + 128 * s.kH * s.inC
  return max(general, sliding, conv2dFwdWinogradScratchBytes(s) ?? 0)
}

/// FQT_CONV2D_FWD_SCRATCH_WINO: the Winograd F(2×2, 3×3) path's arena, or nil when the path does
/// not apply: 3×3, stride 1, in_c % 4 == 0, in_c ≤ 32, and the padded work (whole groups of 4
/// tiles of 2×2 outputs, ncp = in_c/2 channel pairs rounded up to a multiple of 4) at most twice
/// the direct products (on smaller maps the direct paths are faster).
public func conv2dFwdWinogradScratchBytes(_ s: Conv2DShape) -> Int? {
  guard s.kH == 3, s.kW == 3, s.strideH == 1, s.strideW == 1, s.inC % 4 == 0, s.inC <= 32 else { return nil }
  let ncp = ((s.inC + 7) & ~7) / 2
  guard 16 * ((s.outH + 1) / 2) * ((s.outW + 7) / 8) * ncp <= s.outH * s.outW * s.inC else { return nil }
  return 6015 + 32 * s.outC + 128 * ncp * ((s.outC + 1) / 2) + 80 * s.inC
}

func conv2dFwdCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let s = try convShape(o)
  var r = CaseRandom(seed: seed)
  let x = r.int8s(s.inputCount, extremes: extremes(o))
  let w = r.int8s(s.weightCount, extremes: extremes(o))
  var q = randomQuant(&r, channels: s.outC, terms: s.kH * s.kW * s.inC, o: o)
  var bias = r.int32s(s.outC, in: -40_000...40_000)
  if o.get("edgequant", 0) != 0 { edgeQuant(&q, &bias) }
  let y = try conv2d(input: x, weights: w, bias: bias, shape: s, quant: q)
  var c = KernelCase(
    kernel: "conv2d_fwd", label: describe(s) + ", z_x \(q.inputZeroPoint), z_y \(q.outputZeroPoint), act [\(q.activationMin), \(q.activationMax)]",
    seed: seed,
    args: [("input", .tensor("input")), ("weights", .tensor("weights")), ("bias", .tensor("bias")),
           ("output", .tensor("output")), ("mask", .tensor("mask"))] + geometryArgs(s)
      + [("input_zp", .value(q.inputZeroPoint)), ("output_zp", .value(q.outputZeroPoint)),
         ("multipliers", .tensor("multipliers")), ("shifts", .tensor("shifts")),
         ("act_min", .value(q.activationMin)), ("act_max", .value(q.activationMax)),
         ("scratch", .scratch), ("scratch_size", .scratchSize)],
    inputs: [TensorBytes("input", s8: x), TensorBytes("weights", s8: w), TensorBytes("bias", s32: bias),
             TensorBytes("multipliers", s32: q.multipliers), TensorBytes("shifts", s32: q.shifts)],
    outputs: [TensorBytes("output", s8: y.output), TensorBytes("mask", u8: y.mask)],
    scratchBytes: conv2dFwdScratchBytes(s),
    macs: convMACs(s))
  c.parameters = params(s)
  return c
}

func convWgradCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let s = try convShape(o)
  var r = CaseRandom(seed: seed)
  let e = r.int8s(s.outputCount, extremes: extremes(o), zeros: 0.3)
  let x = r.int8s(s.inputCount, extremes: extremes(o))
  let zx = Int32(o.values["zx"] ?? r.int(-128, 127))
  let act = activeMask(&r, o, s.outC)
  let al = activeList(act, s.outC)
  let gw = try conv2dWeightGrad(error: e, input: x, inputZeroPoint: zx, shape: s, activeChannels: al)
  let gb = try biasGrad(error: e, channels: s.outC, activeChannels: al)
  var inputs = [TensorBytes("error", s8: e), TensorBytes("input", s8: x)]
  if let a = act { inputs.append(TensorBytes("active", u8: a)) }
  let scratch = convWgradScratch(s)
  var c = KernelCase(
    kernel: "conv_wgrad", label: describe(s) + ", z_x \(zx)" + activeNote(o, act),
    seed: seed,
    args: [("error", .tensor("error")), ("input", .tensor("input")), ("grad_weights", .tensor("grad_weights")),
           ("grad_bias", .tensor("grad_bias")), ("active", act == nil ? .null : .tensor("active"))]
      + geometryArgs(s) + [("input_zp", .value(zx)), ("scratch", .scratch), ("scratch_size", .scratchSize)],
    inputs: inputs, outputs: [TensorBytes("grad_weights", s32: gw), TensorBytes("grad_bias", s32: gb)],
    scratchBytes: scratch, macs: convMACs(s))
  c.parameters = params(s)
  return c
}

func requantGradCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let n = o.get("n", 4096)
  let mode = o.get("mode", 0)
  var r = CaseRandom(seed: seed)
  let bits = o.get("bits", 0) == 0 ? r.int(1, 31) : o.get("bits", 0)
  let lim = Int((Int64(1) << Int64(bits)) - 1)
  var g = r.int32s(n, in: -lim...lim)
  if n > 0 && o.get("extremes", 0) != 0 { g[r.int(0, n - 1)] = Int32.min }
  var state = r.next() | 1
  var rng = XorShift32(seed: state)
  let (vals, sh) = requantGrad(g, mode: mode == 0 ? .nearest : .stochastic, rng: &rng)
  let initial = state
  state = rng.state
  var c = KernelCase(
    kernel: "requant_grad", label: "\(n) values of up to \(bits) bits, \(mode == 0 ? "nearest" : "stochastic")",
    seed: seed,
    args: [("grad", .tensor("grad")), ("output", .tensor("output")), ("count", v(n)), ("mode", v(mode)),
           ("rng_state", .tensor("rng_state")), ("shift_out", .tensor("shift_out"))],
    inputs: [TensorBytes("grad", s32: g)],
    outputs: [TensorBytes("output", s8: vals), TensorBytes("rng_state", u32: [state]), TensorBytes("shift_out", s32: [sh])],
    scratchBytes: 0, macs: 0)
  c.initialOutputs["rng_state"] = le32([Int32(bitPattern: initial)])
  c.parameters = ["n": n, "mode": mode, "bits": bits]
  return c
}

func reluMaskBwdCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let n = o.get("n", 4096)
  var r = CaseRandom(seed: seed)
  let x = r.int8s(n, extremes: extremes(o))
  let mask = r.mask(n, p: Double(o.get("density", 50)) / 100)
  let y = try applyMask(x, mask: mask)
  var c = KernelCase(
    kernel: "relu_mask_bwd", label: "\(n) values, \(o.get("density", 50))% mask density", seed: seed,
    args: [("input", .tensor("input")), ("mask", .tensor("mask")), ("output", .tensor("output")), ("count", v(n))],
    inputs: [TensorBytes("input", s8: x), TensorBytes("mask", u8: mask)],
    outputs: [TensorBytes("output", s8: y)], scratchBytes: 0, macs: 0)
  c.parameters = ["n": n]
  return c
}

func fcFwdCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let shape = FullyConnectedShape(inC: o.get("cin", 128), outC: o.get("cout", 32))
  guard shape.inC >= 1 && shape.outC >= 1 else { throw HarnessError("invalid FC shape \(shape)") }
  var r = CaseRandom(seed: seed)
  let x = r.int8s(shape.inC, extremes: extremes(o))
  let w = r.int8s(shape.weightCount, extremes: extremes(o))
  let q = randomQuant(&r, channels: shape.outC, terms: shape.inC, o: o)
  let bias = r.int32s(shape.outC, in: -40_000...40_000)
  let y = try fullyConnected(input: x, weights: w, bias: bias, shape: shape, quant: q)
  var c = KernelCase(
    kernel: "fc_fwd", label: "\(shape.inC) → \(shape.outC), z_x \(q.inputZeroPoint), z_y \(q.outputZeroPoint), act [\(q.activationMin), \(q.activationMax)]",
    seed: seed,
    args: [("input", .tensor("input")), ("weights", .tensor("weights")), ("bias", .tensor("bias")),
           ("output", .tensor("output")), ("mask", .tensor("mask")), ("in_c", v(shape.inC)), ("out_c", v(shape.outC)),
           ("input_zp", .value(q.inputZeroPoint)), ("output_zp", .value(q.outputZeroPoint)),
           ("multipliers", .tensor("multipliers")), ("shifts", .tensor("shifts")),
           ("act_min", .value(q.activationMin)), ("act_max", .value(q.activationMax)),
           ("scratch", .scratch), ("scratch_size", .scratchSize)],
    inputs: [TensorBytes("input", s8: x), TensorBytes("weights", s8: w), TensorBytes("bias", s32: bias),
             TensorBytes("multipliers", s32: q.multipliers), TensorBytes("shifts", s32: q.shifts)],
    outputs: [TensorBytes("output", s8: y.output), TensorBytes("mask", u8: y.mask)],
    scratchBytes: 2 * ((shape.inC + 3) & ~3), macs: shape.inC * shape.outC)
  c.parameters = ["cin": shape.inC, "cout": shape.outC]
  return c
}

func fcBwdCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let shape = FullyConnectedShape(inC: o.get("cin", 128), outC: o.get("cout", 32))
  guard shape.inC >= 1 && shape.outC >= 1 else { throw HarnessError("invalid FC shape \(shape)") }
  var r = CaseRandom(seed: seed)
  let e = r.int8s(shape.outC, extremes: extremes(o), zeros: 0.2)
  let x = r.int8s(shape.inC, extremes: extremes(o))
  let w = r.int8s(shape.weightCount, extremes: extremes(o))
  let zx = Int32(o.values["zx"] ?? r.int(-128, 127))
  let act = activeMask(&r, o, shape.outC)
  let al = activeList(act, shape.outC)
  let gx = try fullyConnectedInputGrad(error: e, weights: w, shape: shape, activeChannels: al)
  let gw = try fullyConnectedWeightGrad(error: e, input: x, inputZeroPoint: zx, shape: shape, activeChannels: al)
  let gb = try biasGrad(error: e, channels: shape.outC, activeChannels: al)
  var inputs = [TensorBytes("error", s8: e), TensorBytes("input", s8: x), TensorBytes("weights", s8: w)]
  if let a = act { inputs.append(TensorBytes("active", u8: a)) }
  var c = KernelCase(
    kernel: "fc_bwd", label: "\(shape.inC) → \(shape.outC), z_x \(zx)" + activeNote(o, act),
    seed: seed,
    args: [("error", .tensor("error")), ("input", .tensor("input")), ("weights", .tensor("weights")),
           ("grad_input", .tensor("grad_input")), ("grad_weights", .tensor("grad_weights")),
           ("grad_bias", .tensor("grad_bias")), ("active", act == nil ? .null : .tensor("active")),
           ("in_c", v(shape.inC)), ("out_c", v(shape.outC)), ("input_zp", .value(zx)),
           ("scratch", .scratch), ("scratch_size", .scratchSize)],
    inputs: inputs,
    outputs: [TensorBytes("grad_input", s32: gx), TensorBytes("grad_weights", s32: gw), TensorBytes("grad_bias", s32: gb)],
    scratchBytes: 2 * (((shape.outC + 1) & ~1) + ((shape.inC + 1) & ~1)), macs: 2 * shape.inC * shape.outC)
  c.parameters = ["cin": shape.inC, "cout": shape.outC]
  return c
}
