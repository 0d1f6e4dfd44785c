// Guest faults of every class (issue 9 §3): each stops the run with the documented report —
// kind, pc, encoding, disassembly, faulting address — and maps to `ExitStatus.forFault`;
// with `vectoredFaults` and a handler in the vector table the guest's own handler runs.

import XCTest
@testable import CortexM

final class FaultTests: XCTestCase {
  /// Code (halfwords) at 0x100, registers as given, run until stop.
  func runFault(_ code: [UInt16], regs: [Int: UInt32] = [:], sp: UInt32? = nil, ccr: UInt32? = nil,
    maxCycles: UInt64 = 10_000) -> Machine
  {
    let m = Machine()
    var bytes: [UInt8] = []
    for hw in code { bytes += [UInt8(hw & 0xFF), UInt8(hw >> 8)] }
    try! m.bus.load(bytes, at: 0x100)
    try! m.bus.load([0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC], at: sramBase)
    m.pc = 0x100
    m.nextPC = 0x100
    m.setSP(sp ?? 0x2004_0000)
    m.regs[14] = Machine.exitSentinel | 1
    for (r, v) in regs { m.regs[r] = v }
    if let c = ccr { m.system.CCR = c }
    _ = m.run(maxCycles: maxCycles)
    return m
  }

  /// The report names the kind, the pc, the encoding and its disassembly (and the address).
  func expectFault(_ m: Machine, _ kind: FaultKind, pc: UInt32, encoding: String?, disassembly: String?,
    address: UInt32?, status: Int32, file: StaticString = #filePath, line: UInt = #line)
  {
    XCTAssertEqual(m.stop, .fault(kind), file: file, line: line)
    guard let r = m.lastFault else { return XCTFail("no fault report", file: file, line: line) }
    let text = r.text
    XCTAssertEqual(r.pc, pc, file: file, line: line)
    XCTAssertTrue(text.contains(r.fault.name), "kind missing: \(text)", file: file, line: line)
    XCTAssertTrue(text.contains("pc=0x\(hex(pc))"), "pc missing: \(text)", file: file, line: line)
    if let e = encoding { XCTAssertTrue(text.contains("encoding \(e)"), "encoding missing: \(text)", file: file, line: line) }
    if let d = disassembly { XCTAssertTrue(text.contains(d), "disassembly '\(d)' missing: \(text)", file: file, line: line) }
    if let a = address {
      XCTAssertEqual(r.fault.address, a, file: file, line: line)
      XCTAssertTrue(text.contains("address 0x\(hex(a))"), "address missing: \(text)", file: file, line: line)
    }
    XCTAssertFalse(text.contains("\n"), "the report is one paragraph", file: file, line: line)
    XCTAssertEqual(ExitStatus.forFault(kind), status, file: file, line: line)
    let run = RunReport(program: "t", machine: m)
    XCTAssertEqual(run.outcome, "fault", file: file, line: line)
    XCTAssertEqual(run.fault, text, file: file, line: line)
  }

  func testUndefinedInstruction() {
    let m = runFault([0xBF00, 0xDE00])  // nop; udf #0
    expectFault(m, .undefinedInstruction, pc: 0x102, encoding: "de00", disassembly: "udf", address: nil, status: 80)
    XCTAssertNotEqual(m.system.CFSR & 1 << 16, 0, "CFSR.UNDEFINSTR")
  }

  func testUnpredictableInstruction() {
    let m = runFault([0xFB0F, 0xF001])  // mul.w r0, pc, r1: UNPREDICTABLE (BadReg)
    expectFault(m, .unpredictable, pc: 0x100, encoding: "fb0f f001", disassembly: nil, address: nil, status: 80)
    XCTAssertTrue(m.lastFault!.text.contains("UNPREDICTABLE"))
  }

  func testUnalignedLDRDAndLDMFaultButLDRDoesNot() {
    let a = sramBase + 2
    // LDR r1, [r0] unaligned: allowed (UNALIGN_TRP clear), then LDRD r1, r2, [r0] faults.
    let m = runFault(ldr(1, 0, 0).halfwords + ldrd(1, 2, 0, 0).halfwords, regs: [0: a])
    XCTAssertEqual(m.regs[1], 0x6655_4433, "unaligned LDR is allowed without CCR.UNALIGN_TRP")
    expectFault(m, .unaligned, pc: 0x102, encoding: "e9d0 1200", disassembly: "ldrd", address: a, status: 81)
    XCTAssertNotEqual(m.system.CFSR & 1 << 24, 0, "CFSR.UNALIGNED")

    let ldm = runFault(ldmW(0, [1, 2]).halfwords, regs: [0: a])
    expectFault(ldm, .unaligned, pc: 0x100, encoding: "e890 0006", disassembly: "ldm", address: a, status: 81)

    let trap = runFault(ldr(1, 0, 0).halfwords, regs: [0: a], ccr: 0x200 | 0x8)
    expectFault(trap, .unaligned, pc: 0x100, encoding: "6801", disassembly: "ldr", address: a, status: 81)
  }

  func testBusFaultOnUnmappedLoad() {
    let m = runFault(ldr(1, 0, 4).halfwords, regs: [0: 0x6000_0000])
    expectFault(m, .busFault, pc: 0x100, encoding: "6841", disassembly: "ldr", address: 0x6000_0004, status: 82)
    XCTAssertEqual(m.system.BFAR, 0x6000_0004)
  }

  func testMemManageOnWriteToFlash() {
    let m = runFault(str(1, 0, 0).halfwords, regs: [0: 0x200])
    expectFault(m, .memManage, pc: 0x100, encoding: "6001", disassembly: "str", address: 0x200, status: 83)
    XCTAssertEqual(m.system.MMFAR, 0x200)
  }

  func testMemManageOnExecuteFromXN() {
    let m = runFault([0x4700], regs: [0: 0xE000_0001])  // bx r0 → system space (XN)
    expectFault(m, .memManage, pc: 0xE000_0000, encoding: "-", disassembly: "no instruction", address: 0xE000_0000, status: 83)
    XCTAssertTrue(m.lastFault!.text.contains("execute-never"))
  }

  func testStackOverflowBelowSRAM() {
    // push {r0, r1} with SP at the bottom of SRAM: the store below SP falls off (SP not yet written).
    let m = runFault([0xB403], sp: sramBase)
    expectFault(m, .stackOverflow, pc: 0x100, encoding: "b403", disassembly: "push", address: sramBase - 8, status: 84)
    XCTAssertTrue(m.lastFault!.text.contains("ran below the bottom of SRAM"))
    XCTAssertEqual(m.lastFault!.fault.name, "Stack overflow: SP below the bottom of SRAM")
    // sub sp, #8; str r0, [sp]: SP itself is already below SRAM.
    let s = runFault([0xB082, 0x9000], sp: sramBase)
    expectFault(s, .stackOverflow, pc: 0x102, encoding: "9000", disassembly: "str", address: sramBase - 8, status: 84)
    // A stray pointer below SRAM, with the stack far away, stays a BusFault.
    let b = runFault(str(1, 0, 0).halfwords, regs: [0: sramBase - 8])
    expectFault(b, .busFault, pc: 0x100, encoding: "6001", disassembly: "str", address: sramBase - 8, status: 82)
  }

  func testRunawayStopsAtCycleLimit() {
    let m = runFault([0xE7FE], maxCycles: 5_000)  // b .
    XCTAssertEqual(m.stop, .cycleLimit)
    XCTAssertNil(m.lastFault)
    XCTAssertGreaterThanOrEqual(m.cycles, 5_000)
    XCTAssertLessThan(m.cycles, 5_010)
    XCTAssertEqual(RunReport(program: "t", machine: m).outcome, "cycle-limit")
    XCTAssertEqual(ExitStatus.cycleLimit, 88)
  }

  func testDivideByZeroOnlyWithDIV_0_TRP() {
    let sdiv: [UInt16] = [0xFB91, 0xF0F2, 0xE7FE]  // sdiv r0, r1, r2; b .
    let quiet = runFault(sdiv, regs: [0: 7, 1: 10, 2: 0], maxCycles: 100)
    XCTAssertEqual(quiet.stop, .cycleLimit)
    XCTAssertEqual(quiet.regs[0], 0, "x / 0 = 0 when DIV_0_TRP is clear")
    let m = runFault(sdiv, regs: [1: 10, 2: 0], ccr: 0x200 | 0x10)
    expectFault(m, .divideByZero, pc: 0x100, encoding: "fb91 f0f2", disassembly: "sdiv", address: nil, status: 85)
    XCTAssertNotEqual(m.system.CFSR & 1 << 25, 0, "CFSR.DIVBYZERO")
  }

  func testInvalidStateOnInterworkingBranchToEvenAddress() {
    let m = runFault([0x4700], regs: [0: 0x200])  // bx r0 with bit 0 clear → EPSR.T = 0
    expectFault(m, .invalidState, pc: 0x200, encoding: "-", disassembly: "no instruction", address: nil, status: 86)
  }

  /// With vectored faults and a handler in the vector table, the guest's handler runs: it sees
  /// the stacked frame (return address = faulting instruction) and CFSR, as on hardware.
  func testVectoredFaultRunsGuestHandler() {
    let m = Machine()
    var table: [UInt32] = [0x2004_0000, 0x41, 0, 0x81, 0x81, 0x81, 0x81]
    table += Array(repeating: 0, count: 16 - table.count)
    var bytes = table.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8 & 0xFF), UInt8($0 >> 16 & 0xFF), UInt8($0 >> 24)] }
    bytes += [0x00, 0xBF, 0x00, 0xDE]  // 0x40: nop; udf #0
    bytes += Array(repeating: 0, count: 0x80 - bytes.count)
    bytes += [42, 0x20, 0xFE, 0xE7]  // 0x80: movs r0, #42; b .
    try! m.bus.load(bytes, at: 0)
    m.vectoredFaults = true
    m.pc = 0x40
    m.nextPC = 0x40
    m.setSP(0x2004_0000)
    XCTAssertEqual(m.run(maxCycles: 1_000), .cycleLimit, "the handler loops; the run is not stopped by the fault")
    XCTAssertNil(m.lastFault)
    XCTAssertEqual(m.regs[0], 42, "the guest handler ran")
    XCTAssertEqual(m.IPSR, 6, "in the UsageFault handler")
    XCTAssertEqual(m.pc, 0x82)
    XCTAssertNotEqual(m.system.CFSR & 1 << 16, 0, "CFSR.UNDEFINSTR visible to the handler")
    XCTAssertEqual(m.bus.peek32(0x2004_0000 - 0x20 + 24), 0x42, "stacked return address = the faulting udf")
    XCTAssertEqual(m.regs[14], 0xFFFF_FFF9, "EXC_RETURN to thread mode on MSP")

    // Without vectoredFaults the same image stops with the report.
    let r = Machine()
    try! r.bus.load(bytes, at: 0)
    r.pc = 0x40
    r.nextPC = 0x40
    r.setSP(0x2004_0000)
    XCTAssertEqual(r.run(maxCycles: 1_000), .fault(.undefinedInstruction))
  }
}

final class ExitStatusTests: XCTestCase {
  /// Every way a run can stop maps to its own documented status (the help text lists them).
  func testEveryStopReasonHasItsOwnStatus() {
    let faults: [FaultKind: Int32] = [
      .undefinedInstruction: 80, .unpredictable: 80, .unaligned: 81, .busFault: 82, .memManage: 83,
      .stackOverflow: 84, .divideByZero: 85, .invalidState: 86, .invalidExceptionReturn: 86, .noCoprocessor: 87,
    ]
    for (kind, status) in faults {
      XCTAssertEqual(ExitStatus.forStop(.fault(kind)), status, "\(kind)")
      XCTAssertTrue(ExitStatus.help.contains("\(status)"), "help documents \(status)")
    }
    XCTAssertEqual(ExitStatus.forStop(.cycleLimit), 88)
    XCTAssertEqual(ExitStatus.forStop(.breakpoint(3)), 89)
    XCTAssertNil(ExitStatus.forStop(.exited(42)), "a guest's own status passes through")
  }
}
