// Update plans for whole training steps: the static sparse update (MCUNetV3), the dynamic partial
// update (Deutel et al. 2024) and the zeroth-order step (Poor Man's Training). FQT.md "Updates".

import Foundation

/// What a static sparse update does to one layer.
public enum SparseLayerRule: Equatable {
  /// Neither weights nor bias change (layers without parameters are always `.frozen`).
  case frozen
  /// Only the bias changes.
  case biasOnly
  /// The bias and the weights of the selected input channels change (`inputChannels` is one flag
  /// per input channel, chosen before training; all true = a full update of the layer).
  case weights(inputChannels: [Bool])

  /// A full update of a layer (all input channels; the flag list is filled in by the plan).
  public static let full = SparseLayerRule.weights(inputChannels: [])

  public var updatesWeights: Bool {
    if case .weights = self { return true }
    return false
  }
  public var updatesBias: Bool { self != .frozen }
  /// nil when every input channel is updated.
  var inputChannels: [Bool]? {
    if case let .weights(ic) = self, !ic.isEmpty, ic.contains(false) { return ic }
    return nil
  }
}

/// A per-model static sparse update (MCUNetV3): one rule per layer.
public struct SparseUpdatePlan: Equatable {
  public var layers: [SparseLayerRule]

  public init(layers: [SparseLayerRule]) { self.layers = layers }

  /// The lowest layer that changes: backpropagation stops there. `layers.count` if none does.
  public var lowestUpdatedLayer: Int {
    layers.firstIndex(where: { $0 != .frozen }) ?? layers.count
  }

  /// The request of a sparse update scheme, per layer.
  public enum Request: Equatable {
    case frozen
    case biasOnly
    /// Bias and weights of ⌊inC·num/den⌋ input channels (FQT.md: r ∈ {0, 1/8, 1/4, 1/2, 1}).
    case weights(ratioNumerator: Int, ratioDenominator: Int)
  }

  /// Chooses the input channels of every `.weights` request from `model`'s current weights by
  /// L2 norm (`sparseUpdateInputChannels`; ties: lower index). Requests for layers without
  /// parameters must be `.frozen`.
  public init(model: QuantizedModel, requests: [Request]) throws {
    let op = "SparseUpdatePlan"
    try checkLength(op, "requests", requests.count, model.spec.layers.count)
    var rules = [SparseLayerRule]()
    for (li, r) in requests.enumerated() {
      switch r {
      case .frozen: rules.append(.frozen)
      case .biasOnly, .weights:
        guard let p = model.layers[li] else {
          throw FQTError.invalidParameter(op: op, reason: "layer \(li) has no parameters to update")
        }
        if case let .weights(num, den) = r {
          let outC = p.bias.count
          let inC: Int
          switch model.spec.layers[li] {
          case let .conv2d(s, _): inC = s.inC
          case let .fullyConnected(s): inC = s.inC
          case .depthwiseConv2d:
            // 1HWC weights have no input-channel dimension to select: only a full update.
            guard num == den else {
              throw FQTError.invalidParameter(
                op: op, reason: "layer \(li) is depthwise: only a full weight update (1/1) is supported")
            }
            rules.append(.full)
            continue
          default: inC = 0
          }
          rules.append(
            .weights(
              inputChannels: try sparseUpdateInputChannels(
                weights: p.weights, outC: outC, inC: inC, ratioNumerator: num,
                ratioDenominator: den)))
        } else {
          rules.append(.biasOnly)
        }
      }
    }
    layers = rules
  }

  func validate(for model: QuantizedModel) throws {
    let op = "SparseUpdatePlan"
    try checkLength(op, "layers", layers.count, model.spec.layers.count)
    for (li, r) in layers.enumerated() where r != .frozen {
      guard model.layers[li] != nil else {
        throw FQTError.invalidParameter(op: op, reason: "layer \(li) has no parameters to update")
      }
    }
  }
}

