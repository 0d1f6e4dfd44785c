import XCTest

@testable import FQTGolden

/// Slow references: one loop per index, bounds tested per tap, Int64 sums.
enum ConvRef {
  static func acc(
    _ x: [Int8], _ w: [Int8], _ b: [Int32], _ s: Conv2DShape, zx: Int64
  ) -> [Int64] {
    var out = [Int64](repeating: 0, count: s.outputCount)
    for oh in 0..<s.outH {
      for ow in 0..<s.outW {
        for o in 0..<s.outC {
          var sum = Int64(b[o])
          for kh in 0..<s.kH {
            for kw in 0..<s.kW {
              let ih = oh * s.strideH - s.padH + kh
              let iw = ow * s.strideW - s.padW + kw
              if ih < 0 || ih >= s.inH || iw < 0 || iw >= s.inW { continue }
              for i in 0..<s.inC {
                let xv = Int64(x[(ih * s.inW + iw) * s.inC + i]) - zx
                sum += Int64(w[((o * s.kH + kh) * s.kW + kw) * s.inC + i]) * xv
              }
            }
          }
          out[(oh * s.outW + ow) * s.outC + o] = sum
        }
      }
    }
    return out
  }

  /// Gather form of the transposed convolution: for each input element, look for the output
  /// positions whose window covers it.
  static func inputGrad(_ e: [Int8], _ w: [Int8], _ s: Conv2DShape) -> [Int64] {
    var g = [Int64](repeating: 0, count: s.inputCount)
    for ih in 0..<s.inH {
      for iw in 0..<s.inW {
        for i in 0..<s.inC {
          var sum: Int64 = 0
          for o in 0..<s.outC {
            for kh in 0..<s.kH {
              for kw in 0..<s.kW {
                let nh = ih + s.padH - kh
                let nw = iw + s.padW - kw
                if nh < 0 || nw < 0 || nh % s.strideH != 0 || nw % s.strideW != 0 { continue }
                let (oh, ow) = (nh / s.strideH, nw / s.strideW)
                if oh >= s.outH || ow >= s.outW { continue }
                sum +=
                  Int64(w[((o * s.kH + kh) * s.kW + kw) * s.inC + i])
                  * Int64(e[(oh * s.outW + ow) * s.outC + o])
              }
            }
          }
          g[(ih * s.inW + iw) * s.inC + i] = sum
        }
      }
    }
    return g
  }

  static func weightGrad(_ e: [Int8], _ x: [Int8], _ s: Conv2DShape, zx: Int64) -> [Int64] {
    var g = [Int64](repeating: 0, count: s.weightCount)
    for o in 0..<s.outC {
      for kh in 0..<s.kH {
        for kw in 0..<s.kW {
          for i in 0..<s.inC {
            var sum: Int64 = 0
            for oh in 0..<s.outH {
              for ow in 0..<s.outW {
                let ih = oh * s.strideH - s.padH + kh
                let iw = ow * s.strideW - s.padW + kw
                if ih < 0 || ih >= s.inH || iw < 0 || iw >= s.inW { continue }
                sum +=
                  Int64(e[(oh * s.outW + ow) * s.outC + o])
                  * (Int64(x[(ih * s.inW + iw) * s.inC + i]) - zx)
              }
            }
            g[((o * s.kH + kh) * s.kW + kw) * s.inC + i] = sum
          }
        }
      }
    }
    return g
  }
}

func randomConvShape(_ rng: inout TestRNG) -> Conv2DShape {
  let k = rng.int(1, 4)
  let kw = rng.int(1, 4)
  return Conv2DShape(
    inH: rng.int(k, 9), inW: rng.int(kw, 9), inC: rng.int(1, 7), outC: rng.int(1, 7), kH: k,
    kW: kw, strideH: rng.int(1, 2), strideW: rng.int(1, 3), padH: rng.int(0, k - 1),
    padW: rng.int(0, kw - 1))
}

