// DWT (CYCCNT and the event counters), DEMCR.TRCENA and SysTick against the cycle model.
// Choice (documented in SystemControl.swift): a load or store of a system register happens at
// the start of its instruction, so an LDR of CYCCNT reads the cycles of every earlier
// instruction, not its own.

import XCTest
@testable import CortexM

final class SystemControlTests: XCTestCase {
  let DEMCR: UInt32 = 0xE000_EDFC
  let DWT: UInt32 = 0xE000_1000
  let SYST: UInt32 = 0xE000_E010

  func read(_ t: TestMachine, _ a: UInt32) -> UInt32 { try! t.m.MemU(a, 4) }
  func write(_ t: TestMachine, _ a: UInt32, _ v: UInt32) { try! t.m.MemU(a, 4, write: v) }

  func testCYCCNTNeedsCYCCNTENAAndTRCENA() {
    let t = TestMachine([nop(), nop(), nop(), nop(), nop(), nop(), nop(), nop()])
    write(t, DWT, 1)  // CYCCNTENA, but TRCENA clear: the DWT is off
    t.step(2)
    XCTAssertEqual(read(t, DWT + 4), 0)
    write(t, DEMCR, 1 << 24)  // now counting from 0 at cycle 2
    t.step(3)
    XCTAssertEqual(read(t, DWT + 4), 3)
    write(t, DWT, 0)  // stop: the value is kept
    t.step(2)
    XCTAssertEqual(read(t, DWT + 4), 3)
    write(t, DWT + 4, 100)  // writable while stopped
    write(t, DWT, 1)
    t.step(1)
    XCTAssertEqual(read(t, DWT + 4), 101)
    XCTAssertEqual(read(t, DWT) & 0xF000_0000, 0x4000_0000, "NUMCOMP = 4")
  }

  /// The guest reads CYCCNT around a snippet; the difference is the count of the first LDR (2)
  /// plus the snippet, as TIMING.md gives them.
  func testGuestReadsExactlyTheModelsCount() {
    // r4 = DWT base, r6 → SRAM data.
    // 0: ldr r0, [r4, #4]      t0 (2)
    // 2: movs r5, #7           1
    // 4: mul r5, r5, r5        1
    // 8: ldr r6, [r7]          2 (after an ALU op: no pipelining; r7 not written → no stall)
    // a: ldr r1, [r7, #4]      1 (pipelined)
    // c: udiv r2, r5, r1       r5 = 49, r1 = 7: bits 6 and 3 → 5 + ⌊3/4⌋ = 5
    // 10: ldr r1, [r4, #4]     t1: read at its start
    // 12: subs r2, r1, r0
    let t = TestMachine([ldr(0, 4, 4), movs(5, 7), mul(5, 5, 5), ldr(6, 7, 0), ldr(1, 7, 4), udiv(2, 5, 1),
      ldr(1, 4, 4), subs(2, 1, 0)])
    t[4] = DWT
    t[7] = sramBase
    t.poke32(sramBase + 4, 7)
    t.m.system.DEMCR = 1 << 24
    t.m.system.DWT_CTRL |= 1
    t.m.system.setCyccnt(0, 0)
    var startOfSecondRead: UInt64 = 0
    for _ in 0..<6 { t.step() }
    startOfSecondRead = t.m.cycles
    t.step(2)
    XCTAssertEqual(t[2], 2 + 1 + 1 + 2 + 1 + 5)
    XCTAssertEqual(UInt64(t[1]), startOfSecondRead, "CYCCNT read by an LDR is the count at the start of that LDR")
  }

  func testCYCCNTWriteSetsTheValueAtTheStartOfTheStore() {
    // str r1, [r4, #4] (CYCCNT = 1000); nop; nop; ldr r0, [r4, #4] → 1000 + 1 + 1 + 1
    let t = TestMachine([str(1, 4, 4), nop(), nop(), ldr(0, 4, 4)])
    t[4] = DWT
    t[1] = 1000
    t.m.system.DEMCR = 1 << 24
    t.m.system.DWT_CTRL |= 1
    t.step(4)
    XCTAssertEqual(t[0], 1003)
  }

  func testEventCounters() {
    // CPICNT (bit 17), LSUCNT (bit 20), FOLDCNT (bit 21), enabled with TRCENA.
    // ldr r0,[r7] (LSU +1); ldrd r2,r3,[r7] (LSU +2); udiv r0,r5,r6 100/7 = 6 (CPI +5);
    // movs r1,#0; it eq (folded, FOLD +1); moveq r1,#1; b → next (CPI +1)
    let t = TestMachine([ldr(0, 7, 0), ldrd(2, 3, 7, 0), udiv(0, 5, 6), movs(1, 0), it(0, mask: 0b1000), movs(1, 1),
      b(-2), nop()])
    t[7] = sramBase
    t[5] = 100
    t[6] = 7
    t.m.system.DEMCR = 1 << 24
    write(t, DWT, 1 << 17 | 1 << 20 | 1 << 21)
    t.step(7)
    XCTAssertEqual(read(t, DWT + 0x08), 5 + 1, "CPICNT")
    XCTAssertEqual(read(t, DWT + 0x14), 1 + 2, "LSUCNT")
    XCTAssertEqual(read(t, DWT + 0x18), 1, "FOLDCNT")
    write(t, DWT + 0x14, 0xFF)  // 8 bits: wraps
    t.step()  // nop: nothing
    t.m.pc = 0
    t.step()  // ldr: +1
    XCTAssertEqual(read(t, DWT + 0x14), 0)
  }

