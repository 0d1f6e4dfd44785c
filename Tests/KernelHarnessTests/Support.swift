import CortexM
import FQTGolden
import Foundation
import XCTest

@testable import KernelHarness

/// The package root (…/Tests/KernelHarnessTests/Support.swift → three levels up).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func kernelImage(_ name: String) throws -> [UInt8] {
  try KernelRegistry.loadImage(packageRoot.appendingPathComponent("kernels/\(name).bin").path)
}

/// Runs `name` on the case for `seed`/`options` and fails the test with the case and the first
/// mismatch unless the run is bit-exact, returned normally, overran nothing and kept the stack
/// within 64 bytes.
@discardableResult
func checkKernel(
  _ name: String, seed: UInt32, _ options: [String: Int], file: StaticString = #filePath, line: UInt = #line
) throws -> KernelRunResult? {
  guard let k = KernelRegistry.kernel(named: name) else {
    XCTFail("no kernel \(name)", file: file, line: line)
    return nil
  }
  let c: KernelCase
  do { c = try k.makeCase(seed, ShapeOptions(options)) } catch let e as FQTError {
    // The golden model refuses shapes that could overflow int32; those are not kernel cases.
    if case .overflowRisk = e { return nil }
    throw e
  }
  let r = try KernelRunner.run(image: try kernelImage(name), case: c)
  let where_ = "\(name) seed \(seed) options \(options.sorted { $0.key < $1.key }) [\(c.label)]"
  XCTAssertEqual(r.stop, "exited", "\(where_): \(r.faultText ?? "")", file: file, line: line)
  XCTAssertNil(r.mismatch, "\(where_): \(r.mismatch.map { "\($0)" } ?? "")", file: file, line: line)
  XCTAssertEqual(r.overruns, [], "\(where_): wrote past the end", file: file, line: line)
  XCTAssertLessThanOrEqual(r.stackBytes, 64, "\(where_): stack", file: file, line: line)
  XCTAssertLessThanOrEqual(r.arenaBytes, r.arenaSize, where_, file: file, line: line)
  return r
}

/// Random convolution geometry: small sizes, odd channel counts, kernels 1–4 (not square),
/// strides 1–3, padding 0..k−1.
func randomConvOptions(_ r: inout CaseRandom) -> [String: Int] {
  var o: [String: Int] = [:]
  o["kh"] = r.int(1, 4)
  o["kw"] = r.bool(0.7) ? o["kh"]! : r.int(1, 4)
  o["sh"] = r.int(1, 3)
  o["sw"] = r.bool(0.7) ? o["sh"]! : r.int(1, 3)
  o["ph"] = r.int(0, o["kh"]! - 1)
  o["pw"] = r.int(0, o["kw"]! - 1)
  o["h"] = max(r.int(1, 9), o["kh"]! - 2 * o["ph"]!)
  o["w"] = max(r.int(1, 9), o["kw"]! - 2 * o["pw"]!)
  o["cin"] = r.int(1, 13)
  o["cout"] = r.int(1, 13)
  return o
}
