// DSP-extension instructions: one or more edge cases per instruction, with expected values
// worked out by hand from the ARMv7-M ARM pseudocode (the working is in each comment).

import XCTest
@testable import CortexM

final class DSPTests: XCTestCase {
  /// Execute one instruction from the given registers, GE and Q.
  func exec(_ enc: Enc, _ regs: [Int: UInt32], ge: UInt32 = 0, q: Bool = false) -> TestMachine {
    let t = TestMachine([enc])
    for (r, v) in regs { t[r] = v }
    t.m.GE = ge
    t.m.Q = q
    t.step()
    XCTAssertNil(t.m.lastFault, "unexpected fault")
    return t
  }

  // MARK: Encoders agree with llvm-mc (Vectors/isa/encodings.txt lines)

  func testEncodersMatchTheAssembler() {
    XCTAssertEqual(sadd16(0, 1, 2).dspWord, 0xFA91_F002)
    XCTAssertEqual(uhsub8(8, 9, 10).dspWord, 0xFAC9_F86A)
    XCTAssertEqual(qdadd(11, 12, 14).dspWord, 0xFA8E_FB9C)
    XCTAssertEqual(sel(8, 9, 10).dspWord, 0xFAA9_F88A)
    XCTAssertEqual(ssat16(8, 16, 9).dspWord, 0xF329_080F)
    XCTAssertEqual(usat16(8, 15, 9).dspWord, 0xF3A9_080F)
    XCTAssertEqual(pkhbt(3, 4, 5, lsl: 16).dspWord, 0xEAC4_4305)
    XCTAssertEqual(pkhtb(3, 4, 5, asr: 32).dspWord, 0xEAC4_0325)
    XCTAssertEqual(sxtab16(8, 9, 10, ror: 24).dspWord, 0xFA29_F8BA)
    XCTAssertEqual(uxtb16(8, 9, ror: 16).dspWord, 0xFA3F_F8A9)
    XCTAssertEqual(smlaxy(true, false, 8, 9, 10, 11).dspWord, 0xFB19_B82A)
    XCTAssertEqual(smlad(8, 9, 10, 11, x: true).dspWord, 0xFB29_B81A)
    XCTAssertEqual(smmul(8, 9, 10, r: true).dspWord, 0xFB59_F81A)
    XCTAssertEqual(usada8(8, 9, 10, 11).dspWord, 0xFB79_B80A)
    XCTAssertEqual(smlalxy(true, true, 12, 14, 0, 1).dspWord, 0xFBC0_CEB1)
    XCTAssertEqual(smlsld(8, 9, 10, 11, x: true).dspWord, 0xFBDA_89DB)
    XCTAssertEqual(umaal(12, 14, 10, 11).dspWord, 0xFBEA_CE6B)
  }

  // MARK: Signed parallel add/subtract, GE

  func testSadd16WrapsLanesAndSetsGEPerLane() {
    // lo: -32768 + -1 = -32769 → 0x7FFF, GE[1:0] = 00; hi: 32767 + 1 = 32768 → 0x8000, GE[3:2] = 11.
    let t = exec(sadd16(0, 1, 2), [1: 0x7FFF_8000, 2: 0x0001_FFFF], ge: 0b0011)
    XCTAssertEqual(t[0], 0x8000_7FFF)
    XCTAssertEqual(t.m.GE, 0b1100)
    XCTAssertFalse(t.m.Q)
  }

  func testSsub16OfEqualMinimaIsZeroWithAllGE() {
    let t = exec(ssub16(0, 1, 2), [1: 0x8000_8000, 2: 0x8000_8000])
    XCTAssertEqual(t[0], 0)
    XCTAssertEqual(t.m.GE, 0b1111)
  }

  func testSasxAndSsaxExchangeHalves() {
    // SASX: diff = n.lo - m.hi = 3 - 4 = -1; sum = n.hi + m.lo = 5 + -1 = 4.
    var t = exec(sasx(0, 1, 2), [1: 0x0005_0003, 2: 0x0004_FFFF])
    XCTAssertEqual(t[0], 0x0004_FFFF)
    XCTAssertEqual(t.m.GE, 0b1100)
    // SSAX: sum = n.lo + m.hi = 3 + 4 = 7; diff = n.hi - m.lo = 5 - (-1) = 6.
    t = exec(ssax(0, 1, 2), [1: 0x0005_0003, 2: 0x0004_FFFF])
    XCTAssertEqual(t[0], 0x0006_0007)
    XCTAssertEqual(t.m.GE, 0b1111)
  }

  func testSadd8AndSsub8ByteLanes() {
    // b0: -1+1 = 0 (GE0); b1: 1+(-1) = 0 (GE1); b2: -128+-128 = -256 → 0x00, no GE2; b3: 127+1 = 128 → 0x80, GE3.
    var t = exec(sadd8(0, 1, 2), [1: 0x7F80_01FF, 2: 0x0180_FF01])
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertEqual(t.m.GE, 0b1011)
    // b0: 1-2 = -1; b1: 127-(-128) = 255 → 0xFF, GE1; b2: 0; b3: -128-1 = -129 → 0x7F.
    t = exec(ssub8(0, 1, 2), [1: 0x8000_7F01, 2: 0x0100_8002])
    XCTAssertEqual(t[0], 0x7F00_FFFF)
    XCTAssertEqual(t.m.GE, 0b0110)
  }

