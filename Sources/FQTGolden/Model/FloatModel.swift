// A floating-point reference of a sequential model (same layers, same initialisation, plain SGD on
// real values), generic so that Double serves finite-difference checks and Float the float32
// reference of the training runs.

import Foundation

/// Deterministic uniform initialisation: each weight is U(−a, a) with a = √(6 / fanIn) (He
/// uniform), drawn from xorshift32 in layer order, OHWI order; biases start at 0. The last layer
/// of a residual branch (the one feeding a `residualAdd`) uses a·`residualBranchScale`, so each
/// block starts near the identity (as Fixup / zero-γ initialisations do; there is no batch norm
/// here): with the full range, per-sample float SGD on mbv2-tail's test problem reached only
/// 0.54 accuracy at lr 0.03 (0.94 with ¼).
public struct FloatModel<T: BinaryFloatingPoint> {
  public static var residualBranchScale: Double { 0.25 }

  public var spec: ModelSpec
  /// Per layer (empty for layers without parameters).
  public var weights: [[T]]
  public var biases: [[T]]

  public init(spec: ModelSpec, seed: UInt32) throws {
    try spec.validate()
    self.spec = spec
    var rng = XorShift32(seed: seed)
    weights = []
    biases = []
    for (li, l) in spec.layers.enumerated() {
      guard let p = l.parameterShape else {
        weights.append([])
        biases.append([])
        continue
      }
      var a = (6.0 / Double(p.fanIn)).squareRoot()
      if li + 1 < spec.layers.count, case .residualAdd = spec.layers[li + 1] { a *= Self.residualBranchScale }
      weights.append((0..<p.weights).map { _ in T((Double(rng.next()) / 4_294_967_296.0 * 2 - 1) * a) })
      biases.append([T](repeating: 0, count: p.channels))
    }
  }

  /// Activations of one forward pass: `values[i]` is layer i's input; the last entry the logits.
  public struct Trace {
    public var values: [[T]]
    var argmax: [[Int]]
  }

  public func forward(_ x: [T]) -> Trace {
    var values = [x]
    var argmax = [[Int]]()
    var cur = x
    for (li, l) in spec.layers.enumerated() {
      var arg = [Int]()
      switch l {
      case let .conv2d(s, relu):
        cur = Self.conv(cur, weights[li], biases[li], s, relu: relu)
      case let .depthwiseConv2d(s, relu):
        cur = Self.depthwise(cur, weights[li], biases[li], s, relu: relu)
      case let .maxPool(s):
        (cur, arg) = Self.maxPool(cur, s)
      case let .globalAvgPool(h, w, c):
        var out = [T](repeating: 0, count: c)
        for p in 0..<(h * w) { for ch in 0..<c { out[ch] += cur[p * c + ch] } }
        cur = out.map { $0 / T(h * w) }
      case let .fullyConnected(s):
        cur = Self.conv(cur, weights[li], biases[li], s.conv, relu: false)
      case let .residualAdd(from, _, _, _):
        cur = zip(cur, values[from]).map { $0 + $1 }
      }
      argmax.append(arg)
      values.append(cur)
    }
    return Trace(values: values, argmax: argmax)
  }

  public func predict(_ x: [T]) -> Int {
    let logits = forward(x).values.last ?? []
    return logits.indices.max(by: { logits[$0] < logits[$1] }) ?? 0
  }

  static func conv(_ x: [T], _ w: [T], _ b: [T], _ s: Conv2DShape, relu: Bool) -> [T] {
    var y = [T](repeating: 0, count: s.outputCount)
    for oh in 0..<s.outH {
      for ow in 0..<s.outW {
        for o in 0..<s.outC {
          var acc = b[o]
          for kh in s.khRange(oh) {
            for kw in s.kwRange(ow) {
              let xo = ((oh * s.strideH - s.padH + kh) * s.inW + ow * s.strideW - s.padW + kw) * s.inC
              let wo = ((o * s.kH + kh) * s.kW + kw) * s.inC
              for i in 0..<s.inC { acc += w[wo + i] * x[xo + i] }
            }
          }
          y[(oh * s.outW + ow) * s.outC + o] = relu ? max(acc, 0) : acc
        }
      }
    }
    return y
  }

