import XCTest
@testable import CortexM

final class SystemInstructionsTests: XCTestCase {
  func testMSRAndMRSOfAPSRIncludingGE() {
    // r1 = 0xF80F0000 written with APSR_nzcvqg, read back with MRS.
    let t = TestMachine([msr(0, 1, mask: 3), mrs(2, 0)])
    t[1] = 0xF80F_0000
    t.step(2)
    XCTAssertEqual(t[2], 0xF80F_0000)
    XCTAssertEqual(t.m.GE, 0xF)
    XCTAssertTrue(t.m.Q && t.m.N && t.m.Z && t.m.C && t.m.V)
  }

  func testMSRAPSRgWritesOnlyGE() {
    let t = TestMachine([msr(0, 1, mask: 1)])
    t[1] = 0xF805_0000
    t.step()
    XCTAssertEqual(t.m.GE, 0x5)
    XCTAssertFalse(t.m.N || t.m.Q, "APSR_g leaves NZCVQ alone")
  }

  func testMRSOfIPSRInThreadModeIsZero() {
    let t = TestMachine([mrs(3, 5)])
    t[3] = 99
    t.step()
    XCTAssertEqual(t[3], 0)
  }

  func testPRIMASKAndCPS() {
    let t = TestMachine([cpsid(i: true), mrs(0, 16), cpsie(i: true), mrs(1, 16)])
    t.step(4)
    XCTAssertEqual(t[0], 1)
    XCTAssertEqual(t[1], 0)
  }

  func testCONTROLSPSELSwitchesToProcessStack() {
    // msr psp, r0 ; msr control, r1 (SPSEL=1) ; mrs r2, msp ; mrs r3, psp
    let t = TestMachine([msr(9, 0), msr(20, 1), mrs(2, 8), mrs(3, 9)])
    let msp = t.m.SP
    t[0] = 0x2000_1000
    t[1] = 2
    t.step(4)
    XCTAssertEqual(t.m.SP, 0x2000_1000, "thread mode now uses PSP")
    XCTAssertEqual(t[2], msp)
    XCTAssertEqual(t[3], 0x2000_1000)
  }

  func testMRSWithReservedSYSmIsUnpredictable() {
    let t = TestMachine([mrs(0, 4)])
    XCTAssertEqual(t.run(), .fault(.unpredictable))
  }

  func testUDFFaultsAsUndefined() {
    let t = TestMachine([udf(7)])
    XCTAssertEqual(t.run(), .fault(.undefinedInstruction))
    XCTAssertTrue(t.m.lastFault?.text.contains("pc=0x00000000") ?? false)
  }

  func testBKPTOtherThanSemihostingHalts() {
    let t = TestMachine([bkpt(3)])
    XCTAssertEqual(t.run(), .breakpoint(3))
  }

  func testCoprocessorInstructionRaisesNOCP() {
    // vadd.f32 s0, s0, s0 = ee30 0a00
    let t = TestMachine([Enc(0xEE30, 0x0A00)])
    XCTAssertEqual(t.run(), .fault(.noCoprocessor))
  }

  func testSVCVectorsThroughTheTableAndReturns() {
    // Vector table at 0: SP, reset=0x41, …, SVC (11) handler at 0x48.
    // 0x40: svc #1 ; 0x42: movs r1,#2 ; 0x44: b . ; handler 0x48: movs r0,#9 ; bx lr
    var words = [UInt32](repeating: 0, count: 16)
    words[0] = 0x2004_0000
    words[1] = 0x41
    words[11] = 0x49
    var code: [UInt16] = words.flatMap { [UInt16($0 & 0xFFFF), UInt16($0 >> 16)] }
    code += [svc(1), movs(1, 2), b(-4), Enc(0xBF00), movs(0, 9), bx(14)].flatMap(\.halfwords)
    let t = TestMachine(code)
    t.m.pc = 0x40
    t.step()  // svc
    XCTAssertEqual(t.m.pc, 0x48)
    XCTAssertEqual(t.m.IPSR, 11)
    XCTAssertEqual(t[14], 0xFFFF_FFF9)
    t.step(2)  // movs r0,#9 ; bx lr → exception return
    XCTAssertEqual(t.m.IPSR, 0)
    XCTAssertEqual(t.m.pc, 0x42)
    XCTAssertEqual(t[0], 0, "exception return restores r0 from the stacked frame, not the handler's r0")
    XCTAssertEqual(t.m.SP, 0x2004_0000, "the frame is popped")
  }

  func testSystemEncodingsAgreeWithLLVM() {
    let mine: Set<String> = ["nop", "yield", "wfe", "wfi", "sev", "nop.w", "yield.w", "wfe.w", "wfi.w", "sev.w", "dmb", "dsb", "isb", "clrex", "mrs", "msr", "cpsie", "cpsid", "svc", "bkpt", "udf", "udf.w"]
    let problems = ISAVectors.mismatches { mine.contains($0) }
    XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
  }
}
