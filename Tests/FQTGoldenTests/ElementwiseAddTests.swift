import Foundation
import XCTest

@testable import FQTGolden

/// Slow reference of CMSIS-NN `arm_elementwise_add_s8` for one element, written from its C text in
/// Int64 with `refRequantize` (TestSupport): returns v before the clamp.
func refAdd(_ x1: Int8, _ x2: Int8, _ q: AddQuantization) -> Int64 {
  let a = refRequantize(
    Int32((Int64(x1) - Int64(q.input1ZeroPoint)) * (Int64(1) << Int64(q.leftShift))),
    q.input1Multiplier, q.input1Shift)
  let b = refRequantize(
    Int32((Int64(x2) - Int64(q.input2ZeroPoint)) * (Int64(1) << Int64(q.leftShift))),
    q.input2Multiplier, q.input2Shift)
  return refRequantize(Int32(a + b), q.outputMultiplier, q.outputShift) + Int64(q.outputZeroPoint)
}

final class ElementwiseAddTests: XCTestCase {
  /// Equal unit scales: m₁ = m₂ = ½ (M = 2³⁰, sh = 0), m_y = 2/2²⁰ (M = 2³⁰, sh = −18), so
  /// y = x₁ + x₂ exactly; with s_y = 2, y = (x₁ + x₂)/2 rounded half away from zero.
  func testHandExamples() throws {
    let unit = try AddQuantization(
      input1Scale: 1, input1ZeroPoint: 0, input2Scale: 1, input2ZeroPoint: 0, outputScale: 1,
      outputZeroPoint: 0)
    XCTAssertEqual(
      [unit.input1Multiplier, unit.input1Shift, unit.outputMultiplier, unit.outputShift],
      [1 << 30, 0, 1 << 30, -18])
    let r = try elementwiseAdd(input1: [3, -100, 100, 100, -3], input2: [4, -100, 27, 28, 0], quant: unit)
    XCTAssertEqual(r.output, [7, -128, 127, 127, -3])
    // −200 and 128 saturate: no gradient; 127 is inside (act_min < v ≤ act_max).
    XCTAssertEqual(unpackMask(r.mask, count: 5), [true, false, true, false, true])

    let half = try AddQuantization(
      input1Scale: 1, input1ZeroPoint: 0, input2Scale: 1, input2ZeroPoint: 0, outputScale: 2,
      outputZeroPoint: 0)
    XCTAssertEqual(
      try elementwiseAdd(input1: [3, -3, 2, 1], input2: [4, -4, 2, 0], quant: half).output,
      [4, -4, 2, 1])  // 3.5 → 4, −3.5 → −4, 2, 0.5 → 1

    // Zero points: (x − z) is what is added; output zero point added after.
    let zp = try AddQuantization(
      input1Scale: 1, input1ZeroPoint: -128, input2Scale: 1, input2ZeroPoint: 10, outputScale: 1,
      outputZeroPoint: -5)
    XCTAssertEqual(try elementwiseAdd(input1: [-120], input2: [12], quant: zp).output, [(8 + 2) - 5])
  }

  /// Random CMSIS parameters (valid ranges) and inputs against the Int64 reference.
  func testMatchesSlowReferenceOnRandomParameters() throws {
    var rng = TestRNG(90)
    for _ in 0..<200 {
      let q = AddQuantization(
        input1ZeroPoint: Int32(rng.int(-128, 127)), input1Multiplier: Int32(rng.int(1 << 30, Int(Int32.max))),
        input1Shift: Int32(rng.int(-6, 0)), input2ZeroPoint: Int32(rng.int(-128, 127)),
        input2Multiplier: Int32(rng.int(1 << 30, Int(Int32.max))), input2Shift: Int32(rng.int(-6, 0)),
        leftShift: Int32(rng.int(16, 22)), outputZeroPoint: Int32(rng.int(-20, 20)),
        outputMultiplier: Int32(rng.int(1 << 30, Int(Int32.max))), outputShift: Int32(rng.int(-26, -10)),
        activationMin: Int32(rng.int(-128, 0)), activationMax: Int32(rng.int(1, 127)))
      let n = rng.int(1, 40)
      let x1 = rng.int8s(n)
      let x2 = rng.int8s(n)
      let r = try elementwiseAdd(input1: x1, input2: x2, quant: q)
      let mask = unpackMask(r.mask, count: n)
      for k in 0..<n {
        let v = refAdd(x1[k], x2[k], q)
        XCTAssertEqual(Int64(r.output[k]), min(max(v, Int64(q.activationMin)), Int64(q.activationMax)))
        XCTAssertEqual(mask[k], v > Int64(q.activationMin) && v <= Int64(q.activationMax))
      }
    }
  }

