// Every kernel over many random shapes and seeds, bit-exact against the golden model. Seeds here
// are 1000+; `cmemu run` defaults to seed 1, so fresh seeds (e.g. 77) are not used by the tests.

import FQTGolden
import XCTest

@testable import KernelHarness

final class KernelSweepTests: XCTestCase {
  func testConvBwdRandomShapes() throws {
    var r = CaseRandom(seed: 101)
    for i in 0..<150 {
      var o = randomConvOptions(&r)
      if i % 3 == 1 { o["active"] = r.int(0, 99) }
      if i % 5 == 2 { o["extreme"] = 1 }
      try checkKernel("conv_bwd", seed: 1000 + UInt32(i), o)
    }
  }

  func testConv2dFwdRandomShapes() throws {
    var r = CaseRandom(seed: 102)
    for i in 0..<150 {
      var o = randomConvOptions(&r)
      if i % 2 == 0 { o["cin"] = 4 * r.int(1, 4) }  // the SXTAB16 fast path
      if i % 4 == 1 { o["clamp"] = 1 }
      if i % 4 == 3 { o["bigscale"] = 1 }  // some channels with left shifts
      if i % 6 == 5 { o["relu"] = 0 }
      if i % 5 == 2 { o["extreme"] = 1; o["zx"] = r.bool() ? -128 : 127 }
      try checkKernel("conv2d_fwd", seed: 2000 + UInt32(i), o)
    }
  }

  func testConv2dFwdSlidingFastPath() throws {
    // Shapes the sliding-window fast path takes (k_w 3, stride_w 1, in_c % 4 == 0, out_w ≥ 6),
    // with every k_h, stride_h and padding, odd out_c, extreme values and left shifts.
    var r = CaseRandom(seed: 105)
    for i in 0..<60 {
      var o: [String: Int] = ["kw": 3, "sw": 1, "kh": r.int(1, 4), "sh": r.int(1, 3)]
      o["ph"] = r.int(0, o["kh"]! - 1)
      o["pw"] = r.int(0, 2)
      o["w"] = r.int(8 - 2 * o["pw"]!, 20)
      o["h"] = max(r.int(1, 9), o["kh"]! - 2 * o["ph"]!)
      o["cin"] = 4 * r.int(1, 5)
      o["cout"] = r.int(1, 13)
      if i % 4 == 1 { o["clamp"] = 1 }
      if i % 4 == 3 { o["bigscale"] = 1 }
      if i % 5 == 2 { o["extreme"] = 1; o["zx"] = r.bool() ? -128 : 127 }
      try checkKernel("conv2d_fwd", seed: 5000 + UInt32(i), o)
    }
  }

  func testConv2dFwdWinogradPath() throws {
    // 3×3 stride-1 layers with in_c % 4 == 0, in_c ≤ 32 and little padded work take the
    // Winograd path: odd sizes (partial 2×2 tiles, partial groups of 4 tiles), padding 0–3, 4, 8
    // and other numbers of channel pairs, odd out_c, ReLU and clamps, left shifts.
    var r = CaseRandom(seed: 110)
    var i = 0
    while i < 48 {
      let pad = r.int(0, 3)
      var o: [String: Int] = ["k": 3, "stride": 1, "pad": pad]
      o["h"] = max(r.int(1, 13), 3 - 2 * pad)
      o["w"] = max(r.int(1, 21), 3 - 2 * pad)
      o["cin"] = 4 * r.int(1, 8)
      o["cout"] = r.int(1, 17)
      // shapes the waste rule sends to the direct paths are covered by the other sweeps
      guard conv2dFwdWinogradScratchBytes(try convShape(ShapeOptions(o))) != nil else { continue }
      if i % 4 == 1 { o["clamp"] = 1 }
      if i % 4 == 3 { o["bigscale"] = 1 }
      if i % 6 == 5 { o["relu"] = 0 }
      try checkWinograd(seed: 10_000 + UInt32(i), o)
      i += 1
    }
  }

  func testConv2dFwdWinogradExtremes() throws {
    // The headroom bound in_c = 32 with inputs and weights 90 % −128/−127/127 and z_x = −128 or
    // 127 (|x − z_x| up to 255); requantization edges (shifts −1, −2, −23, −24, −31, 0 and left
    // shifts, M = 0, 1, Int32.max, biases near the int32 limits).
    let zxs = [-128, 127, -128, 127, 0, -128, 127, 3]
    for (i, zx) in zxs.enumerated() {
      var o: [String: Int] = ["k": 3, "stride": 1, "h": 4 + i, "w": i < 4 ? 11 - i : 20 - i, "pad": i % 3, "extreme": 1, "zx": zx]
      o["cin"] = i < 4 ? 32 : 4 * (i - 3)
      o["cout"] = 9 + i
      if i % 2 == 1 { o["edgequant"] = 1 }
      if i == 6 { o["clamp"] = 1 }
      try checkWinograd(seed: 11_000 + UInt32(i), o)
    }
  }

