// Model descriptions for whole training steps (FQT.md "Models for whole training steps"): a Swift
// value with a JSON form (Codable).

import Foundation

/// One layer of a sequential model. Activations flow NHWC; a fully connected layer reads the
/// flattened NHWC tensor. `residualAdd` is the one non-sequential edge: it adds an earlier value.
public enum LayerSpec: Equatable, Codable {
  case conv2d(shape: Conv2DShape, relu: Bool)
  /// Depthwise conv (channel multiplier 1, 1HWC weights).
  case depthwiseConv2d(shape: DepthwiseConv2DShape, relu: Bool)
  case maxPool(shape: PoolShape)
  case globalAvgPool(inH: Int, inW: Int, channels: Int)
  case fullyConnected(shape: FullyConnectedShape)
  /// A residual (skip) connection: output = `elementwiseAdd`(value `skipFrom`, this layer's
  /// input), where value i is layer i's input (value 0 the model input). `skipFrom` must be 0 or
  /// a parameter layer, where the skip's error is merged into that layer's int32 input gradient
  /// (`residualErrorSum`).
  case residualAdd(skipFrom: Int, height: Int, width: Int, channels: Int)

  public var inputCount: Int {
    switch self {
    case let .conv2d(s, _): return s.inputCount
    case let .depthwiseConv2d(s, _): return s.inputCount
    case let .maxPool(s): return s.inputCount
    case let .globalAvgPool(h, w, c): return h * w * c
    case let .fullyConnected(s): return s.inC
    case let .residualAdd(_, h, w, c): return h * w * c
    }
  }

  public var outputCount: Int {
    switch self {
    case let .conv2d(s, _): return s.outputCount
    case let .depthwiseConv2d(s, _): return s.outputCount
    case let .maxPool(s): return s.outputCount
    case let .globalAvgPool(_, _, c): return c
    case let .fullyConnected(s): return s.outC
    case let .residualAdd(_, h, w, c): return h * w * c
    }
  }

  /// Whether the layer has trainable weights and a bias.
  public var hasParameters: Bool {
    switch self {
    case .conv2d, .depthwiseConv2d, .fullyConnected: return true
    case .maxPool, .globalAvgPool, .residualAdd: return false
    }
  }

  /// (output channels, weight count) of a parameter layer.
  var parameterShape: (channels: Int, weights: Int, fanIn: Int)? {
    switch self {
    case let .conv2d(s, _): return (s.outC, s.weightCount, s.kH * s.kW * s.inC)
    case let .depthwiseConv2d(s, _): return (s.channels, s.weightCount, s.kH * s.kW)
    case let .fullyConnected(s): return (s.outC, s.weightCount, s.inC)
    default: return nil
    }
  }

  /// Whether the layer ends in a ReLU (act_min = z_y).
  public var hasReLU: Bool {
    switch self {
    case let .conv2d(_, r), let .depthwiseConv2d(_, r): return r
    default: return false
    }
  }

  /// Where the output channel sits in the layer's flat weight index (depthwise: 1HWC).
  public var weightLayout: WeightLayout {
    if case .depthwiseConv2d = self { return .channelInner }
    return .outputChannelOuter
  }
}

/// A sequential classifier: input H×W×C, layers, and a softmax-CE head on the last layer's output.
public struct ModelSpec: Equatable, Codable {
  public var name: String
  public var inputH: Int, inputW: Int, inputC: Int
  public var classes: Int
  public var layers: [LayerSpec]

  public init(name: String, inputH: Int, inputW: Int, inputC: Int, classes: Int, layers: [LayerSpec])
  {
    self.name = name
    self.inputH = inputH
    self.inputW = inputW
    self.inputC = inputC
    self.classes = classes
    self.layers = layers
  }

  /// Checks that each layer consumes what the previous one produces and that the model ends in
  /// a fully connected layer with `classes` outputs.
  public func validate() throws {
    let op = "ModelSpec(\(name))"
    var count = inputH * inputW * inputC
    for (i, l) in layers.enumerated() {
      if l.inputCount != count {
        throw FQTError.invalidShape(
          op: op, reason: "layer \(i) (\(l)) expects \(l.inputCount) inputs but receives \(count)")
      }
      if case let .residualAdd(from, _, _, _) = l {
        guard from >= 0, from < i else {
          throw FQTError.invalidShape(
            op: op, reason: "layer \(i): skipFrom \(from) must name an earlier value (0..<\(i))")
        }
        let skipCount = from == 0 ? inputH * inputW * inputC : layers[from - 1].outputCount
        guard skipCount == l.inputCount else {
          throw FQTError.invalidShape(
            op: op, reason: "layer \(i): value \(from) has \(skipCount) elements, the add needs \(l.inputCount)")
        }
        guard from == 0 || layers[from].hasParameters else {
          throw FQTError.invalidShape(
            op: op, reason: "layer \(i): skipFrom \(from) must be 0 or a parameter layer (the skip's"
              + " error is merged into that layer's int32 input gradient)")
        }
      }
      count = l.outputCount
    }
    guard case let .fullyConnected(s)? = layers.last, s.outC == classes else {
      throw FQTError.invalidShape(
        op: op, reason: "the last layer must be fully connected with \(classes) outputs")
    }
  }