  /// With TFLite's multipliers from real scales the int8 result is the real sum quantized: within
  /// 0.5 LSB of rounding plus the multipliers' 2⁻³⁰ relative error and the 2⁻²⁰ intermediate grid.
  func testTracksTheRealSum() throws {
    var rng = TestRNG(91)
    var worst = 0.0
    for _ in 0..<100 {
      let (s1, s2) = (0.001 + rng.double() * 0.05, 0.001 + rng.double() * 0.05)
      let sy = (s1 + s2) * (0.6 + rng.double())
      let (z1, z2, zy) = (Int32(rng.int(-128, 127)), Int32(rng.int(-128, 127)), Int32(rng.int(-10, 10)))
      let q = try AddQuantization(
        input1Scale: s1, input1ZeroPoint: z1, input2Scale: s2, input2ZeroPoint: z2, outputScale: sy,
        outputZeroPoint: zy)
      let x1 = rng.int8s(30)
      let x2 = rng.int8s(30)
      let y = try elementwiseAdd(input1: x1, input2: x2, quant: q).output
      for k in 0..<30 {
        let real = (s1 * Double(Int32(x1[k]) - z1) + s2 * Double(Int32(x2[k]) - z2)) / sy + Double(zy)
        let clamped = min(max(real, -128), 127)
        worst = max(worst, abs(Double(y[k]) - clamped))
      }
    }
    XCTAssertLessThanOrEqual(worst, 0.5 + 1e-4)
    XCTAssertGreaterThan(worst, 0.3)  // rounding really happens (not vacuous)
  }

  func testBadParametersAreRejected() throws {
    var q = try AddQuantization(
      input1Scale: 1, input1ZeroPoint: 0, input2Scale: 1, input2ZeroPoint: 0, outputScale: 1,
      outputZeroPoint: 0)
    XCTAssertThrowsError(try elementwiseAdd(input1: [1, 2], input2: [1], quant: q)) {
      XCTAssertEqual($0 as? FQTError, .lengthMismatch(op: "elementwiseAdd", tensor: "input2", expected: 2, got: 1))
    }
    q.leftShift = 23  // 2·255·2²³ overflows int32
    XCTAssertThrowsError(try elementwiseAdd(input1: [1], input2: [1], quant: q)) {
      guard case .overflowRisk = $0 as? FQTError else { return XCTFail("\($0)") }
      XCTAssertTrue("\($0)".contains("[16, 22]"), "\($0)")
    }
    q.leftShift = 20
    q.input2Shift = 1
    XCTAssertThrowsError(try elementwiseAdd(input1: [1], input2: [1], quant: q)) {
      XCTAssertTrue("\($0)".contains("input2Shift"), "\($0)")
    }
    q.input2Shift = 0
    q.outputZeroPoint = 200
    XCTAssertThrowsError(try elementwiseAdd(input1: [1], input2: [1], quant: q))
    XCTAssertThrowsError(
      try AddQuantization(
        input1Scale: 1, input1ZeroPoint: 0, input2Scale: 1, input2ZeroPoint: 0, outputScale: 1e-7,
        outputZeroPoint: 0)
    ) { XCTAssertTrue("\($0)".contains("output multiplier"), "\($0)") }
  }
}

final class ResidualErrorSumTests: XCTestCase {
  /// Reference: main·M/2³¹ rounded to nearest, ties up (exact Int64 floor division,
  /// TestSupport), skip·2^d in Double (a power-of-two scaling, exact) rounded half away from zero,
  /// the sum clamped once (Double is exact below 2⁵³, and beyond that the clamp decides).
  func refSum(_ main: Int32, _ skip: Int8, _ fAcc: Int32, _ fS: Int32, _ m: Int32, _ sh: Int32) -> Int64 {
    let a = Double(refDivPow2HalfUp(Int64(main) * Int64(m), 31))
    let d = Double(fAcc - sh - fS)
    let b = (Double(skip) * pow(2.0, d)).rounded(.toNearestOrAwayFromZero)
    return Int64(min(max(a + b, -2_147_483_648), 2_147_483_647))
  }

  func testMatchesDoubleReference() throws {
    var rng = TestRNG(92)
    var (skipCounted, mainCounted) = (0, 0)
    for _ in 0..<300 {
      let n = rng.int(1, 20)
      let main = (0..<n).map { _ in Int32(rng.int(-(1 << rng.int(0, 30)), 1 << rng.int(0, 30))) }
      let skip = rng.int8s(n)
      let (fAcc, fS) = (Int32(rng.int(-20, 40)), Int32(rng.int(-20, 40)))
      let (m, sh) = (Int32(rng.int(1 << 30, Int(Int32.max))), Int32(rng.int(-31, 31)))
      let (out, fOut) = try residualErrorSum(
        main: main, accumulatorExponent: fAcc, skip: skip, skipExponent: fS, multiplier: m, shift: sh)
      XCTAssertEqual(fOut, fAcc - sh)
      for k in 0..<n {
        XCTAssertEqual(Int64(out[k]), refSum(main[k], skip[k], fAcc, fS, m, sh), "k \(k) f \(fAcc) \(fS) sh \(sh)")
        let a = Int64(saturatingRoundingDoublingHighMul(main[k], m))
        if Int64(out[k]) != a { skipCounted += 1 }
        if a != 0 { mainCounted += 1 }
      }
    }
    XCTAssertGreaterThan(skipCounted, 500)
    XCTAssertGreaterThan(mainCounted, 500)
  }

