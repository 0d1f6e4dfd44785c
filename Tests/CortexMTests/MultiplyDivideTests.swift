import XCTest
@testable import CortexM

final class MultiplyDivideTests: XCTestCase {
  /// Cycles taken by the next instruction.
  func cyclesOfStep(_ t: TestMachine) -> UInt64 {
    let before = t.m.cycles
    t.step()
    return t.m.cycles - before
  }

  func testDecodeAndDisassemblyAgreeWithLLVMForEveryMultiplyAndDivideVector() {
    let set = mnemonicSet(["mul", "mla", "mls", "smull", "umull", "smlal", "umlal", "sdiv", "udiv"])
    XCTAssertEqual(ISAVectors.mismatches { m in set.contains(m) }, [])
    var count = 0
    _ = ISAVectors.mismatches { m in
      if set.contains(m) { count += 1 }
      return false
    }
    XCTAssertGreaterThanOrEqual(count, 25)
  }

  func testTypedEncodersSpellLikeLLVM() {
    XCTAssertEqual(text(mla(8, 9, 10, 11)), "mla r8, r9, r10, r11")
    XCTAssertEqual(text(mla(0, 1, 2, 15)), "mul r0, r1, r2", "MLA with Ra = 1111 is MUL")
    XCTAssertEqual(text(mls(12, 14, 8, 9)), "mls r12, lr, r8, r9")
    XCTAssertEqual(text(smull(8, 9, 10, 11)), "smull r8, r9, r10, r11")
    XCTAssertEqual(text(umull(12, 14, 10, 11)), "umull r12, lr, r10, r11")
    XCTAssertEqual(text(udiv(11, 12, 14)), "udiv r11, r12, lr")
    XCTAssertEqual(text(sdiv(0, 1, 2)), "sdiv r0, r1, r2")
  }

  func testMulsSetsNZAndKeepsCV() {
    let t = TestMachine([muls(5, 6)])
    t[5] = 0x10000
    t[6] = 0x10000
    t.m.C = true
    t.m.V = true
    t.step()
    XCTAssertEqual(t[5], 0)
    XCTAssertEqual(t.flags, "nZCVq")
    XCTAssertEqual(t.m.cycles, 1)
  }

  func testMulsInsideITBlockDoesNotSetFlags() {
    let t = TestMachine([muls(0, 1)])
    t.m.ITSTATE = itOne(14)
    t[0] = 0
    t[1] = 5
    t.step()
    XCTAssertEqual(t[0], 0)
    XCTAssertFalse(t.m.Z)
  }

  func testWideMultiplies() {
    let t = TestMachine([mul(0, 1, 2), mla(3, 4, 5, 6), mls(7, 4, 5, 6)])
    t[1] = 0xFFFF_FFFF  // -1
    t[2] = 3
    t[4] = 3; t[5] = 4; t[6] = 5
    t.step(3)
    XCTAssertEqual(t[0], 0xFFFF_FFFD)
    XCTAssertEqual(t[3], 17)
    XCTAssertEqual(t[7], 0xFFFF_FFF9)  // 5 - 12
    XCTAssertEqual(t.flags, "nzcvq")
  }

  func testLongMultiplies() {
    let t = TestMachine([smull(0, 1, 2, 3), umull(4, 5, 6, 6)])
    t[2] = 0xFFFF_FFFE  // -2
    t[3] = 3
    t[6] = 0xFFFF_FFFF
    t.step()
    XCTAssertEqual(t[1], 0xFFFF_FFFF)
    XCTAssertEqual(t[0], 0xFFFF_FFFA)
    t.step()
    XCTAssertEqual(t[5], 0xFFFF_FFFE)
    XCTAssertEqual(t[4], 0x0000_0001)
  }

  func testLongMultiplyAccumulateCarriesIntoTheHighWord() {
    let t = TestMachine([umlal(0, 1, 2, 3), smlal(4, 5, 6, 3)])
    t[0] = 0xFFFF_FFFF; t[1] = 0
    t[2] = 1; t[3] = 1
    t[4] = 0; t[5] = 0
    t[6] = 0xFFFF_FFFF  // -1
    t.step()
    XCTAssertEqual([t[1], t[0]], [1, 0])
    t.step()
    XCTAssertEqual([t[5], t[4]], [0xFFFF_FFFF, 0xFFFF_FFFF], "0 + (-1 * 1) = -1")
  }

  func testLongMultiplyWithEqualDestinationsIsUnpredictable() {
    let t = TestMachine([smull(1, 1, 2, 3)])
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))
  }

  func testSdivRoundsTowardsZero() {
    let t = TestMachine([sdiv(0, 1, 2), sdiv(3, 2, 4)])
    t[1] = 0xFFFF_FFF9  // -7
    t[2] = 2
    t[4] = 0xFFFF_FFFE  // -2
    t.step(2)
    XCTAssertEqual(t[0], 0xFFFF_FFFD)  // -3
    XCTAssertEqual(t[3], 0xFFFF_FFFF)  // 2 / -2 = -1
  }

  func testSdivOfIntMinByMinusOneIsIntMin() {
    let t = TestMachine([sdiv(0, 1, 2)])
    t[1] = 0x8000_0000
    t[2] = 0xFFFF_FFFF
    t.step()
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertNil(t.m.stop)
  }

  func testDivisionByZeroReturnsZeroWithoutTrap() {
    let t = TestMachine([udiv(0, 1, 2), sdiv(3, 1, 2)])
    t[0] = 99; t[3] = 99
    t[1] = 1234
    t[2] = 0
    XCTAssertEqual(cyclesOfStep(t), 2)
    XCTAssertEqual(cyclesOfStep(t), 2)
    XCTAssertEqual(t[0], 0)
    XCTAssertEqual(t[3], 0)
    XCTAssertNil(t.m.stop)
  }

  func testDivisionByZeroTrapsWhenCCRDIV0TRPIsSet() {
    let t = TestMachine([udiv(0, 1, 2)])
    t.m.system.CCR |= 1 << 4
    t[0] = 99
    t[1] = 1234
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.divideByZero))
    XCTAssertEqual(t.m.system.CFSR & (1 << 25), 1 << 25, "UFSR.DIVBYZERO")
    XCTAssertEqual(t[0], 99, "no result written")
  }

  func testDivideCyclesFollowTheOperands() {
    // TIMING.md rule 4 examples.
    let t = TestMachine([udiv(0, 1, 2), udiv(3, 4, 5), udiv(6, 7, 8), sdiv(9, 10, 11), udiv(12, 5, 4)])
    t[1] = 0xFFFF_FFFF; t[2] = 1  // 12
    t[4] = 100; t[5] = 7  // 6
    t[7] = 5; t[8] = 100  // 3
    t[10] = 0xFFFF_FFFF; t[11] = 1  // -1 / 1: 5
    XCTAssertEqual(cyclesOfStep(t), 12)
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    XCTAssertEqual(cyclesOfStep(t), 6)
    XCTAssertEqual(t[3], 14)
    XCTAssertEqual(cyclesOfStep(t), 3)
    XCTAssertEqual(t[6], 0)
    XCTAssertEqual(cyclesOfStep(t), 5)
    XCTAssertEqual(t[9], 0xFFFF_FFFF)
    t[5] = 0  // udiv r12, r5, r4 = 0 / 7
    t[4] = 7
    XCTAssertEqual(cyclesOfStep(t), 2, "0 / 7")
    XCTAssertEqual(t[12], 0)
  }
}
