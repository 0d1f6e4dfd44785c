// The default case of every kernel against its record in Vectors/kernels/<name>/record.json:
// bit-exact, and the same cycles, instructions, stack and arena high-water marks. A change of the
// kernel or of the cycle model fails here until the record is regenerated on purpose:
//   swift run cmemu run kernels/<name>.bin --json Vectors/kernels/<name>/record.json

import Foundation
import XCTest

@testable import KernelHarness

final class KernelRecordTests: XCTestCase {
  func testDefaultCasesMatchTheirRecords() throws {
    for k in KernelRegistry.all {
      let path = packageRoot.appendingPathComponent("Vectors/kernels/\(k.name)/record.json")
      guard let data = FileManager.default.contents(atPath: path.path) else {
        XCTFail("no record \(path.path)")
        continue
      }
      let record = try JSONDecoder().decode(KernelRunResult.self, from: data)
      let r = try KernelRunner.run(image: try kernelImage(k.name), case: try k.defaultCase())
      XCTAssertTrue(r.passed, "\(k.name): \(r.summary)")
      XCTAssertTrue(record.passed, "\(k.name): the record itself is not a passing run")
      XCTAssertEqual(r.caseLabel, record.caseLabel, "\(k.name): the default case changed")
      XCTAssertEqual(r.cycles, record.cycles, "\(k.name): cycles changed (regenerate the record if on purpose)")
      XCTAssertEqual(r.instructions, record.instructions, "\(k.name): instructions changed")
      XCTAssertEqual(r.stackBytes, record.stackBytes, "\(k.name): stack high-water changed")
      XCTAssertEqual(r.arenaBytes, record.arenaBytes, "\(k.name): arena high-water changed")
      XCTAssertEqual(r.macs, record.macs, "\(k.name): MAC count changed")
    }
  }
}