  func testSadd16WithRdEqualRn() {
    let t = exec(sadd16(1, 1, 2), [1: 0x0001_0002, 2: 0xFFFF_FFFF])
    XCTAssertEqual(t[1], 0x0000_0001)
    XCTAssertEqual(t.m.GE, 0b1111)
  }

  // MARK: Signed saturating and halving: no GE, no Q

  func testQadd16SaturatesEachLaneWithoutTouchingQOrGE() {
    let t = exec(qadd16(0, 1, 2), [1: 0x7FFF_8000, 2: 0x0001_FFFF], ge: 0b0101)
    XCTAssertEqual(t[0], 0x7FFF_8000)
    XCTAssertFalse(t.m.Q)
    XCTAssertEqual(t.m.GE, 0b0101)
  }

  func testQasxQsaxQsub16() {
    // QASX: diff = -32768 - (-1) = -32767 → 0x8001; sum = 32767 + 1 → 0x7FFF.
    var t = exec(qasx(0, 1, 2), [1: 0x7FFF_8000, 2: 0xFFFF_0001])
    XCTAssertEqual(t[0], 0x7FFF_8001)
    // QSAX: sum = n.lo + m.hi = -32768 + -1 → 0x8000; diff = n.hi - m.lo = 32767 - 1 = 0x7FFE.
    t = exec(qsax(0, 1, 2), [1: 0x7FFF_8000, 2: 0xFFFF_0001])
    XCTAssertEqual(t[0], 0x7FFE_8000)
    // QSUB16: hi -32768 - 1 → 0x8000; lo 32767 - (-1) → 0x7FFF.
    t = exec(qsub16(0, 1, 2), [1: 0x8000_7FFF, 2: 0x0001_FFFF])
    XCTAssertEqual(t[0], 0x8000_7FFF)
    XCTAssertFalse(t.m.Q)
  }

  func testQadd8Qsub8() {
    // QSUB8: b0 0x10-0x20 = -16 → 0xF0; b1 0; b2 127-(-1) → 0x7F; b3 -128-1 → 0x80.
    var t = exec(qsub8(0, 1, 2), [1: 0x807F_0010, 2: 0x01FF_0020])
    XCTAssertEqual(t[0], 0x807F_00F0)
    // QADD8: b0 0x7F+0x7F → 0x7F; b1 0x80+0x80 → 0x80; b2 0x80+0x7F = -1; b3 1+1 = 2.
    t = exec(qadd8(0, 1, 2), [1: 0x0180_807F, 2: 0x017F_807F])
    XCTAssertEqual(t[0], 0x02FF_807F)
    XCTAssertFalse(t.m.Q)
  }

  func testSignedHalvingRoundsTowardMinusInfinity() {
    // SHADD16: hi (32767+32767)/2 = 32767; lo (-65536)/2 = -32768.
    var t = exec(shadd16(0, 1, 2), [1: 0x7FFF_8000, 2: 0x7FFF_8000])
    XCTAssertEqual(t[0], 0x7FFF_8000)
    // SHSUB16: hi (-32768-32767) = -65535 >> 1 = -32768; lo (1-2) >> 1 = -1.
    t = exec(shsub16(0, 1, 2), [1: 0x8000_0001, 2: 0x7FFF_0002])
    XCTAssertEqual(t[0], 0x8000_FFFF)
    // SHADD8: -1+0 → -1; 1+1 → 1; 127+127 → 127; -128+-128 → -128.
    t = exec(shadd8(0, 1, 2), [1: 0x807F_01FF, 2: 0x807F_0100])
    XCTAssertEqual(t[0], 0x807F_01FF)
    // SHSUB8: b0 0-1 = -1 → 0xFF; b1 -128-127 = -255 >> 1 = -128 → 0x80; b2, b3 0.
    t = exec(shsub8(0, 1, 2), [1: 0x0000_8000, 2: 0x0000_7F01])
    XCTAssertEqual(t[0], 0x0000_80FF)
    // SHASX: diff = n.lo - m.hi = 3 - 6 = -3 >> 1 = -2; sum = n.hi + m.lo = 5 + 4 = 9 >> 1 = 4.
    t = exec(shasx(0, 1, 2), [1: 0x0005_0003, 2: 0x0006_0004])
    XCTAssertEqual(t[0], 0x0004_FFFE)
    // SHSAX: sum = n.lo + m.hi = 3 + 6 = 9 >> 1 = 4; diff = n.hi - m.lo = 5 - 4 = 1 >> 1 = 0.
    t = exec(shsax(0, 1, 2), [1: 0x0005_0003, 2: 0x0006_0004])
    XCTAssertEqual(t[0], 0x0000_0004)
    XCTAssertEqual(t.m.GE, 0)
  }

  // MARK: Unsigned parallel add/subtract, GE

  func testUadd16CarryOutSetsGE() {
    let t = exec(uadd16(0, 1, 2), [1: 0xFFFF_0001, 2: 0x0001_0001])
    XCTAssertEqual(t[0], 0x0000_0002)
    XCTAssertEqual(t.m.GE, 0b1100)
  }

  func testUsub16BorrowClearsGE() {
    let t = exec(usub16(0, 1, 2), [1: 0x0001_0005, 2: 0x0002_0003], ge: 0b1100)
    XCTAssertEqual(t[0], 0xFFFF_0002)
    XCTAssertEqual(t.m.GE, 0b0011)
  }