/// Deutel's dynamic partial update: λ as Q16 fractions (0 ≤ λmin ≤ λmax; above 1 is capped).
public struct PartialUpdateOptions: Equatable {
  public var lambdaMinQ16: Int32
  public var lambdaMaxQ16: Int32
  /// Keep every channel of the classifier (the last layer) instead of its top k. Off by default
  /// (FQT.md selects in every layer). Why it exists: the softmax-CE error at the logits sums to
  /// zero over the classes (Σ (p_i − y_i) = 0), which keeps the mean logit fixed under SGD; the top
  /// k by |e| almost always contain the label's large negative error but only some of the small
  /// positive ones, so the kept errors sum negative and every step raises the FC biases. Once all
  /// logits saturate at +127 the FC mask is all zero, no gradient flows, and training stops for
  /// good (loss exactly ln 10, one predicted class): the λ 0.25 collapse of digits-cnn seed 2.
  public var fullLastLayer: Bool = false
  public init(lambdaMinQ16: Int32, lambdaMaxQ16: Int32, fullLastLayer: Bool = false) {
    self.lambdaMinQ16 = lambdaMinQ16
    self.lambdaMaxQ16 = lambdaMaxQ16
    self.fullLastLayer = fullLastLayer
  }
}

// MARK: - Zeroth-order step

/// Options of a zeroth-order step (Poor Man's Training, FQT.md "Zeroth-order").
public struct ZOOptions: Equatable {
  /// Learning rate in real units, as for BP with QAS (see `zoTrainStep`).
  public var learningRate: Double
  /// Queries n per step.
  public var queries: Int = 1
  /// σ in LSB (FQT.md: 1 for weights, 100 for biases).
  public var sigmaWeights: Int32 = 1
  public var sigmaBias: Int32 = 100
  /// The perturbed (and updated) parameter layers; nil = all.
  public var layers: [Int]? = nil
  /// Rounding of the update (stochastic draws continue the step's generator after the queries).
  public var rounding: RoundingMode = .stochastic
  public init(
    learningRate: Double, queries: Int = 1, layers: [Int]? = nil,
    rounding: RoundingMode = .stochastic
  ) {
    self.learningRate = learningRate
    self.queries = queries
    self.layers = layers
    self.rounding = rounding
  }
}

/// The per-step seed of a zeroth-order step: s = base ⊕ (step·0x9E3779B9) mod 2³², with 0 remapped
/// to 1 (xorshift32's fixed point).
public func zoStepSeed(base: UInt32, step: UInt32) -> UInt32 {
  let s = base ^ (step &* 0x9E37_79B9)
  return s == 0 ? 1 : s
}

/// Result of a zeroth-order step.
public struct ZOStepReport: Equatable {
  /// L_0, the unperturbed loss (Q16), and the predicted class before the update.
  public var lossQ16: Int32
  public var predicted: Int
  /// L_q − L_0 per query.
  public var lossDeltas: [Int32]
  /// d, the number of perturbed elements.
  public var dimension: Int
}

extension QuantizedModel {
  /// The loss (Q16) and prediction of one sample, forward only.
  public func lossQ16(input x: [Int8], label: Int) throws -> (lossQ16: Int32, predicted: Int) {
    let logits = try forward(x).values.last ?? []
    let l = try crossEntropyLossQ16(logits: logits, label: label, parameters: softmaxParameters)
    return (l, logits.indices.max(by: { logits[$0] < logits[$1] }) ?? 0)
  }

