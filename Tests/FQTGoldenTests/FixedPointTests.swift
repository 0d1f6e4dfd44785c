import Foundation
import XCTest

@testable import FQTGolden

final class FixedPointTests: XCTestCase {
  func testQuantizeMultiplierHandValues() {
    // 0.5 = 0.5·2⁰ → M = 2³⁰, sh = 0.
    XCTAssertTrue(QuantizeMultiplier(0.5) == (1 << 30, 0))
    // 1.0 = 0.5·2¹.
    XCTAssertTrue(QuantizeMultiplier(1.0) == (1 << 30, 1))
    // 0.75·2³¹ = 1610612736 exactly.
    XCTAssertTrue(QuantizeMultiplier(0.75) == (1_610_612_736, 0))
    XCTAssertTrue(QuantizeMultiplier(-0.75) == (-1_610_612_736, 0))
    // 0.1 = 0.8·2⁻³; 0.8·2³¹ = 1717986918.4 → 1717986918.
    XCTAssertTrue(QuantizeMultiplier(0.1) == (1_717_986_918, -3))
    // frac = 1 − 2⁻⁴⁰ rounds to 2³¹ → halved, shift + 1.
    XCTAssertTrue(QuantizeMultiplier((1 - 0x1p-40) * 0x1p-3) == (1 << 30, -2))
    // 2⁻⁴⁰ = 0.5·2⁻³⁹: shift < −31 → (0, 0).
    XCTAssertTrue(QuantizeMultiplier(0x1p-40) == (0, 0))
    // 2⁻³² = 0.5·2⁻³¹ is the smallest kept.
    XCTAssertTrue(QuantizeMultiplier(0x1p-32) == (1 << 30, -31))
    XCTAssertTrue(QuantizeMultiplier(0) == (0, 0))
    XCTAssertThrowsError(try QuantizeMultiplierGreaterThanOne(0.5))
  }

  func testQuantizeMultiplierRandomRelativeError() {
    var rng = TestRNG(1)
    for _ in 0..<2000 {
      let real = Foundation.exp(rng.double() * 36 - 21)  // e^-21 … e^15, all above 2⁻³²
      let (m, sh) = QuantizeMultiplier(real)
      XCTAssertGreaterThanOrEqual(m, 1 << 30)
      let back = Double(m) * Foundation.pow(2, Double(sh) - 31)
      XCTAssertLessThanOrEqual(abs(back - real) / real, 0x1p-31, "\(real)")
    }
  }

  func testRequantizeHandValues() {
    let half = Int32(1 << 30)  // 0.5 with shift 0
    XCTAssertEqual(requantize(100, multiplier: half, shift: 0), 50)
    // 3·0.25: high-mul gives 1.5 → 2 (ties up), then 2/2 = 1.
    XCTAssertEqual(requantize(3, multiplier: half, shift: -1), 1)
    // 5·0.25 = 1.25: 2.5 → 3, then 3/2 = 1.5 → 2 (double rounding).
    XCTAssertEqual(requantize(5, multiplier: half, shift: -1), 2)
    // −5·0.25: −2.5 → −2 (ties up), then −2/2 = −1.
    XCTAssertEqual(requantize(-5, multiplier: half, shift: -1), -1)
    // −3·0.25: −1.5 → −1, −1/2 = −0.5 → −1 (away from zero).
    XCTAssertEqual(requantize(-3, multiplier: half, shift: -1), -1)
    // Left shift: 7·0.5·2³ = 28.
    XCTAssertEqual(requantize(7, multiplier: half, shift: 3), 28)
    XCTAssertEqual(saturatingRoundingDoublingHighMul(Int32.min, Int32.min), Int32.max)
    XCTAssertEqual(roundingDivideByPOT(-6, 2), -2)  // −1.5 → −2
    XCTAssertEqual(roundingDivideByPOT(6, 2), 2)  // 1.5 → 2
    XCTAssertEqual(roundingDivideByPOT(-5, 2), -1)  // −1.25 → −1
    XCTAssertEqual(roundingDivideByPOT(Int32.min, 31), -1)
    XCTAssertEqual(roundingDivideByPOT(Int32.max, 31), 1)
  }

  func testRequantizeMatchesSlowReferenceOnRandomInputs() {
    var rng = TestRNG(2)
    for i in 0..<200_000 {
      let x: Int32 = i % 3 == 0 ? Int32(rng.int(-70_000, 70_000)) : rng.int32()
      let m: Int32 = i % 5 == 0 ? 1 << 30 : Int32(rng.int(1 << 30, Int(Int32.max)))
      let sh = Int32(rng.int(-31, i % 7 == 0 ? 8 : 1))
      let got = requantize(x, multiplier: m, shift: sh)
      XCTAssertEqual(Int64(got), refRequantize(x, m, sh), "x=\(x) M=\(m) sh=\(sh)")
      if Int64(got) != refRequantize(x, m, sh) { return }
    }
  }

  func testRequantizeCloseToRealProduct() {
    var rng = TestRNG(3)
    for _ in 0..<20000 {
      let x = Int32(rng.int(-1_000_000, 1_000_000))
      let real = rng.double() * 0.9 + 0.0001
      let (m, sh) = QuantizeMultiplier(real)
      let exact = Double(x) * Double(m) * Foundation.pow(2, Double(sh) - 31)
      // Two roundings of at most ½ each.
      XCTAssertLessThanOrEqual(abs(Double(requantize(x, multiplier: m, shift: sh)) - exact), 1.0)
    }
  }

  func testXorShift32KnownSequence() {
    // Seed 1: the first output worked by hand from the three shifts.
    var r = XorShift32(seed: 1)
    // 1 ^ 1<<13 = 0x2001; ^ >>17 = 0x2001; ^ <<5 = 0x2001 ^ 0x40020 = 0x42021.
    XCTAssertEqual(r.next(), 0x42021)
    var z = XorShift32(seed: 0)
    XCTAssertEqual(z.next(), 0)
    var a = XorShift32(seed: 2_463_534_242)
    var seen = Set<UInt32>()
    for _ in 0..<1000 { seen.insert(a.next()) }
    XCTAssertEqual(seen.count, 1000)
  }

  func testBitLength() {
    XCTAssertEqual(bitLength(0), 0)
    XCTAssertEqual(bitLength(1), 1)
    XCTAssertEqual(bitLength(127), 7)
    XCTAssertEqual(bitLength(128), 8)
    XCTAssertEqual(bitLength(UInt32(1) << 31), 32)
  }
}