  func testUasxUsax() {
    // UASX: diff = 1 - 2 = -1 → 0xFFFF (GE[1:0] 00); sum = 0xFFFF + 1 = 0x10000 → 0 (GE[3:2] 11).
    var t = exec(uasx(0, 1, 2), [1: 0xFFFF_0001, 2: 0x0002_0001])
    XCTAssertEqual(t[0], 0x0000_FFFF)
    XCTAssertEqual(t.m.GE, 0b1100)
    // USAX: sum = 0xFFFF + 1 → 0 (GE[1:0] 11); diff = 3 - 4 → 0xFFFF (GE[3:2] 00).
    t = exec(usax(0, 1, 2), [1: 0x0003_FFFF, 2: 0x0001_0004])
    XCTAssertEqual(t[0], 0xFFFF_0000)
    XCTAssertEqual(t.m.GE, 0b0011)
  }

  func testUadd8Usub8() {
    var t = exec(uadd8(0, 1, 2), [1: 0x80FF_0100, 2: 0x8001_0100])
    XCTAssertEqual(t[0], 0x0000_0200)
    XCTAssertEqual(t.m.GE, 0b1100)
    // b0 0x80-0x7F = 1 (GE0); b1 5-6 = -1 → 0xFF; b2 0x10-0x10 = 0 (GE2); b3 0-1 → 0xFF.
    t = exec(usub8(0, 1, 2), [1: 0x0010_0580, 2: 0x0110_067F])
    XCTAssertEqual(t[0], 0xFF00_FF01)
    XCTAssertEqual(t.m.GE, 0b0101)
  }

  func testUnsignedSaturating() {
    var t = exec(uqadd16(0, 1, 2), [1: 0xFFFF_8000, 2: 0x0001_8000])
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    // b0 0xFF - 0 = 0xFF; b1 0x10 - 0x20 → 0; b2 0x80 - 0x7F = 1; b3 0 - 1 → 0.
    t = exec(uqsub8(0, 1, 2), [1: 0x0080_10FF, 2: 0x017F_2000])
    XCTAssertEqual(t[0], 0x0001_00FF)
    // UQASX: diff = 1 - 2 → 0; sum = 0xFFFF + 1 → 0xFFFF.
    t = exec(uqasx(0, 1, 2), [1: 0xFFFF_0001, 2: 0x0002_0001])
    XCTAssertEqual(t[0], 0xFFFF_0000)
    // UQSAX: sum = n.lo + m.hi = 0xFFFF + 2 → 0xFFFF; diff = n.hi - m.lo = 0xFFFF - 1 = 0xFFFE.
    t = exec(uqsax(0, 1, 2), [1: 0xFFFF_FFFF, 2: 0x0002_0001])
    XCTAssertEqual(t[0], 0xFFFE_FFFF)
    // UQSUB16: hi 1 - 2 → 0; lo 0x8000 - 0x7FFF = 1.
    t = exec(uqsub16(0, 1, 2), [1: 0x0001_8000, 2: 0x0002_7FFF])
    XCTAssertEqual(t[0], 0x0000_0001)
    // UQADD8: 0xFF+1 → 0xFF; 0x80+0x80 → 0xFF; 0x7F+0x80 = 0xFF; 0+0 = 0.
    t = exec(uqadd8(0, 1, 2), [1: 0x007F_80FF, 2: 0x0080_8001])
    XCTAssertEqual(t[0], 0x00FF_FFFF)
    XCTAssertFalse(t.m.Q)
    XCTAssertEqual(t.m.GE, 0)
  }

  func testUnsignedHalving() {
    // UHADD16: hi (0xFFFF+0xFFFF) >> 1 = 0xFFFF; lo (1+2) >> 1 = 1.
    var t = exec(uhadd16(0, 1, 2), [1: 0xFFFF_0001, 2: 0xFFFF_0002])
    XCTAssertEqual(t[0], 0xFFFF_0001)
    // UHSUB16: hi (0-1) >> 1 = -1 → 0xFFFF; lo (1-4) >> 1 = -2 → 0xFFFE.
    t = exec(uhsub16(0, 1, 2), [1: 0x0000_0001, 2: 0x0001_0004])
    XCTAssertEqual(t[0], 0xFFFF_FFFE)
    // UHADD8: 0xFF+0xFF = 0x1FE >> 1 = 0xFF; 0x80+0x01 = 0x81 >> 1 = 0x40.
    t = exec(uhadd8(0, 1, 2), [1: 0x0000_80FF, 2: 0x0000_01FF])
    XCTAssertEqual(t[0], 0x0000_40FF)
    // UHSUB8: 0 - 1 = -1 → 0xFF; 0x80 - 0x00 = 0x80 >> 1 = 0x40.
    t = exec(uhsub8(0, 1, 2), [1: 0x0000_8000, 2: 0x0000_0001])
    XCTAssertEqual(t[0], 0x0000_40FF)
    // UHASX: diff = n.lo - m.hi = 1 - 3 = -2 >> 1 = -1 → 0xFFFF; sum = 0xFFFF + 0xFFFF → 0xFFFF.
    t = exec(uhasx(0, 1, 2), [1: 0xFFFF_0001, 2: 0x0003_FFFF])
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    // UHSAX: sum = n.lo + m.hi = 1 + 3 = 4 >> 1 = 2; diff = n.hi - m.lo = 0xFFFF - 0xFFFF = 0.
    t = exec(uhsax(0, 1, 2), [1: 0xFFFF_0001, 2: 0x0003_FFFF])
    XCTAssertEqual(t[0], 0x0000_0002)
  }