  // MARK: SysTick

  func testSysTickCountsCoreCyclesAndReloads() {
    let t = TestMachine([nop()])
    t.m.cycles = 1000
    write(t, SYST + 4, 99)  // RVR
    write(t, SYST + 8, 0)  // CVR: clears to 0
    write(t, SYST, 5)  // ENABLE, CLKSOURCE; no TICKINT
    XCTAssertEqual(read(t, SYST + 8), 0)
    t.m.cycles = 1001
    XCTAssertEqual(read(t, SYST + 8), 99, "reloads RVR on the cycle after 0")
    t.m.cycles = 1050
    XCTAssertEqual(read(t, SYST + 8), 50)
    t.m.cycles = 1099
    XCTAssertEqual(read(t, SYST + 8), 1)
    XCTAssertEqual(read(t, SYST) & 0x1_0000, 0, "not yet counted to 0")
    t.m.cycles = 1100
    XCTAssertEqual(read(t, SYST + 8), 0)
    XCTAssertEqual(read(t, SYST), 0x1_0005, "COUNTFLAG set by the count to 0")
    XCTAssertEqual(read(t, SYST), 0x5, "COUNTFLAG clears on read")
    t.m.cycles = 1101
    XCTAssertEqual(read(t, SYST + 8), 99)
    t.m.cycles = 1350  // two more counts to 0 (1200, 1300): the flag is set once
    XCTAssertEqual(read(t, SYST + 8), 50)
    XCTAssertEqual(read(t, SYST), 0x1_0005)
    XCTAssertEqual(read(t, SYST), 0x5)
    // disabling keeps the value; a pending COUNTFLAG survives
    t.m.cycles = 1400
    write(t, SYST, 4)
    t.m.cycles = 2000
    XCTAssertEqual(read(t, SYST + 8), 0)
    XCTAssertEqual(read(t, SYST), 0x1_0004)
    // re-enabled from 0: reload next cycle, next count to 0 after RVR + 1 cycles
    write(t, SYST, 5)
    t.m.cycles = 2099
    XCTAssertEqual(read(t, SYST + 8), 1)
    // a write to CVR clears the counter and COUNTFLAG
    t.m.cycles = 2100
    write(t, SYST + 8, 1234)
    XCTAssertEqual(read(t, SYST), 0x5)
    t.m.cycles = 2101
    XCTAssertEqual(read(t, SYST + 8), 99)
  }

  func testSysTickInterruptIsVectored() {
    // Vector table: SysTick (15) → 0x81. Thread code at 0x40:
    //   str r1, [r0, #4]  RVR = 99 (cycle 0)
    //   str r3, [r0, #8]  CVR = 0 (cycle 1)
    //   str r2, [r0]      CSR = 7 at cycle 2: counts to 0 at 2 + 99 + 1 = 102, every 100 after
    //   b .               2 cycles each: boundaries 3, 5, … — the first ≥ 102 is 103
    // handler at 0x80: adds r7, #1; bx lr (1 + 1 + 10)
    var words = [UInt32](repeating: 0, count: 16)
    words[0] = 0x2004_0000
    words[15] = 0x81
    var code: [UInt16] = words.flatMap { [UInt16($0 & 0xFFFF), UInt16($0 >> 16)] }
    code += [str(1, 0, 4), str(3, 0, 8), str(2, 0, 0), b(-4)].flatMap(\.halfwords)
    code += [UInt16](repeating: 0xBF00, count: (0x80 - code.count * 2) / 2)
    code += [adds(7, imm8: 1), bx(14)].flatMap(\.halfwords)
    let t = TestMachine(code)
    t.m.pc = 0x40
    t[0] = SYST
    t[1] = 99
    t[2] = 7
    t[3] = 0
    t[7] = 0
    while t.m.IPSR == 0 && t.m.cycles < 1000 { t.step() }
    XCTAssertEqual(t.m.IPSR, 15)
    XCTAssertEqual(t.m.pc, 0x80)
    XCTAssertEqual(t.m.cycles, 103 + 12, "taken at the first boundary after the count to 0, entry 12")
    t.step(2)
    XCTAssertEqual(t.m.IPSR, 0)
    XCTAssertEqual(t.m.pc, 0x46)
    XCTAssertEqual(t.m.cycles, 115 + 1 + 1 + 10)
    // counts to 0 at 102, 202, …, 902 before cycle 1000: nine interrupts
    _ = t.run(maxCycles: 1000)
    XCTAssertEqual(t[7], 9)
    XCTAssertEqual(read(t, SYST + 4), 99)
  }

  func testSysTickWithoutTICKINTDoesNotInterrupt() {
    let t = TestMachine([b(-4)])
    write(t, SYST + 4, 9)
    write(t, SYST, 5)
    _ = t.run(maxCycles: 100)
    XCTAssertEqual(t.m.IPSR, 0)
    XCTAssertEqual(read(t, SYST) & 0x1_0000, 0x1_0000)
  }
}