  public func jsonData() throws -> Data {
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try enc.encode(self)
  }

  public static func fromJSON(_ data: Data) throws -> ModelSpec {
    let spec = try JSONDecoder().decode(ModelSpec.self, from: data)
    try spec.validate()
    return spec
  }

  /// digits-cnn (FQT.md): 8×8×1 → conv3×3(8, pad 1)+ReLU → maxpool 2 → conv3×3(16, pad 1)+ReLU →
  /// global average pool → FC 10.
  public static let digitsCNN = ModelSpec(
    name: "digits-cnn", inputH: 8, inputW: 8, inputC: 1, classes: 10,
    layers: [
      .conv2d(
        shape: Conv2DShape(inH: 8, inW: 8, inC: 1, outC: 8, kH: 3, kW: 3, padH: 1, padW: 1),
        relu: true),
      .maxPool(shape: PoolShape(inH: 8, inW: 8, channels: 8, k: 2)),
      .conv2d(
        shape: Conv2DShape(inH: 4, inW: 4, inC: 8, outC: 16, kH: 3, kW: 3, padH: 1, padW: 1),
        relu: true),
      .globalAvgPool(inH: 4, inW: 4, channels: 16),
      .fullyConnected(shape: FullyConnectedShape(inC: 16, outC: 10)),
    ])

  /// mnist-cnn (FQT.md): 28×28×1 → conv3×3(8)+ReLU → maxpool 2 → conv3×3(16)+ReLU → maxpool 2 →
  /// FC 10 (no padding: 26 → 13 → 11 → 5).
  public static let mnistCNN = ModelSpec(
    name: "mnist-cnn", inputH: 28, inputW: 28, inputC: 1, classes: 10,
    layers: [
      .conv2d(shape: Conv2DShape(inH: 28, inW: 28, inC: 1, outC: 8, kH: 3, kW: 3), relu: true),
      .maxPool(shape: PoolShape(inH: 26, inW: 26, channels: 8, k: 2)),
      .conv2d(shape: Conv2DShape(inH: 13, inW: 13, inC: 8, outC: 16, kH: 3, kW: 3), relu: true),
      .maxPool(shape: PoolShape(inH: 11, inW: 11, channels: 16, k: 2)),
      .fullyConnected(shape: FullyConnectedShape(inC: 5 * 5 * 16, outC: 10)),
    ])

  /// mbv2-tail (FQT.md): the last inverted-residual blocks of a MobileNetV2-style network on an
  /// H×W×C feature map, the transfer-learning setting. Each block is pointwise expand 1×1
  /// (C → t·C)+ReLU → depthwise 3×3 (pad 1)+ReLU → pointwise project 1×1 (t·C → C', linear: no
  /// ReLU, the "linear bottleneck") and, as in MobileNetV2 when stride is 1 and C' = C, a residual
  /// add of the block's input; then global average pool → FC `classes`. (MobileNetV2 uses ReLU6;
  /// FQT.md's ReLU is act_min = z_y only, so the clamps here are plain ReLU.)
  ///
  /// Layers per block: expand, depthwise, project, add (the add's `skipFrom` is the expand).
  public static func mbv2Tail(
    height: Int, width: Int, channels: Int, expansion: Int, outChannels: Int? = nil,
    blocks: Int = 2, classes: Int = 10
  ) -> ModelSpec {
    let out = outChannels ?? channels
    var layers = [LayerSpec]()
    var c = channels
    for _ in 0..<blocks {
      let first = layers.count
      layers += [
        .conv2d(
          shape: Conv2DShape(inH: height, inW: width, inC: c, outC: c * expansion, kH: 1, kW: 1),
          relu: true),
        .depthwiseConv2d(
          shape: DepthwiseConv2DShape(
            inH: height, inW: width, channels: c * expansion, kH: 3, kW: 3, padH: 1, padW: 1),
          relu: true),
        .conv2d(
          shape: Conv2DShape(inH: height, inW: width, inC: c * expansion, outC: out, kH: 1, kW: 1),
          relu: false),
      ]
      if out == c {
        layers.append(.residualAdd(skipFrom: first, height: height, width: width, channels: c))
      }
      c = out
    }
    layers += [
      .globalAvgPool(inH: height, inW: width, channels: c),
      .fullyConnected(shape: FullyConnectedShape(inC: c, outC: classes)),
    ]
    return ModelSpec(
      name: "mbv2-tail", inputH: height, inputW: width, inputC: channels, classes: classes,
      layers: layers)
  }

  /// mbv2-tail at its FQT.md size: 7×7×96 → 2 × (expand 192 → dw3×3 → project 96 → + skip) →
  /// GAP → FC 10.
  public static let mbv2Tail = mbv2Tail(height: 7, width: 7, channels: 96, expansion: 2)
}
