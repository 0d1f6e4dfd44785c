import Foundation
import XCTest

@testable import FQTGolden

final class FullyConnectedTests: XCTestCase {
  func testForwardAndGradsMatchSlowReference() throws {
    var rng = TestRNG(40)
    for _ in 0..<40 {
      let s = FullyConnectedShape(inC: rng.int(1, 33), outC: rng.int(1, 11))
      let x = rng.int8s(s.inC)
      let w = rng.int8s(s.weightCount)
      let b = (0..<s.outC).map { _ in Int32(rng.int(-5000, 5000)) }
      let zx = Int32(rng.int(-128, 127))
      let m = Int32(rng.int(1 << 30, Int(Int32.max)))
      let sh = Int32(rng.int(-10, -6))
      let q = OutputQuantization(
        inputZeroPoint: zx, outputZeroPoint: 5, multiplier: m, shift: sh, channels: s.outC,
        activationMin: 5, activationMax: 127)
      let r = try fullyConnected(input: x, weights: w, bias: b, shape: s, quant: q)
      let e = rng.int8s(s.outC)
      let gx = try fullyConnectedInputGrad(error: e, weights: w, shape: s)
      let gw = try fullyConnectedWeightGrad(error: e, input: x, inputZeroPoint: zx, shape: s)
      for o in 0..<s.outC {
        var acc = Int64(b[o])
        for i in 0..<s.inC { acc += Int64(w[o * s.inC + i]) * (Int64(x[i]) - Int64(zx)) }
        let v = refRequantize(Int32(acc), m, sh) + 5
        XCTAssertEqual(Int64(r.output[o]), min(max(v, 5), 127))
        XCTAssertEqual(unpackMask(r.mask, count: s.outC)[o], v > 5 && v <= 127)
        for i in 0..<s.inC {
          XCTAssertEqual(Int64(gw[o * s.inC + i]), Int64(e[o]) * (Int64(x[i]) - Int64(zx)))
        }
      }
      for i in 0..<s.inC {
        var sum: Int64 = 0
        for o in 0..<s.outC { sum += Int64(w[o * s.inC + i]) * Int64(e[o]) }
        XCTAssertEqual(Int64(gx[i]), sum)
      }
    }
  }

  func testErrorsNameTheFullyConnectedOp() {
    let s = FullyConnectedShape(inC: 3, outC: 2)
    XCTAssertThrowsError(try fullyConnectedInputGrad(error: [1], weights: [Int8](repeating: 0, count: 6), shape: s)) {
      XCTAssertEqual($0 as? FQTError, .lengthMismatch(op: "fullyConnectedInputGrad", tensor: "error", expected: 2, got: 1))
    }
  }
}

final class DepthwiseConv2DTests: XCTestCase {
  func testForwardAndGradsMatchSlowReference() throws {
    var rng = TestRNG(41)
    for _ in 0..<40 {
      let k = rng.int(1, 3)
      let s = DepthwiseConv2DShape(
        inH: rng.int(k, 8), inW: rng.int(k, 8), channels: rng.int(1, 7), kH: k, kW: k,
        strideH: rng.int(1, 2), strideW: rng.int(1, 2), padH: rng.int(0, k - 1),
        padW: rng.int(0, k - 1))
      let C = s.channels
      let x = rng.int8s(s.inputCount)
      let w = rng.int8s(s.weightCount)
      let b = (0..<C).map { _ in Int32(rng.int(-2000, 2000)) }
      let zx = Int32(rng.int(-128, 127))
      let mult = (0..<C).map { _ in Int32(rng.int(1 << 30, Int(Int32.max))) }
      let sh = (0..<C).map { _ in Int32(rng.int(-9, -4)) }
      let q = OutputQuantization(
        inputZeroPoint: zx, outputZeroPoint: -3, multipliers: mult, shifts: sh)
      let r = try depthwiseConv2d(input: x, weights: w, bias: b, shape: s, quant: q)
      let e = rng.int8s(s.outputCount)
      let gx = try depthwiseConv2dInputGrad(error: e, weights: w, shape: s)
      let gw = try depthwiseConv2dWeightGrad(error: e, input: x, inputZeroPoint: zx, shape: s)
      var refGx = [Int64](repeating: 0, count: s.inputCount)
      var refGw = [Int64](repeating: 0, count: s.weightCount)
      for oh in 0..<s.outH {
        for ow in 0..<s.outW {
          for c in 0..<C {
            var acc = Int64(b[c])
            let o = (oh * s.outW + ow) * C + c
            for kh in 0..<k {
              for kw in 0..<k {
                let ih = oh * s.strideH - s.padH + kh
                let iw = ow * s.strideW - s.padW + kw
                if ih < 0 || iw < 0 || ih >= s.inH || iw >= s.inW { continue }
                let xi = (ih * s.inW + iw) * C + c
                let wi = (kh * k + kw) * C + c
                acc += Int64(w[wi]) * (Int64(x[xi]) - Int64(zx))
                refGx[xi] += Int64(w[wi]) * Int64(e[o])
                refGw[wi] += Int64(e[o]) * (Int64(x[xi]) - Int64(zx))
              }
            }
            let v = refRequantize(Int32(acc), mult[c], sh[c]) - 3
            XCTAssertEqual(Int64(r.output[o]), min(max(v, -128), 127))
          }
        }
      }
      XCTAssertEqual(gx.map(Int64.init), refGx)
      XCTAssertEqual(gw.map(Int64.init), refGw)
    }
  }
}

