// The int8 model of a sequential network and its fully quantized training step: forward (with
// masks and argmax), softmax-CE loss and error, backward (requant_grad between layers), and the
// SGD update fused per layer. FQT.md "Error tensors and gradients", "Updates".
//
// Scale bookkeeping. Every error tensor is values·2⁻ᶠ·c, where f travels with the tensor (it
// changes per sample) and c is static: 1 at the logits, multiplied by s_W of every layer whose
// input gradient Wᵀe it passes through and by 1/(H·W) at a global average pool, and reset to the
// add's c where a residual skip lands (`residualErrorSum`). c is folded into
// the update multipliers at configuration time, so the step itself only moves f. Because Wᵀe sums
// over output channels, a layer whose input gradient is propagated needs one weight scale for all
// its channels; the quantizer below therefore uses per-tensor weight scales (stored per channel).

import Foundation

/// Quantization of one parameter layer.
public struct QuantizedLayer: Equatable {
  public var weights: [Int8]
  public var bias: [Int32]
  /// Per output channel (all equal: see the file comment).
  public var weightScales: [Double]
  public var inputScale: Double
  public var outputScale: Double
  public var quant: OutputQuantization
  /// The static part c of the error scale at this layer's pre-activation.
  public var errorScale: Double
}

/// Quantization of a residual add (`LayerSpec.residualAdd`) and of its backward merge.
public struct ResidualAddQuantization: Equatable {
  /// Forward: input 1 = the skip (value `skipFrom`), input 2 = the block's output.
  public var quant: AddQuantization
  public var outputScale: Double
  /// c_add: the static error scale at the add's output (= at both of its inputs, and at value
  /// `skipFrom` once `residualErrorSum` has merged the two paths).
  public var errorScale: Double
  /// (M_ρ, sh_ρ) = QuantizeMultiplier(ρ), ρ = c_main / c_add = Π s_W over the block's layers:
  /// rescales the block's input gradient into the skip's units in `residualErrorSum`.
  public var mainErrorMultiplier: Int32
  public var mainErrorShift: Int32
}

/// How a float model is turned into an int8 one.
public struct QuantizerOptions: Equatable {
  /// Input real range [0, inputMax] mapped to int8 with z = −128.
  public var inputMax: Double = 1
  /// Activation scales = headroom · calibrated max / 255 (ReLU outputs, z = −128).
  public var activationHeadroom: Double = 2
  /// Weight scales = headroom · max|W| / 127 (per tensor, symmetric). Scales stay fixed during
  /// training (FQT.md), so weights need room to grow: with 1.5, 3–8 % of the digits-cnn weights
  /// saturated within 3 epochs and accuracy fell from ~1.0 to ~0.66 on the synthetic test set.
  public var weightHeadroom: Double = 3
  /// Logits are symmetric (z = 0) with real range ±logitRange.
  public var logitRange: Double = 12
  public init() {}
}

/// Training options of the int8 step.
public struct TrainOptions: Equatable {
  public var learningRate: Double
  /// Quantization-Aware Scaling (MCUNetV3); false = plain int8 SGD on the quantized values.
  public var qas: Bool = true
  /// Rounding of `requantGrad` and of the updates (one generator, see `trainStep`).
  public var rounding: RoundingMode = .nearest
  /// Static sparse update (MCUNetV3); nil = every parameter layer is updated in full.
  public var sparse: SparseUpdatePlan? = nil
  /// Dynamic partial update (Deutel); nil = every channel is kept.
  public var partial: PartialUpdateOptions? = nil
  public init(
    learningRate: Double, qas: Bool = true, rounding: RoundingMode = .nearest,
    sparse: SparseUpdatePlan? = nil, partial: PartialUpdateOptions? = nil
  ) {
    self.learningRate = learningRate
    self.qas = qas
    self.rounding = rounding
    self.sparse = sparse
    self.partial = partial
  }
}

/// Result of one int8 training step.
public struct StepReport: Equatable {
  /// The loss before the update, Q16 (`crossEntropyLossQ16`).
  public var lossQ16: Int32
  /// The predicted class before the update.
  public var predicted: Int
  /// The exponent f of the error tensor entering each layer (index = layer), nil where unused.
  public var errorExponents: [Int32?]
  /// Per layer: the output channels kept by a dynamic partial update (nil: all, or no
  /// parameters, or not reached because backpropagation stopped below a sparse plan's lowest layer).
  public var activeChannels: [[Bool]?] = []
  /// The lowest layer backpropagation reached (0 for a full step).
  public var lowestLayerReached: Int = 0
  public init(
    lossQ16: Int32, predicted: Int, errorExponents: [Int32?], activeChannels: [[Bool]?] = [],
    lowestLayerReached: Int = 0
  ) {
    self.lossQ16 = lossQ16
    self.predicted = predicted
    self.errorExponents = errorExponents
    self.activeChannels = activeChannels
    self.lowestLayerReached = lowestLayerReached
  }
}

