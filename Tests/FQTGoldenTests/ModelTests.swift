import Foundation
import XCTest

@testable import FQTGolden

/// A synthetic 8×8 ten-class set (the real digits live in Vectors/data, not in unit tests): ten
/// random blob prototypes with pixel values in [0, 1], samples = prototype + uniform noise ±0.35,
/// clipped. Deterministic from the seed.
func syntheticDigits(count: Int, seed: UInt64) -> [(x: [Double], label: Int)] {
  var proto = TestRNG(777)  // the same prototypes for every split
  let prototypes = (0..<10).map { _ in (0..<64).map { _ in proto.double() < 0.35 ? 1.0 : 0.0 } }
  var rng = TestRNG(seed)
  return (0..<count).map { k in
    let label = k % 10
    let x = prototypes[label].map { min(1, max(0, $0 + (rng.double() - 0.5) * 0.7)) }
    return (x, label)
  }
}

final class ModelSpecTests: XCTestCase {
  func testBuiltInModelsValidateAndRoundTripThroughJSON() throws {
    for spec in [ModelSpec.digitsCNN, ModelSpec.mnistCNN] {
      XCTAssertNoThrow(try spec.validate())
      XCTAssertEqual(try ModelSpec.fromJSON(try spec.jsonData()), spec)
    }
    let json = String(decoding: try ModelSpec.digitsCNN.jsonData(), as: UTF8.self)
    XCTAssertTrue(json.contains("\"globalAvgPool\""))
  }

  func testMismatchedLayersAreRejected() {
    var bad = ModelSpec.digitsCNN
    bad.layers[2] = .conv2d(
      shape: Conv2DShape(inH: 4, inW: 4, inC: 7, outC: 16, kH: 3, kW: 3, padH: 1, padW: 1),
      relu: true)
    XCTAssertThrowsError(try bad.validate()) { XCTAssertTrue("\($0)".contains("layer 2")) }
  }
}

final class FloatModelTests: XCTestCase {
  /// Backprop of the Double model against central differences (h = 1e-5; tolerance 1e-6 absolute
  /// + 1e-4 relative: the loss is smooth except at ReLU/max-pool kinks, which random reals avoid).
  func testGradientsMatchFiniteDifferences() throws {
    var m = try FloatModel<Double>(spec: .digitsCNN, seed: 5)
    for li in m.biases.indices { for k in m.biases[li].indices { m.biases[li][k] = 0.05 } }
    let data = syntheticDigits(count: 3, seed: 1)
    for (x, label) in data {
      let (_, gW, gB) = m.gradients(x, label: label)
      for li in m.weights.indices where !m.weights[li].isEmpty {
        for k in stride(from: 0, to: m.weights[li].count, by: max(1, m.weights[li].count / 7)) {
          var p = m
          var q = m
          p.weights[li][k] += 1e-5
          q.weights[li][k] -= 1e-5
          let fd =
            (FloatModel<Double>.crossEntropy(p.forward(x).values.last!, label: label).loss
              - FloatModel<Double>.crossEntropy(q.forward(x).values.last!, label: label).loss)
            / 2e-5
          XCTAssertEqual(fd, gW[li][k], accuracy: 1e-6 + 1e-4 * abs(fd), "layer \(li) w[\(k)]")
        }
        var p = m
        var q = m
        p.biases[li][0] += 1e-5
        q.biases[li][0] -= 1e-5
        let fd =
          (FloatModel<Double>.crossEntropy(p.forward(x).values.last!, label: label).loss
            - FloatModel<Double>.crossEntropy(q.forward(x).values.last!, label: label).loss) / 2e-5
        XCTAssertEqual(fd, gB[li][0], accuracy: 1e-6 + 1e-4 * abs(fd), "layer \(li) b[0]")
      }
    }
  }
}

final class QuantizedModelTests: XCTestCase {
  func testQuantizedForwardTracksFloatForward() throws {
    let fm = try FloatModel<Double>(spec: .digitsCNN, seed: 9)
    let data = syntheticDigits(count: 40, seed: 2)
    let qm = try QuantizedModel(float: fm, calibration: data.map(\.x))
    var worst = 0.0
    for (x, _) in data {
      let fl = fm.forward(x).values.last ?? []
      let ql = try qm.forward(qm.quantizeInput(x)).values.last ?? []
      let s = qm.layers[4]?.outputScale ?? 0
      for (a, b) in zip(fl, ql) { worst = max(worst, abs(a - Double(b) * s)) }
    }
    // Logit LSB is 12/127 ≈ 0.094; quantization noise of three layers stays within a few LSBs.
    XCTAssertLessThan(worst, 0.4)
    XCTAssertGreaterThan(worst, 0)  // the comparison is not vacuous
  }