  /// Depthwise conv, 1HWC weights: y[oh,ow,c] = b[c] + Σ W[kh,kw,c]·x[ih,iw,c].
  static func depthwise(_ x: [T], _ w: [T], _ b: [T], _ s: DepthwiseConv2DShape, relu: Bool) -> [T] {
    let cs = s.conv
    let C = s.channels
    var y = [T](repeating: 0, count: s.outputCount)
    for oh in 0..<s.outH {
      for ow in 0..<s.outW {
        for c in 0..<C {
          var acc = b[c]
          for kh in cs.khRange(oh) {
            for kw in cs.kwRange(ow) {
              let xi = ((oh * s.strideH - s.padH + kh) * s.inW + ow * s.strideW - s.padW + kw) * C + c
              acc += w[(kh * s.kW + kw) * C + c] * x[xi]
            }
          }
          y[(oh * s.outW + ow) * C + c] = relu ? max(acc, 0) : acc
        }
      }
    }
    return y
  }

  static func depthwiseBackward(_ e: [T], _ x: [T], _ w: [T], _ s: DepthwiseConv2DShape) -> (
    gx: [T], gw: [T], gb: [T]
  ) {
    let cs = s.conv
    let C = s.channels
    var gx = [T](repeating: 0, count: s.inputCount)
    var gw = [T](repeating: 0, count: s.weightCount)
    var gb = [T](repeating: 0, count: C)
    for oh in 0..<s.outH {
      for ow in 0..<s.outW {
        for c in 0..<C {
          let ev = e[(oh * s.outW + ow) * C + c]
          if ev == 0 { continue }
          gb[c] += ev
          for kh in cs.khRange(oh) {
            for kw in cs.kwRange(ow) {
              let xi = ((oh * s.strideH - s.padH + kh) * s.inW + ow * s.strideW - s.padW + kw) * C + c
              let wi = (kh * s.kW + kw) * C + c
              gx[xi] += w[wi] * ev
              gw[wi] += x[xi] * ev
            }
          }
        }
      }
    }
    return (gx, gw, gb)
  }

  static func maxPool(_ x: [T], _ s: PoolShape) -> ([T], [Int]) {
    var y = [T](repeating: 0, count: s.outputCount)
    var arg = [Int](repeating: 0, count: s.outputCount)
    let cs = s.conv
    for oh in 0..<s.outH {
      for ow in 0..<s.outW {
        for c in 0..<s.channels {
          var best = -T.infinity
          var bi = 0
          for kh in cs.khRange(oh) {
            for kw in cs.kwRange(ow) {
              let i = ((oh * s.strideH - s.padH + kh) * s.inW + ow * s.strideW - s.padW + kw)
                * s.channels + c
              if x[i] > best {
                best = x[i]
                bi = i
              }
            }
          }
          y[(oh * s.outW + ow) * s.channels + c] = best
          arg[(oh * s.outW + ow) * s.channels + c] = bi
        }
      }
    }
    return (y, arg)
  }

  /// Softmax cross-entropy loss (natural log) of the logits.
  public static func crossEntropy(_ logits: [T], label: Int) -> (loss: T, dLogits: [T]) {
    let mx = logits.max() ?? 0
    let ex = logits.map { T(Foundation.exp(Double($0 - mx))) }
    let total = ex.reduce(0, +)
    var d = ex.map { $0 / total }
    let loss = -T(Foundation.log(Double(d[label])))
    d[label] -= 1
    return (loss, d)
  }