  func testHandExampleAndSaturation() throws {
    // ρ = ½ (M = 2³⁰, sh = 0): main halves (ties up), the skip adds at f_out = f_acc.
    var r = try residualErrorSum(
      main: [10, 11, -11, 0, 0], accumulatorExponent: 3, skip: [3, 0, 0, 1, -1], skipExponent: 3,
      multiplier: 1 << 30, shift: 0)
    XCTAssertEqual(r.values, [8, 6, -5, 1, -1])
    XCTAssertEqual(r.exponent, 3)
    // ρ = ¼ (sh = −1): f_out = f_acc + 1, so one skip LSB at f_s = 2 is 2^(4−2) = 4 LSBs of out.
    r = try residualErrorSum(
      main: [8], accumulatorExponent: 3, skip: [3], skipExponent: 2, multiplier: 1 << 30, shift: -1)
    XCTAssertEqual(r.values, [4 + 12])
    XCTAssertEqual(r.exponent, 4)
    // A skip much coarser than the accumulator saturates instead of wrapping; a much finer one
    // rounds half away from zero (−3/2 → −2) or vanishes.
    r = try residualErrorSum(
      main: [100, -100], accumulatorExponent: 40, skip: [127, -128], skipExponent: 0,
      multiplier: 1 << 30, shift: 0)
    XCTAssertEqual(r.values, [Int32.max, Int32.min])
    r = try residualErrorSum(
      main: [0, 0, 0], accumulatorExponent: 0, skip: [-3, 127, 3], skipExponent: 1,
      multiplier: 1 << 30, shift: 0)
    XCTAssertEqual(r.values, [-2, 64, 2])
    r = try residualErrorSum(
      main: [5], accumulatorExponent: 0, skip: [127], skipExponent: 40, multiplier: 1 << 30, shift: 0)
    XCTAssertEqual(r.values, [3])
    XCTAssertThrowsError(
      try residualErrorSum(main: [0], accumulatorExponent: 0, skip: [0, 0], skipExponent: 0, multiplier: 1, shift: 0))
    XCTAssertThrowsError(
      try residualErrorSum(main: [0], accumulatorExponent: 0, skip: [0], skipExponent: 0, multiplier: 1, shift: 40))
  }

  /// Gradient check of the block g(x) = x + P·x (a 1×1 linear conv P and a skip): with a real
  /// output error E, dL/dx = E + Pᵀ E by central differences of the Double function
  /// L = Σ E·g(x). The integer path — e = E quantized (f, c = 1), main = conv2dInputGrad(e, P̄)
  /// (static scale s_P), merged with ρ = s_P into the skip's units (c = 1) — must give the same
  /// real gradient within ½ LSB of the result (the rounding of main·M_ρ/2³¹) and the multiplier's
  /// 2⁻³¹ relative error.
  func testBlockGradientMatchesFiniteDifferences() throws {
    var rng = TestRNG(93)
    let (h, w, c) = (3, 3, 4)
    let shape = Conv2DShape(inH: h, inW: w, inC: c, outC: c, kH: 1, kW: 1)
    for _ in 0..<10 {
      let sP = 0.002 + rng.double() * 0.02
      let pBar = rng.int8s(shape.weightCount)
      let p = pBar.map { Double($0) * sP }
      let fE = Int32(rng.int(4, 12))
      let e = rng.int8s(h * w * c)
      let eReal = e.map { Double($0) * pow(2, -Double(fE)) }
      let x = (0..<(h * w * c)).map { _ in rng.double() }
      func loss(_ x: [Double]) -> Double {
        var l = 0.0
        for pos in 0..<(h * w) {
          for o in 0..<c {
            var y = x[pos * c + o]
            for i in 0..<c { y += p[o * c + i] * x[pos * c + i] }
            l += eReal[pos * c + o] * y
          }
        }
        return l
      }
      let main = try conv2dInputGrad(error: e, weights: pBar, shape: shape)
      let (m, sh) = QuantizeMultiplier(sP)
      let (merged, fOut) = try residualErrorSum(
        main: main, accumulatorExponent: fE, skip: e, skipExponent: fE, multiplier: m, shift: sh)
      XCTAssertGreaterThan(fOut, fE)  // ρ < ½: the result is finer than the error
      for k in 0..<x.count {
        var a = x
        var b = x
        a[k] += 1e-4
        b[k] -= 1e-4
        let fd = (loss(a) - loss(b)) / 2e-4
        let integer = Double(merged[k]) * pow(2, -Double(fOut))
        XCTAssertEqual(integer, fd, accuracy: 0.5 * pow(2, -Double(fOut)) + 1e-7, "k \(k)")
      }
    }
  }
}