  func testStaticErrorScalesFollowTheBackwardPath() throws {
    let fm = try FloatModel<Double>(spec: .digitsCNN, seed: 9)
    let qm = try QuantizedModel(float: fm, calibration: syntheticDigits(count: 10, seed: 3).map(\.x))
    let swFC = try XCTUnwrap(qm.layers[4]?.weightScales.first)
    let swC2 = try XCTUnwrap(qm.layers[2]?.weightScales.first)
    XCTAssertEqual(qm.layers[4]?.errorScale, 1)
    XCTAssertEqual(try XCTUnwrap(qm.layers[2]?.errorScale), swFC / 16, accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(qm.layers[0]?.errorScale), swFC / 16 * swC2, accuracy: 1e-15)
  }

  func testTrainStepIsDeterministicAndChangesEveryParameterLayer() throws {
    let fm = try FloatModel<Double>(spec: .digitsCNN, seed: 11)
    let data = syntheticDigits(count: 20, seed: 4)
    let q0 = try QuantizedModel(float: fm, calibration: data.map(\.x))
    var a = q0
    var b = q0
    var ra = XorShift32(seed: 99)
    var rb = XorShift32(seed: 99)
    let opt = TrainOptions(learningRate: 0.05, rounding: .stochastic)
    for (x, l) in data {
      _ = try a.trainStep(input: a.quantizeInput(x), label: l, options: opt, rng: &ra)
      _ = try b.trainStep(input: b.quantizeInput(x), label: l, options: opt, rng: &rb)
    }
    XCTAssertEqual(a, b)
    for li in [0, 2, 4] { XCTAssertNotEqual(a.layers[li]?.weights, q0.layers[li]?.weights, "\(li)") }
  }

  /// int8 training with QAS learns the synthetic set about as well as the float reference of the
  /// same network and schedule; plain int8 SGD (no QAS) barely moves the early layers.
  func testInt8QASTrainingLearnsLikeFloatReference() throws {
    let train = syntheticDigits(count: 200, seed: 5)
    let test = syntheticDigits(count: 100, seed: 6)
    let lr = 0.1
    var fm = try FloatModel<Float>(spec: .digitsCNN, seed: 21)
    let initial = try FloatModel<Double>(spec: .digitsCNN, seed: 21)
    var qas = try QuantizedModel(float: initial, calibration: train.prefix(50).map(\.x))
    var plain = qas
    var rng = XorShift32(seed: 1234)
    for _ in 0..<3 {
      for (x, l) in train {
        fm.sgdStep(x.map(Float.init), label: l, learningRate: Float(lr))
        _ = try qas.trainStep(
          input: qas.quantizeInput(x), label: l, options: TrainOptions(learningRate: lr), rng: &rng)
        _ = try plain.trainStep(
          input: plain.quantizeInput(x), label: l,
          options: TrainOptions(learningRate: lr, qas: false), rng: &rng)
      }
    }
    func acc(_ f: ([Double]) throws -> Int) rethrows -> Double {
      Double(try test.filter { try f($0.x) == $0.label }.count) / Double(test.count)
    }
    let accFloat = acc { fm.predict($0.map(Float.init)) }
    let accQAS = try acc { try qas.predict(qas.quantizeInput($0)) }
    let accPlain = try acc { try plain.predict(plain.quantizeInput($0)) }
    print("synthetic digits, 3 epochs: float32 \(accFloat), int8 QAS \(accQAS), int8 plain \(accPlain)")
    XCTAssertGreaterThan(accFloat, 0.9)
    XCTAssertGreaterThan(accQAS, 0.9)
    XCTAssertGreaterThanOrEqual(accQAS, accFloat - 0.05)
    // Without QAS the update multipliers lr·s_x·s_W·c are ~10⁻⁹ LSB: the updates underflow.
    XCTAssertLessThan(accPlain, accQAS - 0.3)
  }
}
