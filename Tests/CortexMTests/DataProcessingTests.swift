import XCTest
@testable import CortexM

final class DataProcessingTests: XCTestCase {
  func testMovsImmediateSetsNZOutsideIT() {
    let t = TestMachine([movs(3, 0), movs(4, 200)])
    t.m.N = true
    t.step()
    XCTAssertEqual(t[3], 0)
    XCTAssertTrue(t.m.Z)
    XCTAssertFalse(t.m.N)
    t.step()
    XCTAssertEqual(t[4], 200)
    XCTAssertFalse(t.m.Z)
  }
}
