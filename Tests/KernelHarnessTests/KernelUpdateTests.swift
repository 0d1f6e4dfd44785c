// sgd_qas_update, topk_select, zo_perturb and zo_accumulate over random shapes, modes and seeds,
// bit-exact against the golden update, selection and zeroth-order ops (seeds 15000+).

import XCTest

@testable import KernelHarness

final class KernelUpdateTests: XCTestCase {
  func testSgdQasUpdate() throws {
    var r = CaseRandom(seed: 401)
    for i in 0..<160 {
      let layout = i % 4 == 3 ? 1 : 0
      let cin = r.int(1, 13)
      var o: [String: Int] = [
        "cout": r.int(1, 19), "cin": cin, "mode": i % 2, "layout": layout,
        "per": layout == 0 ? cin * r.int(1, 9) : r.int(1, 9),
      ]
      if i % 3 == 1 { o["active"] = r.int(0, 99) }
      if i % 5 == 2 && layout == 0 { o["sparse"] = r.int(0, 99) }
      if i % 7 == 3 { o["extreme"] = 1 }
      if i % 11 == 5 { o["weights"] = 0 }
      if i % 13 == 6 { o["bias"] = 0 }
      if i % 9 == 4 { o["f"] = r.int(20, 30) }  // many underflowing channels
      try checkKernel("sgd_qas_update", seed: 15000 + UInt32(i), o)
    }
  }

  func testTopkSelect() throws {
    var r = CaseRandom(seed: 402)
    for i in 0..<150 {
      var o: [String: Int] = ["h": r.int(0, 9), "w": r.int(1, 9), "c": r.int(1, 70)]
      if i % 3 == 1 { o["ties"] = 1 }
      if i % 5 == 2 { o["extreme"] = 1 }
      if i % 7 == 3 { o["lmin"] = 0; o["lmax"] = 0 }  // k = 0
      if i % 7 == 4 { o["lmin"] = 65536; o["lmax"] = 65536 }  // k = N
      if i % 11 == 5 { o["loss"] = 0 }
      try checkKernel("topk_select", seed: 16000 + UInt32(i), o)
    }
    // More than 511 positions (the halfword sums are folded) and mbv2-tail's 7×7×96.
    for (i, s) in [["h": 30, "w": 30, "c": 9, "extreme": 1], ["h": 7, "w": 7, "c": 96]].enumerated() {
      try checkKernel("topk_select", seed: 16500 + UInt32(i), s)
    }
  }

  /// Every k with few channels dropped or few kept (the selection by passes), with and without
  /// ties, next to the threshold selection it replaces for larger m = min(k, N − k).
  func testTopkSelectEveryKOfSmallLayers() throws {
    for c in [1, 2, 3, 7, 8, 10, 16, 17, 20, 33] {
      for k in 0...c {
        let r = (k * 65536 + c - 1) / c  // the smallest Q16 ratio r with ⌊r·c / 2¹⁶⌋ = k
        for ties in [0, 1] {
          let o = ["h": 2, "w": 3, "c": c, "lmin": r, "lmax": r, "ties": ties]
          let made = try KernelRegistry.kernel(named: "topk_select")!.makeCase(1, ShapeOptions(o))
          XCTAssertEqual(made.parameters["k"], k, "c \(c)")
          try checkKernel("topk_select", seed: 16600 + UInt32(c * 100 + k * 2 + ties), o)
        }
      }
    }
    // ε from the two 8-bit UDIV digits (max_loss < 2²⁴) and from the bit loop (≥ 2²⁴), at the edges.
    for (i, (loss, maxLoss)) in [(0xFF_FFFE, 0xFF_FFFF), (1, 0xFF_FFFF), (0x100_0000, 0x100_0001), (12_345_678, 0x7FFF_FFFF),
                                  (65_535, 65_536), (190_000, 210_000)].enumerated() {
      for c in [10, 16] {
        try checkKernel("topk_select", seed: 16700 + UInt32(i * 2 + c), ["h": 3, "w": 3, "c": c, "lmin": 0, "lmax": 65536, "loss": loss, "maxloss": maxLoss])
      }
    }
  }

  func testZoPerturbAndAccumulate() throws {
    var r = CaseRandom(seed: 403)
    for i in 0..<50 {
      var o: [String: Int] = ["n": r.int(0, 300), "nb": r.int(0, 20)]
      if i % 2 == 1 { o["inplace"] = 1 }
      if i % 3 == 2 { o["extreme"] = 1 }
      try checkKernel("zo_perturb", seed: 17000 + UInt32(i), o)
      try checkKernel("zo_accumulate", seed: 17500 + UInt32(i), ["n": r.int(0, 300), "nb": r.int(0, 20)])
    }
  }

  /// Kernels given too small an arena return without writing.
  func testTooSmallArenaWritesNothing() throws {
    for (name, o) in [("topk_select", ["c": 7]), ("sgd_qas_update", ["sparse": 50, "cin": 5, "per": 10])] {
      var c = try KernelRegistry.kernel(named: name)!.makeCase(9, ShapeOptions(o))
      c.scratchBytes -= 4
      let r = try KernelRunner.run(image: try kernelImage(name), case: c)
      XCTAssertEqual(r.stop, "exited", name)
      XCTAssertNotNil(r.mismatch, name)
      XCTAssertEqual(r.arenaBytes, 0, name)
    }
  }
}
