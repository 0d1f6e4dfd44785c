import Foundation
import XCTest

@testable import FQTGolden

final class SoftmaxTests: XCTestCase {
  /// The unit-test case of CMSIS-NN's own test suite (Tests/UnitTest/TestCases/TestData/softmax:
  /// config, input and reference output produced by TFLite's reference kernel).
  func testMatchesCMSISNNUnitTestVector() throws {
    let p = SoftmaxParameters(multiplier: 1_077_952_640, leftShift: 19, diffMin: -3968)
    let input: [Int8] = [101, 49, 6, -34, -75, -79, -38, 120, -55, 115]
    let expected: [Int8] = [-57, -70, -79, -86, -92, -94, -88, -54, -91, -56]
    XCTAssertEqual(try softmax(input: input, rows: 2, rowSize: 5, parameters: p), expected)
    // CMSIS-NN's "invalid diff_min" case: nothing passes, every output is −128.
    let none = SoftmaxParameters(multiplier: 1_077_952_640, leftShift: 19, diffMin: Int32.max)
    XCTAssertEqual(
      try softmax(input: input, rows: 2, rowSize: 5, parameters: none),
      [Int8](repeating: -128, count: 10))
  }

  func testParametersFromScaleMatchTheCMSISNNCase() throws {
    // The CMSIS-NN case above is input scale 1/255 stored as float32 (as TFLite stores scales),
    // β = 1: M = round(Float(1/255)·2³⁸) = 1077952640, shift 19, diffMin = −31·2²⁶/2¹⁹.
    let p = try SoftmaxParameters(inputScale: Double(Float(1.0 / 255.0)))
    XCTAssertEqual(p, SoftmaxParameters(multiplier: 1_077_952_640, leftShift: 19, diffMin: -3968))
    // With the exact Double 1/255 the multiplier is ⌊2³⁸/255⌉ = 1077952576.
    XCTAssertEqual(try SoftmaxParameters(inputScale: 1.0 / 255.0).multiplier, 1_077_952_576)
  }

  func testExpOnNegativeValuesIsAccurate() {
    // Q5.26 input, Q0.31 output.
    for k in stride(from: 0, through: 31 << 26, by: 1_234_567) {
      let v = -Int32(k)
      let got = Double(expOnNegativeValues(v)) / 0x1p31
      XCTAssertEqual(got, Foundation.exp(Double(v) / 0x1p26), accuracy: 5e-7)
    }
    XCTAssertEqual(expOnNegativeValues(0), Int32.max)
  }

  func testOneOverOnePlusXIsAccurate() {
    for k in stride(from: 0, to: Int(Int32.max), by: 9_876_543) {
      let x = Double(k) / 0x1p31
      // Result is 1/(1+x) in Q0.31 (x = 0 saturates just below 1).
      XCTAssertEqual(Double(oneOverOnePlusX(Int32(k))) / 0x1p31, 1 / (1 + x), accuracy: 1e-8)
    }
  }

  func testCloseToDoubleSoftmaxOnRandomRows() throws {
    var rng = TestRNG(30)
    for _ in 0..<300 {
      let n = rng.int(2, 40)
      let scale = 0.01 + rng.double() * 0.3
      let p = try SoftmaxParameters(inputScale: scale)
      let x = rng.int8s(n)
      let y = try softmax(input: x, rows: 1, rowSize: n, parameters: p)
      let mx = Double(x.max() ?? 0)
      let ex = x.map { Foundation.exp((Double($0) - mx) * scale) }
      let total = ex.reduce(0, +)
      for j in 0..<n {
        let ideal = ex[j] / total * 256 - 128
        XCTAssertEqual(Double(y[j]), min(ideal, 127), accuracy: 1.0, "n=\(n) s=\(scale)")
      }
    }
  }

  func testRejectsBadShapes() {
    let p = SoftmaxParameters(multiplier: 1 << 30, leftShift: 20, diffMin: -100)
    XCTAssertThrowsError(try softmax(input: [1, 2], rows: 1, rowSize: 3, parameters: p))
    XCTAssertThrowsError(
      try softmax(input: [Int8](repeating: 0, count: 512), rows: 1, rowSize: 512, parameters: p))
  }
}