  func testConv2dFwdWinogradArenaFallback() throws {
    // An arena one byte short of FQT_CONV2D_FWD_SCRATCH_WINO (but enough for the direct paths)
    // runs the sliding-window path: still bit-exact, more cycles, lower arena high-water.
    let o = ShapeOptions(["h": 9, "w": 8, "cin": 16, "cout": 10])
    let k = KernelRegistry.kernel(named: "conv2d_fwd")!
    let image = try kernelImage("conv2d_fwd")
    let full = try k.makeCase(12, o)
    var short = full
    short.scratchBytes = conv2dFwdWinogradScratchBytes(try convShape(o))! - 1
    let a = try KernelRunner.run(image: image, case: full)
    let b = try KernelRunner.run(image: image, case: short)
    XCTAssertNil(a.mismatch)
    XCTAssertNil(b.mismatch)
    XCTAssertLessThan(a.cycles, b.cycles)
    XCTAssertLessThan(b.arenaBytes, short.scratchBytes - 511)
  }

  /// checkKernel for conv2d_fwd on a Winograd shape; where the direct paths' arenas are smaller
  /// than the Winograd path's lowest possible high-water, the high-water shows it ran.
  private func checkWinograd(seed: UInt32, _ o: [String: Int], line: UInt = #line) throws {
    let s = try convShape(ShapeOptions(o))
    let wino = try XCTUnwrap(conv2dFwdWinogradScratchBytes(s), "\(o) is not a Winograd shape", line: line)
    guard let r = try checkKernel("conv2d_fwd", seed: seed, o, line: line) else { return }
    let direct = max(8 * ((9 * s.inC + 3) & ~3), 64 + 18 * s.inC * s.outC + 384 * s.inC)
    if wino - 511 > direct {
      XCTAssertGreaterThanOrEqual(r.arenaBytes, wino - 511, "seed \(seed) \(o): not the Winograd path", line: line)
    }
  }

  func testConvBwdSlidingFastPath() throws {
    // Shapes conv_bwd's sliding fast path takes (stride 1, k_w 3, out_c % 4 == 0, pad_w ≤ 2,
    // pad_h < k_h, 6 ≤ in_w ≤ 62): every k_h and padding, odd in_c, widths hitting the 6-wide,
    // 4-wide and overlapping tail blocks, partial active masks and extreme values.
    var r = CaseRandom(seed: 108)
    for i in 0..<60 {
      var o: [String: Int] = ["kw": 3, "stride": 1, "kh": r.int(1, 4)]
      o["ph"] = r.int(0, o["kh"]! - 1)
      o["pw"] = r.int(0, 2)
      o["w"] = r.int(6, 21)
      o["h"] = max(r.int(1, 9), o["kh"]! - 2 * o["ph"]!)
      o["cin"] = r.int(1, 9)
      o["cout"] = 4 * r.int(1, 4)
      if i % 3 == 1 { o["active"] = r.int(0, 99) }
      if i % 5 == 2 { o["extreme"] = 1 }
      try checkKernel("conv_bwd", seed: 9000 + UInt32(i), o)
    }
  }

  func testConvWgradFlatFastPath() throws {
    // Shapes conv_wgrad's flat fast path takes (stride 1, k_w 3): every k_h and padding (pitch
    // out_w + 2, + 1 and out_w), odd channel counts, partial active masks, extreme values.
    var r = CaseRandom(seed: 109)
    for i in 0..<60 {
      var o: [String: Int] = ["kw": 3, "stride": 1, "kh": r.int(1, 4)]
      o["ph"] = r.int(0, o["kh"]! - 1)
      o["pw"] = r.int(0, 3)
      o["w"] = r.int(max(1, 3 - 2 * o["pw"]!), 20)
      o["h"] = max(r.int(1, 9), o["kh"]! - 2 * o["ph"]!)
      o["cin"] = r.int(1, 9)
      o["cout"] = r.int(1, 13)
      if i % 3 == 1 { o["active"] = r.int(0, 99) }
      if i % 5 == 2 { o["extreme"] = 1; o["zx"] = r.bool() ? -128 : 127 }
      try checkKernel("conv_wgrad", seed: 9500 + UInt32(i), o)
    }
  }

  func testConvWgradRandomShapes() throws {
    var r = CaseRandom(seed: 103)
    for i in 0..<150 {
      var o = randomConvOptions(&r)
      if i % 3 == 1 { o["active"] = r.int(0, 99) }
      if i % 5 == 2 { o["extreme"] = 1; o["zx"] = r.bool() ? -128 : 127 }
      try checkKernel("conv_wgrad", seed: 3000 + UInt32(i), o)
    }
  }