final class PoolingTests: XCTestCase {
  func testMaxPoolHandExampleWithTies() throws {
    // 2×2×1 input, k = 2: max 7 appears at flat indices 1 and 2 → first in scan order (1).
    let r = try maxPool(input: [3, 7, 7, -1], shape: PoolShape(inH: 2, inW: 2, channels: 1, k: 2))
    XCTAssertEqual(r.output, [7])
    XCTAssertEqual(r.argmax, [1])
    XCTAssertEqual(
      try maxPoolInputGradInt8(error: [-5], argmax: r.argmax, shape: PoolShape(inH: 2, inW: 2, channels: 1, k: 2)),
      [0, -5, 0, 0])
  }

  func testMaxPoolMatchesReferenceAndRoutesGradient() throws {
    var rng = TestRNG(42)
    for _ in 0..<40 {
      let k = rng.int(1, 3)
      let s = PoolShape(inH: rng.int(k, 9), inW: rng.int(k, 9), channels: rng.int(1, 5), k: k)
      let x = rng.int8s(s.inputCount, -4, 4)  // many ties
      let r = try maxPool(input: x, shape: s)
      let e = rng.int8s(s.outputCount)
      let g = try maxPoolInputGradInt8(error: e, argmax: r.argmax, shape: s)
      var refG = [Int8](repeating: 0, count: s.inputCount)
      for oh in 0..<s.outH {
        for ow in 0..<s.outW {
          for c in 0..<s.channels {
            var best: (v: Int8, i: Int)? = nil
            for kh in 0..<k {
              for kw in 0..<k {
                let i = ((oh * k + kh) * s.inW + ow * k + kw) * s.channels + c
                if best == nil || x[i] > best!.v { best = (x[i], i) }
              }
            }
            let o = (oh * s.outW + ow) * s.channels + c
            XCTAssertEqual(r.output[o], best?.v)
            XCTAssertEqual(Int(r.argmax[o]), best?.i)
            refG[best!.i] = e[o]
          }
        }
      }
      XCTAssertEqual(g, refG)
    }
    XCTAssertThrowsError(
      try maxPoolInputGradInt8(error: [0], argmax: [0], shape: PoolShape(inH: 3, inW: 3, channels: 1, kH: 2, kW: 2, strideH: 1, strideW: 1)))
  }

  func testAvgPoolRoundsHalfAwayFromZeroLikeCMSISNN() throws {
    // Windows of 4: sums 6 → 1.5 → 2, −6 → −2, 5 → 1.25 → 1, −5 → −1.
    let s = PoolShape(inH: 2, inW: 8, channels: 1, k: 2)
    let x: [Int8] = [1, 1, -1, -1, 1, 1, -1, -1, 2, 2, -2, -2, 2, 1, -2, -1]
    XCTAssertEqual(try avgPool(input: x, shape: s), [2, -2, 1, -1])
    XCTAssertEqual(try avgPool(input: x, shape: s, activationMin: -1, activationMax: 1), [1, -1, 1, -1])
  }