public struct QuantizedModel: Equatable {
  public var spec: ModelSpec
  /// Per layer; nil for layers without parameters.
  public var layers: [QuantizedLayer?]
  public var inputScale: Double
  public var inputZeroPoint: Int32 = -128
  public var softmaxParameters: SoftmaxParameters
  /// Training state of the dynamic partial update: the largest loss (Q16) seen so far.
  public var maxLossQ16: Int32 = 0
  /// Per residual-add layer index.
  public var residualAdds: [Int: ResidualAddQuantization] = [:]

  /// Quantizes `float` with scales calibrated on `calibration` (real-valued inputs).
  /// (Double, not generic: a generic init called from another module is not specialized, and
  /// calibration through unspecialized float code took ~50 ms per mbv2-tail sample.)
  public init(
    float: FloatModel<Double>, calibration: [[Double]], options o: QuantizerOptions = QuantizerOptions()
  ) throws {
    let spec = float.spec
    self.spec = spec
    inputScale = o.inputMax / 255
    // Calibrate: the max of each layer's output over the calibration set.
    // Layers without a ReLU below the logits (mbv2-tail's linear projection) are quantized
    // symmetrically (z = 0) from the max |output|.
    var maxOut = [Double](repeating: 0, count: spec.layers.count)
    var maxAbsOut = [Double](repeating: 0, count: spec.layers.count)
    for x in calibration {
      let tr = float.forward(x)
      for li in spec.layers.indices {
        maxOut[li] = max(maxOut[li], Double(tr.values[li + 1].max() ?? 0))
        maxAbsOut[li] = max(maxAbsOut[li], Double(tr.values[li + 1].map { abs($0) }.max() ?? 0))
      }
    }
    var layers = [QuantizedLayer?]()
    var sx = inputScale
    var zx = inputZeroPoint
    // Scale and zero point of every value (value i = layer i's input), for the skips.
    var valueScale = [Double]()
    var valueZero = [Int32]()
    var adds = [Int: AddQuantization]()
    var addScales = [Int: Double]()
    let logitScale = o.logitRange / 127
    for (li, l) in spec.layers.enumerated() {
      valueScale.append(sx)
      valueZero.append(zx)
      switch l {
      case .maxPool, .globalAvgPool:
        layers.append(nil)  // scale and zero point pass through
      case let .residualAdd(from, _, _, _):
        // Signed output (a ReLU'd input plus a linear projection): symmetric, z = 0.
        let sy = o.activationHeadroom * max(maxAbsOut[li], 1e-3) / 127
        adds[li] = try AddQuantization(
          input1Scale: valueScale[from], input1ZeroPoint: valueZero[from], input2Scale: sx,
          input2ZeroPoint: zx, outputScale: sy, outputZeroPoint: 0)
        addScales[li] = sy
        layers.append(nil)
        sx = sy
        zx = 0
      case .conv2d, .depthwiseConv2d, .fullyConnected:
        let isLogits = li == spec.layers.count - 1
        let w = float.weights[li].map { Double($0) }
        let maxW = max(w.map(abs).max() ?? 0, 1e-6)
        let sw = o.weightHeadroom * maxW / 127
        let relu = l.hasReLU
        let symmetric = isLogits || !relu
        let sy =
          isLogits
          ? logitScale
          : relu
            ? o.activationHeadroom * max(maxOut[li], 1e-3) / 255
            : o.activationHeadroom * max(maxAbsOut[li], 1e-3) / 127
        let zy: Int32 = symmetric ? 0 : -128
        let channels = float.biases[li].count
        let (m, sh) = QuantizeMultiplier(sx * sw / sy)
        let q = OutputQuantization(
          inputZeroPoint: zx, outputZeroPoint: zy, multiplier: m, shift: sh, channels: channels,
          activationMin: relu ? zy : -128, activationMax: 127)
        layers.append(
          QuantizedLayer(
            weights: w.map { Int8(max(-127, min(127, ($0 / sw).rounded()))) },
            bias: float.biases[li].map { saturateInt32(Int64((Double($0) / (sx * sw)).rounded())) },
            weightScales: [Double](repeating: sw, count: channels), inputScale: sx,
            outputScale: sy, quant: q, errorScale: 0))
        sx = sy
        zx = zy
      }
    }
    // Static error scales, walking backwards from the logits (c = 1). A residual add passes c
    // through to the block; where its skip lands (value `skipFrom`), `residualErrorSum` rescales
    // the block's error by ρ = c_main / c_add into the skip's units, so c resets to c_add there
    // instead of compounding block after block.
    var c = 1.0
    var pendingSkips = [Int: (add: Int, c: Double)]()  // by skipFrom
    var residuals = [Int: ResidualAddQuantization]()
    for li in spec.layers.indices.reversed() {
      switch spec.layers[li] {
      case let .globalAvgPool(h, w, _): c /= Double(h * w)
      case .maxPool: break
      case let .residualAdd(from, _, _, _): pendingSkips[from] = (li, c)
      case .conv2d, .depthwiseConv2d, .fullyConnected:
        layers[li]?.errorScale = c
        c *= layers[li]?.weightScales.first ?? 1
      }
      guard let skip = pendingSkips[li], let q = adds[skip.add], let sy = addScales[skip.add] else {
        continue
      }
      let rho = c / skip.c
      let (m, sh) = QuantizeMultiplier(rho)
      guard m > 0, sh >= -31 && sh <= 31 else {
        throw FQTError.invalidParameter(
          op: "QuantizedModel", reason: "layer \(skip.add): the block's error scale ratio ρ = \(rho)"
            + " is outside what (M, sh ∈ [-31, 31]) can carry")
      }
      residuals[skip.add] = ResidualAddQuantization(
        quant: q, outputScale: sy, errorScale: skip.c, mainErrorMultiplier: m, mainErrorShift: sh)
      c = skip.c
    }
    residualAdds = residuals
    self.layers = layers
    softmaxParameters = try SoftmaxParameters(inputScale: logitScale)
  }

