// The static sparse update scheme (MCUNetV3) of each model that `cmemu train --method sparse`
// supports. MCUNetV3 updates the last layers: biases further down, weights (some input channels)
// near the head.

import FQTGolden

/// digits-cnn (the same as `cmemu golden-train --method sparse`): conv1 bias only, conv2 weights on
/// ½ of its input channels (largest L2 norm) + bias, FC full.
public let digitsSparseScheme: [SparseUpdatePlan.Request] = [
  .biasOnly, .frozen, .weights(ratioNumerator: 1, ratioDenominator: 2), .frozen,
  .weights(ratioNumerator: 1, ratioDenominator: 1),
]

/// The scheme of `spec`, or an error naming the models that have one.
///
/// mbv2-tail: the last inverted-residual block is updated — expand bias only, depthwise in full
/// (1HWC weights have no input channels to select), project weights on ½ of its input channels +
/// bias — and the FC in full; any earlier layer stays frozen. (Written against the block's shape,
/// not layer indices, so it holds for every `ModelSpec.mbv2Tail(...)` size.)
public func sparseScheme(for spec: ModelSpec) throws -> [SparseUpdatePlan.Request] {
  if spec == .digitsCNN { return digitsSparseScheme }
  if spec.name == ModelSpec.mbv2Tail.name,
    let dw = spec.layers.lastIndex(where: { if case .depthwiseConv2d = $0 { return true } else { return false } }),
    dw >= 1, dw + 1 < spec.layers.count - 1,
    case .conv2d = spec.layers[dw - 1], case .conv2d = spec.layers[dw + 1],
    case .fullyConnected = spec.layers[spec.layers.count - 1]
  {
    var r = [SparseUpdatePlan.Request](repeating: .frozen, count: spec.layers.count)
    r[dw - 1] = .biasOnly
    r[dw] = .weights(ratioNumerator: 1, ratioDenominator: 1)
    r[dw + 1] = .weights(ratioNumerator: 1, ratioDenominator: 2)
    r[spec.layers.count - 1] = .weights(ratioNumerator: 1, ratioDenominator: 1)
    return r
  }
  throw HarnessError("--method sparse: a static sparse scheme is defined for digits-cnn and mbv2-tail only (model \(spec.name))")
}
