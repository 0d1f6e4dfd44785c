// The data, model and sparse-update scheme of each `cmemu golden-train --model`.

import FQTGolden
import Foundation

struct GoldenTrainData {
  static let models = ["digits-cnn", "mnist-cnn", "mbv2-tail"]

  var spec: ModelSpec
  var trainX: [[Double]], trainY: [Int]
  var testX: [[Double]], testY: [Int]
  /// Where the samples come from (printed with the results).
  var source: String
  var defaultLearningRate: Double
  /// MCUNetV3-style static sparse update, and the head-only variant (`--sparse head`).
  var sparseScheme: [SparseUpdatePlan.Request]
  var sparseNote: String
  var headOnlyScheme: [SparseUpdatePlan.Request]

  init(model: String, options o: Options, seed: UInt32) throws {
    let fcOnly: (Int) -> [SparseUpdatePlan.Request] = { n in
      [SparseUpdatePlan.Request](repeating: .frozen, count: n - 1) + [.weights(ratioNumerator: 1, ratioDenominator: 1)]
    }
    switch model {
    case "digits-cnn", "mnist-cnn":
      guard
        let dir = o.values["--data"].map({ URL(fileURLWithPath: $0) }) ?? DigitsDataset.locate()
      else { throw UsageError("cannot find Vectors/data/digits (pass --data DIR)") }
      let digits = try DigitsDataset(directory: dir)
      (trainY, testY) = (digits.train.map(\.label), digits.test.map(\.label))
      if model == "digits-cnn" {
        spec = .digitsCNN
        trainX = digits.train.map { $0.input(Double.self) }
        testX = digits.test.map { $0.input(Double.self) }
        source = "scikit-learn digits, \(dir.path)"
      } else {
        // No MNIST copy is available: each digits image, upsampled to MNIST's 20×20 box and placed
        // in a 28×28 frame with a random ±2 pixel shift (train and held-out shifts from different
        // generators, both fixed: they do not depend on --seed, so every seed sees the same data).
        spec = .mnistCNN
        var rTrain = XorShift32(seed: 0x4D4E_0001)
        var rTest = XorShift32(seed: 0x4D4E_0002)
        trainX = digits.train.map { SyntheticData.mnistLike(digits: $0.pixels, jitter: 2, rng: &rTrain) }
        testX = digits.test.map { SyntheticData.mnistLike(digits: $0.pixels, jitter: 2, rng: &rTest) }
        source = "synthetic MNIST-shaped: digits upsampled 8×8 → 20×20 in a 28×28 frame, ±2 px shifts"
      }
      // mnist-cnn's FC reads 400 un-pooled features: at 0.1 its float32 reference diverged (0.10).
      defaultLearningRate = model == "digits-cnn" ? 0.1 : 0.03
      // conv0 pool1 conv2 pool3|gap3 fc4 in both models.
      sparseScheme = [
        .biasOnly, .frozen, .weights(ratioNumerator: 1, ratioDenominator: 2), .frozen,
        .weights(ratioNumerator: 1, ratioDenominator: 1),
      ]
      sparseNote = "conv1 bias only, conv2 ½ input ch., FC full"
      headOnlyScheme = fcOnly(5)
    case "mbv2-tail":
      // Transfer learning: synthetic class-conditional 7×7×96 feature maps stand in for a frozen
      // backbone's features (prototypes fixed, samples from --seed-independent generators).
      spec = .mbv2Tail
      let nTrain = try o.int("--train") ?? MBV2TailData.defaultTrainCount
      let nTest = try o.int("--test") ?? MBV2TailData.defaultTestCount
      let noise = try o.double("--noise", MBV2TailData.defaultNoise)
      let separation = try o.double("--separation", MBV2TailData.defaultSeparation)
      guard nTrain >= 10, nTest >= 10, noise >= 0, separation > 0, separation <= 1 else {
        throw UsageError("mbv2-tail: need --train ≥ 10, --test ≥ 10, --noise ≥ 0, 0 < --separation ≤ 1")
      }
      // The same samples as `cmemu train --model mbv2-tail` (one definition: MBV2TailData).
      let (train, test) = try MBV2TailData.samples(
        for: spec, train: nTrain, test: nTest, separation: separation, noise: noise)
      (trainX, trainY) = (train.map(\.x), train.map(\.label))
      (testX, testY) = (test.map(\.x), test.map(\.label))
      source = "synthetic class-conditional 7×7×96 feature maps, separation \(separation), noise ±\(noise)"
      defaultLearningRate = MBV2TailData.defaultLearningRate
      // Block 1 frozen; block 2: expand bias only, depthwise full, project ½ input channels; FC full.
      sparseScheme =
        [SparseUpdatePlan.Request](repeating: .frozen, count: 4) + [
          .biasOnly, .weights(ratioNumerator: 1, ratioDenominator: 1),
          .weights(ratioNumerator: 1, ratioDenominator: 2), .frozen, .frozen,
          .weights(ratioNumerator: 1, ratioDenominator: 1),
        ]
      sparseNote = "block 1 frozen; block 2 expand bias only, dw full, project ½ input ch.; FC full"
      headOnlyScheme = fcOnly(spec.layers.count)
    default:
      throw UsageError("--model must be one of \(Self.models.joined(separator: ", ")) (got '\(model)')")
    }
  }
}