  // MARK: QADD, QSUB, QDADD, QDSUB: Q sticky

  func testQaddSaturatesAndSetsQ() {
    // qadd r0, r1, r2 = SignedSatQ(r1 + r2): INT32_MAX + 1 saturates.
    let t = exec(qadd(0, 1, 2), [1: 0x7FFF_FFFF, 2: 1])
    XCTAssertEqual(t[0], 0x7FFF_FFFF)
    XCTAssertTrue(t.m.Q)
  }

  func testQIsStickyAndNeverCleared() {
    let t = exec(qadd(0, 1, 2), [1: 5, 2: 7], q: true)
    XCTAssertEqual(t[0], 12)
    XCTAssertTrue(t.m.Q)
    let u = exec(qadd(0, 1, 2), [1: 5, 2: 7])
    XCTAssertFalse(u.m.Q)
  }

  func testQsubOperandOrder() {
    // qsub r0, r1, r2 = R[m] - R[n] = r1 - r2.
    var t = exec(qsub(0, 1, 2), [1: 5, 2: 7])
    XCTAssertEqual(t[0], 0xFFFF_FFFE)
    XCTAssertFalse(t.m.Q)
    t = exec(qsub(0, 1, 2), [1: 0x8000_0000, 2: 1])
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertTrue(t.m.Q)
  }

  func testQdaddSetsQWhenOnlyTheDoublingSaturates() {
    // doubled = SignedSatQ(2 * 0x40000000) = 0x7FFFFFFF (sat1); r1 + doubled = -2^31 + 2^31 - 1 = -1.
    let t = exec(qdadd(0, 1, 2), [1: 0x8000_0000, 2: 0x4000_0000])
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    XCTAssertTrue(t.m.Q)
  }

  func testQdsub() {
    // doubled = 2 * -2^30 = -2^31 (exact); 0 - (-2^31) = 2^31 → 0x7FFFFFFF (sat2).
    var t = exec(qdsub(0, 1, 2), [1: 0, 2: 0xC000_0000])
    XCTAssertEqual(t[0], 0x7FFF_FFFF)
    XCTAssertTrue(t.m.Q)
    // doubled = 2 * 3 = 6; 10 - 6 = 4.
    t = exec(qdsub(0, 1, 2), [1: 10, 2: 3])
    XCTAssertEqual(t[0], 4)
    XCTAssertFalse(t.m.Q)
  }

  // MARK: SEL

  func testSelPicksBytesByGE() {
    let t = exec(sel(0, 1, 2), [1: 0x1122_3344, 2: 0xAABB_CCDD], ge: 0b0101)
    XCTAssertEqual(t[0], 0xAA22_CC44)
    XCTAssertEqual(t.m.GE, 0b0101)
  }

  // MARK: SSAT16, USAT16

  func testSsat16() {
    // #8: hi 128 → 127; lo -129 → -128 (0xFF80).
    var t = exec(ssat16(0, 8, 1), [1: 0x0080_FF7F])
    XCTAssertEqual(t[0], 0x007F_FF80)
    XCTAssertTrue(t.m.Q)
    // #16 never saturates a halfword.
    t = exec(ssat16(0, 16, 1), [1: 0x8000_7FFF])
    XCTAssertEqual(t[0], 0x8000_7FFF)
    XCTAssertFalse(t.m.Q)
    // #1: range -1...0: hi 1 → 0; lo -1 stays.
    t = exec(ssat16(0, 1, 1), [1: 0x0001_FFFF])
    XCTAssertEqual(t[0], 0x0000_FFFF)
    XCTAssertTrue(t.m.Q)
  }

  func testUsat16() {
    // #8: hi 256 → 255; lo -1 → 0.
    var t = exec(usat16(0, 8, 1), [1: 0x0100_FFFF])
    XCTAssertEqual(t[0], 0x00FF_0000)
    XCTAssertTrue(t.m.Q)
    // #0: everything saturates to 0; 0 itself does not set Q.
    t = exec(usat16(0, 0, 1), [1: 0])
    XCTAssertEqual(t[0], 0)
    XCTAssertFalse(t.m.Q)
    t = exec(usat16(0, 0, 1), [1: 0x0000_0001])
    XCTAssertEqual(t[0], 0)
    XCTAssertTrue(t.m.Q)
  }

  // MARK: PKHBT, PKHTB

  func testPkhbtAndPkhtb() {
    var t = exec(pkhbt(0, 1, 2, lsl: 16), [1: 0x1111_2222, 2: 0x0000_3333])
    XCTAssertEqual(t[0], 0x3333_2222)
    t = exec(pkhbt(0, 1, 2), [1: 0x1111_2222, 2: 0x3333_4444])
    XCTAssertEqual(t[0], 0x3333_2222)
    // ASR #16 of 0x80000000 = 0xFFFF8000 → low half 0x8000.
    t = exec(pkhtb(0, 1, 2, asr: 16), [1: 0x1111_2222, 2: 0x8000_0000])
    XCTAssertEqual(t[0], 0x1111_8000)
    // imm 0 means ASR #32: all sign bits.
    t = exec(pkhtb(0, 1, 2, asr: 32), [1: 0x1111_2222, 2: 0x8000_1234])
    XCTAssertEqual(t[0], 0x1111_FFFF)
  }

