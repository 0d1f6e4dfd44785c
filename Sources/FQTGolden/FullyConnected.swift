// Fully connected forward and backward: the 1×1 convolution of a 1×1×inC input, so every formula
// and bound is conv2d's (Conv2D.swift). Weights are OI (= OHWI with H = W = 1).

/// Geometry of a fully connected layer.
public struct FullyConnectedShape: Equatable, Codable {
  public var inC: Int
  public var outC: Int
  public init(inC: Int, outC: Int) {
    self.inC = inC
    self.outC = outC
  }
  public var weightCount: Int { inC * outC }
  var conv: Conv2DShape { Conv2DShape(inH: 1, inW: 1, inC: inC, outC: outC, kH: 1, kW: 1) }
}

/// Fully connected forward (CMSIS-NN `arm_fully_connected_s8` semantics plus the mask):
/// acc[o] = bias[o] + Σ_i W[o,i]·(x[i] − z_x); y[o] = clamp(requantize(acc, M[o], sh[o]) + z_y,
/// act_min, act_max); mask bit = act_min < v ≤ act_max. Rejects inC·128·max|x − z_x| > Int32.max.
public func fullyConnected(
  input: [Int8], weights: [Int8], bias: [Int32], shape: FullyConnectedShape,
  quant: OutputQuantization
) throws -> ForwardOutput {
  try rename("fullyConnected") {
    try conv2d(input: input, weights: weights, bias: bias, shape: shape.conv, quant: quant)
  }
}

/// Input gradient g_x[i] = Σ_o W[o,i]·e[o] (int32; rejects outC·128·128 > Int32.max).
public func fullyConnectedInputGrad(
  error: [Int8], weights: [Int8], shape: FullyConnectedShape, activeChannels: [Bool]? = nil
) throws -> [Int32] {
  try rename("fullyConnectedInputGrad") {
    try conv2dInputGrad(
      error: error, weights: weights, shape: shape.conv, activeChannels: activeChannels)
  }
}

/// Weight gradient g_W[o,i] = e[o]·(x[i] − z_x) (int32, OI; always exact).
public func fullyConnectedWeightGrad(
  error: [Int8], input: [Int8], inputZeroPoint: Int32, shape: FullyConnectedShape,
  activeChannels: [Bool]? = nil
) throws -> [Int32] {
  try rename("fullyConnectedWeightGrad") {
    try conv2dWeightGrad(
      error: error, input: input, inputZeroPoint: inputZeroPoint, shape: shape.conv,
      activeChannels: activeChannels)
  }
}

/// Runs `body`, re-labelling any `FQTError` with the public op name the caller used.
func rename<R>(_ op: String, _ body: () throws -> R) throws -> R {
  do { return try body() } catch let e as FQTError {
    switch e {
    case let .lengthMismatch(_, t, x, g): throw FQTError.lengthMismatch(op: op, tensor: t, expected: x, got: g)
    case let .invalidShape(_, r): throw FQTError.invalidShape(op: op, reason: r)
    case let .invalidParameter(_, r): throw FQTError.invalidParameter(op: op, reason: r)
    case let .overflowRisk(_, w, r): throw FQTError.overflowRisk(op: op, worstCase: w, reason: r)
    }
  }
}
