// The residual add of mbv2-tail's inverted-residual blocks in a step program. There is no Thumb-2
// add kernel yet, so the add's forward (CMSIS-NN arm_elementwise_add_s8 plus its clamp mask) and
// the merge of the skip's error into the block input's int32 gradient (`residualErrorSum`) run on
// the host and are reported as such, as maxpool backward is. Masking the add's error is
// relu_mask_bwd's job: out of place, so the unmasked error stays for the skip. The golden closures
// follow QuantizedModel.trainStep: the add masks e with its clamp mask and hands it on unchanged
// (same f) to the layer below and, kept aside with its f, to its `skipFrom` layer, where
// residualErrorSum merges it into g_x (f ← the sum's exponent) before the mask and requant_grad.

import FQTGolden

extension StepBuilder {
  /// The value a layer reads as its input: "x" for layer 0, else the previous layer's output.
  static func valueName(_ i: Int) -> String { i == 0 ? "x" : "y\(i - 1)" }

  static func residualAddForwardOp(
    _ b: inout ProgramBuilder, _ q: QuantizedModel, layer li: Int, skipFrom from: Int, x: String, y: String, tag: String
  ) {
    let a = q.residualAdds[li]!
    let (skip, m) = (valueName(from), "mask\(li)")
    b.op("elementwise_add L\(li)\(tag)", kernel: "elementwise_add", layer: li, phase: "forward", reads: [skip, x],
         writes: [y, m]) { st in
      let r = try elementwiseAdd(input1: try st.s8(skip), input2: try st.s8(x), quant: a.quant)
      try st.set(y, s8: r.output)
      try st.set(m, u8: r.mask)
    }
  }

  /// Backward through the add at layer `li`: err(li−1) = mask ⊙ err(li) (relu_mask_bwd, out of
  /// place); err(li) and f are kept for the skip.
  static func residualAddBackwardOps(_ b: inout ProgramBuilder, layer li: Int, count n: Int) {
    let (e, m, below) = ("err\(li)", "mask\(li)", "err\(li - 1)")
    b.op(
      "relu_mask_bwd L\(li)", kernel: "relu_mask_bwd", layer: li, phase: "backward", reads: [e, m], writes: [below],
      binding: KernelBinding(
        kernel: "relu_mask_bwd",
        args: [("input", .buffer(e)), ("mask", .buffer(m)), ("output", .buffer(below)), ("count", .value(Int32(n)))],
        scratchBytes: 0)
    ) { st in try st.set(below, s8: try applyMask(try st.s8(e), mask: try st.u8(m))) }
    let fs = "fSkip\(li)"
    b.buf(fs, .s32, 1, "error exponent of the skip from L\(li)")
    b.op("\(fs) = f", kernel: "glue", layer: li, phase: "backward", reads: ["f"], writes: [fs], glue: true) { st in
      try st.setWord(fs, try st.word("f"))
    }
  }

  /// At parameter layer `li`, after g_x: merge the error of the add whose skip starts at value
  /// `li` (if any) into g_x; f becomes the sum's exponent.
  static func residualMergeOp(_ b: inout ProgramBuilder, _ q: QuantizedModel, layer li: Int, gX: String) {
    guard let add = q.spec.layers.indices.first(where: {
      if case let .residualAdd(from, _, _, _) = q.spec.layers[$0], from == li { return true } else { return false }
    }), let a = q.residualAdds[add] else { return }
    let (e, m, fs) = ("err\(add)", "mask\(add)", "fSkip\(add)")
    b.op("residual_error_sum L\(li)", kernel: "residual_error_sum", layer: li, phase: "backward",
         reads: [gX, e, m, "f", fs], writes: [gX, "f"]) { st in
      let skip = try applyMask(try st.s8(e), mask: try st.u8(m))
      let (g, fAcc) = try residualErrorSum(
        main: try st.s32(gX), accumulatorExponent: try st.word("f"), skip: skip, skipExponent: try st.word(fs),
        multiplier: a.mainErrorMultiplier, shift: a.mainErrorShift)
      try st.set(gX, s32: g)
      try st.setWord("f", fAcc)
    }
  }
}