  /// Quantizes a real input: clamp(round(x / s) + z, −128, 127).
  public func quantizeInput<T: BinaryFloatingPoint>(_ x: [T]) -> [Int8] {
    x.map { saturateInt8(Int64((Double($0) / inputScale).rounded()) + Int64(inputZeroPoint)) }
  }

  /// int8 forward trace: `values[i]` is layer i's input (the last entry the logits), with each
  /// parameter layer's mask and each max pool's argmax.
  public struct Trace: Equatable {
    public var values: [[Int8]]
    public var masks: [[UInt8]]
    public var argmax: [[Int32]]
  }

  public func forward(_ x: [Int8]) throws -> Trace {
    var values = [x]
    var masks = [[UInt8]]()
    var argmax = [[Int32]]()
    var cur = x
    for (li, l) in spec.layers.enumerated() {
      var mask = [UInt8]()
      var arg = [Int32]()
      switch l {
      case let .conv2d(s, _):
        guard let p = layers[li] else { throw missing(li) }
        let r = try conv2d(input: cur, weights: p.weights, bias: p.bias, shape: s, quant: p.quant)
        (cur, mask) = (r.output, r.mask)
      case let .depthwiseConv2d(s, _):
        guard let p = layers[li] else { throw missing(li) }
        let r = try depthwiseConv2d(
          input: cur, weights: p.weights, bias: p.bias, shape: s, quant: p.quant)
        (cur, mask) = (r.output, r.mask)
      case let .fullyConnected(s):
        guard let p = layers[li] else { throw missing(li) }
        let r = try fullyConnected(
          input: cur, weights: p.weights, bias: p.bias, shape: s, quant: p.quant)
        (cur, mask) = (r.output, r.mask)
      case let .maxPool(s):
        let r = try maxPool(input: cur, shape: s)
        (cur, arg) = (r.output, r.argmax)
      case let .globalAvgPool(h, w, c):
        cur = try globalAvgPool(input: cur, inH: h, inW: w, channels: c)
      case let .residualAdd(from, _, _, _):
        guard let a = residualAdds[li] else { throw missing(li) }
        let r = try elementwiseAdd(input1: values[from], input2: cur, quant: a.quant)
        (cur, mask) = (r.output, r.mask)
      }
      values.append(cur)
      masks.append(mask)
      argmax.append(arg)
    }
    return Trace(values: values, masks: masks, argmax: argmax)
  }

  public func predict(_ x: [Int8]) throws -> Int {
    let logits = try forward(x).values.last ?? []
    return logits.indices.max(by: { logits[$0] < logits[$1] }) ?? 0
  }

  func missing(_ li: Int) -> FQTError {
    FQTError.invalidParameter(
      op: "QuantizedModel", reason: "layer \(li) has no parameters (or add quantization)")
  }

