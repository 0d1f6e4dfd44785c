import XCTest
@testable import CortexM

final class BranchAndControlTests: XCTestCase {
  func testUnconditionalBranchSkipsForward() {
    // 0: b +2 (to 6); 2: movs r0,#1; 4: movs r0,#2; 6: movs r1,#3
    let t = TestMachine([b(2), movs(0, 1), movs(0, 2), movs(1, 3)])
    t.step(2)
    XCTAssertEqual(t[0], 0)
    XCTAssertEqual(t[1], 3)
    XCTAssertEqual(t.m.pc, 8)
  }

  func testConditionalBranchTakenAndNotTaken() {
    // movs r0,#0 sets Z; beq +0 → 6; at 6 bne -? not taken.
    let t = TestMachine([movs(0, 0), bcond(0, 0), movs(1, 1), bcond(1, -8), movs(2, 2)])
    t.step(2)
    XCTAssertEqual(t.m.pc, 6, "beq taken over nothing lands at PC+4+0")
    t.step()
    XCTAssertEqual(t.m.pc, 8, "bne not taken falls through")
  }

  func testBackwardBranchLoop() {
    // 0: movs r0,#0 ; 2: b -4 → 0 … runaway loop hits the cycle limit
    let t = TestMachine([movs(0, 0), b(-6)])
    XCTAssertEqual(t.run(maxCycles: 1000), .cycleLimit)
    XCTAssertGreaterThanOrEqual(t.m.cycles, 1000)
  }

  func testBLSetsLinkRegisterWithThumbBit() {
    // 0: bl +4 (→ 8); 4: movs r0,#1; 6: nop; 8: movs r1,#2
    let t = TestMachine([bl(4), movs(0, 1), nop(), movs(1, 2)])
    t.step()
    XCTAssertEqual(t.m.pc, 8)
    XCTAssertEqual(t[14], 5)
    t.step()
    XCTAssertEqual(t[1], 2)
  }

  func testBLFarNegativeOffsetDecodes() {
    let e = bl(-0x10_0000)
    let raw = UInt32(e.halfwords[0]) << 16 | UInt32(e.halfwords[1])
    guard case .instruction(let i) = Decoder.decode(raw, size: 4) else { return XCTFail("BL did not decode") }
    XCTAssertEqual(Int32(bitPattern: i.imm32), -0x10_0000)
  }

  func testBXLRReturnsToExitSentinelAndEndsRun() {
    let t = TestMachine([movs(0, 42), bx(14)])
    XCTAssertEqual(t.run(), .exited(42))
  }

  func testBXToEvenAddressFaultsWithInvalidState() {
    let t = TestMachine([movs(3, 8), bx(3)])
    XCTAssertEqual(t.run(), .fault(.invalidState))
    XCTAssertNotNil(t.m.lastFault)
  }

  func testBLXRegisterLinksAndInterworks() {
    // 0: movs r3,#9 ; 2: blx r3 (→ 8) ; 4: nop ; 6: nop ; 8: movs r1,#1
    let t = TestMachine([movs(3, 9), blx(3), nop(), nop(), movs(1, 1)])
    t.step(2)
    XCTAssertEqual(t.m.pc, 8)
    XCTAssertEqual(t[14], 5, "LR = address of the next instruction with bit 0 set")
  }

  func testCBZAndCBNZ() {
    // 0: movs r2,#0 ; 2: cbz r2,+2 (→ 8) ; 4: movs r0,#1 ; 6: movs r0,#2 ; 8: cbnz r2,+0 (not taken) ; 10: movs r1,#7
    let t = TestMachine([movs(2, 0), cbz(2, 2), movs(0, 1), movs(0, 2), cbz(2, 0, nonzero: true), movs(1, 7)])
    t.step(2)
    XCTAssertEqual(t.m.pc, 8)
    t.step(2)
    XCTAssertEqual(t[1], 7)
    XCTAssertEqual(t[0], 0)
  }

  func testITThenElseExecutesByCondition() {
    // movs r0,#0 (Z=1); ite eq; movs r1,#1 (eq: runs, no flags); movs r2,#2 (ne: skipped)
    let t = TestMachine([movs(0, 0), it(0, mask: 0b1100), movs(1, 1), movs(2, 2), movs(3, 3)])
    t.step(4)
    XCTAssertEqual(t[1], 1)
    XCTAssertEqual(t[2], 0, "the else slot is skipped when EQ holds")
    XCTAssertTrue(t.m.Z, "MOVS inside an IT block does not set flags")
    XCTAssertEqual(t.m.ITSTATE, 0)
    t.step()
    XCTAssertEqual(t[3], 3)
    XCTAssertFalse(t.m.Z, "outside the IT block MOVS sets flags again")
  }

  func testFourInstructionITBlockAdvances() {
    // itete ne (after Z=1): slots ne, eq, ne, eq → only the eq slots run
    let t = TestMachine([movs(0, 0), it(1, mask: 0b0101), movs(1, 1), movs(2, 2), movs(3, 3), movs(4, 4)])
    t.step(6)
    XCTAssertEqual([t[1], t[2], t[3], t[4]], [0, 2, 0, 4])
  }

  func testConditionalBranchInsideITIsUnpredictable() {
    let t = TestMachine([it(0, mask: 0b1000), bcond(0, 0)])
    t.m.Z = true
    XCTAssertEqual(t.run(), .fault(.unpredictable))
  }

  func testTBBJumpsThroughByteTable() {
    // 0: movs r1,#1 ; 2: tbb [pc, r1] ; 6: table bytes {0, 2} ; 8: movs r0,#5 ; 10: movs r0,#6
    // PC for TBB = 2 + 4 = 6; table[1] = 2 → target 6 + 4 = 10.
    let t = TestMachine([movs(1, 1), tbb(15, 1), Enc(0x0200), movs(0, 5), movs(0, 6)])
    t.step(3)
    XCTAssertEqual(t[0], 6)
  }

  func testTBHJumpsThroughHalfwordTable() {
    // 0: movs r1,#0 ; 2: tbh [pc, r1, lsl #1] ; 6: .hword 2 ; 8: movs r0,#5 ; 10: movs r0,#6
    let t = TestMachine([movs(1, 0), tbh(15, 1), Enc(0x0002), movs(0, 5), movs(0, 6)])
    t.step(3)
    XCTAssertEqual(t[0], 6)
  }

  func testITMaskDisassembly() {
    XCTAssertEqual(Disassembler.text(raw: 0xBF0C, size: 2, address: 0), "ite eq")
    XCTAssertEqual(Disassembler.text(raw: 0xBF08, size: 2, address: 0), "it eq")
    XCTAssertEqual(Disassembler.text(raw: 0xBF1F, size: 2, address: 0), "itttt ne")
    XCTAssertEqual(Disassembler.text(raw: 0xBF1E, size: 2, address: 0), "ittt ne")
  }

  func testBranchEncodingsAgreeWithLLVM() {
    let mine: Set<String> = ["b", "bl", "bx", "blx", "cbz", "cbnz", "tbb", "tbh", "it", "itt", "ite", "ittt", "itte", "itet", "itee", "itttt", "ittte", "ittet", "ittee", "itett", "itete", "iteet", "iteee"]
    let problems = ISAVectors.mismatches { mn in
      let base = mn.hasSuffix(".w") ? String(mn.dropLast(2)) : mn
      if mine.contains(base) { return true }
      // b<cond>
      return base.count == 3 && base.hasPrefix("b") && Disassembler.conditionNames.contains(String(base.dropFirst()))
    }
    XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
  }
}
