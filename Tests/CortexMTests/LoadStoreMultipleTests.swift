import XCTest
@testable import CortexM

final class LoadStoreMultipleTests: XCTestCase {
  let base: UInt32 = sramBase + 0x400

  func testEveryLoadStoreMultipleVectorDecodesAndDisassemblesAsLLVM() {
    let problems = ISAVectors.mismatches { m in
      m.hasPrefix("ldm") || m.hasPrefix("stm") || m.hasPrefix("push") || m.hasPrefix("pop")
    }
    XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    let covered = ISAVectors.load().filter { v in
      let m = v.text.split(separator: " ").first ?? ""
      return m.hasPrefix("ldm") || m.hasPrefix("stm") || m.hasPrefix("push") || m.hasPrefix("pop")
    }
    XCTAssertGreaterThan(covered.count, 40, "the vectors were found and the filter matched")
  }

  // MARK: PUSH / POP

  func testPushStoresLowestRegisterAtLowestAddress() {
    let t = TestMachine([push([4, 5, 6, 7, 14])])
    let sp = t.m.SP
    for r in 4...7 { t[r] = UInt32(r * 0x11) }
    t[14] = 0x0000_1235
    t.step()
    XCTAssertEqual(t.m.SP, sp - 20)
    XCTAssertEqual(t.peek32(sp - 20), 0x44)
    XCTAssertEqual(t.peek32(sp - 8), 0x77)
    XCTAssertEqual(t.peek32(sp - 4), 0x1235)
  }

  func testPopWithPCRestoresRegistersAndReturns() {
    let t = TestMachine([push([4, 5, 14]), movs(4, 0), movs(5, 0), pop([4, 5, 15])])
    t[4] = 40; t[5] = 50; t[14] = 0x81  // return to 0x80, Thumb
    let sp = t.m.SP
    t.step(4)
    XCTAssertEqual(t[4], 40)
    XCTAssertEqual(t[5], 50)
    XCTAssertEqual(t.m.SP, sp)
    XCTAssertEqual(t.m.pc, 0x80)
    XCTAssertEqual(t.m.effect.refill, 3, "LoadWritePC")
  }

  func testWidePushAndPopOfHighRegisters() {
    let t = TestMachine([pushW([4, 8, 11, 14]), popW([0, 1, 2, 3])])
    let sp = t.m.SP
    t[4] = 4; t[8] = 8; t[11] = 11; t[14] = 14
    t.step(2)
    XCTAssertEqual([t[0], t[1], t[2], t[3]], [4, 8, 11, 14])
    XCTAssertEqual(t.m.SP, sp)
  }