final class Conv2DTests: XCTestCase {
  func testShapeArithmetic() {
    let s = Conv2DShape(inH: 8, inW: 7, inC: 3, outC: 5, kH: 3, kW: 3, strideH: 2, strideW: 2,
      padH: 1, padW: 1)
    XCTAssertEqual(s.outH, 4)  // (8 + 2 − 3)/2 + 1
    XCTAssertEqual(s.outW, 4)  // (7 + 2 − 3)/2 + 1
    XCTAssertEqual(s.weightCount, 5 * 9 * 3)
  }

  func testForwardHandExample() throws {
    // 1×2×1 input, one 1×2 filter, no padding: acc = 10 + 2·(5 − 1) + (−3)·(−2 − 1) = 27.
    let s = Conv2DShape(inH: 1, inW: 2, inC: 1, outC: 1, kH: 1, kW: 2)
    let q = OutputQuantization(
      inputZeroPoint: 1, outputZeroPoint: -3, multiplier: 1 << 30, shift: 0, channels: 1)
    let r = try conv2d(input: [5, -2], weights: [2, -3], bias: [10], shape: s, quant: q)
    // requantize(27, 0.5) = 13.5 → 14 (ties up), + z_y = 11.
    XCTAssertEqual(r.output, [11])
    XCTAssertEqual(r.mask, [1])
  }

  func testForwardMatchesSlowReference() throws {
    var rng = TestRNG(10)
    for trial in 0..<60 {
      let s = randomConvShape(&rng)
      let x = rng.int8s(s.inputCount)
      let w = rng.int8s(s.weightCount)
      let b = (0..<s.outC).map { _ in Int32(rng.int(-3000, 3000)) }
      let mult = (0..<s.outC).map { _ in Int32(rng.int(1 << 30, Int(Int32.max))) }
      let sh = (0..<s.outC).map { _ in Int32(rng.int(-12, -5)) }
      let zx = Int32(rng.int(-128, 127))
      let zy = Int32(rng.int(-20, 20))
      let amin = trial % 2 == 0 ? zy : -128
      let amax = Int32(rng.int(Int(zy) + 1, 127))
      let q = OutputQuantization(
        inputZeroPoint: zx, outputZeroPoint: zy, multipliers: mult, shifts: sh,
        activationMin: amin, activationMax: amax)
      let r = try conv2d(input: x, weights: w, bias: b, shape: s, quant: q)
      let acc = ConvRef.acc(x, w, b, s, zx: Int64(zx))
      var bits = [Bool]()
      for k in 0..<s.outputCount {
        let c = k % s.outC
        let v = refRequantize(Int32(acc[k]), mult[c], sh[c]) + Int64(zy)
        XCTAssertEqual(Int64(r.output[k]), min(max(v, Int64(amin)), Int64(amax)), "\(s) k=\(k)")
        bits.append(v > Int64(amin) && v <= Int64(amax))
      }
      XCTAssertEqual(unpackMask(r.mask, count: s.outputCount), bits, "\(s)")
      XCTAssertEqual(r.mask.count, (s.outputCount + 7) / 8)
    }
  }

  func testMaskBoundaries() throws {
    // Identity-ish requantization (M = 2³⁰, sh = 1 → ×1) so v = bias + z_y exactly.
    let s = Conv2DShape(inH: 1, inW: 1, inC: 1, outC: 5, kH: 1, kW: 1)
    let q = OutputQuantization(
      inputZeroPoint: 0, outputZeroPoint: -10, multiplier: 1 << 30, shift: 1, channels: 5,
      activationMin: -10, activationMax: 100)
    // v = −11, −10 (= act_min: no pass), −9, 100 (= act_max: pass), 101 (saturated: no pass).
    let r = try conv2d(input: [0], weights: [0, 0, 0, 0, 0], bias: [-1, 0, 1, 110, 111],
      shape: s, quant: q)
    XCTAssertEqual(r.output, [-10, -10, -9, 100, 100])
    XCTAssertEqual(unpackMask(r.mask, count: 5), [false, false, true, true, false])
  }

  func testInputGradMatchesGatherReference() throws {
    var rng = TestRNG(11)
    for _ in 0..<60 {
      let s = randomConvShape(&rng)
      let e = rng.int8s(s.outputCount)
      let w = rng.int8s(s.weightCount)
      let g = try conv2dInputGrad(error: e, weights: w, shape: s)
      XCTAssertEqual(g.map(Int64.init), ConvRef.inputGrad(e, w, s), "\(s)")
    }
  }