  /// One zeroth-order training step (FQT.md "Zeroth-order"):
  ///
  /// 1. L_0 = crossEntropyLossQ16 of the unperturbed model; rng = xorshift32(`seed`);
  /// 2. for q in 0..<n: remember the state, perturb every selected layer in layer order — its
  ///    weights (OHWI, W ± σ_w·u, sat8), then its bias (b ± σ_b·u, sat32), one draw per element —
  ///    run forward, L_q, restore;
  /// 3. ĝ = Σ_q (L_q − L_0)·u_q per element in int32, u regenerated from each query's remembered
  ///    state (`zoAccumulate`; never stored);
  /// 4. update each selected layer as SGD does, W̄ ← sat8(W̄ − requantize(ĝ, M, sh)), with one
  ///    real multiplier per layer
  ///        weights: m = lr/(n·σ_w) · n/(n+d−1) · 2⁻¹⁶ / s_W²
  ///        bias:    m = lr/(n·σ_b) · n/(n+d−1) · 2⁻¹⁶ / (s_x·s_W)²
  ///    (ĝ/(n·σ)·2⁻¹⁶ estimates ∂L/∂W̄ in the integer's units; dividing by the parameter's squared
  ///    scale is QAS, which makes lr a learning rate in real units as in the BP step). Stochastic
  ///    draws continue the generator after the last query's perturbation (weights then bias, per
  ///    layer in order).
  public mutating func zoTrainStep(
    input x: [Int8], label: Int, options o: ZOOptions, seed: UInt32
  ) throws -> ZOStepReport {
    let op = "zoTrainStep"
    guard o.queries >= 1, o.sigmaWeights >= 1, o.sigmaBias >= 1 else {
      throw FQTError.invalidParameter(op: op, reason: "need n ≥ 1 and σ ≥ 1")
    }
    let selected = o.layers ?? spec.layers.indices.filter { layers[$0] != nil }
    for li in selected where !(spec.layers.indices.contains(li) && layers[li] != nil) {
      throw FQTError.invalidParameter(op: op, reason: "layer \(li) has no parameters to perturb")
    }
    let d = selected.reduce(0) { $0 + (layers[$1]!.weights.count + layers[$1]!.bias.count) }
    let base = try lossQ16(input: x, label: label)
    var rng = XorShift32(seed: seed)
    var starts = [XorShift32]()
    var deltas = [Int32]()
    for _ in 0..<o.queries {
      starts.append(rng)
      var pert = self
      for li in selected {
        var p = pert.layers[li]!
        p.weights = zoPerturbWeights(p.weights, sigma: o.sigmaWeights, rng: &rng)
        p.bias = zoPerturbBias(p.bias, sigma: o.sigmaBias, rng: &rng)
        pert.layers[li] = p
      }
      let lq = try pert.lossQ16(input: x, label: label).lossQ16
      deltas.append(lq &- base.lossQ16)
    }
    var gW = selected.map { [Int32](repeating: 0, count: layers[$0]!.weights.count) }
    var gB = selected.map { [Int32](repeating: 0, count: layers[$0]!.bias.count) }
    for (q, start) in starts.enumerated() {
      var replay = start
      for k in selected.indices {
        try zoAccumulate(&gW[k], lossDelta: deltas[q], rng: &replay)
        try zoAccumulate(&gB[k], lossDelta: deltas[q], rng: &replay)
      }
    }
    let n = Double(o.queries)
    let common = o.learningRate / n * n / (n + Double(d) - 1) / 65536
    for (k, li) in selected.enumerated() {
      var p = layers[li]!
      let channels = p.bias.count
      let uw = UpdateMultipliers(
        reals: p.weightScales.map { common / Double(o.sigmaWeights) / ($0 * $0) })
      let ub = UpdateMultipliers(
        reals: p.weightScales.map {
          common / Double(o.sigmaBias) / (p.inputScale * $0 * p.inputScale * $0)
        })
      p.weights = try sgdUpdateWeights(
        weights: p.weights, gradient: gW[k], channels: channels,
        layout: spec.layers[li].weightLayout, update: uw, gradientExponent: 0, mode: o.rounding, rng: &rng)
      p.bias = try sgdUpdateBias(
        bias: p.bias, gradient: gB[k], update: ub, gradientExponent: 0, mode: o.rounding,
        rng: &rng)
      layers[li] = p
    }
    return ZOStepReport(
      lossQ16: base.lossQ16, predicted: base.predicted, lossDeltas: deltas, dimension: d)
  }
}