  func testAvgPoolWithPaddingMatchesReference() throws {
    var rng = TestRNG(43)
    for _ in 0..<40 {
      let k = rng.int(1, 4)
      let s = PoolShape(
        inH: rng.int(k, 9), inW: rng.int(k, 9), channels: rng.int(1, 4), kH: k, kW: k,
        strideH: rng.int(1, 3), strideW: rng.int(1, 3), padH: rng.int(0, k - 1),
        padW: rng.int(0, k - 1))
      let x = rng.int8s(s.inputCount)
      let y = try avgPool(input: x, shape: s)
      for oh in 0..<s.outH {
        for ow in 0..<s.outW {
          for c in 0..<s.channels {
            var sum = 0
            var n = 0
            for kh in 0..<k {
              for kw in 0..<k {
                let ih = oh * s.strideH - s.padH + kh
                let iw = ow * s.strideW - s.padW + kw
                if ih < 0 || iw < 0 || ih >= s.inH || iw >= s.inW { continue }
                sum += Int(x[(ih * s.inW + iw) * s.channels + c])
                n += 1
              }
            }
            let expect = (Double(sum) / Double(n)).rounded(.toNearestOrAwayFromZero)
            XCTAssertEqual(Double(y[(oh * s.outW + ow) * s.channels + c]), expect)
          }
        }
      }
    }
  }

  func testGlobalAvgPoolAndBackward() throws {
    // 2×2×2: channel 0 sum = 1+2+3+5 = 11 → 2.75 → 3; channel 1 sum = −10 → −2.5 → −3.
    let x: [Int8] = [1, -1, 2, -2, 3, -3, 5, -4]
    XCTAssertEqual(try globalAvgPool(input: x, inH: 2, inW: 2, channels: 2), [3, -3])
    XCTAssertEqual(try globalAvgPoolInputGrad(error: [4, -7], inH: 2, inW: 2), [4, -7, 4, -7, 4, -7, 4, -7])
    // avgPoolInputGrad agrees on the global window and reports its tap count.
    let (g, n) = try avgPoolInputGrad(error: [4, -7], shape: .global(inH: 2, inW: 2, channels: 2))
    XCTAssertEqual(g, [4, -7, 4, -7, 4, -7, 4, -7])
    XCTAssertEqual(n, 4)
    // Padding makes tap counts differ: rejected.
    XCTAssertThrowsError(
      try avgPoolInputGrad(error: [Int8](repeating: 0, count: 9), shape: PoolShape(inH: 3, inW: 3, channels: 1, kH: 2, kW: 2, strideH: 1, strideW: 1, padH: 1, padW: 1)))
  }

  /// avg-pool backward is the adjoint of the (unrounded) average: Σ e·avg(x) = Σ g·x / count.
  func testAvgPoolGradientIsAdjointOfLinearAverage() throws {
    var rng = TestRNG(44)
    let s = PoolShape(inH: 6, inW: 6, channels: 3, kH: 3, kW: 3, strideH: 1, strideW: 2)
    let x = rng.int8s(s.inputCount).map(Double.init)
    let e = rng.int8s(s.outputCount)
    let (g, n) = try avgPoolInputGrad(error: e, shape: s)
    var lhs = 0.0
    for oh in 0..<s.outH {
      for ow in 0..<s.outW {
        for c in 0..<3 {
          var sum = 0.0
          for kh in 0..<3 {
            for kw in 0..<3 { sum += x[((oh + kh) * 6 + ow * 2 + kw) * 3 + c] }
          }
          lhs += Double(e[(oh * s.outW + ow) * 3 + c]) * sum / 9
        }
      }
    }
    let rhs = zip(g, x).map { Double($0) * $1 }.reduce(0, +) / Double(n)
    XCTAssertEqual(lhs, rhs, accuracy: 1e-9)
  }
}

