// Builds the StepProgram of a model (conv2d / depthwise conv2d / max pool / global average pool /
// FC / residual add, the layers of FQTGolden's ModelSpec) for one training method. The op order mirrors
// QuantizedModel.trainStep (backpropagation methods) and QuantizedModel.zoTrainStep (zeroth
// order) exactly; StepRunner checks the result against those functions after every step.
//
// Kernel bindings exist for every op with a Thumb-2 kernel: conv2d_fwd, dwconv_fwd, fc_fwd, maxpool_fwd,
// avgpool_fwd (global), ce_loss (which also keeps the running max loss), softmax_ce_grad,
// relu_mask_bwd, topk_select, conv_wgrad, conv_bwd, dwconv_bwd, fc_bwd, requant_grad, sgd_qas_update,
// zo_perturb, zo_accumulate. Ops without a kernel run the golden model on the host and are
// reported as "host (no kernel yet)": maxpool_bwd, avgpool_bwd, mask_grad_s32 (the int32 input
// gradient masked by the previous ReLU, through a max pool's argmax) and the residual add's
// elementwise_add and residual_error_sum (StepBuilder+Residual.swift). Scalar bookkeeping that
// firmware does in C between calls (f = 7, f −= sh, saving a ZO query's generator state,
// ΔL = L_q − L_0, zeroing the ZO accumulators) is "glue": on the host, untimed.

import FQTGolden
import Foundation

public enum TrainMethod: String, CaseIterable, Codable, Sendable {
  case sgd, qas, sparse, partial, zo
  public var title: String {
    switch self {
    case .sgd: return "int8 SGD (no QAS)"
    case .qas: return "int8 SGD + QAS"
    case .sparse: return "QAS, static sparse update"
    case .partial: return "QAS, dynamic partial update"
    case .zo: return "zeroth-order (forward only)"
    }
  }
}

/// Hyper-parameters; the defaults are `cmemu golden-train`'s, so the two commands agree.
public struct TrainConfig {
  public var method: TrainMethod
  public var seed: UInt32 = 1
  public var learningRate: Double = 0.1
  public var zoLearningRate: Double = 0.3
  public var queries: Int = 4
  public var zoLayers: [Int]? = nil
  public var rounding: RoundingMode = .stochastic
  public var lambdaMin: Double = 0.25
  public var lambdaMax: Double = 1.0
  public init(method: TrainMethod) { self.method = method }

  var partialOptions: PartialUpdateOptions {
    PartialUpdateOptions(
      lambdaMinQ16: Int32((lambdaMin * 65536).rounded()), lambdaMaxQ16: Int32((lambdaMax * 65536).rounded()))
  }

  /// The golden model's options for the BP methods.
  func trainOptions(model: QuantizedModel, sparsePlan: SparseUpdatePlan?) -> TrainOptions {
    var o = TrainOptions(learningRate: learningRate, qas: method != .sgd, rounding: rounding)
    if method == .sparse { o.sparse = sparsePlan }
    if method == .partial { o.partial = partialOptions }
    return o
  }

  func zoOptions() -> ZOOptions {
    ZOOptions(learningRate: zoLearningRate, queries: queries, layers: zoLayers, rounding: .stochastic)
  }
}

struct ProgramBuilder {
  var buffers: [BufferDecl] = []
  var ops: [StepOp] = []
  var initial: [String: [UInt8]] = [:]
  var names = Set<String>()

  mutating func buf(
    _ name: String, _ type: ElementType, _ count: Int, _ role: String, placement: Placement = .sram,
    persistent: Bool = false, stepInput: Bool = false, initial bytes: [UInt8]? = nil
  ) {
    precondition(!names.contains(name), "duplicate buffer \(name)")
    names.insert(name)
    buffers.append(
      BufferDecl(
        name: name, type: type, count: max(count, 1), placement: placement, persistent: persistent,
        stepInput: stepInput, role: role))
    if let b = bytes { initial[name] = b }
  }

  mutating func op(
    _ label: String, kernel: String, layer: Int?, phase: String, reads: [String], writes: [String],
    macs: Int = 0, binding: KernelBinding? = nil, glue: Bool = false,
    golden: @escaping (TensorStore) throws -> Void
  ) {
    ops.append(
      StepOp(
        label: label, kernel: kernel, layer: layer, phase: phase, reads: reads, writes: writes,
        macs: macs, binding: binding, isGlue: glue, golden: golden))
  }
}

func geometry(_ s: Conv2DShape) -> [(name: String, field: StepArg)] {
  [("in_h", .value(Int32(s.inH))), ("in_w", .value(Int32(s.inW))), ("in_c", .value(Int32(s.inC))),
   ("out_h", .value(Int32(s.outH))), ("out_w", .value(Int32(s.outW))), ("out_c", .value(Int32(s.outC))),
   ("k_h", .value(Int32(s.kH))), ("k_w", .value(Int32(s.kW))), ("stride_h", .value(Int32(s.strideH))),
   ("stride_w", .value(Int32(s.strideW))), ("pad_h", .value(Int32(s.padH))), ("pad_w", .value(Int32(s.padW)))]
}

func poolGeometry(_ s: PoolShape) -> [(name: String, field: StepArg)] {
  [("in_h", .value(Int32(s.inH))), ("in_w", .value(Int32(s.inW))), ("channels", .value(Int32(s.channels))),
   ("out_h", .value(Int32(s.outH))), ("out_w", .value(Int32(s.outW))), ("k_h", .value(Int32(s.kH))),
   ("k_w", .value(Int32(s.kW))), ("stride_h", .value(Int32(s.strideH))), ("stride_w", .value(Int32(s.strideW))),
   ("pad_h", .value(Int32(s.padH))), ("pad_w", .value(Int32(s.padW)))]
}