  func testWeightAndBiasGradMatchReference() throws {
    var rng = TestRNG(12)
    for _ in 0..<60 {
      let s = randomConvShape(&rng)
      let e = rng.int8s(s.outputCount)
      let x = rng.int8s(s.inputCount)
      let zx = Int32(rng.int(-128, 127))
      let g = try conv2dWeightGrad(error: e, input: x, inputZeroPoint: zx, shape: s)
      XCTAssertEqual(g.map(Int64.init), ConvRef.weightGrad(e, x, s, zx: Int64(zx)), "\(s)")
      let gb = try biasGrad(error: e, channels: s.outC)
      for o in 0..<s.outC {
        var sum: Int64 = 0
        for p in 0..<(s.outH * s.outW) { sum += Int64(e[p * s.outC + o]) }
        XCTAssertEqual(Int64(gb[o]), sum)
      }
    }
  }

  func testActiveChannelsSkipDroppedChannels() throws {
    var rng = TestRNG(13)
    let s = Conv2DShape(inH: 5, inW: 5, inC: 3, outC: 4, kH: 3, kW: 3, padH: 1, padW: 1)
    let e = rng.int8s(s.outputCount)
    let w = rng.int8s(s.weightCount)
    let x = rng.int8s(s.inputCount)
    let active = [true, false, true, false]
    // Same as zeroing the dropped channels' errors.
    var ez = e
    for k in 0..<ez.count where !active[k % 4] { ez[k] = 0 }
    XCTAssertEqual(
      try conv2dInputGrad(error: e, weights: w, shape: s, activeChannels: active),
      try conv2dInputGrad(error: ez, weights: w, shape: s))
    XCTAssertEqual(
      try conv2dWeightGrad(error: e, input: x, inputZeroPoint: 3, shape: s, activeChannels: active),
      try conv2dWeightGrad(error: ez, input: x, inputZeroPoint: 3, shape: s))
  }

  /// The gradients are those of a Double model of the pre-activation: L = Σ e·acc(x, W) is linear in
  /// each W and x, so a central difference with step h = 0.5 recovers ∂L/∂W and ∂L/∂x exactly up to
  /// Double rounding (tolerance 1e-6).
  func testGradientsMatchFiniteDifferencesOfDoubleModel() throws {
    var rng = TestRNG(14)
    for _ in 0..<8 {
      let s = randomConvShape(&rng)
      let x = rng.int8s(s.inputCount).map(Double.init)
      let w = rng.int8s(s.weightCount).map(Double.init)
      let e = rng.int8s(s.outputCount)
      let zx = Double(rng.int(-50, 50))
      func loss(_ x: [Double], _ w: [Double]) -> Double {
        var l = 0.0
        for oh in 0..<s.outH {
          for ow in 0..<s.outW {
            for o in 0..<s.outC {
              var y = 0.0
              for kh in 0..<s.kH {
                for kw in 0..<s.kW {
                  let ih = oh * s.strideH - s.padH + kh
                  let iw = ow * s.strideW - s.padW + kw
                  guard ih >= 0, ih < s.inH, iw >= 0, iw < s.inW else { continue }
                  for i in 0..<s.inC {
                    y += w[((o * s.kH + kh) * s.kW + kw) * s.inC + i]
                      * (x[(ih * s.inW + iw) * s.inC + i] - zx)
                  }
                }
              }
              l += Double(e[(oh * s.outW + ow) * s.outC + o]) * y
            }
          }
        }
        return l
      }
      let gw = try conv2dWeightGrad(
        error: e, input: x.map { Int8($0) }, inputZeroPoint: Int32(zx), shape: s)
      let gx = try conv2dInputGrad(error: e, weights: w.map { Int8($0) }, shape: s)
      let h = 0.5
      for j in 0..<min(w.count, 12) {
        var wp = w
        var wm = w
        wp[j] += h
        wm[j] -= h
        XCTAssertEqual((loss(x, wp) - loss(x, wm)) / (2 * h), Double(gw[j]), accuracy: 1e-6)
      }
      for j in 0..<min(x.count, 12) {
        var xp = x
        var xm = x
        xp[j] += h
        xm[j] -= h
        XCTAssertEqual((loss(xp, w) - loss(xm, w)) / (2 * h), Double(gx[j]), accuracy: 1e-6)
      }
    }
  }