  // MARK: Extends

  func testExtendAndAdd() {
    // SXTAB ror #8: rotated byte 0x80 = -128; 10 - 128 = -118.
    var t = exec(sxtab(0, 1, 2, ror: 8), [1: 10, 2: 0x0000_8000])
    XCTAssertEqual(t[0], 0xFFFF_FF8A)
    t = exec(sxtah(0, 1, 2, ror: 16), [1: 0, 2: 0x8000_0000])
    XCTAssertEqual(t[0], 0xFFFF_8000)
    t = exec(uxtab(0, 1, 2), [1: 0xFFFF_FFFF, 2: 0x12])
    XCTAssertEqual(t[0], 0x11)
    // ROR(0x34560012, 24) = 0x56001234 → low half 0x1234.
    t = exec(uxtah(0, 1, 2, ror: 24), [1: 1, 2: 0x3456_0012])
    XCTAssertEqual(t[0], 0x1235)
  }

  func testDualExtends() {
    // SXTAB16: lo 1 + (-1) = 0; hi 1 + (-128) = -127 → 0xFF81.
    var t = exec(sxtab16(0, 1, 2), [1: 0x0001_0001, 2: 0x0080_00FF])
    XCTAssertEqual(t[0], 0xFF81_0000)
    // UXTAB16: lo 1 + 0xFF = 0x100; hi 0xFFFF + 1 wraps to 0 in its lane.
    t = exec(uxtab16(0, 1, 2), [1: 0xFFFF_0001, 2: 0x0001_00FF])
    XCTAssertEqual(t[0], 0x0000_0100)
    // SXTB16 ror #8: ROR(0x12803481, 8) = 0x81128034 → bytes 0x34, 0x12.
    t = exec(sxtb16(0, 2, ror: 8), [2: 0x1280_3481])
    XCTAssertEqual(t[0], 0x0012_0034)
    t = exec(sxtb16(0, 2), [2: 0x1280_3481])
    XCTAssertEqual(t[0], 0xFF80_FF81)
    t = exec(uxtb16(0, 2), [2: 0x1280_3481])
    XCTAssertEqual(t[0], 0x0080_0081)
  }

  func testExtendAddWithRnPCIsNotThisGroupsRow() {
    // sxtab r0, pc, r1 is SXTB.W (another group's row): the DSP row must step aside.
    XCTAssertFalse(Decoder.claimingRows(0xFA4F_F081, size: 4).contains("SXTAB T1"))
    XCTAssertFalse(Decoder.claimingRows(0xFA0F_F081, size: 4).contains("SXTAH T1"))
    XCTAssertFalse(Decoder.claimingRows(0xFA5F_F081, size: 4).contains("UXTAB T1"))
    XCTAssertFalse(Decoder.claimingRows(0xFA1F_F081, size: 4).contains("UXTAH T1"))
    XCTAssertEqual(Decoder.claimingRows(0xFA2F_F081, size: 4), ["SXTB16 T1"])
    XCTAssertEqual(Decoder.claimingRows(0xFA3F_F081, size: 4), ["UXTB16 T1"])
  }

  // MARK: Halfword multiplies

  func testSmlabbOverflowSetsQ() {
    // (-32768)(-32768) + 2^30 = 2^31: R[d] = 0x80000000, result != SInt(result<31:0>) → Q.
    let t = exec(smlaxy(false, false, 0, 1, 2, 3), [1: 0x0000_8000, 2: 0x0000_8000, 3: 0x4000_0000])
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertTrue(t.m.Q)
  }

  func testSmlaHalvesSelection() {
    // smlatb: n.hi 3 × m.lo -2 + 10 = 4.
    var t = exec(smlaxy(true, false, 0, 1, 2, 3), [1: 0x0003_0007, 2: 0x0005_FFFE, 3: 10])
    XCTAssertEqual(t[0], 4)
    // smlabt: n.lo 7 × m.hi 5 + 10 = 45.
    t = exec(smlaxy(false, true, 0, 1, 2, 3), [1: 0x0003_0007, 2: 0x0005_FFFE, 3: 10])
    XCTAssertEqual(t[0], 45)
    // smlatt: 3 × 5 + (-20) = -5.
    t = exec(smlaxy(true, true, 0, 1, 2, 3), [1: 0x0003_0007, 2: 0x0005_FFFE, 3: 0xFFFF_FFEC])
    XCTAssertEqual(t[0], 0xFFFF_FFFB)
    XCTAssertFalse(t.m.Q)
  }

  func testSmulxy() {
    var t = exec(smulxy(false, false, 0, 1, 2), [1: 0x0000_8000, 2: 0x0000_8000])
    XCTAssertEqual(t[0], 0x4000_0000)
    XCTAssertFalse(t.m.Q)
    t = exec(smulxy(true, true, 0, 1, 2), [1: 0xFFFF_0000, 2: 0x0005_0000])
    XCTAssertEqual(t[0], 0xFFFF_FFFB)
  }