func softmaxArgs(_ p: SoftmaxParameters) -> [(name: String, field: StepArg)] {
  [("multiplier", .value(p.multiplier)), ("left_shift", .value(p.leftShift)), ("diff_min", .value(p.diffMin))]
}

func align4(_ n: Int) -> Int { (n + 3) & ~3 }
func align2(_ n: Int) -> Int { (n + 1) & ~1 }

public enum StepBuilder {
  /// The program of `cfg.method` for `model` (its current parameters become the initial contents).
  public static func build(model q: QuantizedModel, config cfg: TrainConfig, sparsePlan: SparseUpdatePlan? = nil)
    throws -> StepProgram
  {
    return cfg.method == .zo ? try buildZO(q, cfg) : try buildBP(q, cfg, sparsePlan)
  }

  // MARK: Shared pieces

  /// Parameters and their constants: forward requantization (flash), update multipliers (flash).
  static func declareParameters(
    _ b: inout ProgramBuilder, _ q: QuantizedModel, weightsWritten: (Int) -> Bool, biasWritten: (Int) -> Bool
  ) {
    for (li, p) in q.layers.enumerated() {
      guard let p else { continue }
      b.buf("W\(li)", .s8, p.weights.count, "weights L\(li)",
        placement: weightsWritten(li) ? .sram : .flash, persistent: true,
        initial: p.weights.map { UInt8(bitPattern: $0) })
      b.buf("B\(li)", .s32, p.bias.count, "bias L\(li)", placement: biasWritten(li) ? .sram : .flash,
        persistent: true, initial: le32(p.bias))
      b.buf("qM\(li)", .s32, p.quant.multipliers.count, "requant multipliers L\(li)", placement: .flash,
        persistent: true, initial: le32(p.quant.multipliers))
      b.buf("qS\(li)", .s32, p.quant.shifts.count, "requant shifts L\(li)", placement: .flash,
        persistent: true, initial: le32(p.quant.shifts))
    }
  }

  /// Forward ops of every layer; `weights(li)`/`bias(li)` name the parameter buffers used.
  /// Activation buffers: "x" (input), "y<li>" (layer li's output), "mask<li>", "argmax<li>".
  static func declareActivations(_ b: inout ProgramBuilder, _ spec: ModelSpec) {
    for (li, l) in spec.layers.enumerated() {
      b.buf("y\(li)", .s8, l.outputCount, li == spec.layers.count - 1 ? "logits" : "activation L\(li)")
      if l.hasParameters || l.isResidualAdd { b.buf("mask\(li)", .u8, maskByteCount(l.outputCount), "forward mask L\(li)") }
      if case .maxPool = l { b.buf("argmax\(li)", .s32, l.outputCount, "max pool argmax L\(li)") }
    }
  }

  static func forwardOps(
    _ b: inout ProgramBuilder, _ q: QuantizedModel, weights: (Int) -> String, bias: (Int) -> String,
    tag: String = ""
  ) {
    let spec = q.spec
    for (li, l) in spec.layers.enumerated() {
      let x = li == 0 ? "x" : "y\(li - 1)"
      let y = "y\(li)"
      switch l {
      case let .conv2d(s, _):
        let p = q.layers[li]!
        let (w, bb, m) = (weights(li), bias(li), "mask\(li)")
        let quant = p.quant
        // FQT_CONV2D_FWD_SCRATCH (the arena of the fastest path: im2col, sliding window or Winograd)
        let scratch = conv2dFwdScratchBytes(s)
        b.op(
          "conv2d_fwd L\(li)\(tag)", kernel: "conv2d_fwd", layer: li, phase: "forward", reads: [x, w, bb, "qM\(li)", "qS\(li)"],
          writes: [y, m], macs: convMACs(s),
          binding: KernelBinding(
            kernel: "conv2d_fwd",
            args: [("input", .buffer(x)), ("weights", .buffer(w)), ("bias", .buffer(bb)), ("output", .buffer(y)),
                   ("mask", .buffer(m))] + geometry(s)
              + [("input_zp", .value(quant.inputZeroPoint)), ("output_zp", .value(quant.outputZeroPoint)),
                 ("multipliers", .buffer("qM\(li)")), ("shifts", .buffer("qS\(li)")),
                 ("act_min", .value(quant.activationMin)), ("act_max", .value(quant.activationMax)),
                 ("scratch", .scratch), ("scratch_size", .scratchSize)],
            scratchBytes: scratch)
        ) { st in
          let r = try conv2d(input: try st.s8(x), weights: try st.s8(w), bias: try st.s32(bb), shape: s, quant: quant)
          try st.set(y, s8: r.output)
          try st.set(m, u8: r.mask)
        }
      case let .fullyConnected(s):
        let p = q.layers[li]!
        let (w, bb, m) = (weights(li), bias(li), "mask\(li)")
        let quant = p.quant
        b.op(
          "fc_fwd L\(li)\(tag)", kernel: "fc_fwd", layer: li, phase: "forward", reads: [x, w, bb, "qM\(li)", "qS\(li)"],
          writes: [y, m], macs: s.inC * s.outC,
          binding: KernelBinding(
            kernel: "fc_fwd",
            args: [("input", .buffer(x)), ("weights", .buffer(w)), ("bias", .buffer(bb)), ("output", .buffer(y)),
                   ("mask", .buffer(m)), ("in_c", .value(Int32(s.inC))), ("out_c", .value(Int32(s.outC))),
                   ("input_zp", .value(quant.inputZeroPoint)), ("output_zp", .value(quant.outputZeroPoint)),
                   ("multipliers", .buffer("qM\(li)")), ("shifts", .buffer("qS\(li)")),
                   ("act_min", .value(quant.activationMin)), ("act_max", .value(quant.activationMax)),
                   ("scratch", .scratch), ("scratch_size", .scratchSize)],
            scratchBytes: 2 * align4(s.inC))
        ) { st in
          let r = try fullyConnected(input: try st.s8(x), weights: try st.s8(w), bias: try st.s32(bb), shape: s, quant: quant)
          try st.set(y, s8: r.output)
          try st.set(m, u8: r.mask)
        }
      case let .maxPool(s):
        let a = "argmax\(li)"
        b.op(
          "maxpool_fwd L\(li)\(tag)", kernel: "maxpool_fwd", layer: li, phase: "forward", reads: [x], writes: [y, a],
          binding: KernelBinding(
            kernel: "maxpool_fwd",
            args: [("input", .buffer(x)), ("output", .buffer(y)), ("argmax", .buffer(a))] + poolGeometry(s),
            scratchBytes: 0)
        ) { st in
          let r = try maxPool(input: try st.s8(x), shape: s)
          try st.set(y, s8: r.output)
          try st.set(a, s32: r.argmax)
        }
      case let .depthwiseConv2d(s, _):
        depthwiseForwardOp(&b, q, layer: li, shape: s, x: x, y: y, weights: weights(li), bias: bias(li), tag: tag)
      case let .residualAdd(from, _, _, _):
        residualAddForwardOp(&b, q, layer: li, skipFrom: from, x: x, y: y, tag: tag)
      case let .globalAvgPool(h, w, c):
        b.op(
          "avgpool_fwd L\(li)\(tag)", kernel: "avgpool_fwd", layer: li, phase: "forward", reads: [x], writes: [y],
          binding: KernelBinding(
            kernel: "avgpool_fwd",
            args: [("input", .buffer(x)), ("output", .buffer(y))] + poolGeometry(.global(inH: h, inW: w, channels: c))
              + [("act_min", .value(-128)), ("act_max", .value(127))],
            scratchBytes: 0)
        ) { st in
          try st.set(y, s8: try globalAvgPool(input: try st.s8(x), inH: h, inW: w, channels: c))
        }
      }
    }
  }

