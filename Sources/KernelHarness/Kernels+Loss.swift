// Case builders of the loss kernels: softmax_ce_grad (arm_softmax_s8 + the error at the logits)
// and ce_loss (integer Q16 cross-entropy). Golden ops: softmax, softmaxCrossEntropyError,
// crossEntropyLossQ16.

import FQTGolden

/// Logits, label and softmax parameters: n (default 10, digits-cnn), label (default random),
/// scale1000 = the logits' scale ×1000 (default random 0.005…0.4; `bigscale` = 1 up to 20),
/// extreme = 1 mostly −128/−127/127, `ties` = 1 logits from a 3-value range.
func softmaxInputs(_ r: inout CaseRandom, _ o: ShapeOptions) throws -> (
  x: [Int8], label: Int, p: SoftmaxParameters, scale: Double
) {
  let n = o.get("n", 10)
  guard n >= 1 && n <= 511 else { throw HarnessError("n = \(n): softmax rows are 1…511 values") }
  let x = o.get("ties", 0) != 0 ? r.int8s(n, in: 40...42) : r.int8s(n, extremes: extremes(o))
  let label = o.values["label"] ?? r.int(0, n - 1)
  guard label >= 0 && label < n else { throw HarnessError("label \(label) outside 0..<\(n)") }
  var scale = Double(r.int(5, 400)) / 1000
  if o.get("bigscale", 0) != 0 { scale = Double(r.int(400, 15_000)) / 1000 }  // < 16: left_shift ≤ 30
  if let s = o.values["scale1000"] { scale = Double(s) / 1000 }
  let p = try SoftmaxParameters(inputScale: scale)
  return (x, label, p, scale)
}

func softmaxArgs(_ p: SoftmaxParameters) -> [(name: String, field: ArgField)] {
  [("multiplier", .value(p.multiplier)), ("left_shift", .value(p.leftShift)), ("diff_min", .value(p.diffMin))]
}

let softmaxCeGradKernel = KernelDescriptor(
  name: "softmax_ce_grad", summary: "softmax (arm_softmax_s8) and the cross-entropy error at the logits",
  options: "n label scale1000 bigscale(0/1) ties(0/1) extreme(0/1)",
  makeCase: { try softmaxCeGradCase($0, $1) })

let ceLossKernel = KernelDescriptor(
  name: "ce_loss", summary: "integer cross-entropy loss in Q16, and the largest loss so far",
  options: "n label scale1000 bigscale(0/1) ties(0/1) extreme(0/1) maxloss(1 = pass max_loss, default)",
  makeCase: { try ceLossCase($0, $1) })

func softmaxCeGradCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  var r = CaseRandom(seed: seed)
  let (x, label, p, scale) = try softmaxInputs(&r, o)
  let probs = try softmax(input: x, rows: 1, rowSize: x.count, parameters: p)
  let e = try softmaxCrossEntropyError(probabilities: probs, label: label)
  var c = KernelCase(
    kernel: "softmax_ce_grad", label: "\(x.count) logits, label \(label), scale \(scale)", seed: seed,
    args: [("logits", .tensor("logits")), ("probs", .tensor("probs")), ("error", .tensor("error")),
           ("n", v(x.count)), ("label", v(label))] + softmaxArgs(p),
    inputs: [TensorBytes("logits", s8: x)],
    outputs: [TensorBytes("probs", s8: probs), TensorBytes("error", s8: e.values)],
    scratchBytes: 0, macs: 0)
  c.parameters = ["n": x.count, "label": label]
  return c
}

func ceLossCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  var r = CaseRandom(seed: seed)
  let (x, label, p, scale) = try softmaxInputs(&r, o)
  let loss = try crossEntropyLossQ16(logits: x, label: label, parameters: p)
  let withMax = o.get("maxloss", 1) != 0
  let prior = Int32(r.int(0, 400_000))
  var outputs = [TensorBytes("loss", s32: [loss])]
  if withMax { outputs.append(TensorBytes("max_loss", s32: [max(prior, loss)])) }
  var c = KernelCase(
    kernel: "ce_loss", label: "\(x.count) logits, label \(label), scale \(scale)" + (withMax ? ", max so far \(prior)" : ""),
    seed: seed,
    args: [("logits", .tensor("logits")), ("n", v(x.count)), ("label", v(label))] + softmaxArgs(p)
      + [("loss", .tensor("loss")), ("max_loss", withMax ? .tensor("max_loss") : .null)],
    inputs: [TensorBytes("logits", s8: x)], outputs: outputs, scratchBytes: 0, macs: 0)
  if withMax { c.initialOutputs["max_loss"] = le32([prior]) }
  c.parameters = ["n": x.count, "label": label]
  return c
}
