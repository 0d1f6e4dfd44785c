// The depthwise layer's ops in a step program (mbv2-tail's 3×3 depthwise conv): dwconv_fwd in the
// forward pass, and one dwconv_bwd call for the input, weight and bias gradients in the backward
// pass (each output may be NULL). Weights are 1HWC, so the update runs sgd_qas_update with
// layout 1 (see `StepBuilder.updateLayout`). The golden closures are the ops
// QuantizedModel.trainStep calls for a depthwise layer.

import FQTGolden

extension StepBuilder {
  static func depthwiseGeometry(_ s: DepthwiseConv2DShape) -> [(name: String, field: StepArg)] {
    [("in_h", .value(Int32(s.inH))), ("in_w", .value(Int32(s.inW))), ("channels", .value(Int32(s.channels))),
     ("out_h", .value(Int32(s.outH))), ("out_w", .value(Int32(s.outW))), ("k_h", .value(Int32(s.kH))),
     ("k_w", .value(Int32(s.kW))), ("stride_h", .value(Int32(s.strideH))), ("stride_w", .value(Int32(s.strideW))),
     ("pad_h", .value(Int32(s.padH))), ("pad_w", .value(Int32(s.padW)))]
  }

  /// dwconv_fwd of layer `li`: `x` → `y` and the ReLU/clamp mask.
  static func depthwiseForwardOp(
    _ b: inout ProgramBuilder, _ q: QuantizedModel, layer li: Int, shape s: DepthwiseConv2DShape, x: String,
    y: String, weights w: String, bias bb: String, tag: String
  ) {
    let quant = q.layers[li]!.quant
    let m = "mask\(li)"
    b.op(
      "dwconv_fwd L\(li)\(tag)", kernel: "dwconv_fwd", layer: li, phase: "forward", reads: [x, w, bb, "qM\(li)", "qS\(li)"],
      writes: [y, m], macs: dwMACs(s),
      binding: KernelBinding(
        kernel: "dwconv_fwd",
        args: [("input", .buffer(x)), ("weights", .buffer(w)), ("bias", .buffer(bb)), ("output", .buffer(y)),
               ("mask", .buffer(m))] + depthwiseGeometry(s)
          + [("input_zp", .value(quant.inputZeroPoint)), ("output_zp", .value(quant.outputZeroPoint)),
             ("multipliers", .buffer("qM\(li)")), ("shifts", .buffer("qS\(li)")),
             ("act_min", .value(quant.activationMin)), ("act_max", .value(quant.activationMax))],
        scratchBytes: 0)
    ) { st in
      let r = try depthwiseConv2d(input: try st.s8(x), weights: try st.s8(w), bias: try st.s32(bb), shape: s, quant: quant)
      try st.set(y, s8: r.output)
      try st.set(m, u8: r.mask)
    }
  }

  /// dwconv_bwd of layer `li` on its masked error `e`: g_W into `gW` (nil: not computed), g_b into
  /// `gB` (nil: not computed), g_x = Wᵀe with the weights before the update into `gX` (nil: not
  /// computed); channels off in `active` contribute nothing.
  static func depthwiseGradientOp(
    _ b: inout ProgramBuilder, _ q: QuantizedModel, layer li: Int, shape s: DepthwiseConv2DShape, error e: String,
    input x: String, weights w: String, gW: String?, gB: String?, gX: String?, active: String?,
    activeArg: StepArg, activeList: @escaping (TensorStore) throws -> [Bool]?
  ) {
    let writes = [gW, gB, gX].compactMap { $0 }
    guard !writes.isEmpty else { return }
    let zx = q.layers[li]!.quant.inputZeroPoint
    b.op(
      "dwconv_bwd L\(li)", kernel: "dwconv_bwd", layer: li, phase: "backward",
      reads: [e, x, w] + (active.map { [$0] } ?? []), writes: writes,
      macs: (gX == nil ? 0 : dwMACs(s)) + (gW == nil ? 0 : dwMACs(s)),
      binding: KernelBinding(
        kernel: "dwconv_bwd",
        args: [("error", .buffer(e)), ("input", .buffer(x)), ("weights", .buffer(w)),
               ("grad_input", gX.map { .buffer($0) } ?? .null), ("grad_weights", gW.map { .buffer($0) } ?? .null),
               ("grad_bias", gB.map { .buffer($0) } ?? .null), ("active", activeArg)]
          + depthwiseGeometry(s) + [("input_zp", .value(zx))],
        scratchBytes: 0)
    ) { st in
      let ev = try st.s8(e)
      let al = try activeList(st)
      if let gW {
        try st.set(gW, s32: try depthwiseConv2dWeightGrad(
          error: ev, input: try st.s8(x), inputZeroPoint: zx, shape: s, activeChannels: al))
      }
      if let gB { try st.set(gB, s32: try biasGrad(error: ev, channels: s.channels, activeChannels: al)) }
      if let gX {
        try st.set(gX, s32: try depthwiseConv2dInputGrad(error: ev, weights: try st.s8(w), shape: s, activeChannels: al))
      }
    }
  }

  /// sgd_qas_update's `layout` field for a layer's weights: 0 OHWI/OI, 1 depthwise 1HWC.
  static func updateLayout(_ l: LayerSpec) -> Int32 { l.weightLayout == .channelInner ? 1 : 0 }
}