  /// CE loss (Q16) of the logits into one word of `out` (element `index`); with `maxLoss`, the
  /// kernel also keeps the largest loss seen so far there (the dynamic partial update's ε).
  static func lossOp(
    _ b: inout ProgramBuilder, _ q: QuantizedModel, out: String, index: Int = 0, maxLoss: String? = nil, tag: String = ""
  ) {
    let logits = "y\(q.spec.layers.count - 1)"
    let sp = q.softmaxParameters
    let n = q.spec.layers.last!.outputCount
    b.op(
      "ce_loss\(tag)", kernel: "ce_loss", layer: nil, phase: "loss",
      reads: [logits, "label", out] + (maxLoss.map { [$0] } ?? []), writes: [out] + (maxLoss.map { [$0] } ?? []),
      binding: KernelBinding(
        kernel: "ce_loss",
        args: [("logits", .buffer(logits)), ("n", .value(Int32(n))), ("label", .word("label"))] + softmaxArgs(sp)
          + [("loss", .buffer(out, offset: 4 * index)), ("max_loss", maxLoss.map { .buffer($0) } ?? .null)],
        scratchBytes: 0)
    ) { st in
      let l = try crossEntropyLossQ16(logits: try st.s8(logits), label: Int(try st.word("label")), parameters: sp)
      var v = try st.s32(out)
      v[index] = l
      try st.set(out, s32: v)
      if let m = maxLoss { try st.setWord(m, max(try st.word(m), l)) }
    }
  }

  // MARK: Backpropagation methods

