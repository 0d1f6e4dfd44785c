// The one definition of mbv2-tail's training data, shared by `cmemu train` (on the emulated MCU)
// and the golden model's own training so both see the same samples: synthetic class-conditional
// feature maps (`SyntheticData.featureMaps`) standing in for a frozen backbone's features, the
// transfer-learning setting. Train and held-out samples come from fixed generators that do not
// depend on the training seed, so every seed sees the same data.

import Foundation

public enum MBV2TailData {
  public static let trainSeed: UInt32 = 0x4D42_0001
  public static let testSeed: UInt32 = 0x4D42_0002
  public static let defaultTrainCount = 500
  public static let defaultTestCount = 200
  /// How far the class profiles differ (σ of `featureMaps`) and the per-element noise.
  public static let defaultSeparation = 0.3
  public static let defaultNoise = 1.0
  /// Learning rate of the BP methods on this data.
  public static let defaultLearningRate = 0.05

  /// Train and held-out samples shaped for `spec` (its input H×W×C and class count).
  public static func samples(
    for spec: ModelSpec, train: Int = defaultTrainCount, test: Int = defaultTestCount,
    separation: Double = defaultSeparation, noise: Double = defaultNoise
  ) throws -> (train: [(x: [Double], label: Int)], test: [(x: [Double], label: Int)]) {
    guard train >= 1, test >= 1, noise >= 0, separation > 0, separation <= 1 else {
      throw FQTError.invalidParameter(
        op: "MBV2TailData", reason: "need train ≥ 1, test ≥ 1, noise ≥ 0, 0 < separation ≤ 1")
    }
    func make(_ count: Int, _ seed: UInt32) -> [(x: [Double], label: Int)] {
      SyntheticData.featureMaps(
        count: count, seed: seed, height: spec.inputH, width: spec.inputW, channels: spec.inputC,
        classes: spec.classes, separation: separation, noise: noise)
    }
    return (make(train, trainSeed), make(test, testSeed))
  }

  public static var description: String {
    "synthetic class-conditional feature maps (separation \(defaultSeparation), noise ±\(defaultNoise))"
  }
}
