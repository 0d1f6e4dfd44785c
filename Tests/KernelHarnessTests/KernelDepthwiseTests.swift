// dwconv_fwd and dwconv_bwd over random shapes and seeds (odd channels, strides 1–3, padding,
// extremes, sparse channel masks, NULL gradients), bit-exact against the depthwise golden ops
// (seeds 18000+).

import XCTest

@testable import KernelHarness

final class KernelDepthwiseTests: XCTestCase {
  func randomDwOptions(_ r: inout CaseRandom) -> [String: Int] {
    var o = randomConvOptions(&r)
    o["c"] = r.int(1, 21)
    o["cin"] = nil
    o["cout"] = nil
    return o
  }

  func testDwconvFwdRandomShapes() throws {
    var r = CaseRandom(seed: 501)
    for i in 0..<150 {
      var o = randomDwOptions(&r)
      if i % 4 == 1 { o["clamp"] = 1 }
      if i % 4 == 3 { o["bigscale"] = 1 }
      if i % 6 == 5 { o["relu"] = 0 }
      if i % 5 == 2 { o["extreme"] = 1; o["zx"] = r.bool() ? -128 : 127 }
      try checkKernel("dwconv_fwd", seed: 18000 + UInt32(i), o)
    }
  }

  func testDwconvBwdRandomShapes() throws {
    var r = CaseRandom(seed: 502)
    for i in 0..<150 {
      var o = randomDwOptions(&r)
      if i % 3 == 1 { o["active"] = r.int(0, 99) }
      if i % 5 == 2 { o["extreme"] = 1; o["zx"] = r.bool() ? -128 : 127 }
      if i % 7 == 3 { o["gx"] = 0 }
      if i % 7 == 4 { o["gw"] = 0 }
      if i % 7 == 5 { o["gb"] = 0 }
      try checkKernel("dwconv_bwd", seed: 19000 + UInt32(i), o)
    }
  }

  func testDepthwiseTrainingShapes() throws {
    let shapes: [[String: Int]] = [
      ["h": 7, "w": 7, "c": 96, "k": 3, "pad": 1],  // mbv2-tail
      ["h": 14, "w": 14, "c": 24, "k": 3, "stride": 2, "pad": 1],
      ["h": 9, "w": 9, "c": 13, "k": 5, "pad": 2],
    ]
    for (i, s) in shapes.enumerated() {
      try checkKernel("dwconv_fwd", seed: 19500 + UInt32(i), s)
      try checkKernel("dwconv_bwd", seed: 19600 + UInt32(i), s)
    }
  }
}