  static func buildBP(_ q: QuantizedModel, _ cfg: TrainConfig, _ sparseIn: SparseUpdatePlan?) throws -> StepProgram {
    let spec = q.spec
    let L = spec.layers.count
    let sparse: SparseUpdatePlan? =
      cfg.method == .sparse
      ? try (sparseIn ?? SparseUpdatePlan(model: q, requests: sparseScheme(for: spec)))
      : nil
    let opts = cfg.trainOptions(model: q, sparsePlan: sparse)
    let rules: [SparseLayerRule] = sparse?.layers ?? spec.layers.map { $0.hasParameters ? .full : .frozen }
    let lowest = sparse?.lowestUpdatedLayer ?? 0
    let mode = cfg.rounding
    var b = ProgramBuilder()
    declareParameters(&b, q, weightsWritten: { rules[$0].updatesWeights }, biasWritten: { rules[$0].updatesBias })
    b.buf("x", .s8, spec.inputH * spec.inputW * spec.inputC, "input sample", stepInput: true)
    b.buf("label", .s32, 1, "label", stepInput: true)
    b.buf("rng", .s32, 1, "xorshift32 state", persistent: true, initial: le32([Int32(bitPattern: cfg.seed ^ 0x5EED_0001)]))
    b.buf("f", .s32, 1, "error exponent f")
    declareActivations(&b, spec)
    let partial = cfg.method == .partial
    if partial {
      b.buf("loss", .s32, 1, "loss Q16")
      b.buf("max_loss", .s32, 1, "largest loss Q16 so far", persistent: true, initial: le32([0]))
    }
    // Update multipliers (flash constants).
    var uw = [Int: UpdateMultipliers](), ub = [Int: UpdateMultipliers]()
    for (li, p) in q.layers.enumerated() {
      guard let p, rules[li] != .frozen else { continue }
      let (w, bb) = q.updateMultipliers(p, opts)
      (uw[li], ub[li]) = (w, bb)
      for (n, v) in [("uwM\(li)", w.multipliers), ("uwS\(li)", w.shifts), ("ubM\(li)", bb.multipliers), ("ubS\(li)", bb.shifts)] {
        b.buf(n, .s32, v.count, "update multipliers L\(li)", placement: .flash, persistent: true, initial: le32(v))
      }
    }

    forwardOps(&b, q, weights: { "W\($0)" }, bias: { "B\($0)" })
    let logits = "y\(L - 1)"
    // Loss and error at the logits.
    for li in 0..<L { b.buf("err\(li)", .s8, spec.layers[li].outputCount, "error at L\(li)'s output") }
    if partial { lossOp(&b, q, out: "loss", maxLoss: "max_loss") }
    let sp = q.softmaxParameters
    let nLogits = spec.layers[L - 1].outputCount
    b.buf("probs", .s8, nLogits, "softmax probabilities")
    b.op(
      "softmax_ce_grad", kernel: "softmax_ce_grad", layer: nil, phase: "loss", reads: [logits, "label"],
      writes: ["probs", "err\(L - 1)"],
      binding: KernelBinding(
        kernel: "softmax_ce_grad",
        args: [("logits", .buffer(logits)), ("probs", .buffer("probs")), ("error", .buffer("err\(L - 1)")),
               ("n", .value(Int32(nLogits))), ("label", .word("label"))] + softmaxArgs(sp),
        scratchBytes: 0)
    ) { st in
      let lg = try st.s8(logits)
      let p = try softmax(input: lg, rows: 1, rowSize: lg.count, parameters: sp)
      try st.set("probs", s8: p)
      try st.set("err\(L - 1)", s8: try softmaxCrossEntropyError(probabilities: p, label: Int(try st.word("label"))).values)
    }
    b.op("f = 7", kernel: "glue", layer: nil, phase: "loss", reads: [], writes: ["f"], glue: true) { st in
      try st.setWord("f", 7)
    }

    for li in stride(from: L - 1, through: lowest, by: -1) {
      let e = "err\(li)"
      let x = li == 0 ? "x" : "y\(li - 1)"
      let needInputGrad = li > lowest
      let l = spec.layers[li]
      switch l {
      case .maxPool(let s):
        let a = "argmax\(li)"
        b.op("maxpool_bwd L\(li)", kernel: "maxpool_bwd", layer: li, phase: "backward", reads: [e, a], writes: ["err\(li - 1)"]) { st in
          try st.set("err\(li - 1)", s8: try maxPoolInputGradInt8(error: try st.s8(e), argmax: try st.s32(a), shape: s))
        }
        continue
      case let .globalAvgPool(h, w, _):
        b.op("avgpool_bwd L\(li)", kernel: "avgpool_bwd", layer: li, phase: "backward", reads: [e], writes: ["err\(li - 1)"]) { st in
          try st.set("err\(li - 1)", s8: try globalAvgPoolInputGrad(error: try st.s8(e), inH: h, inW: w))
        }
        continue
      case let .residualAdd(_, h, w, c):
        residualAddBackwardOps(&b, layer: li, count: h * w * c)
        continue
      default: break
      }
      let p = q.layers[li]!
      let C = p.bias.count
      let rule = rules[li]
      let (w, bias, m) = ("W\(li)", "B\(li)", "mask\(li)")
      let n = l.outputCount
      // 1. mask the error with the layer's forward mask (in place).
      b.op(
        "relu_mask_bwd L\(li)", kernel: "relu_mask_bwd", layer: li, phase: "backward", reads: [e, m], writes: [e],
        binding: KernelBinding(
          kernel: "relu_mask_bwd",
          args: [("input", .buffer(e)), ("mask", .buffer(m)), ("output", .buffer(e)), ("count", .value(Int32(n)))],
          scratchBytes: 0)
      ) { st in try st.set(e, s8: try applyMask(try st.s8(e), mask: try st.u8(m))) }
      // 2. dynamic partial update: top-k channels by Σ|e|.
      var active: String? = nil
      if partial {
        let a = "active\(li)"
        active = a
        b.buf(a, .u8, maskByteCount(C), "active channels L\(li)")
        let po = cfg.partialOptions
        b.op(
          "topk_select L\(li)", kernel: "topk_select", layer: li, phase: "backward", reads: [e, "loss", "max_loss"], writes: [a],
          binding: KernelBinding(
            kernel: "topk_select",
            args: [("error", .buffer(e)), ("positions", .value(Int32(n / C))), ("channels", .value(Int32(C))),
                   ("lambda_min", .value(po.lambdaMinQ16)), ("lambda_max", .value(po.lambdaMaxQ16)),
                   ("loss", .word("loss")), ("max_loss", .word("max_loss")), ("active", .buffer(a)), ("k_out", .null),
                   ("scratch", .scratch), ("scratch_size", .scratchSize)],
            scratchBytes: 4 * C)
        ) { st in
          let k = try dynamicPartialK(
            channels: C, lambdaMinQ16: po.lambdaMinQ16, lambdaMaxQ16: po.lambdaMaxQ16,
            lossQ16: try st.word("loss"), maxLossQ16: try st.word("max_loss"))
          try st.set(a, u8: packMask(topK(scores: try channelScores(error: try st.s8(e), channels: C), k: k)))
        }
      }
      let activeArg: StepArg = active.map { .maskOrNull($0, channels: C) } ?? .null
      func activeList(_ st: TensorStore) throws -> [Bool]? { try active.map { unpackMask(try st.u8($0), C) } }
      let gW = "gW\(li)", gB = "gB\(li)", gX = "gX\(li)"
      // A bias-only conv still gets g_W from conv_wgrad (no bias-only kernel); FC and depthwise skip it.
      let wantW = rule.updatesWeights || (rule == .biasOnly && l.isConv)
      if wantW { b.buf(gW, .s32, p.weights.count, "weight gradient L\(li)") }
      if rule.updatesBias { b.buf(gB, .s32, C, "bias gradient L\(li)") }
      if needInputGrad { b.buf(gX, .s32, l.inputCount, "input gradient L\(li) (int32)") }
      // 3./4. gradients.
      switch l {
      case let .conv2d(s, _):
        // g_x before g_W (both read the same e, x and old W; neither draws from the generator): the
        // int32 g_W is then not yet live during conv_bwd's arena, which sets mbv2-tail's peak SRAM.
        if needInputGrad {
          b.op(
            "conv_bwd L\(li)", kernel: "conv_bwd", layer: li, phase: "backward",
            reads: [e, w] + (active.map { [$0] } ?? []), writes: [gX], macs: convMACs(s),
            binding: KernelBinding(
              kernel: "conv_bwd",
              args: [("error", .buffer(e)), ("weights", .buffer(w)), ("grad_input", .buffer(gX)), ("active", activeArg)]
                + geometry(s) + [("scratch", .scratch), ("scratch_size", .scratchSize)],
              scratchBytes: convBwdScratch(s))  // FQT_CONV_BWD_SCRATCH
          ) { st in
            try st.set(gX, s32: try conv2dInputGrad(error: try st.s8(e), weights: try st.s8(w), shape: s, activeChannels: try activeList(st)))
          }
        }
        if rule.updatesBias {
          let zx = p.quant.inputZeroPoint
          b.op(
            "conv_wgrad L\(li)", kernel: "conv_wgrad", layer: li, phase: "backward",
            reads: [e, x] + (active.map { [$0] } ?? []), writes: [gW, gB], macs: convMACs(s),
            binding: KernelBinding(
              kernel: "conv_wgrad",
              args: [("error", .buffer(e)), ("input", .buffer(x)), ("grad_weights", .buffer(gW)),
                     ("grad_bias", .buffer(gB)), ("active", activeArg)] + geometry(s)
                + [("input_zp", .value(zx)), ("scratch", .scratch), ("scratch_size", .scratchSize)],
              scratchBytes: convWgradScratch(s))  // FQT_CONV_WGRAD_SCRATCH
          ) { st in
            let ev = try st.s8(e)
            let al = try activeList(st)
            try st.set(gW, s32: try conv2dWeightGrad(error: ev, input: try st.s8(x), inputZeroPoint: zx, shape: s, activeChannels: al))
            try st.set(gB, s32: try biasGrad(error: ev, channels: C, activeChannels: al))
          }
        }
      case let .fullyConnected(s):
        let zx = p.quant.inputZeroPoint
        var writes = [String]()
        if rule.updatesWeights { writes.append(gW) }
        if rule.updatesBias { writes.append(gB) }
        if needInputGrad { writes.append(gX) }
        if !writes.isEmpty {
          let macs = (needInputGrad ? s.inC * s.outC : 0) + (rule.updatesWeights ? s.inC * s.outC : 0)
          b.op(
            "fc_bwd L\(li)", kernel: "fc_bwd", layer: li, phase: "backward",
            reads: [e, x, w] + (active.map { [$0] } ?? []), writes: writes, macs: macs,
            binding: KernelBinding(
              kernel: "fc_bwd",
              args: [("error", .buffer(e)), ("input", .buffer(x)), ("weights", .buffer(w)),
                     ("grad_input", needInputGrad ? .buffer(gX) : .null),
                     ("grad_weights", rule.updatesWeights ? .buffer(gW) : .null),
                     ("grad_bias", rule.updatesBias ? .buffer(gB) : .null), ("active", activeArg),
                     ("in_c", .value(Int32(s.inC))), ("out_c", .value(Int32(s.outC))), ("input_zp", .value(zx)),
                     ("scratch", .scratch), ("scratch_size", .scratchSize)],
              scratchBytes: 2 * (align2(s.outC) + align2(s.inC)))
          ) { st in
            let ev = try st.s8(e)
            let al = try activeList(st)
            if needInputGrad {
              try st.set(gX, s32: try fullyConnectedInputGrad(error: ev, weights: try st.s8(w), shape: s, activeChannels: al))
            }
            if rule.updatesWeights {
              try st.set(gW, s32: try fullyConnectedWeightGrad(error: ev, input: try st.s8(x), inputZeroPoint: zx, shape: s, activeChannels: al))
            }
            if rule.updatesBias { try st.set(gB, s32: try biasGrad(error: ev, channels: C, activeChannels: al)) }
          }
        }
      case let .depthwiseConv2d(s, _):
        depthwiseGradientOp(
          &b, q, layer: li, shape: s, error: e, input: x, weights: w, gW: rule.updatesWeights ? gW : nil,
          gB: rule.updatesBias ? gB : nil, gX: needInputGrad ? gX : nil, active: active, activeArg: activeArg,
          activeList: activeList)
      default: break
      }
      // 5. the update, in place, after g_x used the old weights.
      if rule.updatesBias {
        let uW = uw[li]!, uB = ub[li]!
        var ic: [Bool]? = nil
        if case let .weights(flags) = rule, flags.contains(false) { ic = flags }
        let inputMask = ic
        let updW = rule.updatesWeights
        // Static sparse update: the input channels to update, packed (a flash constant).
        var activeIn: String? = nil
        if updW, let flags = ic {
          activeIn = "activeIn\(li)"
          b.buf(activeIn!, .u8, maskByteCount(flags.count), "sparse update input channels L\(li)", placement: .flash,
            persistent: true, initial: packMask(flags))
        }
        let per = p.weights.count / C
        let layout = l.weightLayout
        let inC: Int
        switch l {
        case let .conv2d(s, _): inC = s.inC
        case let .fullyConnected(s): inC = s.inC
        default: inC = per
        }
        b.op(
          "sgd_qas_update L\(li)", kernel: "sgd_qas_update", layer: li, phase: "update",
          reads: (updW ? [gW, w] : []) + [gB, bias, "f", "rng", "uwM\(li)", "uwS\(li)", "ubM\(li)", "ubS\(li)"]
            + (active.map { [$0] } ?? []) + (activeIn.map { [$0] } ?? []),
          writes: (updW ? [w] : []) + [bias, "rng"],
          binding: KernelBinding(
            kernel: "sgd_qas_update",
            args: [("weights", updW ? .buffer(w) : .null), ("grad_weights", updW ? .buffer(gW) : .null),
                   ("bias", .buffer(bias)), ("grad_bias", .buffer(gB)), ("channels", .value(Int32(C))),
                   ("per_channel", .value(Int32(per))), ("layout", .value(updateLayout(l))),
                   ("w_multipliers", .buffer("uwM\(li)")), ("w_shifts", .buffer("uwS\(li)")),
                   ("b_multipliers", .buffer("ubM\(li)")), ("b_shifts", .buffer("ubS\(li)")),
                   ("grad_exp", .word("f")), ("mode", .value(mode == .nearest ? 0 : 1)), ("rng_state", .buffer("rng")),
                   ("active", activeArg), ("active_in", activeIn.map { .buffer($0) } ?? .null),
                   ("in_c", .value(Int32(inC))), ("scratch", .scratch), ("scratch_size", .scratchSize)],
            scratchBytes: activeIn == nil ? 0 : align4(per))
        ) { st in
          var rng = try st.rng("rng")
          let f = try st.word("f")
          let al = try activeList(st)
          if updW {
            try st.set(w, s8: try sgdUpdateWeights(
              weights: try st.s8(w), gradient: try st.s32(gW), channels: C, layout: layout, update: uW, gradientExponent: f,
              mode: mode, rng: &rng, activeChannels: al, activeInputChannels: inputMask))
          }
          try st.set(bias, s32: try sgdUpdateBias(
            bias: try st.s32(bias), gradient: try st.s32(gB), update: uB, gradientExponent: f, mode: mode, rng: &rng,
            activeChannels: al))
          try st.setRng("rng", rng)
        }
      }
      // 6. mask g_x by the previous ReLU (through a max pool's argmax) and requantize.
      guard needInputGrad else { continue }
      residualMergeOp(&b, q, layer: li, gX: gX)
      var prevMask: ((TensorStore) throws -> [UInt8])? = nil
      var maskReads = [String]()
      // (QuantizedModel.previousMask: any ReLU layer, conv or depthwise.)
      if spec.layers[li - 1].hasReLU {
        prevMask = { try $0.u8("mask\(li - 1)") }
        maskReads = ["mask\(li - 1)"]
      } else if case .maxPool = spec.layers[li - 1], li >= 2, spec.layers[li - 2].hasReLU {
        prevMask = { st in maxPoolMask(mask: try st.u8("mask\(li - 2)"), argmax: try st.s32("argmax\(li - 1)")) }
        maskReads = ["mask\(li - 2)", "argmax\(li - 1)"]
      }
      if let pm = prevMask {
        b.op("mask_grad_s32 L\(li)", kernel: "mask_grad_s32", layer: li, phase: "backward", reads: [gX] + maskReads, writes: [gX]) { st in
          try st.set(gX, s32: try applyMask(try st.s32(gX), mask: try pm(st)))
        }
      }
      let sh = "sh\(li)"
      b.buf(sh, .s32, 1, "requant shift L\(li)")
      let ePrev = "err\(li - 1)"
      b.op(
        "requant_grad L\(li)", kernel: "requant_grad", layer: li, phase: "backward", reads: [gX, "rng"], writes: [ePrev, sh, "rng"],
        binding: KernelBinding(
          kernel: "requant_grad",
          args: [("grad", .buffer(gX)), ("output", .buffer(ePrev)), ("count", .value(Int32(l.inputCount))),
                 ("mode", .value(mode == .nearest ? 0 : 1)), ("rng_state", .buffer("rng")), ("shift_out", .buffer(sh))],
          scratchBytes: 0)
      ) { st in
        var rng = try st.rng("rng")
        let (v, s) = requantGrad(try st.s32(gX), mode: mode, rng: &rng)
        try st.set(ePrev, s8: v)
        try st.setWord(sh, s)
        try st.setRng("rng", rng)
      }
      b.op("f -= sh L\(li)", kernel: "glue", layer: li, phase: "backward", reads: ["f", sh], writes: ["f"], glue: true) { st in
        try st.setWord("f", try st.word("f") - st.word(sh))
      }
    }

    var notes = [String]()
    switch cfg.method {
    case .sgd: notes.append("plain int8 SGD: update multipliers without QAS")
    case .qas: notes.append("int8 SGD with QAS multipliers")
    case .sparse:
      notes.append("static sparse scheme (MCUNetV3-style): " + rules.enumerated().map { (li, r) -> String in
        switch r {
        case .frozen: return "L\(li) frozen"
        case .biasOnly: return "L\(li) bias only"
        case let .weights(ic): return ic.contains(false) ? "L\(li) weights on \(ic.filter { $0 }.count)/\(ic.count) input ch. + bias" : "L\(li) full"
        }
      }.joined(separator: ", "))
      notes.append("a bias-only conv layer runs conv_wgrad and discards g_W (no bias-only kernel); frozen weights stay in flash")
    case .partial: notes.append("dynamic partial update, λ \(cfg.lambdaMin)…\(cfg.lambdaMax); MACs are the dense counts")
    case .zo: break
    }
    notes.append("rounding \(mode == .nearest ? "nearest" : "stochastic"), lr \(cfg.learningRate) (constant)")
    let paramNames = q.layers.indices.filter { q.layers[$0] != nil }.map { (layer: $0, weights: "W\($0)", bias: "B\($0)") }
    let inputCount = spec.inputH * spec.inputW * spec.inputC
    return StepProgram(
      model: spec.name, method: cfg.method, buffers: b.buffers, ops: b.ops, initial: b.initial,
      writeInputs: { st, x, label, _ in
        precondition(x.count == inputCount)
        try? st.set("x", s8: x)
        try? st.setWord("label", Int32(label))
      }, parameterNames: paramNames, notes: notes)
  }