  func testOverflowProneShapesAreRejected() throws {
    // 9 · 7311 · 128 · 255 > 2³¹ − 1 for z_x = −128 (|x − z_x| ≤ 255).
    let big = Conv2DShape(inH: 3, inW: 3, inC: 7311, outC: 1, kH: 3, kW: 3)
    let q = OutputQuantization(
      inputZeroPoint: -128, outputZeroPoint: 0, multiplier: 1 << 30, shift: 0, channels: 1)
    XCTAssertThrowsError(
      try conv2d(
        input: [Int8](repeating: 0, count: big.inputCount),
        weights: [Int8](repeating: 0, count: big.weightCount), bias: [0], shape: big, quant: q)
    ) { err in
      guard case FQTError.overflowRisk = err else { return XCTFail("\(err)") }
      XCTAssertTrue("\(err)".contains("overflow"))
    }
    // 7311·9 = 65799 ≥ 65793 terms; the same shape with 7310 channels is accepted.
    let ok = Conv2DShape(inH: 3, inW: 3, inC: 7310, outC: 1, kH: 3, kW: 3)
    XCTAssertNoThrow(
      try conv2d(
        input: [Int8](repeating: 0, count: ok.inputCount),
        weights: [Int8](repeating: 0, count: ok.weightCount), bias: [0], shape: ok, quant: q))
    // Weight gradient: 257·257 = 66049 positions · 128 · 255 > 2³¹.
    let wide = Conv2DShape(inH: 257, inW: 257, inC: 1, outC: 1, kH: 1, kW: 1)
    XCTAssertThrowsError(
      try conv2dWeightGrad(
        error: [Int8](repeating: 0, count: wide.outputCount),
        input: [Int8](repeating: 0, count: wide.inputCount), inputZeroPoint: -128, shape: wide))
    // Input gradient: 1·1·131073 channels · 128·128 > 2³¹.
    let deep = Conv2DShape(inH: 1, inW: 1, inC: 1, outC: 131_073, kH: 1, kW: 1)
    XCTAssertThrowsError(
      try conv2dInputGrad(
        error: [Int8](repeating: 0, count: deep.outputCount),
        weights: [Int8](repeating: 0, count: deep.weightCount), shape: deep))
  }

  func testNegativeMultiplierIsRejected() {
    let s = Conv2DShape(inH: 2, inW: 2, inC: 1, outC: 2, kH: 1, kW: 1)
    var q = OutputQuantization(
      inputZeroPoint: 0, outputZeroPoint: 0, multiplier: 1 << 30, shift: 0, channels: 2)
    q.multipliers[1] = Int32.min
    XCTAssertThrowsError(try conv2d(input: [1, 2, 3, 4], weights: [1, 2], bias: [0, 0], shape: s, quant: q)) { err in
      XCTAssertTrue("\(err)".contains("multiplier[1]"), "\(err)")
    }
    q.multipliers[1] = 0  // M = 0 (a multiplier too small to represent) is valid
    XCTAssertNoThrow(try conv2d(input: [1, 2, 3, 4], weights: [1, 2], bias: [0, 0], shape: s, quant: q))
  }

  func testLengthMismatchIsReported() {
    let s = Conv2DShape(inH: 2, inW: 2, inC: 1, outC: 1, kH: 1, kW: 1)
    let q = OutputQuantization(
      inputZeroPoint: 0, outputZeroPoint: 0, multiplier: 1 << 30, shift: 0, channels: 1)
    XCTAssertThrowsError(try conv2d(input: [1, 2, 3], weights: [1], bias: [0], shape: s, quant: q))
    { err in
      XCTAssertEqual(
        err as? FQTError,
        .lengthMismatch(op: "conv2d", tensor: "input", expected: 4, got: 3))
    }
  }
}

