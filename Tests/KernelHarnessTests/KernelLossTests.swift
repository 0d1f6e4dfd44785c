// softmax_ce_grad and ce_loss over random logits, labels and scales, bit-exact against softmax +
// softmaxCrossEntropyError and crossEntropyLossQ16 (seeds 13000+).

import XCTest

@testable import KernelHarness

final class KernelLossTests: XCTestCase {
  func randomLossOptions(_ r: inout CaseRandom, _ i: Int) -> [String: Int] {
    var o: [String: Int] = ["n": i % 10 == 9 ? r.int(100, 511) : r.int(1, 40)]
    if i % 4 == 1 { o["extreme"] = 1 }
    if i % 5 == 2 { o["ties"] = 1 }
    if i % 6 == 3 { o["bigscale"] = 1 }
    if i % 7 == 4 { o["scale1000"] = r.int(1, 15_999) }
    return o
  }

  func testSoftmaxCeGrad() throws {
    var r = CaseRandom(seed: 301)
    for i in 0..<120 {
      try checkKernel("softmax_ce_grad", seed: 13000 + UInt32(i), randomLossOptions(&r, i))
    }
  }

  func testCeLoss() throws {
    var r = CaseRandom(seed: 302)
    for i in 0..<120 {
      var o = randomLossOptions(&r, i)
      if i % 3 == 0 { o["maxloss"] = 0 }
      try checkKernel("ce_loss", seed: 14000 + UInt32(i), o)
    }
  }
}