  func testSmlawbOverflowSetsQ() {
    // (-2^31)(-2^15) + (2^30 << 16) = 2^47; result<47:16> = 0x80000000 ≠ 2^31 → Q.
    let t = exec(smlaw(false, 0, 1, 2, 3), [1: 0x8000_0000, 2: 0x0000_8000, 3: 0x4000_0000])
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertTrue(t.m.Q)
  }

  func testSmulw() {
    // smulwt: 65536 × -1 = -65536 → <47:16> = -1.
    var t = exec(smulw(true, 0, 1, 2), [1: 0x0001_0000, 2: 0xFFFF_1234])
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    // smulwb: -1 × 1 = -1 → <47:16> = -1 (floor, not truncation toward zero).
    t = exec(smulw(false, 0, 1, 2), [1: 0xFFFF_FFFF, 2: 0x0000_0001])
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    t = exec(smulw(false, 0, 1, 2), [1: 3, 2: 1])
    XCTAssertEqual(t[0], 0)
  }

  // MARK: Dual multiplies

  func testSmladOverflowSetsQ() {
    // 2^30 + 2^30 + 0 = 2^31 → 0x80000000, Q.
    let t = exec(smlad(0, 1, 2, 3), [1: 0x8000_8000, 2: 0x8000_8000, 3: 0])
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertTrue(t.m.Q)
  }

  func testSmladWithNegativeAccumulatorDoesNotSetQ() {
    // 2^31 + (-1) = 2^31 - 1 fits: no Q (the full-precision sum is checked, not the partial one).
    var t = exec(smlad(0, 1, 2, 3), [1: 0x8000_8000, 2: 0x8000_8000, 3: 0xFFFF_FFFF])
    XCTAssertEqual(t[0], 0x7FFF_FFFF)
    XCTAssertFalse(t.m.Q)
    t = exec(smlad(0, 1, 2, 3), [1: 0x8000_8000, 2: 0x8000_8000, 3: 0x8000_0000])
    XCTAssertEqual(t[0], 0)
    XCTAssertFalse(t.m.Q)
  }

  func testSmladxSwapsHalves() {
    // operand2 = 0x00070005: 3×5 + 2×7 + 100 = 129.
    let t = exec(smlad(0, 1, 2, 3, x: true), [1: 0x0002_0003, 2: 0x0005_0007, 3: 100])
    XCTAssertEqual(t[0], 129)
  }

  func testSmuad() {
    var t = exec(smuad(0, 1, 2), [1: 0x8000_8000, 2: 0x8000_8000])
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertTrue(t.m.Q)
    // smuadx: 3×5 + 2×7 = 29.
    t = exec(smuad(0, 1, 2, x: true), [1: 0x0002_0003, 2: 0x0005_0007])
    XCTAssertEqual(t[0], 29)
    XCTAssertFalse(t.m.Q)
  }

  func testSmlsd() {
    // 3×7 - 2×5 + 0x7FFFFFFF = 2^31 + 10 → 0x8000000A, Q.
    var t = exec(smlsd(0, 1, 2, 3), [1: 0x0002_0003, 2: 0x0005_0007, 3: 0x7FFF_FFFF])
    XCTAssertEqual(t[0], 0x8000_000A)
    XCTAssertTrue(t.m.Q)
    // smlsdx: 3×5 - 2×7 + (-1) = 0.
    t = exec(smlsd(0, 1, 2, 3, x: true), [1: 0x0002_0003, 2: 0x0005_0007, 3: 0xFFFF_FFFF])
    XCTAssertEqual(t[0], 0)
    XCTAssertFalse(t.m.Q)
  }

  func testSmusd() {
    // (-32768)(-32768) - (32767)(-32768) = 2^30 + 1073709056 = 0x7FFF8000.
    var t = exec(smusd(0, 1, 2), [1: 0x7FFF_8000, 2: 0x8000_8000])
    XCTAssertEqual(t[0], 0x7FFF_8000)
    XCTAssertFalse(t.m.Q)
    // smusdx: 3×5 - 2×7 = 1.
    t = exec(smusd(0, 1, 2, x: true), [1: 0x0002_0003, 2: 0x0005_0007])
    XCTAssertEqual(t[0], 1)
  }

  // MARK: Long DSP multiplies

  func testSmlalbbCancelsNegativeAccumulator() {
    // 2^30 + (-2^30) = 0.
    let t = exec(smlalxy(false, false, 0, 1, 2, 3), [0: 0xC000_0000, 1: 0xFFFF_FFFF, 2: 0x8000, 3: 0x8000])
    XCTAssertEqual(t[0], 0)
    XCTAssertEqual(t[1], 0)
  }

  func testSmlaltt() {
    // n.hi -2 × m.hi 3 = -6; acc 0x00000001_00000002 - 6 = 0x00000000_FFFFFFFC.
    let t = exec(smlalxy(true, true, 0, 1, 2, 3), [0: 2, 1: 1, 2: 0xFFFE_0000, 3: 0x0003_0000])
    XCTAssertEqual(t[0], 0xFFFF_FFFC)
    XCTAssertEqual(t[1], 0)
  }

  func testSmlaldWrapsWithoutQ() {
    // 2^31 + INT64_MAX wraps to 0x80000000_7FFFFFFF; no Q.
    let t = exec(smlald(0, 1, 2, 3), [0: 0xFFFF_FFFF, 1: 0x7FFF_FFFF, 2: 0x8000_8000, 3: 0x8000_8000])
    XCTAssertEqual(t[0], 0x7FFF_FFFF)
    XCTAssertEqual(t[1], 0x8000_0000)
    XCTAssertFalse(t.m.Q)
  }

