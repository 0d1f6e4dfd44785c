// Vector cases of golden-model ops that are not kernels, for independent re-implementations
// (firmware C, Python) to check themselves against: `requantize` (CMSIS-NN arm_nn_requantize),
// `softmax` (CMSIS-NN arm_softmax_s8) and `elementwise_add` (CMSIS-NN arm_elementwise_add_s8). Same on-disk format as kernel cases; the arguments
// record the parameters, and there is no image to run.

import FQTGolden

public enum GoldenOpCases {
  public static let names = ["requantize", "softmax", "elementwise_add"]

  public static func make(_ name: String, seed: UInt32, shape: ShapeOptions) throws -> KernelCase? {
    var r = CaseRandom(seed: seed)
    switch name {
    case "requantize":
      // n values, each with its own (M, sh) drawn from QuantizeMultiplier of a random real
      // multiplier in [2^-20, 8), plus the edge values of x.
      let n = shape.get("n", 1024)
      var x = r.int32s(n, in: -(1 << 30)...(1 << 30))
      let edges: [Int32] = [0, 1, -1, Int32.max, Int32.min, 1 << 20, -(1 << 20)]
      for (k, e) in edges.enumerated() where k < n { x[k] = e }
      var multipliers: [Int32] = [], shifts: [Int32] = [], y: [Int32] = []
      for v in x {
        let exponent = Double(r.int(-20, 2))
        let real = (0.5 + Double(r.next() % 1_000_000) / 2_000_000) * pow2(exponent)
        let (m, sh) = QuantizeMultiplier(real)
        multipliers.append(m)
        shifts.append(sh)
        y.append(requantize(v, multiplier: m, shift: sh))
      }
      var c = KernelCase(kernel: "requantize", label: "\(n) values, per-value (M, sh)", seed: seed,
        args: [("x", .tensor("x")), ("multiplier", .tensor("multiplier")), ("shift", .tensor("shift")),
               ("y", .tensor("y")), ("n", .value(Int32(n)))],
        inputs: [TensorBytes("x", s32: x), TensorBytes("multiplier", s32: multipliers), TensorBytes("shift", s32: shifts)],
        outputs: [TensorBytes("y", s32: y)], scratchBytes: 0, macs: 0)
      c.parameters = ["n": n]
      return c
    case "softmax":
      let rows = shape.get("rows", 8), rowSize = shape.get("n", 10)
      let scale = Double(Float(Double(r.int(1, 64)) / 256.0))  // as TFLite stores it (float32)
      let p = try SoftmaxParameters(inputScale: scale)
      let input = r.int8s(rows * rowSize)
      let out = try softmax(input: input, rows: rows, rowSize: rowSize, parameters: p)
      var c = KernelCase(kernel: "softmax", label: "\(rows) rows × \(rowSize), input scale \(scale)", seed: seed,
        args: [("input", .tensor("input")), ("output", .tensor("output")), ("rows", .value(Int32(rows))),
               ("row_size", .value(Int32(rowSize))), ("mult", .value(p.multiplier)), ("shift", .value(p.leftShift)),
               ("diff_min", .value(p.diffMin))],
        inputs: [TensorBytes("input", s8: input)], outputs: [TensorBytes("output", s8: out)], scratchBytes: 0, macs: 0)
      c.parameters = ["rows": rows, "n": rowSize]
      return c
    case "elementwise_add":
      // TFLite's multipliers for random scales and zero points (left shift 20); the arguments are
      // those of arm_elementwise_add_s8 (offsets = −z for the inputs, +z for the output).
      let n = shape.get("n", 1024)
      let s1 = Double(r.int(1, 1000)) / 16384, s2 = Double(r.int(1, 1000)) / 16384
      let sy = (s1 + s2) * Double(r.int(60, 160)) / 100
      let q = try AddQuantization(
        input1Scale: s1, input1ZeroPoint: Int32(r.int(-128, 127)), input2Scale: s2,
        input2ZeroPoint: Int32(r.int(-128, 127)), outputScale: sy, outputZeroPoint: Int32(r.int(-20, 20)),
        activationMin: Int32(r.int(-128, -100)), activationMax: Int32(r.int(100, 127)))
      let a = r.int8s(n), b = r.int8s(n)
      let out = try elementwiseAdd(input1: a, input2: b, quant: q).output
      var c = KernelCase(kernel: "elementwise_add", label: "\(n) elements, scales \(s1), \(s2) → \(sy)", seed: seed,
        args: [("input_1", .tensor("input_1")), ("input_2", .tensor("input_2")),
               ("input_1_offset", .value(-q.input1ZeroPoint)), ("input_1_mult", .value(q.input1Multiplier)),
               ("input_1_shift", .value(q.input1Shift)), ("input_2_offset", .value(-q.input2ZeroPoint)),
               ("input_2_mult", .value(q.input2Multiplier)), ("input_2_shift", .value(q.input2Shift)),
               ("left_shift", .value(q.leftShift)), ("output", .tensor("output")),
               ("out_offset", .value(q.outputZeroPoint)), ("out_mult", .value(q.outputMultiplier)),
               ("out_shift", .value(q.outputShift)), ("out_activation_min", .value(q.activationMin)),
               ("out_activation_max", .value(q.activationMax)), ("block_size", .value(Int32(n)))],
        inputs: [TensorBytes("input_1", s8: a), TensorBytes("input_2", s8: b)],
        outputs: [TensorBytes("output", s8: out)], scratchBytes: 0, macs: 0)
      c.parameters = ["n": n]
      return c
    default:
      return nil
    }
  }

  static func pow2(_ e: Double) -> Double {
    var v = 1.0
    if e >= 0 { for _ in 0..<Int(e) { v *= 2 } } else { for _ in 0..<Int(-e) { v /= 2 } }
    return v
  }
}