  func testConvKernelsOnTrainingShapes() throws {
    // digits-cnn / mnist-cnn layers and a stride-2 downsampling layer.
    let shapes: [[String: Int]] = [
      ["h": 8, "w": 8, "cin": 1, "cout": 8, "k": 3, "pad": 1],
      ["h": 4, "w": 4, "cin": 8, "cout": 16, "k": 3, "pad": 1],
      ["h": 14, "w": 14, "cin": 8, "cout": 16, "k": 3, "pad": 0],
      ["h": 9, "w": 9, "cin": 12, "cout": 7, "k": 3, "stride": 2, "pad": 1],
      ["h": 7, "w": 7, "cin": 24, "cout": 8, "k": 1, "pad": 0],
    ]
    for (i, s) in shapes.enumerated() {
      for k in ["conv_bwd", "conv2d_fwd", "conv_wgrad"] {
        try checkKernel(k, seed: 4000 + UInt32(i), s)
      }
    }
  }

  /// The dynamic partial update's masks: every count of active output channels (0 … out_c, a
  /// mask even when all are active) on the digits-cnn layers and on shapes around them (odd
  /// channel counts, wider rows that take the sliding fast paths), for the kernels that skip
  /// dropped channels (conv_wgrad, conv_bwd, fc_bwd).
  func testPartialUpdateMasksEveryActiveCount() throws {
    let shapes: [[String: Int]] = [
      ["h": 8, "w": 8, "cin": 1, "cout": 8, "k": 3, "pad": 1],
      ["h": 4, "w": 4, "cin": 8, "cout": 16, "k": 3, "pad": 1],
      ["h": 5, "w": 3, "cin": 3, "cout": 7, "k": 3, "pad": 1],
      ["h": 4, "w": 8, "cin": 5, "cout": 12, "k": 3, "pad": 1],
      ["h": 3, "w": 4, "cin": 6, "cout": 9, "k": 3, "pad": 0],
    ]
    var r = CaseRandom(seed: 110)
    for (i, s) in shapes.enumerated() {
      for k in 0...s["cout"]! {
        var o = s
        o["nactive"] = k
        if r.bool(0.3) { o["extreme"] = 1 }
        for name in ["conv_wgrad", "conv_bwd"] {
          try checkKernel(name, seed: 9700 + UInt32(i * 100 + k), o)
        }
      }
    }
    for (cin, cout) in [(16, 10), (7, 5), (32, 17)] {
      for k in 0...cout {
        try checkKernel("fc_bwd", seed: 9900 + UInt32(cout * 10 + k), ["cin": cin, "cout": cout, "nactive": k])
      }
    }
  }

  func testRequantGrad() throws {
    var r = CaseRandom(seed: 104)
    for i in 0..<40 {
      var o: [String: Int] = ["n": r.int(0, 300), "mode": i % 2, "bits": r.int(1, 31)]
      if i % 7 == 3 { o["extremes"] = 1 }  // one INT32_MIN
      if i % 9 == 4 { o["bits"] = 7 }  // sh = 0
      try checkKernel("requant_grad", seed: 5000 + UInt32(i), o)
    }
  }

  func testReluMaskBwd() throws {
    var r = CaseRandom(seed: 105)
    for i in 0..<30 {
      let o: [String: Int] = ["n": r.int(1, 300), "density": r.int(0, 100), "extreme": i % 3 == 0 ? 1 : 0]
      try checkKernel("relu_mask_bwd", seed: 6000 + UInt32(i), o)
    }
  }

  func testFcFwd() throws {
    var r = CaseRandom(seed: 106)
    for i in 0..<40 {
      var o: [String: Int] = ["cin": r.int(1, 70), "cout": r.int(1, 20)]
      if i % 4 == 1 { o["clamp"] = 1 }
      if i % 4 == 3 { o["bigscale"] = 1 }
      if i % 5 == 2 { o["extreme"] = 1; o["zx"] = r.bool() ? -128 : 127 }
      try checkKernel("fc_fwd", seed: 7000 + UInt32(i), o)
    }
  }

  func testFcBwd() throws {
    var r = CaseRandom(seed: 107)
    for i in 0..<40 {
      var o: [String: Int] = ["cin": r.int(1, 70), "cout": r.int(1, 20)]
      if i % 3 == 1 { o["active"] = r.int(0, 99) }
      if i % 5 == 2 { o["extreme"] = 1; o["zx"] = r.bool() ? -128 : 127 }
      try checkKernel("fc_bwd", seed: 8000 + UInt32(i), o)
    }
  }

  /// A kernel given too small an arena returns without writing (the outputs keep the canary).
  func testTooSmallArenaWritesNothing() throws {
    for name in ["conv_bwd", "conv2d_fwd", "conv_wgrad", "fc_fwd", "fc_bwd"] {
      var c = try KernelRegistry.kernel(named: name)!.makeCase(9, ShapeOptions(["h": 4, "w": 4, "cin": 3, "cout": 5]))
      c.scratchBytes -= 4
      let r = try KernelRunner.run(image: try kernelImage(name), case: c)
      XCTAssertEqual(r.stop, "exited", name)
      XCTAssertNotNil(r.mismatch, name)
      XCTAssertEqual(r.arenaBytes, 0, name)
    }
  }
}