  /// Loss and gradients of every parameter for one sample (backpropagation).
  public func gradients(_ x: [T], label: Int) -> (loss: T, weights: [[T]], biases: [[T]]) {
    let tr = forward(x)
    let (loss, dl) = Self.crossEntropy(tr.values.last ?? [], label: label)
    var gW = weights.map { [T](repeating: 0, count: $0.count) }
    var gB = biases.map { [T](repeating: 0, count: $0.count) }
    var e = dl
    // The error of a residual add's output, waiting for the value its skip came from.
    var skipErrors = [Int: [T]]()
    for li in spec.layers.indices.reversed() {
      let input = tr.values[li]
      let output = tr.values[li + 1]
      switch spec.layers[li] {
      case let .conv2d(s, relu):
        if relu { for k in e.indices where output[k] <= 0 { e[k] = 0 } }
        (e, gW[li], gB[li]) = Self.convBackward(e, input, weights[li], s)
      case let .depthwiseConv2d(s, relu):
        if relu { for k in e.indices where output[k] <= 0 { e[k] = 0 } }
        (e, gW[li], gB[li]) = Self.depthwiseBackward(e, input, weights[li], s)
      case let .fullyConnected(s):
        (e, gW[li], gB[li]) = Self.convBackward(e, input, weights[li], s.conv)
      case .maxPool:
        var g = [T](repeating: 0, count: input.count)
        for (k, i) in tr.argmax[li].enumerated() { g[i] += e[k] }
        e = g
      case let .globalAvgPool(h, w, c):
        var g = [T](repeating: 0, count: input.count)
        for p in 0..<(h * w) { for ch in 0..<c { g[p * c + ch] = e[ch] / T(h * w) } }
        e = g
      case let .residualAdd(from, _, _, _):
        skipErrors[from] = e  // ∂(a + b)/∂a = 1: the same error goes down both paths
      }
      // e is now the error of value li (layer li's input): add the skip's share if one lands here.
      if let s = skipErrors[li] { e = zip(e, s).map { $0 + $1 } }
    }
    return (loss, gW, gB)
  }

  static func convBackward(_ e: [T], _ x: [T], _ w: [T], _ s: Conv2DShape) -> (
    gx: [T], gw: [T], gb: [T]
  ) {
    var gx = [T](repeating: 0, count: s.inputCount)
    var gw = [T](repeating: 0, count: s.weightCount)
    var gb = [T](repeating: 0, count: s.outC)
    for oh in 0..<s.outH {
      for ow in 0..<s.outW {
        for o in 0..<s.outC {
          let ev = e[(oh * s.outW + ow) * s.outC + o]
          if ev == 0 { continue }
          gb[o] += ev
          for kh in s.khRange(oh) {
            for kw in s.kwRange(ow) {
              let xo = ((oh * s.strideH - s.padH + kh) * s.inW + ow * s.strideW - s.padW + kw) * s.inC
              let wo = ((o * s.kH + kh) * s.kW + kw) * s.inC
              for i in 0..<s.inC {
                gx[xo + i] += w[wo + i] * ev
                gw[wo + i] += x[xo + i] * ev
              }
            }
          }
        }
      }
    }
    return (gx, gw, gb)
  }

  /// One SGD step on one sample; returns the loss before the step.
  @discardableResult
  public mutating func sgdStep(_ x: [T], label: Int, learningRate lr: T) -> T {
    let (loss, gW, gB) = gradients(x, label: label)
    for li in weights.indices {
      for k in weights[li].indices { weights[li][k] -= lr * gW[li][k] }
      for k in biases[li].indices { biases[li][k] -= lr * gB[li][k] }
    }
    return loss
  }
}

// Concrete float32 entry points. Generic code called from another module is not specialized, so
// `cmemu golden-train`'s float32 reference ran through witness tables (~100 ms per mbv2-tail
// step); called from here, with T known, the optimizer specializes the whole model for Float.
extension FloatModel where T == Float {
  @discardableResult
  public mutating func sgdStepFloat32(_ x: [Float], label: Int, learningRate lr: Float) -> Float {
    sgdStep(x, label: label, learningRate: lr)
  }

  public func predictFloat32(_ x: [Float]) -> Int { predict(x) }
}