  // MARK: Zeroth order

  static func buildZO(_ q: QuantizedModel, _ cfg: TrainConfig) throws -> StepProgram {
    let spec = q.spec
    let o = cfg.zoOptions()
    let selected = o.layers ?? spec.layers.indices.filter { q.layers[$0] != nil }
    for li in selected where !(spec.layers.indices.contains(li) && q.layers[li] != nil) {
      throw HarnessError("zo: layer \(li) has no parameters to perturb")
    }
    let sel = Set(selected)
    let n = o.queries
    guard n >= 1 else { throw HarnessError("zo: need --queries ≥ 1") }
    let d = selected.reduce(0) { $0 + q.layers[$1]!.weights.count + q.layers[$1]!.bias.count }
    var b = ProgramBuilder()
    declareParameters(&b, q, weightsWritten: { sel.contains($0) }, biasWritten: { sel.contains($0) })
    b.buf("x", .s8, spec.inputH * spec.inputW * spec.inputC, "input sample", stepInput: true)
    b.buf("label", .s32, 1, "label", stepInput: true)
    b.buf("rng", .s32, 1, "xorshift32 state (seeded per step)", stepInput: true)
    b.buf("loss0", .s32, 1, "unperturbed loss Q16")
    b.buf("zo_losses", .s32, n, "perturbed losses Q16")
    b.buf("zo_states", .s32, n * selected.count, "generator state per query and layer")
    b.buf("zo_dl", .s32, n, "loss deltas L_q − L_0 (Q16)")
    declareActivations(&b, spec)
    for li in selected {
      let p = q.layers[li]!
      b.buf("Wp\(li)", .s8, p.weights.count, "perturbed weights L\(li)")
      b.buf("Bp\(li)", .s32, p.bias.count, "perturbed bias L\(li)")
      b.buf("gW\(li)", .s32, p.weights.count, "ZO weight gradient L\(li)")
      b.buf("gB\(li)", .s32, p.bias.count, "ZO bias gradient L\(li)")
    }
    forwardOps(&b, q, weights: { "W\($0)" }, bias: { "B\($0)" })
    lossOp(&b, q, out: "loss0")
    let (sw, sb) = (o.sigmaWeights, o.sigmaBias)
    for qi in 0..<n {
      for (k, li) in selected.enumerated() {
        let (w, bb, wp, bp) = ("W\(li)", "B\(li)", "Wp\(li)", "Bp\(li)")
        let p = q.layers[li]!
        let slot = qi * selected.count + k
        // The query's starting generator state, kept for zo_accumulate's replay (one word).
        b.op("zo_states[\(slot)] = rng", kernel: "glue", layer: li, phase: "zo", reads: ["rng", "zo_states"],
             writes: ["zo_states"], glue: true) { st in
          var states = try st.s32("zo_states")
          states[slot] = try st.word("rng")
          try st.set("zo_states", s32: states)
        }
        b.op("zo_perturb L\(li) q\(qi)", kernel: "zo_perturb", layer: li, phase: "zo",
             reads: [w, bb, "rng"], writes: [wp, bp, "rng"],
             binding: KernelBinding(
               kernel: "zo_perturb",
               args: [("weights", .buffer(w)), ("weights_out", .buffer(wp)), ("weight_count", .value(Int32(p.weights.count))),
                      ("sigma_w", .value(sw)), ("bias", .buffer(bb)), ("bias_out", .buffer(bp)),
                      ("bias_count", .value(Int32(p.bias.count))), ("sigma_b", .value(sb)), ("rng_state", .buffer("rng"))],
               scratchBytes: 0)
        ) { st in
          var rng = try st.rng("rng")
          try st.set(wp, s8: zoPerturbWeights(try st.s8(w), sigma: sw, rng: &rng))
          try st.set(bp, s32: zoPerturbBias(try st.s32(bb), sigma: sb, rng: &rng))
          try st.setRng("rng", rng)
        }
      }
      forwardOps(&b, q, weights: { sel.contains($0) ? "Wp\($0)" : "W\($0)" }, bias: { sel.contains($0) ? "Bp\($0)" : "B\($0)" }, tag: " q\(qi)")
      lossOp(&b, q, out: "zo_losses", index: qi, tag: " q\(qi)")
    }
    b.op("zo_dl = zo_losses − loss0", kernel: "glue", layer: nil, phase: "zo", reads: ["zo_losses", "loss0"],
         writes: ["zo_dl"], glue: true) { st in
      let l0 = try st.word("loss0")
      try st.set("zo_dl", s32: try st.s32("zo_losses").map { $0 &- l0 })
    }
    let common = o.learningRate / Double(n) * Double(n) / Double(n + d - 1) / 65536
    for (k, li) in selected.enumerated() {
      let p = q.layers[li]!
      let C = p.bias.count
      let (w, bb, gW, gB) = ("W\(li)", "B\(li)", "gW\(li)", "gB\(li)")
      b.op("memset(gW\(li), gB\(li), 0)", kernel: "glue", layer: li, phase: "zo", reads: [], writes: [gW, gB], glue: true) { st in
        try st.set(gW, s32: [Int32](repeating: 0, count: p.weights.count))
        try st.set(gB, s32: [Int32](repeating: 0, count: C))
      }
      for qi in 0..<n {
        let slot = qi * selected.count + k
        // Replays query qi's perturbation from its saved state (the kernel advances the saved word,
        // which is not needed afterwards).
        b.op("zo_accumulate L\(li) q\(qi)", kernel: "zo_accumulate", layer: li, phase: "zo",
             reads: ["zo_states", "zo_dl", gW, gB], writes: [gW, gB, "zo_states"],
             binding: KernelBinding(
               kernel: "zo_accumulate",
               args: [("grad_weights", .buffer(gW)), ("weight_count", .value(Int32(p.weights.count))),
                      ("grad_bias", .buffer(gB)), ("bias_count", .value(Int32(C))),
                      ("loss_delta", .wordAt("zo_dl", qi)), ("rng_state", .buffer("zo_states", offset: 4 * slot))],
               scratchBytes: 0)
        ) { st in
          var states = try st.s32("zo_states")
          let dl = try st.s32("zo_dl")[qi]
          var g = try st.s32(gW), h = try st.s32(gB)
          var replay = XorShift32(seed: UInt32(bitPattern: states[slot]))
          try zoAccumulate(&g, lossDelta: dl, rng: &replay)
          try zoAccumulate(&h, lossDelta: dl, rng: &replay)
          states[slot] = Int32(bitPattern: replay.state)
          try st.set(gW, s32: g)
          try st.set(gB, s32: h)
          try st.set("zo_states", s32: states)
        }
      }
      let uw = UpdateMultipliers(reals: p.weightScales.map { common / Double(sw) / ($0 * $0) })
      let ub = UpdateMultipliers(reals: p.weightScales.map { common / Double(sb) / (p.inputScale * $0 * p.inputScale * $0) })
      for (nm, v) in [("uwM\(li)", uw.multipliers), ("uwS\(li)", uw.shifts), ("ubM\(li)", ub.multipliers), ("ubS\(li)", ub.shifts)] {
        b.buf(nm, .s32, v.count, "update multipliers L\(li)", placement: .flash, persistent: true, initial: le32(v))
      }
      b.op("sgd_qas_update L\(li)", kernel: "sgd_qas_update", layer: li, phase: "update",
           reads: [gW, gB, w, bb, "rng", "uwM\(li)", "uwS\(li)", "ubM\(li)", "ubS\(li)"], writes: [w, bb, "rng"],
           binding: KernelBinding(
             kernel: "sgd_qas_update",
             args: [("weights", .buffer(w)), ("grad_weights", .buffer(gW)), ("bias", .buffer(bb)), ("grad_bias", .buffer(gB)),
                    ("channels", .value(Int32(C))), ("per_channel", .value(Int32(p.weights.count / C))),
                    ("layout", .value(updateLayout(spec.layers[li]))),
                    ("w_multipliers", .buffer("uwM\(li)")), ("w_shifts", .buffer("uwS\(li)")),
                    ("b_multipliers", .buffer("ubM\(li)")), ("b_shifts", .buffer("ubS\(li)")),
                    ("grad_exp", .value(0)), ("mode", .value(1)), ("rng_state", .buffer("rng")),
                    ("active", .null), ("active_in", .null), ("in_c", .value(0)),
                    ("scratch", .scratch), ("scratch_size", .scratchSize)],
             scratchBytes: 0)
      ) { st in
        var rng = try st.rng("rng")
        try st.set(w, s8: try sgdUpdateWeights(
          weights: try st.s8(w), gradient: try st.s32(gW), channels: C, layout: spec.layers[li].weightLayout,
          update: uw, gradientExponent: 0, mode: .stochastic, rng: &rng))
        try st.set(bb, s32: try sgdUpdateBias(
          bias: try st.s32(bb), gradient: try st.s32(gB), update: ub, gradientExponent: 0, mode: .stochastic, rng: &rng))
        try st.setRng("rng", rng)
      }
    }
    let seed = cfg.seed
    let paramNames = q.layers.indices.filter { q.layers[$0] != nil }.map { (layer: $0, weights: "W\($0)", bias: "B\($0)") }
    return StepProgram(
      model: spec.name, method: .zo, buffers: b.buffers, ops: b.ops, initial: b.initial,
      writeInputs: { st, x, label, step in
        try? st.set("x", s8: x)
        try? st.setWord("label", Int32(label))
        try? st.setWord("rng", Int32(bitPattern: zoStepSeed(base: seed, step: step)))
      }, parameterNames: paramNames,
      notes: ["zeroth order: n = \(n) queries, layers \(selected.map { "L\($0)" }.joined(separator: ",")), d = \(d), "
        + "σ_w \(sw), σ_b \(sb), lr \(o.learningRate) (constant), stochastic rounding; perturbed copies in SRAM",
        "glue (untimed C bookkeeping): saving the generator state per query and layer, ΔL = L_q − L_0, and "
          + "memset of the int32 ZO accumulators before zo_accumulate (\(selected.map { q.layers[$0]!.weights.count + q.layers[$0]!.bias.count }.reduce(0, +) * 4) bytes)"])
  }
}

extension LayerSpec {
  var isConv: Bool { if case .conv2d = self { return true } else { return false } }
  var isResidualAdd: Bool { if case .residualAdd = self { return true } else { return false } }
}