final class MaskAndRequantGradTests: XCTestCase {
  func testPackAndApplyMask() throws {
    let bits = [true, false, true, true, false, false, false, true, true]
    let packed = packMask(bits)
    XCTAssertEqual(packed, [0b1000_1101, 0b1])
    XCTAssertEqual(try applyMask([1, 2, 3, 4, 5, 6, 7, 8, 9] as [Int8], mask: packed),
      [1, 0, 3, 4, 0, 0, 0, 8, 9])
    XCTAssertEqual(try applyMask([-1, -2] as [Int32], mask: [0b10]), [0, -2])
    XCTAssertThrowsError(try applyMask([1, 2] as [Int8], mask: []))
  }

  func testRequantGradNearestHandValues() {
    // max |g| = 1000 → bitLength 10 → sh = 3; 1000/8 = 125; −12/8 = −1.5 → −2; 4/8 = 0.5 → 1.
    let (v, sh) = requantGrad([1000, -12, 4, -1000])
    XCTAssertEqual(sh, 3)
    XCTAssertEqual(v, [125, -2, 1, -125])
    // Values already int8-sized keep sh = 0 (|−128| has bitLength 8 → sh = 1, so use 127).
    XCTAssertTrue(requantGrad([127, -127, 0]) == ([127, -127, 0], 0))
    // 255 → sh = 1, 255/2 = 127.5 → 128 → saturates to 127; −255 → −128.
    XCTAssertTrue(requantGrad([255, -255]) == ([127, -128], 1))
    // |Int32.min| = 2³¹ has bitLength 32 → sh = 25 and −2³¹/2²⁵ = −64.
    XCTAssertTrue(requantGrad([Int32.min]) == ([-64], 25))
  }

  func testRequantGradNearestMatchesReference() {
    var rng = TestRNG(20)
    for _ in 0..<300 {
      let n = rng.int(1, 50)
      let scale = rng.int(0, 31)
      let g = (0..<n).map { _ in Int32(truncatingIfNeeded: Int64(rng.int32()) >> Int64(scale)) }
      let (v, sh) = requantGrad(g)
      let maxMag = g.map { Int64($0).magnitude }.max() ?? 0
      var bits = 0
      while (UInt64(1) << bits) <= maxMag { bits += 1 }
      XCTAssertEqual(Int(sh), max(0, bits - 7))
      for k in 0..<n {
        let r = refDivPow2HalfAway(Int64(g[k]), Int(sh))
        XCTAssertEqual(Int64(v[k]), min(max(r, -128), 127))
      }
    }
  }

  func testRequantGradStochasticIsUnbiasedAndUsesDraws() {
    // g = 3 with max 1000 (sh = 3): 3/8 = 0.375; stochastic values are 0 or 1, mean ≈ 0.375.
    var g = [Int32](repeating: 3, count: 20000)
    g[0] = 1000
    var rng = XorShift32(seed: 12345)
    let (v, sh) = requantGrad(g, mode: .stochastic, rng: &rng)
    XCTAssertEqual(sh, 3)
    let rest = v.dropFirst().map(Double.init)
    XCTAssertTrue(rest.allSatisfy { $0 == 0 || $0 == 1 })
    XCTAssertEqual(rest.reduce(0, +) / Double(rest.count), 0.375, accuracy: 0.02)
    // Exact definition: (g + (r & 7)) >> 3 with one draw per element in order.
    var check = XorShift32(seed: 12345)
    for k in 0..<g.count {
      let r = Int64(check.next() & 7)
      XCTAssertEqual(Int64(v[k]), min((Int64(g[k]) + r) >> 3, 127))
    }
    XCTAssertEqual(rng, check)
    // Negative: −3/8 → values −1 or 0, mean ≈ −0.375.
    var rng2 = XorShift32(seed: 99)
    let (vn, _) = requantGrad(g.map { -$0 }, mode: .stochastic, rng: &rng2)
    let meanN = vn.dropFirst().map(Double.init).reduce(0, +) / Double(g.count - 1)
    XCTAssertEqual(meanN, -0.375, accuracy: 0.02)
  }
}
