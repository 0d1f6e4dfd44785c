// maxpool_fwd and avgpool_fwd over random shapes and seeds, bit-exact against maxPool / avgPool /
// globalAvgPool (seeds 11000+).

import XCTest

@testable import KernelHarness

/// Random pool geometry: windows 1–4 (not square), strides 1–3, padding 0..k−1, odd channels.
func randomPoolOptions(_ r: inout CaseRandom) -> [String: Int] {
  var o: [String: Int] = [:]
  o["kh"] = r.int(1, 4)
  o["kw"] = r.bool(0.7) ? o["kh"]! : r.int(1, 4)
  o["sh"] = r.int(1, 3)
  o["sw"] = r.bool(0.7) ? o["sh"]! : r.int(1, 3)
  o["ph"] = r.bool(0.6) ? 0 : r.int(0, o["kh"]! - 1)
  o["pw"] = r.bool(0.6) ? 0 : r.int(0, o["kw"]! - 1)
  o["h"] = max(r.int(1, 11), o["kh"]! - 2 * o["ph"]!)
  o["w"] = max(r.int(1, 11), o["kw"]! - 2 * o["pw"]!)
  o["c"] = r.int(1, 21)
  return o
}

final class KernelPoolingTests: XCTestCase {
  func testMaxPoolRandomShapes() throws {
    var r = CaseRandom(seed: 201)
    for i in 0..<150 {
      var o = randomPoolOptions(&r)
      if i % 3 == 1 { o["ties"] = 1 }
      if i % 5 == 2 { o["extreme"] = 1 }
      try checkKernel("maxpool_fwd", seed: 11000 + UInt32(i), o)
    }
  }

  func testMaxPoolTrainingShapesAndLargeWindows() throws {
    let shapes: [[String: Int]] = [
      ["h": 8, "w": 8, "c": 8, "k": 2],  // digits-cnn
      ["h": 26, "w": 26, "c": 8, "k": 2], ["h": 11, "w": 11, "c": 16, "k": 2],  // mnist-cnn (odd: floor)
      ["h": 9, "w": 9, "c": 7, "k": 3, "stride": 2, "pad": 1],
      ["h": 17, "w": 16, "c": 5, "kh": 17, "kw": 16, "stride": 1, "ties": 1],  // 272 taps: scalar path
      ["h": 16, "w": 16, "c": 8, "k": 16, "stride": 1, "ties": 1],  // 256 taps
      ["h": 15, "w": 17, "c": 4, "kh": 15, "kw": 17, "stride": 1],  // 255 taps: SIMD
    ]
    for (i, s) in shapes.enumerated() { try checkKernel("maxpool_fwd", seed: 11500 + UInt32(i), s) }
  }

  func testAvgPoolRandomShapes() throws {
    var r = CaseRandom(seed: 202)
    for i in 0..<150 {
      var o = randomPoolOptions(&r)
      o["global"] = 0
      if i % 3 == 1 { o["clamp"] = 1 }
      if i % 5 == 2 { o["extreme"] = 1 }
      try checkKernel("avgpool_fwd", seed: 12000 + UInt32(i), o)
    }
  }

  func testGlobalAvgPool() throws {
    var r = CaseRandom(seed: 203)
    for i in 0..<60 {
      var o: [String: Int] = ["global": 1, "h": r.int(1, 9), "w": r.int(1, 9), "c": r.int(1, 40)]
      if i % 3 == 1 { o["clamp"] = 1 }
      if i % 4 == 2 { o["extreme"] = 1 }
      try checkKernel("avgpool_fwd", seed: 12500 + UInt32(i), o)
    }
    // digits-cnn, mbv2-tail, and windows around the 256-tap SIMD limit (all −128 / all 127).
    let shapes: [[String: Int]] = [
      ["h": 4, "w": 4, "c": 16], ["h": 7, "w": 7, "c": 96], ["h": 16, "w": 16, "c": 6, "extreme": 1],
      ["h": 16, "w": 17, "c": 9, "extreme": 1], ["h": 23, "w": 23, "c": 3],
    ]
    for (i, s) in shapes.enumerated() { try checkKernel("avgpool_fwd", seed: 12900 + UInt32(i), s) }
  }
}
