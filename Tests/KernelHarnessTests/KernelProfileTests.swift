import CortexM
import Foundation
import XCTest
@testable import KernelHarness

/// Per-PC cycle profile of a default case: KPROF=<kernel> swift test --filter KernelProfileTests
/// (does nothing without KPROF). KPROF_SHAPE="h=4,w=4,cin=8,cout=16,active=75" picks a shape.
final class KernelProfileTests: XCTestCase {
  func testProfile() throws {
    guard let name = ProcessInfo.processInfo.environment["KPROF"] else { return }
    let k = KernelRegistry.kernel(named: name)!
    var shape = ShapeOptions()
    for kv in (ProcessInfo.processInfo.environment["KPROF_SHAPE"] ?? "").split(separator: ",") {
      let p = kv.split(separator: "=")
      if p.count == 2, let n = Int(p[1]) { shape.values[String(p[0])] = n }
    }
    let seed = UInt32(ProcessInfo.processInfo.environment["KPROF_SEED"] ?? "") ?? KernelRegistry.defaultSeed
    let c = try k.makeCase(seed, shape)
    var perPC: [UInt32: (UInt64, UInt64)] = [:]
    var last: UInt64 = 0
    KernelRunner.profileHook = { m, i in
      let pc = m.lastPC
      let d = m.cycles - last
      last = m.cycles
      let e = perPC[pc] ?? (0, 0)
      perPC[pc] = (e.0 + d, e.1 + 1)
    }
    let r = try KernelRunner.run(image: try kernelImage(name), case: c)
    print(r.summary)
    let div = UInt64(ProcessInfo.processInfo.environment["KPROF_DIV"] ?? "") ?? 400  // KPROF_DIV: show PCs above cycles/div
    for (pc, v) in perPC.sorted(by: { $0.key < $1.key }) where v.0 > r.cycles / div {
      print(String(format: "%04x %9d cyc %8d n  %.2f", pc, v.0, v.1, Double(v.0) / Double(v.1)))
    }
  }
}