  func testPopFromMisalignedSPIsAnAlignmentFault() {
    let t = TestMachine([pop([0, 1])])
    t.m.regs[13] = base + 2  // bypassing setSP, which keeps bits[1:0] zero
    t[0] = 9
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unaligned))
    XCTAssertEqual(t[0], 9)
  }

  func testPopPCInsideITBlockMustBeLast() {
    let t = TestMachine([pop([0, 15])])
    t.m.Z = true; t.m.ITSTATE = 0x04  // ITT EQ: not the last
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))
  }

  // MARK: 16-bit LDM / STM

  func testLdm16WritesBackUnlessTheBaseIsListed() {
    let t = TestMachine([ldm16(0, [1, 2]), ldm16(3, [3, 4])])
    t[0] = base; t[3] = base + 8
    t.poke32(base, 1); t.poke32(base + 4, 2); t.poke32(base + 8, 3); t.poke32(base + 12, 4)
    t.step(2)
    XCTAssertEqual([t[1], t[2]], [1, 2])
    XCTAssertEqual(t[0], base + 8, "ldm r0!, {r1, r2}")
    XCTAssertEqual(t[3], 3, "ldm r3, {r3, r4}: the loaded value, no writeback")
    XCTAssertEqual(t[4], 4)
  }

  func testStm16AlwaysWritesBack() {
    let t = TestMachine([stm16(0, [1, 2, 7])])
    t[0] = base; t[1] = 0xA; t[2] = 0xB; t[7] = 0xC
    t.step()
    XCTAssertEqual([t.peek32(base), t.peek32(base + 4), t.peek32(base + 8)], [0xA, 0xB, 0xC])
    XCTAssertEqual(t[0], base + 12)
  }

  func testStm16WithTheBaseListedNotLowestStoresItsOriginalValue() {
    // Policy for bits(32) UNKNOWN: the base register's value before the instruction.
    let t = TestMachine([stm16(1, [0, 1])])
    t[0] = 0xA; t[1] = base
    t.step()
    XCTAssertEqual(t.peek32(base + 4), base)
    XCTAssertEqual(t[1], base + 8)
  }

  // MARK: 32-bit LDM / LDMDB / STM / STMDB

  func testStmdbAndLdmdbWithWriteback() {
    let t = TestMachine([stmdb(1, [2, 3, 12, 14], wback: true), ldmdb(0, [4, 5, 6, 7])])
    t[1] = base + 16; t[0] = base + 16
    t[2] = 2; t[3] = 3; t[12] = 12; t[14] = 14
    t.step(2)
    XCTAssertEqual(t[1], base)
    XCTAssertEqual(t.peek32(base), 2)
    XCTAssertEqual(t.peek32(base + 12), 14)
    XCTAssertEqual([t[4], t[5], t[6], t[7]], [2, 3, 12, 14])
    XCTAssertEqual(t[0], base + 16, "no writeback")
  }

  func testStmWideAndLdmWideToPC() {
    let t = TestMachine([stmW(0, [1, 2], wback: true), ldmW(3, [4, 15])])
    t[0] = base; t[1] = 0x11; t[2] = 0x21  // r2 becomes the PC: 0x20
    t[3] = base
    t.step(2)
    XCTAssertEqual(t[0], base + 8)
    XCTAssertEqual(t[4], 0x11)
    XCTAssertEqual(t.m.pc, 0x20)
  }

  func testLdmFaultOnALaterBeatWritesNoRegister() {
    let end = sramBase + Board.generic.sram.size
    let t = TestMachine([ldmW(0, [0, 1], wback: false), ldmW(2, [3, 4], wback: true)])
    t[0] = end - 4
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.busFault))
    XCTAssertEqual(t[0], end - 4, "the base is not overwritten by the first beat")
  }

  func testLdmFromMisalignedBaseFaults() {
    let t = TestMachine([ldm16(0, [1, 2])])
    t[0] = base + 2
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unaligned))
    XCTAssertEqual(t[0], base + 2)
  }

  func testStmToMisalignedBaseFaults() {
    let t = TestMachine([stm16(0, [1, 2])])
    t[0] = base + 1
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unaligned))
  }

  // MARK: Decode rules

  func testUnpredictableLists() {
    XCTAssertEqual(verdict(ldmW(0, [1])), .unpredictable, "fewer than 2 registers in a 32-bit form")
    XCTAssertEqual(verdict(stmdb(0, [1])), .unpredictable, "fewer than 2 registers in a 32-bit form")
    XCTAssertEqual(verdict(ldmW(0, [14, 15])), .unpredictable, "PC and LR both loaded")
    XCTAssertEqual(verdict(popW([0, 13])), .unpredictable, "SP in the list")
    XCTAssertEqual(verdict(stmW(0, [1, 15])), .unpredictable, "PC stored")
    XCTAssertEqual(verdict(ldmW(0, [0, 1], wback: true)), .unpredictable, "writeback with the base listed")
    XCTAssertEqual(verdict(ldmW(15, [0, 1])), .unpredictable, "Rn is PC")
    XCTAssertEqual(verdict(pushW([0, 15])), .unpredictable, "PC pushed")
    XCTAssertEqual(verdict(Enc(0xBC00)), .unpredictable, "empty 16-bit POP list")
    XCTAssertEqual(verdict(ldm16(0, [0])), .row("LDM T1"), "one register is fine in 16-bit forms")
  }

  func testSeeOverlaps() {
    XCTAssertEqual(verdict(ldmW(13, [4, 5], wback: true)), .row("POP T2"))
    XCTAssertEqual(verdict(ldmW(13, [4, 5])), .row("LDM T2"))
    XCTAssertEqual(verdict(stmdb(13, [4, 5], wback: true)), .row("PUSH T2"))
    XCTAssertEqual(verdict(stmdb(13, [4, 5])), .row("STMDB T1"))
  }

  func testTimingClasses() {
    XCTAssertEqual(timingClass(push([4, 14])), .storeMultiple)
    XCTAssertEqual(timingClass(popW([4, 15])), .loadMultiple)
    XCTAssertEqual(timingClass(ldm16(0, [1])), .loadMultiple)
    XCTAssertEqual(timingClass(stmdb(0, [1, 2])), .storeMultiple)
    if case .instruction(let i) = Decoder.decode(UInt32(push([4]).halfwords[0]), size: 2) {
      XCTAssertEqual(i.addressRegisters, 1 << 13, "PUSH addresses through SP")
    } else {
      XCTFail("push {r4} does not decode")
    }
  }

  func testBeatsAreCountedForTheCycleModel() {
    // TIMING.md: LDM/STM/PUSH/POP cost 1 + N; a 3-register LDM is 4 cycles, PUSH of 5 is 6.
    let t = TestMachine([ldm16(0, [1, 2, 3]), push([4, 5, 6, 7, 14])])
    t[0] = base
    t.step()
    XCTAssertEqual(t.m.cycles, 4)
    t.step()
    XCTAssertEqual(t.m.cycles, 10)
  }
}