final class LossTests: XCTestCase {
  func testCrossEntropyErrorHandValues() throws {
    // p + 128 = [0, 1, 255, 3]; label 2: e = [0, 1, −1, 3] → halving → [0, 1, −1, 2].
    let r = try softmaxCrossEntropyError(probabilities: [-128, -127, 127, -125], label: 2)
    XCTAssertEqual(r.values, [0, 1, -1, 2])
    XCTAssertEqual(r.exponent, 7)
    // p = 127 not the label: e = 255 → 127.5 → 128 → 127; p = −128 label: −256 → −128.
    XCTAssertEqual(try softmaxCrossEntropyError(probabilities: [127, -128], label: 1).values, [127, -128])
    XCTAssertThrowsError(try softmaxCrossEntropyError(probabilities: [0], label: 1))
  }

  func testLog2Fixed() {
    XCTAssertEqual(log2Fixed(1, fracBits: 16), 0)
    XCTAssertEqual(log2Fixed(8, fracBits: 16), 3 << 16)
    var rng = TestRNG(45)
    for _ in 0..<2000 {
      let v = rng.next() >> UInt64(rng.int(0, 62))
      if v == 0 { continue }
      let got = Double(log2Fixed(v, fracBits: 24)) / 0x1p24
      XCTAssertEqual(got, Foundation.log2(Double(v)), accuracy: 2e-7)
      XCTAssertLessThanOrEqual(got, Foundation.log2(Double(v)) + 1e-12)  // truncates
    }
  }

  /// Tolerance: 1 % relative, or 3·2⁻¹⁶ absolute for losses below 3·2⁻¹⁶/0.01 ≈ 0.0046 (Q16 cannot
  /// hold those to 1 %).
  func testCrossEntropyLossQ16MatchesDouble() throws {
    var rng = TestRNG(46)
    var worstRel = 0.0
    for trial in 0..<3000 {
      let n = rng.int(2, 16)
      let scale = [0.01, 0.05, 0.1, 0.25, 0.5][trial % 5] * (0.5 + rng.double())
      let p = try SoftmaxParameters(inputScale: scale)
      let x = rng.int8s(n)
      let label = rng.int(0, n - 1)
      let got = Double(try crossEntropyLossQ16(logits: x, label: label, parameters: p)) / 65536
      let mx = Double(x.max() ?? 0)
      let lse = Foundation.log(x.map { Foundation.exp(scale * (Double($0) - mx)) }.reduce(0, +))
      let ref = lse + scale * (mx - Double(x[label]))
      XCTAssertEqual(got, ref, accuracy: max(0.01 * ref, 3.0 / 65536), "x=\(x) l=\(label) s=\(scale)")
      if ref > 0.01 { worstRel = max(worstRel, abs(got - ref) / ref) }
    }
    XCTAssertLessThan(worstRel, 0.001)  // in practice far inside the 1 % budget
  }
}

final class UpdateTests: XCTestCase {
  func testHandExample() throws {
    var rng = XorShift32(seed: 1)
    // m = 0.5 (M = 2³⁰, sh = 0), f = 3: Δ = 1000·0.5/8 = 62.5: high-mul 500, 500/8 = 62.5 → 63.
    let u = UpdateMultipliers(multipliers: [1 << 30], shifts: [0])
    XCTAssertEqual(
      try sgdUpdateWeights(weights: [10, -100, 127], gradient: [1000, 1000, -1000], channels: 1,
        update: u, gradientExponent: 3, rng: &rng),
      [-53, -128, 127])  // −100 − 63 saturates; 127 + 63 saturates
    XCTAssertEqual(
      try sgdUpdateBias(bias: [Int32.min + 5], gradient: [1000], update: u, gradientExponent: 3, rng: &rng),
      [Int32.min])
    XCTAssertEqual(rng, XorShift32(seed: 1))  // nearest mode draws nothing
  }

