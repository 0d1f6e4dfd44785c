// The cycle model against TIMING.md's table, rules and published data points. Expected counts
// are worked out by hand from TIMING.md, never read off the model.

import XCTest
@testable import CortexM

final class TimingTests: XCTestCase {
  /// Cycles taken by the instructions of `code` after `setup` instructions.
  func cycles(_ code: [Enc], setup: Int = 0, steps: Int, prepare: (TestMachine) -> Void = { _ in }) -> UInt64 {
    let t = TestMachine(code)
    prepare(t)
    t.step(setup)
    let start = t.m.cycles
    t.step(steps)
    return t.m.cycles - start
  }

  func testDataProcessingIsOneCycle() {
    XCTAssertEqual(cycles([movs(0, 1), movs(1, 2)], steps: 2), 2)
  }

  func testUnconditionalBranchIsOnePlusP1() {
    XCTAssertEqual(cycles([b(0), nop(), nop()], steps: 1), 2)
  }

  func testConditionalBranchTakenAndNotTaken() {
    // beq taken (Z=1): 1 + P(1) = 2; bne not taken: 1
    XCTAssertEqual(cycles([movs(0, 0), bcond(0, 0), nop(), bcond(1, 0)], setup: 1, steps: 1), 2)
    XCTAssertEqual(cycles([movs(0, 0), bcond(1, 0), nop()], setup: 1, steps: 1), 1)
  }

  func testBLIsOnePlusP1AndBXLRReturns() {
    XCTAssertEqual(cycles([bl(0), nop()], steps: 1), 2)
    // BX LR where LR was not just written: P = 1
    XCTAssertEqual(cycles([nop(), bx(14), nop()], setup: 1, steps: 1, prepare: { $0[14] = 5 }), 2)
  }

  func testBXRegisterResolvesAtExecute() {
    // movs r3,#5 writes r3; bx r3: 1 + P(2) = 3
    XCTAssertEqual(cycles([movs(3, 5), bx(3), nop()], setup: 1, steps: 1), 3)
  }

  func testCBZTakenIsOnePlusP2NotTakenOne() {
    XCTAssertEqual(cycles([movs(2, 0), cbz(2, 0), nop(), nop()], setup: 1, steps: 1), 3)
    XCTAssertEqual(cycles([movs(2, 1), cbz(2, 0), nop(), nop()], setup: 1, steps: 1), 1)
  }

  func testBranchToUnalignedThirtyTwoBitTargetAddsOne() {
    // b → 6, where a 32-bit instruction (dsb) sits at a halfword-aligned address: P = 1 + 1
    XCTAssertEqual(cycles([b(2), nop(), nop(), dsb()], steps: 1), 3)
  }

  func testITFoldsOntoPreceding16BitDataProcessing() {
    // movs; it eq; movs → the IT costs 0 after a 16-bit data-processing instruction
    XCTAssertEqual(cycles([movs(0, 0), it(0, mask: 0b1000), movs(1, 1)], steps: 3), 2)
    // after a branch it is not folded: nop is a hint, not data processing
    XCTAssertEqual(cycles([nop(), it(0, mask: 0b1000), movs(1, 1)], setup: 1, steps: 2, prepare: { $0.m.Z = true }), 2)
  }

  func testConditionFailedInstructionTakesOneCycle() {
    XCTAssertEqual(cycles([movs(0, 1), it(0, mask: 0b1000), movs(1, 1)], setup: 2, steps: 1), 1)
  }

  func testMSRIsTwoAndMRSOne() {
    XCTAssertEqual(cycles([msr(16, 0), mrs(1, 16)], steps: 1), 2)
    XCTAssertEqual(cycles([msr(16, 0), mrs(1, 16)], setup: 1, steps: 1), 1)
  }

  func testSVCTakesExceptionEntryOfTwelve() {
    var words = [UInt32](repeating: 0, count: 16)
    words[0] = 0x2004_0000
    words[11] = 0x49
    var code: [UInt16] = words.flatMap { [UInt16($0 & 0xFFFF), UInt16($0 >> 16)] }
    code += [svc(0), nop(), nop(), nop(), nop()].flatMap(\.halfwords)
    let t = TestMachine(code)
    t.m.pc = 0x40
    t.step()
    XCTAssertEqual(t.m.cycles, 1 + 12)
  }
}
