import Foundation
import XCTest

@testable import FQTGolden

final class SelectionTests: XCTestCase {
  func testChannelScoresAndTopKWithTies() throws {
    // 2 positions × 3 channels: scores |1|+|−4| = 5, |−2|+|3| = 5, |0|+|−1| = 1.
    let s = try channelScores(error: [1, -2, 0, -4, 3, -1], channels: 3)
    XCTAssertEqual(s, [5, 5, 1])
    XCTAssertEqual(topK(scores: s, k: 1), [true, false, false])  // tie → lower index
    XCTAssertEqual(topK(scores: s, k: 2), [true, true, false])
    XCTAssertEqual(topK(scores: [1, 9, 9, 3], k: 2), [false, true, true, false])
    XCTAssertEqual(topK(scores: [1, 2], k: 0), [false, false])
    XCTAssertThrowsError(try channelScores(error: [1, 2, 3], channels: 2))
  }

  func testDynamicPartialK() throws {
    // λmin = 0.25, λmax = 0.75, loss = max: ε = 1 → r = 0.75 → k = ⌊0.75·16⌋ = 12.
    XCTAssertEqual(
      try dynamicPartialK(channels: 16, lambdaMinQ16: 16384, lambdaMaxQ16: 49152,
        lossQ16: 1000, maxLossQ16: 1000), 12)
    // loss = max/2: ε = 0.5 → r = 0.5 → k = 8.
    XCTAssertEqual(
      try dynamicPartialK(channels: 16, lambdaMinQ16: 16384, lambdaMaxQ16: 49152,
        lossQ16: 500, maxLossQ16: 1000), 8)
    // loss 1/3 of max: ε = ⌊65536/3⌋ = 21845 → r = 16384 + ⌊21845·32768/65536⌋ = 27306 →
    // k = ⌊27306·10/65536⌋ = 4.
    XCTAssertEqual(
      try dynamicPartialK(channels: 10, lambdaMinQ16: 16384, lambdaMaxQ16: 49152,
        lossQ16: 1, maxLossQ16: 3), 4)
    // No loss seen yet: ε = 1; λmax > 1 is capped at 1.
    XCTAssertEqual(
      try dynamicPartialK(channels: 7, lambdaMinQ16: 0, lambdaMaxQ16: 70000, lossQ16: 5,
        maxLossQ16: 0), 7)
    XCTAssertThrowsError(
      try dynamicPartialK(channels: 7, lambdaMinQ16: 9, lambdaMaxQ16: 1, lossQ16: 0, maxLossQ16: 0))
  }

  func testSparseUpdateInputChannels() throws {
    // OHWI, O = 2, 1×1 kernel, I = 4: norms² = [1+1, 9+0, 4+4, 0+9] = [2, 9, 8, 9].
    let w: [Int8] = [1, 3, 2, 0, -1, 0, -2, 3]
    XCTAssertEqual(
      try sparseUpdateInputChannels(weights: w, outC: 2, inC: 4, ratioNumerator: 1, ratioDenominator: 2),
      [false, true, false, true])  // 9 and 9 (ties: 1 before 3)
    XCTAssertEqual(
      try sparseUpdateInputChannels(weights: w, outC: 2, inC: 4, ratioNumerator: 1, ratioDenominator: 4),
      [false, true, false, false])
    XCTAssertEqual(
      try sparseUpdateInputChannels(weights: w, outC: 2, inC: 4, ratioNumerator: 0, ratioDenominator: 8),
      [false, false, false, false])
    // Applying it: only input channels 1 and 3 move.
    var rng = XorShift32(seed: 1)
    let u = UpdateMultipliers(multipliers: [1 << 30, 1 << 30], shifts: [0, 0])
    XCTAssertEqual(
      try sgdUpdateWeights(weights: w, gradient: [Int32](repeating: 20, count: 8), channels: 2,
        update: u, gradientExponent: 0, rng: &rng,
        activeInputChannels: [false, true, false, true]),
      [1, -7, 2, -10, -1, -10, -2, -7])
  }
}

final class ZerothOrderTests: XCTestCase {
  func testPerturbAndRegenerate() throws {
    var r1 = XorShift32(seed: 42)
    let w: [Int8] = [0, 127, -128, 5, -5, 1, 2, 3]
    let wp = zoPerturbWeights(w, sigma: 1, rng: &r1)
    var check = XorShift32(seed: 42)
    var us = [Int32]()
    for k in w.indices {
      let u = 1 - 2 * Int32(check.next() & 1)
      us.append(u)
      XCTAssertEqual(Int32(wp[k]), min(max(Int32(w[k]) + u, -128), 127))
    }
    XCTAssertEqual(r1, check)
    XCTAssertTrue(us.contains(1) && us.contains(-1))
    // Accumulate with the generator replayed from the seed: ĝ = ΔL·u.
    var g = [Int32](repeating: 0, count: w.count)
    var replay = XorShift32(seed: 42)
    try zoAccumulate(&g, lossDelta: -300, rng: &replay)
    XCTAssertEqual(g, us.map { -300 * $0 })
    var rb = XorShift32(seed: 7)
    let b = zoPerturbBias([0, Int32.max], sigma: 100, rng: &rb)
    XCTAssertTrue(b[0] == 100 || b[0] == -100)
    XCTAssertTrue(b[1] == Int32.max || b[1] == Int32.max - 100)
    // Overflow: push Int32.max further in the direction of the first draw's sign.
    var gBig: [Int32] = [Int32.max]
    var probe = XorShift32(seed: 3)
    let u0 = 1 - 2 * Int32(probe.next() & 1)
    var r = XorShift32(seed: 3)
    XCTAssertThrowsError(try zoAccumulate(&gBig, lossDelta: u0, rng: &r))
  }

  /// On a quadratic loss L(W) = Σ (W − T)² (in LSB²), the estimate Σ_q (L_q − L_0)·u_q / (nσ)
  /// averages to the gradient 2(W − T) + σ·(±1 bias of forward differences, zero mean over u).
  func testEstimateAlignsWithTrueGradient() throws {
    let target: [Int32] = [10, -20, 30, 0, 5, -5]
    let w: [Int8] = [0, 0, 0, 0, 0, 0]
    func loss(_ v: [Int8]) -> Int32 {
      zip(v, target).map { (Int32($0) - $1) * (Int32($0) - $1) }.reduce(0, +)
    }
    let l0 = loss(w)
    var g = [Int32](repeating: 0, count: w.count)
    var rng = XorShift32(seed: 2024)
    let n = 400
    for _ in 0..<n {
      let start = rng
      let wp = zoPerturbWeights(w, sigma: 1, rng: &rng)
      var replay = start
      try zoAccumulate(&g, lossDelta: loss(wp) - l0, rng: &replay)
    }
    let est = g.map { Double($0) / Double(n) }
    let truth = target.map { -2.0 * Double($0) }
    let dot = zip(est, truth).map(*).reduce(0, +)
    let norms = (est.map { $0 * $0 }.reduce(0, +) * truth.map { $0 * $0 }.reduce(0, +)).squareRoot()
    XCTAssertGreaterThan(dot / norms, 0.95)
    let u = try zoUpdateMultipliers(learningRate: 0.5, queries: 4, sigma: 1, dimension: 6, channels: 2)
    let real = Double(u.multipliers[0]) * pow(2, Double(u.shifts[0]) - 31)
    XCTAssertEqual(real, 0.5 / 4 * 4 / 9 / 65536, accuracy: 1e-15)
  }
}