  func testSmlsld() {
    // 2×4 - 1×3 + 0xFFFFFFFE = 0x1_00000003.
    var t = exec(smlsld(0, 1, 2, 3), [0: 0xFFFF_FFFE, 1: 0, 2: 0x0001_0002, 3: 0x0003_0004])
    XCTAssertEqual(t[0], 3)
    XCTAssertEqual(t[1], 1)
    // smlsldx: 2×3 - 1×4 + (-3) = -1.
    t = exec(smlsld(0, 1, 2, 3, x: true), [0: 0xFFFF_FFFD, 1: 0xFFFF_FFFF, 2: 0x0001_0002, 3: 0x0003_0004])
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    XCTAssertEqual(t[1], 0xFFFF_FFFF)
  }

  func testUmaalMaximumFitsExactly() {
    // (2^32-1)^2 + 2(2^32-1) = 2^64 - 1.
    var t = exec(umaal(0, 1, 2, 3), [0: 0xFFFF_FFFF, 1: 0xFFFF_FFFF, 2: 0xFFFF_FFFF, 3: 0xFFFF_FFFF])
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    XCTAssertEqual(t[1], 0xFFFF_FFFF)
    // 0x10000 × 0x10000 + 1 + 2 = 0x1_00000003.
    t = exec(umaal(0, 1, 2, 3), [0: 1, 1: 2, 2: 0x10000, 3: 0x10000])
    XCTAssertEqual(t[0], 3)
    XCTAssertEqual(t[1], 1)
  }

  // MARK: Most-significant-word multiplies, USAD8

  func testSmmulAndRounding() {
    // (-2^31)^2 = 2^62 → hi 0x40000000.
    var t = exec(smmul(0, 1, 2), [1: 0x8000_0000, 2: 0x8000_0000])
    XCTAssertEqual(t[0], 0x4000_0000)
    // 1 × -2^31 = -2^31 → hi -1; rounded: -2^31 + 2^31 = 0.
    t = exec(smmul(0, 1, 2), [1: 1, 2: 0x8000_0000])
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    t = exec(smmul(0, 1, 2, r: true), [1: 1, 2: 0x8000_0000])
    XCTAssertEqual(t[0], 0)
  }

  func testSmmla() {
    // (1 << 32) + (-1)(-1) → hi 1.
    var t = exec(smmla(0, 1, 2, 3), [1: 0xFFFF_FFFF, 2: 0xFFFF_FFFF, 3: 1])
    XCTAssertEqual(t[0], 1)
    // ((2^31-1) << 32) + (2^31-1)^2 + 2^31 = 0xBFFFFFFE_80000001 modulo 2^64 → hi 0xBFFFFFFE.
    t = exec(smmla(0, 1, 2, 3, r: true), [1: 0x7FFF_FFFF, 2: 0x7FFF_FFFF, 3: 0x7FFF_FFFF])
    XCTAssertEqual(t[0], 0xBFFF_FFFE)
    XCTAssertFalse(t.m.Q)
  }

  func testSmmls() {
    // 0 - 1 = -1 → hi 0xFFFFFFFF; rounded -1 + 2^31 → hi 0.
    var t = exec(smmls(0, 1, 2, 3), [1: 1, 2: 1, 3: 0])
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    t = exec(smmls(0, 1, 2, 3, r: true), [1: 1, 2: 1, 3: 0])
    XCTAssertEqual(t[0], 0)
    // (5 << 32) - 2^32 × 2 ... n = 0x10000, m = 0x20000: product 2^33; (5 << 32) - 2^33 → hi 3.
    t = exec(smmls(0, 1, 2, 3), [1: 0x10000, 2: 0x20000, 3: 5])
    XCTAssertEqual(t[0], 3)
  }

  func testUsad8AndUsada8() {
    // |0-255| + |255-0| + |16-32| + |128-112| = 542.
    var t = exec(usad8(0, 1, 2), [1: 0x00FF_1080, 2: 0xFF00_2070])
    XCTAssertEqual(t[0], 542)
    // 0xFFFFFFFF + 542 wraps to 541.
    t = exec(usada8(0, 1, 2, 3), [1: 0x00FF_1080, 2: 0xFF00_2070, 3: 0xFFFF_FFFF])
    XCTAssertEqual(t[0], 541)
  }

  // MARK: Decode policy

  func decodesUnpredictable(_ e: Enc) -> Bool {
    if case .unpredictable = Decoder.decode(e.dspWord, size: 4) { return true }
    return false
  }

  func testUnpredictableRegisterChoices() {
    XCTAssertTrue(decodesUnpredictable(sadd16(13, 1, 2)))
    XCTAssertTrue(decodesUnpredictable(uqsub8(0, 15, 2)))
    XCTAssertTrue(decodesUnpredictable(qadd(0, 1, 13)))
    XCTAssertTrue(decodesUnpredictable(sel(0, 1, 15)))
    XCTAssertTrue(decodesUnpredictable(sxtab(0, 13, 2)))
    XCTAssertTrue(decodesUnpredictable(sxtb16(15, 2)))
    XCTAssertTrue(decodesUnpredictable(ssat16(13, 8, 1)))
    XCTAssertTrue(decodesUnpredictable(pkhbt(0, 1, 15)))
    XCTAssertTrue(decodesUnpredictable(smlad(0, 1, 2, 13)))
    XCTAssertTrue(decodesUnpredictable(smmls(0, 1, 2, 15)))
    XCTAssertTrue(decodesUnpredictable(smlald(3, 3, 1, 2)))
    XCTAssertTrue(decodesUnpredictable(umaal(0, 13, 1, 2)))
    XCTAssertFalse(decodesUnpredictable(smlad(0, 1, 2, 14)))
  }

