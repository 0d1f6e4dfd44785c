// The training data and initial int8 model of a `cmemu train` run, made exactly as `cmemu
// golden-train` makes them so the two commands agree: float initialisation from the seed, scales
// calibrated on the first 200 training samples through it, the epoch order from
// xorshift32(zoStepSeed(seed, epoch + 1)) (Fisher–Yates).

import FQTGolden
import Foundation

public struct TrainSetup {
  public var model: QuantizedModel
  public var trainX: [[Int8]]
  public var trainY: [Int]
  public var testX: [[Int8]]
  public var testY: [Int]
  /// Where the samples come from (printed with the results).
  public var source: String
  public var order: (Int) -> Int

  /// `spec` trained on real-valued samples (`calibration`: the first 200 of `train`).
  public init(
    spec: ModelSpec, seed: UInt32, train: [(x: [Double], label: Int)], test: [(x: [Double], label: Int)],
    source: String
  ) throws {
    guard !train.isEmpty else { throw HarnessError("\(spec.name): no training samples") }
    let trainF = train.map(\.x)
    let initial = try FloatModel<Double>(spec: spec, seed: seed)
    model = try QuantizedModel(float: initial, calibration: Array(trainF.prefix(200)))
    let m = model
    trainX = trainF.map { m.quantizeInput($0) }
    trainY = train.map(\.label)
    testX = test.map { m.quantizeInput($0.x) }
    testY = test.map(\.label)
    self.source = source
    let n = trainX.count
    var cache = [Int: [Int]]()
    order = { step in
      let ep = step / n
      if cache[ep] == nil {
        var r = XorShift32(seed: zoStepSeed(base: seed, step: UInt32(ep + 1)))
        var idx = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { idx.swapAt(i, Int(r.next() % UInt32(i + 1))) }
        cache[ep] = idx
      }
      return cache[ep]![step % n]
    }
  }

  /// digits-cnn on the scikit-learn digits in `dataDirectory`.
  public init(seed: UInt32, dataDirectory: URL) throws {
    let data = try DigitsDataset(directory: dataDirectory)
    try self.init(
      spec: .digitsCNN, seed: seed,
      train: data.train.map { ($0.input(Double.self), $0.label) },
      test: data.test.map { ($0.input(Double.self), $0.label) },
      source: "scikit-learn digits, \(dataDirectory.path)")
  }

  /// mbv2-tail (`spec`, default the full 7×7×96 model) on `MBV2TailData`'s synthetic features.
  public static func mbv2Tail(
    seed: UInt32, spec: ModelSpec = .mbv2Tail, train: Int = MBV2TailData.defaultTrainCount,
    test: Int = MBV2TailData.defaultTestCount
  ) throws -> TrainSetup {
    guard spec.name == ModelSpec.mbv2Tail.name else { throw HarnessError("mbv2Tail setup: got model \(spec.name)") }
    let (tr, te) = try MBV2TailData.samples(for: spec, train: train, test: test)
    return try TrainSetup(
      spec: spec, seed: seed, train: tr, test: te,
      source: "\(MBV2TailData.description), \(spec.inputH)×\(spec.inputW)×\(spec.inputC)")
  }

  public func accuracy(_ m: QuantizedModel) throws -> Double {
    var ok = 0
    for (x, y) in zip(testX, testY) where try m.predict(x) == y { ok += 1 }
    return Double(ok) / Double(max(testY.count, 1))
  }
}

/// The name the digits-only version had (tests and callers written before mbv2-tail use it).
public typealias DigitsSetup = TrainSetup
