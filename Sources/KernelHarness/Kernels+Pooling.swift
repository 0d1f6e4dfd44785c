// Case builders of the pooling kernels: maxpool_fwd (with argmax) and avgpool_fwd (average pool
// and global average pool). Golden ops: maxPool, avgPool / globalAvgPool.

import FQTGolden

/// Pool geometry from options: h, w, c, k (or kh, kw), stride (or sh, sw; default k), pad (or ph,
/// pw; default 0).
func poolShape(_ o: ShapeOptions, h: Int, w: Int, c: Int, k: Int) throws -> PoolShape {
  let kk = o.get("k", k)
  let st = o.get("stride", kk), p = o.get("pad", 0)
  let kh = o.get("kh", kk), kw = o.get("kw", kk)
  let s = PoolShape(
    inH: o.get("h", h), inW: o.get("w", w), channels: o.get("c", c), kH: kh, kW: kw,
    strideH: o.get("sh", st), strideW: o.get("sw", st), padH: o.get("ph", p), padW: o.get("pw", p))
  if [s.inH, s.inW, s.channels, s.kH, s.kW, s.strideH, s.strideW].contains(where: { $0 < 1 })
    || s.padH < 0 || s.padW < 0 || s.padH >= s.kH || s.padW >= s.kW
    || s.inH + 2 * s.padH < s.kH || s.inW + 2 * s.padW < s.kW
  {
    throw HarnessError("invalid pool shape \(s) (sizes ≥ 1, 0 ≤ pad < kernel)")
  }
  return s
}

func poolGeometryArgs(_ s: PoolShape) -> [(name: String, field: ArgField)] {
  [("in_h", v(s.inH)), ("in_w", v(s.inW)), ("channels", v(s.channels)), ("out_h", v(s.outH)),
   ("out_w", v(s.outW)), ("k_h", v(s.kH)), ("k_w", v(s.kW)), ("stride_h", v(s.strideH)),
   ("stride_w", v(s.strideW)), ("pad_h", v(s.padH)), ("pad_w", v(s.padW))]
}

func describePool(_ s: PoolShape) -> String {
  "\(s.inH)×\(s.inW)×\(s.channels) → \(s.outH)×\(s.outW)×\(s.channels), \(s.kH)×\(s.kW), stride \(s.strideH)"
    + (s.strideW != s.strideH ? "/\(s.strideW)" : "") + ", pad \(s.padH)" + (s.padW != s.padH ? "/\(s.padW)" : "")
}

func poolParams(_ s: PoolShape) -> [String: Int] {
  ["h": s.inH, "w": s.inW, "c": s.channels, "kh": s.kH, "kw": s.kW, "sh": s.strideH, "sw": s.strideW,
   "ph": s.padH, "pw": s.padW]
}

/// Pool inputs: `ties` = 1 draws from −128…−126 (many equal maxima), `extreme` = 1 mostly extremes.
func poolInput(_ r: inout CaseRandom, _ o: ShapeOptions, _ n: Int) -> [Int8] {
  o.get("ties", 0) != 0 ? r.int8s(n, in: -128...(-126)) : r.int8s(n, extremes: extremes(o))
}

let maxpoolFwdKernel = KernelDescriptor(
  name: "maxpool_fwd", summary: "max pool with the argmax (flat NHWC input index) per output",
  options: "h w c k|kh kw stride|sh sw pad|ph pw ties(0/1) extreme(0/1)",
  makeCase: { try maxpoolFwdCase($0, $1) })

let avgpoolFwdKernel = KernelDescriptor(
  name: "avgpool_fwd", summary: "average pool / global average pool (arm_avgpool_s8 rounding)",
  options: "global(0/1, default 1) h w c k|kh kw stride|sh sw pad|ph pw clamp(0/1) extreme(0/1)",
  makeCase: { try avgpoolFwdCase($0, $1) })

func maxpoolFwdCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  // Default: digits-cnn's max pool, 8×8×8, 2×2, stride 2.
  let s = try poolShape(o, h: 8, w: 8, c: 8, k: 2)
  var r = CaseRandom(seed: seed)
  let x = poolInput(&r, o, s.inputCount)
  let y = try maxPool(input: x, shape: s)
  var c = KernelCase(
    kernel: "maxpool_fwd", label: describePool(s), seed: seed,
    args: [("input", .tensor("input")), ("output", .tensor("output")), ("argmax", .tensor("argmax"))]
      + poolGeometryArgs(s),
    inputs: [TensorBytes("input", s8: x)],
    outputs: [TensorBytes("output", s8: y.output), TensorBytes("argmax", s32: y.argmax)],
    scratchBytes: 0, macs: 0)
  c.parameters = poolParams(s)
  return c
}

func avgpoolFwdCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  // Default: digits-cnn's global average pool, 4×4×16 → 16.
  let global = o.get("global", 1) != 0
  let s: PoolShape
  if global {
    let h = o.get("h", 4), w = o.get("w", 4), ch = o.get("c", 16)
    guard h >= 1, w >= 1, ch >= 1 else { throw HarnessError("invalid global pool \(h)×\(w)×\(ch)") }
    s = .global(inH: h, inW: w, channels: ch)
  } else {
    s = try poolShape(o, h: 8, w: 8, c: 8, k: 2)
  }
  var r = CaseRandom(seed: seed)
  let x = poolInput(&r, o, s.inputCount)
  var amin: Int32 = -128, amax: Int32 = 127
  if o.get("clamp", 0) != 0 {
    amin = Int32(r.int(-128, 0))
    amax = Int32(r.int(Int(amin), 127))
  }
  let y = try avgPool(input: x, shape: s, activationMin: amin, activationMax: amax)
  var c = KernelCase(
    kernel: "avgpool_fwd",
    label: (global ? "global " : "") + describePool(s) + ", act [\(amin), \(amax)]", seed: seed,
    args: [("input", .tensor("input")), ("output", .tensor("output"))] + poolGeometryArgs(s)
      + [("act_min", .value(amin)), ("act_max", .value(amax))],
    inputs: [TensorBytes("input", s8: x)], outputs: [TensorBytes("output", s8: y)],
    scratchBytes: 0, macs: 0)
  c.parameters = poolParams(s)
  c.parameters["global"] = global ? 1 : 0
  return c
}