  func testAccumulatorPCSelectsTheNonAccumulatingRow() {
    XCTAssertEqual(Decoder.claimingRows(smlad(0, 1, 2, 15).dspWord, size: 4), ["SMUAD T1"])
    XCTAssertEqual(Decoder.claimingRows(smlaxy(true, false, 0, 1, 2, 15).dspWord, size: 4), ["SMULTB T1"])
    XCTAssertEqual(Decoder.claimingRows(smmla(0, 1, 2, 15, r: true).dspWord, size: 4), ["SMMULR T1"])
    XCTAssertEqual(Decoder.claimingRows(usada8(0, 1, 2, 15).dspWord, size: 4), ["USAD8 T1"])
  }

  func testPackWithSOrTSetIsUndefined() {
    if case .undefined = Decoder.decode(0xEAD1_0002, size: 4) {} else { XCTFail("S = 1 should be UNDEFINED") }
    if case .undefined = Decoder.decode(0xEAC1_0012, size: 4) {} else { XCTFail("T = 1 should be UNDEFINED") }
  }

  func testNoEncodingIsClaimedByTwoRows() {
    // Every first halfword of the DSP opcode spaces with pseudo-random second halfwords.
    var seed: UInt32 = 0x1234_5678
    let spaces = Array(0xFA00...0xFAFF) + Array(0xFB00...0xFBFF) + Array(0xEAC0...0xEADF) + Array(0xF320...0xF32F) + Array(0xF3A0...0xF3AF)
    var claimed = 0
    for hw1 in spaces {
      for _ in 0..<48 {
        seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5
        let raw = UInt32(hw1) << 16 | (seed & 0xFFFF)
        let rows = Decoder.claimingRows(raw, size: 4)
        XCTAssertLessThanOrEqual(rows.count, 1, "\(String(raw, radix: 16)) claimed by \(rows)")
        claimed += rows.isEmpty ? 0 : 1
      }
    }
    XCTAssertGreaterThan(claimed, 1000)
  }

  // MARK: Timing classes

  func testTimingClasses() {
    guard case .instruction(let add) = Decoder.decode(sadd16(0, 1, 2).dspWord, size: 4),
      case .instruction(let mac) = Decoder.decode(smlad(0, 1, 2, 3).dspWord, size: 4),
      case .instruction(let sad) = Decoder.decode(usad8(0, 1, 2).dspWord, size: 4)
    else { return XCTFail("did not decode") }
    XCTAssertEqual(add.timing, .alu)
    XCTAssertEqual(mac.timing, .multiply)
    XCTAssertEqual(sad.timing, .alu)
  }

  // MARK: ISA vectors: decode and disassembly agree with llvm-objdump

  static let mnemonics: Set<String> = [
    "sadd16", "sasx", "ssax", "ssub16", "sadd8", "ssub8",
    "qadd16", "qasx", "qsax", "qsub16", "qadd8", "qsub8",
    "shadd16", "shasx", "shsax", "shsub16", "shadd8", "shsub8",
    "uadd16", "uasx", "usax", "usub16", "uadd8", "usub8",
    "uqadd16", "uqasx", "uqsax", "uqsub16", "uqadd8", "uqsub8",
    "uhadd16", "uhasx", "uhsax", "uhsub16", "uhadd8", "uhsub8",
    "qadd", "qsub", "qdadd", "qdsub", "sel", "ssat16", "usat16", "pkhbt", "pkhtb",
    "sxtab", "sxtah", "sxtab16", "sxtb16", "uxtab", "uxtah", "uxtab16", "uxtb16",
    "smlabb", "smlabt", "smlatb", "smlatt", "smulbb", "smulbt", "smultb", "smultt",
    "smlad", "smladx", "smuad", "smuadx", "smlawb", "smlawt", "smulwb", "smulwt",
    "smlsd", "smlsdx", "smusd", "smusdx", "smmla", "smmlar", "smmul", "smmulr", "smmls", "smmlsr",
    "usad8", "usada8", "smlalbb", "smlalbt", "smlaltb", "smlaltt", "smlald", "smlaldx",
    "smlsld", "smlsldx", "umaal",
  ]

  static func isDSP(_ mnemonic: String) -> Bool {
    if mnemonics.contains(mnemonic) { return true }
    let conds: Set<String> = ["eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]
    return mnemonic.count > 2 && conds.contains(String(mnemonic.suffix(2))) && mnemonics.contains(String(mnemonic.dropLast(2)))
  }

  func testISAVectorsAgreeWithLLVM() {
    let covered = ISAVectors.load().filter { Self.isDSP(String($0.text.split(separator: " ").first ?? "")) }
    XCTAssertGreaterThan(covered.count, 150)
    XCTAssertEqual(ISAVectors.mismatches(Self.isDSP), [])
  }
}