  /// Update multipliers of parameter layer `p` for `options` (QAS or plain; see `Update.swift`).
  public func updateMultipliers(_ p: QuantizedLayer, _ o: TrainOptions) -> (
    weights: UpdateMultipliers, bias: UpdateMultipliers
  ) {
    let (lr, sx, sw, c) = (o.learningRate, p.inputScale, p.weightScales, p.errorScale)
    if o.qas {
      return (
        .qasWeights(learningRate: lr, inputScale: sx, weightScales: sw, errorScale: c),
        .qasBias(learningRate: lr, inputScale: sx, weightScales: sw, errorScale: c)
      )
    }
    let plain = UpdateMultipliers.plainWeights(
      learningRate: lr, inputScale: sx, weightScales: sw, errorScale: c)
    return (plain, plain)
  }

  /// One fully quantized training step on one sample (FQT.md):
  ///
  /// 1. forward with masks/argmax; p = softmax(logits); loss = crossEntropyLossQ16;
  /// 2. e = softmaxCrossEntropyError(p, label) (f = 7);
  /// 3. for each layer from the last: parameter layers mask e with their forward mask, compute
  ///    g_W, g_b, and (unless first) g_x = Wᵀe with the weights before the update; then update
  ///    weights (draws in OHWI order) and bias; g_x is masked by the previous ReLU's mask (through
  ///    a max pool's argmax when one sits between) and requantized with `requantGrad` (f ← f − sh);
  ///    max pool routes e to its argmax; global average pool broadcasts e (1/(H·W) lives in c);
  ///    a residual add masks e with its clamp mask and passes it on unchanged (same f) both to the
  ///    layer below and, kept aside, to its `skipFrom` layer, whose int32 g_x receives it through
  ///    `residualErrorSum` (multiplier `mainErrorMultiplier`; f ← f − sh_ρ) before the mask and
  ///    `requantGrad`.
  ///
  /// Static sparse update (`options.sparse`): a layer's weights are updated only on its selected
  /// input channels, bias-only layers keep their weights, frozen layers keep both; backpropagation
  /// stops at the lowest updated layer (no g_x is computed there and nothing below it runs).
  ///
  /// Dynamic partial update (`options.partial`): first maxLossQ16 ← max(maxLossQ16, loss); then in
  /// each parameter layer the masked error's channels are scored (Σ|e|, `channelScores`) and the
  /// top k = `dynamicPartialK(N, λmin, λmax, loss, maxLossQ16)` kept (ties: lower index); g_W, g_b
  /// and g_x skip the others, whose weights and bias stay unchanged (`fullLastLayer`: the
  /// classifier keeps every channel).
  ///
  /// In stochastic mode one generator serves everything in that order (draws are consumed for
  /// every element even where a channel is skipped, see `sgdUpdateWeights`).
  public mutating func trainStep(
    input x: [Int8], label: Int, options o: TrainOptions, rng: inout XorShift32
  ) throws -> StepReport {
    let tr = try forward(x)
    let logits = tr.values.last ?? []
    let probs = try softmax(input: logits, rows: 1, rowSize: logits.count, parameters: softmaxParameters)
    let loss = try crossEntropyLossQ16(logits: logits, label: label, parameters: softmaxParameters)
    let predicted = logits.indices.max(by: { logits[$0] < logits[$1] }) ?? 0
    let err = try softmaxCrossEntropyError(probabilities: probs, label: label)
    if o.partial != nil { maxLossQ16 = max(maxLossQ16, loss) }
    if let sp = o.sparse { try sp.validate(for: self) }
    let lowest = o.sparse?.lowestUpdatedLayer ?? 0
    var e = err.values
    var f = err.exponent
    var exponents = [Int32?](repeating: nil, count: spec.layers.count)
    var actives = [[Bool]?](repeating: nil, count: spec.layers.count)
    // The masked error of each residual add's output, by the add's `skipFrom`.
    var skipErrors = [Int: (error: ErrorTensor, add: ResidualAddQuantization)]()
    for li in spec.layers.indices.reversed() where li >= lowest {
      exponents[li] = f
      let input = tr.values[li]
      let needInputGrad = li > lowest
      switch spec.layers[li] {
      case .conv2d, .depthwiseConv2d, .fullyConnected:
        guard var p = layers[li] else { throw missing(li) }
        let masked = try applyMask(e, mask: tr.masks[li])
        let channels = p.bias.count
        let rule = o.sparse.map { $0.layers[li] } ?? .full
        var active: [Bool]? = nil
        if let pu = o.partial, !(pu.fullLastLayer && li == spec.layers.count - 1) {
          let k = try dynamicPartialK(
            channels: channels, lambdaMinQ16: pu.lambdaMinQ16, lambdaMaxQ16: pu.lambdaMaxQ16,
            lossQ16: loss, maxLossQ16: maxLossQ16)
          active = topK(scores: try channelScores(error: masked, channels: channels), k: k)
          actives[li] = active
        }
        let updateWeights = rule.updatesWeights
        let gW: [Int32]
        var gX: [Int32]? = nil
        switch spec.layers[li] {
        case let .conv2d(s, _):
          gW = updateWeights
            ? try conv2dWeightGrad(
              error: masked, input: input, inputZeroPoint: p.quant.inputZeroPoint, shape: s,
              activeChannels: active) : []
          if needInputGrad {
            gX = try conv2dInputGrad(
              error: masked, weights: p.weights, shape: s, activeChannels: active)
          }
        case let .depthwiseConv2d(s, _):
          gW = updateWeights
            ? try depthwiseConv2dWeightGrad(
              error: masked, input: input, inputZeroPoint: p.quant.inputZeroPoint, shape: s,
              activeChannels: active) : []
          if needInputGrad {
            gX = try depthwiseConv2dInputGrad(
              error: masked, weights: p.weights, shape: s, activeChannels: active)
          }
        case let .fullyConnected(s):
          gW = updateWeights
            ? try fullyConnectedWeightGrad(
              error: masked, input: input, inputZeroPoint: p.quant.inputZeroPoint, shape: s,
              activeChannels: active) : []
          if needInputGrad {
            gX = try fullyConnectedInputGrad(
              error: masked, weights: p.weights, shape: s, activeChannels: active)
          }
        default: gW = []
        }
        let (uw, ub) = updateMultipliers(p, o)
        if updateWeights {
          p.weights = try sgdUpdateWeights(
            weights: p.weights, gradient: gW, channels: channels,
            layout: spec.layers[li].weightLayout, update: uw, gradientExponent: f, mode: o.rounding, rng: &rng, activeChannels: active,
            activeInputChannels: rule.inputChannels)
        }
        if rule.updatesBias {
          let gB = try biasGrad(error: masked, channels: channels, activeChannels: active)
          p.bias = try sgdUpdateBias(
            bias: p.bias, gradient: gB, update: ub, gradientExponent: f, mode: o.rounding,
            rng: &rng, activeChannels: active)
        }
        layers[li] = p
        if var g = gX {
          var fAcc = f
          if let s = skipErrors[li] {
            (g, fAcc) = try residualErrorSum(
              main: g, accumulatorExponent: f, skip: s.error.values, skipExponent: s.error.exponent,
              multiplier: s.add.mainErrorMultiplier, shift: s.add.mainErrorShift)
          }
          g = try applyMask(g, mask: previousMask(tr, before: li, count: g.count))
          let (v, sh) = requantGrad(g, mode: o.rounding, rng: &rng)
          e = v
          f = fAcc - sh
        }
      case let .maxPool(s):
        e = try maxPoolInputGradInt8(error: e, argmax: tr.argmax[li], shape: s)
      case let .globalAvgPool(h, w, _):
        e = try globalAvgPoolInputGrad(error: e, inH: h, inW: w)
      case let .residualAdd(from, _, _, _):
        guard let a = residualAdds[li] else { throw missing(li) }
        e = try applyMask(e, mask: tr.masks[li])
        skipErrors[from] = (ErrorTensor(values: e, exponent: f), a)
      }
    }
    return StepReport(
      lossQ16: loss, predicted: predicted, errorExponents: exponents, activeChannels: actives,
      lowestLayerReached: lowest)
  }

  /// The mask to apply to layer `li`'s input gradient: the previous ReLU (conv or depthwise)
  /// layer's mask, gathered through a max pool's argmax if one sits in between; all ones otherwise.
  func previousMask(_ tr: Trace, before li: Int, count: Int) -> [UInt8] {
    let ones = packMask([Bool](repeating: true, count: count))
    guard li >= 1 else { return ones }
    switch spec.layers[li - 1] {
    case let l where l.hasReLU:
      return tr.masks[li - 1]
    case .maxPool:
      guard li >= 2, spec.layers[li - 2].hasReLU else { return ones }
      return maxPoolMask(mask: tr.masks[li - 2], argmax: tr.argmax[li - 1])
    default:
      return ones
    }
  }
}

/// The mask of a max pool's outputs: bit k = the producer's mask bit at argmax[k] (the gradient of
/// pooled output k flows only to that input).
public func maxPoolMask(mask: [UInt8], argmax: [Int32]) -> [UInt8] {
  packMask(argmax.map { maskBit(mask, Int($0)) })
}
