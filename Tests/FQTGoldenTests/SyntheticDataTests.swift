import Foundation
import XCTest

@testable import FQTGolden

/// The synthetic data sets of golden-train (mnist-cnn, mbv2-tail) and a few steps of every method
/// on mnist-cnn.
final class SyntheticDataTests: XCTestCase {
  /// A single lit pixel upsamples to a bump inside the 20×20 box at rows/columns 4 + d … 23 + d.
  func testMnistLikeUpsamplesAndShifts() {
    var one = [UInt8](repeating: 0, count: 64)
    one[3 * 8 + 5] = 16  // row 3, column 5
    var rng = XorShift32(seed: 9)
    var shifts = Set<[Int]>()
    for _ in 0..<300 {
      let before = rng
      let img = SyntheticData.mnistLike(digits: one, jitter: 2, rng: &rng)
      XCTAssertEqual(img.count, 784)
      XCTAssertTrue(img.allSatisfy { $0 >= 0 && $0 <= 1 })
      // The shift is the generator's first two draws (dy, dx), each in [−2, 2].
      var r = before
      let dy = Int(r.next() % 5) - 2
      let dx = Int(r.next() % 5) - 2
      shifts.insert([dy, dx])
      // Brightest pixel: source (3, 5) sits at box coordinate (u + ½)·20/8 − ½ = 8.25 / 13.25, so
      // the peak is at box row 8, column 13 (the nearest output centres), shifted by (dy, dx).
      let peak = img.indices.max { img[$0] < img[$1] }!
      XCTAssertEqual(peak / 28, 4 + dy + 8)
      XCTAssertEqual(peak % 28, 4 + dx + 13)
      // Output row 8 samples source row 2.9 (weight 0.9 on row 3), column 13 samples 4.9: 0.9².
      XCTAssertEqual(img[peak], 0.81, accuracy: 1e-9)
      // Outside the shifted 20×20 box everything is 0.
      for y in 0..<28 where y < 4 + dy || y >= 24 + dy {
        for x in 0..<28 { XCTAssertEqual(img[y * 28 + x], 0) }
      }
    }
    XCTAssertEqual(shifts.count, 25)  // every shift in [−2, 2]² occurs
  }

  func testFeatureMapsAreDeterministicClassConditionalAndBounded() {
    let a = SyntheticData.featureMaps(count: 40, seed: 3, height: 3, width: 3, channels: 8, separation: 0.5, noise: 0.2)
    let b = SyntheticData.featureMaps(count: 40, seed: 3, height: 3, width: 3, channels: 8, separation: 0.5, noise: 0.2)
    XCTAssertEqual(a.map(\.x), b.map(\.x))
    XCTAssertEqual(a.map(\.label), (0..<40).map { $0 % 10 })
    XCTAssertTrue(a.allSatisfy { $0.x.count == 72 && $0.x.allSatisfy { $0 >= 0 && $0 <= 1 } })
    // Other sample seed: same prototypes, different noise.
    let c = SyntheticData.featureMaps(count: 40, seed: 4, height: 3, width: 3, channels: 8, separation: 0.5, noise: 0.2)
    XCTAssertNotEqual(a.map(\.x), c.map(\.x))
    // Without noise every sample is its class prototype, and classes differ.
    let clean = SyntheticData.featureMaps(count: 20, seed: 5, height: 3, width: 3, channels: 8, separation: 0.5, noise: 0)
    XCTAssertEqual(clean[0].x, clean[10].x)
    XCTAssertNotEqual(clean[0].x, clean[1].x)
  }

  /// A few steps of every golden-train method on mnist-cnn run and move the parameters.
  func testEveryMethodStepsOnMnistCNN() throws {
    var digitsLike = XorShift32(seed: 21)
    let samples = (0..<12).map { k -> (x: [Double], label: Int) in
      let pixels = (0..<64).map { _ in UInt8(digitsLike.next() % 17) }
      return (SyntheticData.mnistLike(digits: pixels, jitter: 2, rng: &digitsLike), k % 10)
    }
    let q0 = try QuantizedModel(
      float: try FloatModel<Double>(spec: .mnistCNN, seed: 3), calibration: samples.map(\.x))
    let plan = try SparseUpdatePlan(
      model: q0,
      requests: [.biasOnly, .frozen, .weights(ratioNumerator: 1, ratioDenominator: 2), .frozen, .weights(ratioNumerator: 1, ratioDenominator: 1)])
    let options: [String: TrainOptions] = [
      "sgd": TrainOptions(learningRate: 0.03, qas: false, rounding: .stochastic),
      "qas": TrainOptions(learningRate: 0.03, rounding: .stochastic),
      "sparse": TrainOptions(learningRate: 0.03, rounding: .stochastic, sparse: plan),
      "partial": TrainOptions(
        learningRate: 0.03, rounding: .stochastic,
        partial: PartialUpdateOptions(lambdaMinQ16: 16384, lambdaMaxQ16: 65536)),
    ]
    for (name, o) in options {
      var m = q0
      var rng = XorShift32(seed: 7)
      for (x, l) in samples.prefix(4) {
        _ = try m.trainStep(input: m.quantizeInput(x), label: l, options: o, rng: &rng)
      }
      // Plain int8 SGD's updates underflow to zero (README), so only the QAS methods must move.
      if name == "sgd" { continue }
      XCTAssertTrue(m.layers[4] != q0.layers[4], name)
      if name != "sparse" { XCTAssertTrue(m.layers[2] != q0.layers[2], name) }
    }
    var z = q0
    for (k, (x, l)) in samples.prefix(3).enumerated() {
      _ = try z.zoTrainStep(
        input: z.quantizeInput(x), label: l, options: ZOOptions(learningRate: 0.3, queries: 2),
        seed: zoStepSeed(base: 1, step: UInt32(k + 1)))
    }
    XCTAssertTrue(z.layers != q0.layers)
  }
}