  func testNearestMatchesReferencePerChannelAndLayouts() throws {
    var trng = TestRNG(50)
    for trial in 0..<50 {
      let C = trng.int(1, 6)
      let per = trng.int(1, 20)
      let w = trng.int8s(C * per)
      let g = (0..<(C * per)).map { _ in Int32(trng.int(-200_000, 200_000)) }
      let reals = (0..<C).map { _ in 0.001 + trng.double() }
      let u = UpdateMultipliers(reals: reals)
      let f = Int32(trng.int(0, 12))
      let layout: WeightLayout = trial % 2 == 0 ? .outputChannelOuter : .channelInner
      var rng = XorShift32(seed: 7)
      let out = try sgdUpdateWeights(
        weights: w, gradient: g, channels: C, layout: layout, update: u, gradientExponent: f,
        rng: &rng)
      for k in 0..<w.count {
        let c = layout == .outputChannelOuter ? k / per : k % C
        let d = refRequantize(g[k], u.multipliers[c], u.shifts[c] - f)
        XCTAssertEqual(Int64(out[k]), min(max(Int64(w[k]) - d, -128), 127))
      }
    }
  }

  func testStochasticIsUnbiased() throws {
    // Δ = 3·0.5/8 = 0.1875 per element: after the update W = −Δ on average.
    let n = 20000
    var rng = XorShift32(seed: 2024)
    let u = UpdateMultipliers(multipliers: [1 << 30], shifts: [0])
    let out = try sgdUpdateWeights(
      weights: [Int8](repeating: 0, count: n), gradient: [Int32](repeating: 3, count: n),
      channels: 1, update: u, gradientExponent: 3, mode: .stochastic, rng: &rng)
    let mean = out.map(Double.init).reduce(0, +) / Double(n)
    // high-mul gives 2 (1.5 rounds up), so the unbiased target of the stochastic shift is 2/8.
    XCTAssertEqual(mean, -0.25, accuracy: 0.01)
    XCTAssertTrue(out.allSatisfy { $0 == 0 || $0 == -1 })
  }

  func testActiveChannelsAndShiftRange() throws {
    var rng = XorShift32(seed: 3)
    let u = UpdateMultipliers(multipliers: [1 << 30, 1 << 30], shifts: [0, 0])
    XCTAssertEqual(
      try sgdUpdateWeights(weights: [0, 0], gradient: [64, 64], channels: 2, update: u,
        gradientExponent: 0, rng: &rng, activeChannels: [false, true]),
      [0, -32])
    // sh_u − f = −20 − 12 = −32: the update underflows and is defined as 0, even for a huge g.
    XCTAssertEqual(
      try sgdUpdateWeights(weights: [5], gradient: [Int32.max], channels: 1,
        update: UpdateMultipliers(multipliers: [1 << 30], shifts: [-20]), gradientExponent: 12,
        rng: &rng),
      [5])
    // sh_u − f = −31 still applies: 2³¹−1 · 0.5 / 2³¹ = 0.49999… → high-mul 2³⁰ → /2³¹ = 0.5 → 1.
    XCTAssertEqual(
      try sgdUpdateWeights(weights: [5], gradient: [Int32.max], channels: 1,
        update: UpdateMultipliers(multipliers: [1 << 30], shifts: [-19]), gradientExponent: 12,
        rng: &rng),
      [4])
    XCTAssertThrowsError(
      try sgdUpdateWeights(weights: [0], gradient: [1], channels: 1,
        update: UpdateMultipliers(multipliers: [1 << 30], shifts: [20]), gradientExponent: -12,
        rng: &rng)
    ) { XCTAssertTrue("\($0)".contains("above 31")) }
  }

  func testQASMultipliers() {
    let u = UpdateMultipliers.qasWeights(learningRate: 0.1, inputScale: 0.02, weightScales: [0.004, 0.01])
    let back = zip(u.multipliers, u.shifts).map { Double($0) * Foundation.pow(2, Double($1) - 31) }
    XCTAssertEqual(back[0], 0.5, accuracy: 1e-9)  // 0.1·0.02/0.004
    XCTAssertEqual(back[1], 0.2, accuracy: 1e-9)
    let b = UpdateMultipliers.qasBias(learningRate: 0.1, inputScale: 0.02, weightScales: [0.004])
    XCTAssertEqual(Double(b.multipliers[0]) * Foundation.pow(2, Double(b.shifts[0]) - 31), 1250, accuracy: 1e-6)
  }
}
