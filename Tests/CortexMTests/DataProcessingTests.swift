import XCTest
@testable import CortexM

/// The mnemonics a vector line may carry for the given base names: with or without `s`, any
/// condition (inside IT blocks), and `.w`/`.n`.
func mnemonicSet(_ bases: [String]) -> Set<String> {
  var set = Set<String>()
  for b in bases {
    for s in ["", "s"] {
      for c in Disassembler.conditionNames + ["al"] {
        for w in ["", ".w", ".n"] { set.insert(b + s + c + w) }
      }
    }
  }
  return set
}

/// Disassembly of one typed encoding at address 0, outside any IT block.
func text(_ e: Enc) -> String {
  let raw = e.halfwords.count == 1 ? UInt32(e.halfwords[0]) : UInt32(e.halfwords[0]) << 16 | UInt32(e.halfwords[1])
  return Disassembler.text(raw: raw, size: e.halfwords.count * 2, address: 0)
}

/// ITSTATE for a one-instruction IT block with condition `cond` (firstcond:mask = cond:1000).
func itOne(_ cond: UInt8) -> UInt8 { cond << 4 | 0b1000 }

final class DataProcessingTests: XCTestCase {
  // MARK: Decode and disassembly

  func testDecodeAndDisassemblyAgreeWithLLVMForEveryDataProcessingVector() {
    let set = mnemonicSet([
      "lsl", "lsr", "asr", "ror", "rrx", "add", "adc", "sub", "sbc", "rsb", "mov", "mvn", "cmp", "cmn",
      "tst", "teq", "and", "eor", "orr", "orn", "bic", "adr", "addw", "subw", "movw", "movt", "ssat",
      "usat", "sbfx", "ubfx", "bfi", "bfc", "sxth", "sxtb", "uxth", "uxtb", "rev", "rev16", "revsh",
      "rbit", "clz",
    ])
    var count = 0
    XCTAssertEqual(ISAVectors.mismatches { m in set.contains(m) }, [])
    _ = ISAVectors.mismatches { m in
      if set.contains(m) { count += 1 }
      return false
    }
    XCTAssertGreaterThan(count, 300, "the vector file should hold the data-processing lines")
  }

  /// No encoding of this group is claimed by two rows: exhaustive over 16-bit encodings, and
  /// 2048 deterministic samples of each 32-bit row's free bits.
  func testNoEncodingOfThisGroupIsClaimedTwice() {
    let ours = Set((DataProcessing.encodings + MultiplyDivide.encodings).map(\.name))
    var problems: [String] = []
    for raw in UInt32(0)..<0x10000 where !Decoder.is32Bit(UInt16(raw)) {
      let names = Decoder.claimingRows(raw, size: 2)
      if names.count > 1 && names.contains(where: ours.contains) { problems.append("\(String(raw, radix: 16)): \(names)") }
    }
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for row in DataProcessing.encodings + MultiplyDivide.encodings where row.pattern.width == 32 {
      for _ in 0..<2048 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let raw = row.pattern.value | (UInt32(truncatingIfNeeded: seed >> 32) & ~row.pattern.mask)
        let names = Decoder.claimingRows(raw, size: 4)
        if names.count > 1 { problems.append("\(String(raw, radix: 16)): \(names)") }
      }
    }
    XCTAssertEqual(problems.prefix(10), [])
  }

  func testTypedEncodersSpellLikeLLVM() {
    // Expected strings are llvm-objdump's, from Vectors/isa/encodings.txt.
    XCTAssertEqual(text(lsls(0, 1, 1)), "lsls r0, r1, #0x1")
    XCTAssertEqual(text(lsrs(4, 5, 32)), "lsrs r4, r5, #0x20")
    XCTAssertEqual(text(adds(1, 2, imm3: 0)), "adds r1, r2, #0x0")
    XCTAssertEqual(text(add(8, 0)), "add r8, r0")
    XCTAssertEqual(text(muls(5, 6)), "muls r5, r6, r5")
    XCTAssertEqual(text(adr(0, 8)), "adr r0, #8")
    XCTAssertEqual(text(addSP(7, 1020)), "add r7, sp, #0x3fc")
    XCTAssertEqual(text(subSP(508)), "sub sp, #0x1fc")
    XCTAssertEqual(text(dpImm(.and, s: true, 2, 3, imm12: 0x1AB)), "ands r2, r3, #0xab00ab")
    XCTAssertEqual(text(dpImm(.add, 13, 13, imm12: 0xE80)), "add.w sp, sp, #0x400")
    XCTAssertEqual(text(dpReg(.and, s: true, 8, 9, 10, type: 0, imm5: 3)), "ands.w r8, r9, r10, lsl #3")
    XCTAssertEqual(text(dpReg(.orr, s: true, 12, 15, 14, type: 2, imm5: 0)), "asrs.w r12, lr, #0x20")
    XCTAssertEqual(text(addw(2, 3, 4095)), "addw r2, r3, #0xfff")
    XCTAssertEqual(text(movw(2, 0x1234)), "movw r2, #0x1234")
    XCTAssertEqual(text(movt(8, 0xFFFF)), "movt r8, #0xffff")
    XCTAssertEqual(text(ssat(8, 16, 9, imm5: 4)), "ssat r8, #0x10, r9, lsl #4")
    XCTAssertEqual(text(usat(10, 8, 11, asr: true, imm5: 1)), "usat r10, #0x8, r11, asr #1")
    XCTAssertEqual(text(sbfx(8, 9, 4, 12)), "sbfx r8, r9, #0x4, #0xc")
    XCTAssertEqual(text(bfi(8, 9, 8, 16)), "bfi r8, r9, #8, #16")
    XCTAssertEqual(text(bfc(3, 4, 24)), "bfc r3, #4, #24")
    XCTAssertEqual(text(shiftReg(3, s: true, 3, 4, 5)), "rors.w r3, r4, r5")
    XCTAssertEqual(text(extendW(0, 8, 9, rotate: 1)), "sxth.w r8, r9, ror #8")
    XCTAssertEqual(text(miscW(2, 12, 14)), "rbit r12, lr")
    XCTAssertEqual(text(clz(12, 14)), "clz r12, lr")
  }

  // MARK: 16-bit shift, add, subtract, move, compare (§A5.2.1)

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

  func testAddsRegisterSetsOverflowAndNegative() {
    let t = TestMachine([adds(0, 1, 2)])
    t[1] = 0x7FFF_FFFF
    t[2] = 1
    t.step()
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertEqual(t.flags, "NzcVq")
  }

  func testSubsRegisterClearsCarryOnBorrowAndSetsItOtherwise() {
    let t = TestMachine([subs(3, 4, 5), subs(6, 5, 4)])
    t[4] = 5
    t[5] = 7
    t.step()
    XCTAssertEqual(t[3], 0xFFFF_FFFE)
    XCTAssertEqual(t.flags, "Nzcvq")
    t.step()
    XCTAssertEqual(t[6], 2)
    XCTAssertEqual(t.flags, "nzCvq")
  }

  func testAddsAndSubsImmediateForms() {
    let t = TestMachine([adds(1, 2, imm3: 7), subs(3, 3, imm3: 1), adds(4, imm8: 255), subs(5, imm8: 128)])
    t[2] = 1
    t[3] = 0
    t[4] = 0xFFFF_FF01
    t[5] = 0x8000_0000
    t.step()
    XCTAssertEqual(t[1], 8)
    t.step()
    XCTAssertEqual(t[3], 0xFFFF_FFFF)
    XCTAssertEqual(t.flags, "Nzcvq")  // 0 - 1 borrows
    t.step()
    XCTAssertEqual(t[4], 0)
    XCTAssertEqual(t.flags, "nZCvq")  // 0xFFFFFF01 + 0xFF carries out
    t.step()
    XCTAssertEqual(t[5], 0x7FFF_FF80)
    XCTAssertEqual(t.flags, "nzCVq")  // INT_MIN - 128 overflows
  }

  func testShiftImmediateCarryOut() {
    let t = TestMachine([lsls(0, 1, 1), lsrs(2, 3, 32), asrs(4, 5, 32), lsrs(6, 7, 4)])
    t[1] = 0x8000_0001
    t[3] = 0x8000_0000
    t[5] = 0x8000_0000
    t[7] = 0x0000_00F8
    t.step()
    XCTAssertEqual(t[0], 2)
    XCTAssertEqual(t.flags, "nzCvq")  // bit 31 shifted out
    t.step()
    XCTAssertEqual(t[2], 0)
    XCTAssertEqual(t.flags, "nZCvq")  // LSR #32: carry = bit 31
    t.step()
    XCTAssertEqual(t[4], 0xFFFF_FFFF)
    XCTAssertEqual(t.flags, "NzCvq")
    t.step()
    XCTAssertEqual(t[6], 0xF)
    XCTAssertEqual(t.flags, "nzCvq")  // bit 3 of 0xF8 is 1
  }

  func testCmpImmediate() {
    let t = TestMachine([cmp(6, imm8: 255), cmp(6, imm8: 0)])
    t[6] = 255
    t.step()
    XCTAssertEqual(t.flags, "nZCvq")
    t.step()
    XCTAssertEqual(t.flags, "nzCvq")
    XCTAssertEqual(t[6], 255)
  }

  func testMovsRegisterT2InsideITBlockIsUnpredictable() {
    let t = TestMachine([movsReg(0, 1)])
    t.m.ITSTATE = itOne(14)
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))
  }

  func testMovsRegisterT2SetsNZAndKeepsC() {
    let t = TestMachine([movsReg(0, 1)])
    t[1] = 0x8000_0000
    t.m.C = true
    t.step()
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertEqual(t.flags, "NzCvq")
  }

  // MARK: 16-bit data processing (register) (§A5.2.2)

  func testAdcsAddsTheCarry() {
    let t = TestMachine([adcs(5, 4), adcs(1, 2)])
    t[5] = 0xFFFF_FFFF
    t[4] = 0
    t[1] = 1
    t[2] = 2
    t.m.C = true
    t.step()
    XCTAssertEqual(t[5], 0)
    XCTAssertEqual(t.flags, "nZCvq")
    t.step()
    XCTAssertEqual(t[1], 4)  // 1 + 2 + carry
    XCTAssertEqual(t.flags, "nzcvq")
  }

  func testSbcsSubtractsTheBorrow() {
    let t = TestMachine([sbcs(6, 7)])
    t[6] = 5
    t[7] = 3
    t.m.C = false
    t.step()
    XCTAssertEqual(t[6], 1)  // 5 - 3 - 1
    XCTAssertEqual(t.flags, "nzCvq")
  }

  func testLogicalOperations() {
    let t = TestMachine([ands(0, 1), eors(2, 3), orrs(4, 5), bics(6, 7), mvns(1, 1)])
    t[0] = 0xF0F0; t[1] = 0xFF00
    t[2] = 0xFFFF_0000; t[3] = 0xFFFF_FFFF
    t[4] = 0x1; t[5] = 0x8000_0000
    t[6] = 0xFF; t[7] = 0x0F
    t.m.C = true
    t.step(); XCTAssertEqual(t[0], 0xF000)
    t.step(); XCTAssertEqual(t[2], 0x0000_FFFF)
    t.step(); XCTAssertEqual(t[4], 0x8000_0001); XCTAssertEqual(t.flags, "NzCvq")
    t.step(); XCTAssertEqual(t[6], 0xF0)
    t.step(); XCTAssertEqual(t[1], 0xFFFF_00FF)
    XCTAssertTrue(t.m.C, "register logical ops with LSL #0 keep C")
  }

  func testRegisterShiftsUseTheBottomByte() {
    let t = TestMachine([lslsReg(2, 3), lsrsReg(4, 5), rorsReg(6, 7), asrsReg(0, 1)])
    t[2] = 1; t[3] = 0x120  // shift by 0x20 = 32
    t[4] = 0x8000_0000; t[5] = 33
    t[6] = 0xF; t[7] = 4
    t[0] = 0x8000_0000; t[1] = 0  // shift by 0 keeps C
    t.step()
    XCTAssertEqual(t[2], 0)
    XCTAssertEqual(t.flags, "nZCvq")  // LSL #32: carry = bit 0
    t.step()
    XCTAssertEqual(t[4], 0)
    XCTAssertEqual(t.flags, "nZcvq")  // LSR #33: carry 0
    t.step()
    XCTAssertEqual(t[6], 0xF000_0000)
    XCTAssertEqual(t.flags, "NzCvq")
    t.m.C = false
    t.step()
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertEqual(t.flags, "Nzcvq")
  }

  func testNegsCompareAndTest() {
    let t = TestMachine([rsbs0(1, 2), cmp(2, 3), cmn(3, 4), tst(5, 6)])
    t[2] = 1; t[3] = 1; t[4] = 0xFFFF_FFFF
    t[5] = 0xF0; t[6] = 0x0F
    t.step()
    XCTAssertEqual(t[1], 0xFFFF_FFFF)
    XCTAssertEqual(t.flags, "Nzcvq")  // 0 - 1 borrows
    t.step()
    XCTAssertEqual(t.flags, "nZCvq")
    t.step()
    XCTAssertEqual(t.flags, "nZCvq")  // 1 + 0xFFFFFFFF
    t.step()
    XCTAssertEqual(t.flags, "nZCvq")  // TST keeps C
    XCTAssertEqual([t[2], t[3], t[5]], [1, 1, 0xF0], "compares write no register")
  }

  func testFlagSettingFormsDoNotSetFlagsInsideIT() {
    let t = TestMachine([adds(0, 1, 2)])
    t.m.ITSTATE = itOne(0)  // it eq
    t.m.Z = true
    t.m.N = true
    t[1] = 0xFFFF_FFFF
    t[2] = 1
    t.step()
    XCTAssertEqual(t[0], 0)
    XCTAssertEqual(t.flags, "NZcvq", "addeq leaves the flags alone")
    XCTAssertEqual(Disassembler.text(raw: 0x1888, size: 2, address: 0, itCondition: 0), "addeq r0, r1, r2")
  }

  // MARK: 16-bit special data (§A5.2.3)

  func testHighRegisterAddMoveAndCompare() {
    let t = TestMachine([add(8, 0), mov(9, 8), cmpHi(9, 8), cmpHi(0, 1)])
    t[8] = 5
    t[0] = 7
    t.m.C = true
    t.step()
    XCTAssertEqual(t[8], 12)
    XCTAssertEqual(t.flags, "nzCvq", "ADD (register) T2 never sets flags")
    t.step()
    XCTAssertEqual(t[9], 12)
    t.step()
    XCTAssertEqual(t.flags, "nZCvq")
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable), "CMP T2 with two low registers")
  }

  func testMovPCBranchesWithALUWritePCTiming() {
    let t = TestMachine([mov(15, 14)])
    t[14] = 0x101
    t.step()
    XCTAssertEqual(t.m.pc, 0x100, "bit 0 cleared by ALUWritePC")
    XCTAssertEqual(t.m.cycles, 3, "1 + P with P = 2 for an execute-time branch")
  }

  func testAddPCBranches() {
    let t = TestMachine([add(15, 0)])
    t[0] = 0x20
    t.step()
    XCTAssertEqual(t.m.pc, 0x24, "PC reads as the instruction address + 4")
  }

  func testPCWriteInsideITBlockOtherThanLastIsUnpredictable() {
    let t = TestMachine([add(15, 0)])
    t.m.ITSTATE = 0b0000_0100  // itt eq: the add is the first of two
    t.m.Z = true
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))

    let last = TestMachine([mov(15, 14)])
    last.m.ITSTATE = itOne(14)
    last[14] = 0x41
    last.step()
    XCTAssertNil(last.m.stop)
    XCTAssertEqual(last.m.pc, 0x40)
  }

  func testMovReadsPCPlus4() {
    let t = TestMachine([movs(0, 0), mov(2, 15)])
    t.step(2)
    XCTAssertEqual(t[2], 6)
  }

  func testAddSPPlusRegister() {
    let t = TestMachine([Enc(0x4469), Enc(0x4495)])  // add r1, sp, r1; add sp, r2
    let sp = t.m.SP
    t[1] = 0x10
    t[2] = 0xFFFF_FFF0  // -16
    t.step()
    XCTAssertEqual(t[1], sp &+ 0x10)
    t.step()
    XCTAssertEqual(t.m.SP, sp &- 16)
  }

  // MARK: ADR and SP arithmetic

  func testADRUsesTheWordAlignedPC() {
    let t = TestMachine([movs(0, 0), adr(1, 8)])
    t.step(2)
    XCTAssertEqual(t[1], 12, "Align(2 + 4, 4) + 8")
  }

  func testWideADRSubtracts() {
    // adr.w r1, #-4 (ADR T2) at address 4, after two 16-bit instructions.
    let t = TestMachine([movs(0, 0), movs(0, 0), Enc(word: 0xF2AF_0104)])
    t.step(3)
    XCTAssertEqual(t[1], 4, "Align(4 + 4, 4) - 4")
    XCTAssertEqual(text(Enc(word: 0xF2AF_0104)), "adr.w r1, #-4")
  }

  func testSPPlusAndMinusImmediate() {
    let t = TestMachine([subSP(8), addSP(3, 8), addSP(8), addw(0, 13, 0xABC), subw(1, 13, 4)])
    let sp = t.m.SP
    t.step()
    XCTAssertEqual(t.m.SP, sp - 8)
    t.step()
    XCTAssertEqual(t[3], sp)
    t.step()
    XCTAssertEqual(t.m.SP, sp)
    t.step()
    XCTAssertEqual(t[0], sp + 0xABC)
    t.step()
    XCTAssertEqual(t[1], sp - 4)
  }

  // MARK: 16-bit extends and reversals (§A5.2.5)

  func testExtendsAndReversals() {
    let t = TestMachine([sxth(0, 1), sxtb(2, 1), uxth(3, 1), uxtb(4, 1), rev(5, 6), rev16(7, 6), revsh(0, 5)])
    t[1] = 0x1234_8081
    t[6] = 0x1122_3344
    t.step(4)
    XCTAssertEqual([t[0], t[2], t[3], t[4]], [0xFFFF_8081, 0xFFFF_FF81, 0x8081, 0x81])
    t.step(2)
    XCTAssertEqual(t[5], 0x4433_2211)
    XCTAssertEqual(t[7], 0x2211_4433)
    t[5] = 0x0000_12F0
    t.step()
    XCTAssertEqual(t[0], 0xFFFF_F012)
  }

  // MARK: 32-bit modified immediate (§A5.3.1)

  func testRotatedConstantSetsCarryAndPlainConstantKeepsIt() {
    let t = TestMachine([
      dpImm(.and, s: true, 2, 3, imm12: 0x400),  // ands r2, r3, #0x80000000
      dpImm(.and, s: true, 4, 3, imm12: 0x0FF),  // ands r4, r3, #0xff
      dpImm(.and, s: true, 15, 3, imm12: 0x4FF),  // tst.w r3, #0x7f800000
    ])
    t[3] = 0xFFFF_FFFF
    t.m.C = false
    t.step()
    XCTAssertEqual(t[2], 0x8000_0000)
    XCTAssertEqual(t.flags, "NzCvq", "carry = bit 31 of the rotated constant")
    t.m.C = false
    t.step()
    XCTAssertEqual(t[4], 0xFF)
    XCTAssertEqual(t.flags, "nzcvq", "an unrotated constant keeps C")
    t.m.C = true
    t.step()
    XCTAssertEqual(t.flags, "nzcvq", "0x7f800000 has bit 31 clear")
    XCTAssertEqual(text(dpImm(.and, s: true, 15, 3, imm12: 0x4FF)), "tst.w r3, #0x7f800000")
  }

  func testMovMvnOrnEorTeqImmediate() {
    let t = TestMachine([
      dpImm(.orr, 8, 15, imm12: 0x212),  // mov.w r8, #0x12001200
      dpImm(.orn, 0, 15, imm12: 0),  // mvn r0, #0
      dpImm(.orn, 1, 2, imm12: 0x0FF),  // orn r1, r2, #0xff
      dpImm(.eor, 3, 2, imm12: 0x3A5),  // eor r3, r2, #0xa5a5a5a5
      dpImm(.eor, s: true, 15, 3, imm12: 0x3A5),  // teq.w r3, #0xa5a5a5a5
    ])
    t[2] = 0x0000_0F00
    t.step(3)
    XCTAssertEqual(t[8], 0x1200_1200)
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    XCTAssertEqual(t[1], 0xFFFF_FF00)
    t.step(2)
    XCTAssertEqual(t[3], 0xA5A5_AAA5)
    XCTAssertEqual(t.flags, "nzcvq", "0xa5a5aaa5 ^ 0xa5a5a5a5 = 0x0f00")
  }

  func testThumbExpandImmOfAZeroByteIsUnpredictable() {
    let t = TestMachine([dpImm(.and, 0, 1, imm12: 0x100)])
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))
  }

  func testWideArithmeticImmediates() {
    let t = TestMachine([
      dpImm(.add, 0, 1, imm12: 1),  // add.w r0, r1, #1
      dpImm(.sub, s: true, 2, 3, imm12: 1),  // subs.w r2, r3, #1
      dpImm(.adc, 4, 1, imm12: 0x7F),  // adc r4, r1, #0x7f
      dpImm(.sbc, 5, 1, imm12: 3),  // sbc r5, r1, #3
      dpImm(.rsb, 6, 1, imm12: 0),  // rsb.w r6, r1, #0
      dpImm(.sub, s: true, 15, 1, imm12: 0x101),  // cmp.w r1, #0x10001
      dpImm(.add, s: true, 15, 7, imm12: 1),  // cmn.w r7, #1
    ])
    t[1] = 10
    t[3] = 0
    t[7] = 0xFFFF_FFFF
    t.step()
    XCTAssertEqual(t[0], 11)
    t.step()
    XCTAssertEqual(t[2], 0xFFFF_FFFF)
    XCTAssertEqual(t.flags, "Nzcvq")
    t.step()  // C is clear: 10 + 0x7f + 0
    XCTAssertEqual(t[4], 0x89)
    t.step()  // 10 - 3 - 1
    XCTAssertEqual(t[5], 6)
    t.step()
    XCTAssertEqual(t[6], 0xFFFF_FFF6)
    t.step()
    XCTAssertEqual(t.flags, "Nzcvq", "10 < 0x10001")
    t.step()
    XCTAssertEqual(t.flags, "nZCvq")
  }

  func testWideSPImmediates() {
    let t = TestMachine([dpImm(.add, 13, 13, imm12: 0xE80), dpImm(.sub, s: true, 9, 13, imm12: 1)])
    let sp = t.m.SP
    t.step()
    XCTAssertEqual(t.m.SP, sp + 0x400)
    t.step()
    XCTAssertEqual(t[9], sp + 0x400 - 1)
    XCTAssertEqual(t.flags, "nzCvq")
  }

  // MARK: 32-bit plain binary immediate (§A5.3.3)

  func testAddwSubwMovwMovt() {
    let t = TestMachine([addw(2, 3, 4095), subw(4, 3, 0x321), movw(0, 0xFFFF), movt(0, 0xBEEF), movt(1, 0xBEEF)])
    t[3] = 1
    t[1] = 0x1234
    t.m.C = true
    t.step()
    XCTAssertEqual(t[2], 4096)
    t.step()
    XCTAssertEqual(t[4], 0xFFFF_FCE0)  // 1 - 0x321
    t.step(2)
    XCTAssertEqual(t[0], 0xBEEF_FFFF)
    t.step()
    XCTAssertEqual(t[1], 0xBEEF_1234, "MOVT keeps the low halfword")
    XCTAssertEqual(t.flags, "nzCvq", "none of these set flags")
  }

  func testSsatSaturatesAndSetsQ() {
    let t = TestMachine([ssat(0, 8, 1), ssat(2, 8, 3), ssat(4, 16, 5, asr: true, imm5: 4)])
    t[1] = 300
    t[3] = 0xFFFF_FFFB  // -5
    t[5] = 0x7FFF_0000
    t.step()
    XCTAssertEqual(t[0], 127)
    XCTAssertTrue(t.m.Q)
    t.m.Q = false
    t.step()
    XCTAssertEqual(t[2], 0xFFFF_FFFB)
    XCTAssertFalse(t.m.Q, "no saturation, Q untouched")
    t.step()
    XCTAssertEqual(t[4], 0x7FFF, "0x07fff000 saturates to 16 bits")
    XCTAssertTrue(t.m.Q)
  }

  func testUsatClampsNegativeToZero() {
    let t = TestMachine([usat(2, 8, 3), usat(4, 31, 5, imm5: 1)])
    t[3] = 0xFFFF_FFFF
    t[5] = 0x2000_0000
    t.step()
    XCTAssertEqual(t[2], 0)
    XCTAssertTrue(t.m.Q)
    t.m.Q = false
    t.step()
    XCTAssertEqual(t[4], 0x4000_0000, "0x20000000 << 1 fits in 31 bits")
    XCTAssertFalse(t.m.Q)
  }

  func testBitfieldExtractInsertClear() {
    let t = TestMachine([sbfx(0, 1, 4, 4), ubfx(2, 1, 4, 4), bfi(3, 4, 8, 4), bfc(5, 0, 32), sbfx(6, 1, 0, 32)])
    t[1] = 0x0000_00F0
    t[3] = 0xFFFF_FFFF
    t[4] = 0x5
    t[5] = 0x1234_5678
    t.step(5)
    XCTAssertEqual(t[0], 0xFFFF_FFFF)
    XCTAssertEqual(t[2], 0xF)
    XCTAssertEqual(t[3], 0xFFFF_F5FF)
    XCTAssertEqual(t[5], 0)
    XCTAssertEqual(t[6], 0xF0)
  }

  func testBitfieldPastBit31IsUnpredictable() {
    let t = TestMachine([sbfx(0, 1, 31, 2)])
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))
  }

  // MARK: 32-bit shifted register (§A5.3.11)

  func testShiftedOperandCarryOut() {
    let t = TestMachine([dpReg(.and, s: true, 8, 9, 10, type: 0, imm5: 3)])
    t[9] = 0xFFFF_FFFF
    t[10] = 0x3000_0000
    t.step()
    XCTAssertEqual(t[8], 0x8000_0000)
    XCTAssertEqual(t.flags, "NzCvq", "carry = bit 29 of r10, the last bit shifted out")
  }

  func testRrxShiftsTheCarryIn() {
    let t = TestMachine([dpReg(.orr, s: true, 0, 15, 1, type: 3, imm5: 0)])
    t[1] = 2
    t.m.C = true
    t.step()
    XCTAssertEqual(t[0], 0x8000_0001)
    XCTAssertEqual(t.flags, "Nzcvq")
    XCTAssertEqual(text(dpReg(.orr, s: true, 0, 15, 1, type: 3, imm5: 0)), "rrxs r0, r1")
  }

  func testMovShiftAliases() {
    let t = TestMachine([
      dpReg(.orr, 0, 15, 1, type: 0, imm5: 1),  // lsl.w r0, r1, #1
      dpReg(.orr, s: true, 12, 15, 14, type: 2, imm5: 0),  // asrs.w r12, lr, #32
      dpReg(.orr, 2, 15, 1, type: 3, imm5: 4),  // ror.w r2, r1, #4
    ])
    t[1] = 0x8000_0003
    t[14] = 0x8000_0000
    t.step()
    XCTAssertEqual(t[0], 6)
    t.step()
    XCTAssertEqual(t[12], 0xFFFF_FFFF)
    XCTAssertEqual(t.flags, "NzCvq")
    t.step()
    XCTAssertEqual(t[2], 0x3800_0000)
  }

  func testWideMovAllowsSPButNotBothOrPC() {
    let ok = TestMachine([dpReg(.orr, 13, 15, 7)])  // mov.w sp, r7
    ok[7] = 0x2000_1000
    ok.step()
    XCTAssertEqual(ok.m.SP, 0x2000_1000)
    for enc in [dpReg(.orr, 13, 15, 13), dpReg(.orr, s: true, 0, 15, 13), dpReg(.orr, 0, 15, 15)] {
      let t = TestMachine([enc])
      t.step()
      XCTAssertEqual(t.m.stop, .fault(.unpredictable), text(enc))
    }
  }

  func testWideAddToSPAllowsOnlySmallLeftShifts() {
    let t = TestMachine([dpReg(.add, 13, 13, 2, type: 0, imm5: 2)])
    let sp = t.m.SP
    t[2] = 4
    t.step()
    XCTAssertEqual(t.m.SP, sp + 16)
    let bad = TestMachine([dpReg(.add, 13, 13, 2, type: 0, imm5: 4)])
    bad.step()
    XCTAssertEqual(bad.m.stop, .fault(.unpredictable))
  }

  func testWideSubtractAndCompareWithShifts() {
    let t = TestMachine([
      dpReg(.sub, s: true, 3, 4, 5, type: 0, imm5: 3),  // subs.w r3, r4, r5, lsl #3
      dpReg(.rsb, 6, 4, 5, type: 2, imm5: 1),  // rsb r6, r4, r5, asr #1
      dpReg(.sub, s: true, 15, 4, 5, type: 0, imm5: 2),  // cmp.w r4, r5, lsl #2
      dpReg(.sbc, 7, 4, 5),  // sbc.w r7, r4, r5
    ])
    t[4] = 40
    t[5] = 0xFFFF_FFF8  // -8
    t.step()
    XCTAssertEqual(t[3], 40 &+ 64)
    XCTAssertEqual(t.flags, "nzcvq", "40 - (-64) borrows as unsigned")
    t.step()
    XCTAssertEqual(t[6], 0xFFFF_FFFC &- 40)
    t.step()
    XCTAssertEqual(t.flags, "nzcvq")
    t.m.C = true
    t.step()
    XCTAssertEqual(t[7], 48)
  }

  // MARK: 32-bit register (§A5.3.12) and miscellaneous

  func testWideRegisterControlledShifts() {
    let t = TestMachine([shiftReg(2, s: true, 8, 9, 10), shiftReg(3, 0, 1, 2)])
    t[9] = 0x8000_0000
    t[10] = 0x1F
    t[1] = 0x0000_00FF
    t[2] = 0x108  // bottom byte 8
    t.step()
    XCTAssertEqual(t[8], 0xFFFF_FFFF)
    XCTAssertEqual(t.flags, "Nzcvq", "carry = bit 30 of r9")
    t.step()
    XCTAssertEqual(t[0], 0xFF00_0000)
  }

  func testWideExtendsRotate() {
    let t = TestMachine([extendW(4, 8, 9, rotate: 2), extendW(1, 0, 1, rotate: 1), extendW(5, 2, 3)])
    t[9] = 0x0080_0000
    t[1] = 0x00AB_CD00
    t[3] = 0xFFFF_FF7F
    t.step(3)
    XCTAssertEqual(t[8], 0xFFFF_FF80)
    XCTAssertEqual(t[0], 0xABCD)
    XCTAssertEqual(t[2], 0x7F)
  }

  func testRbitClzAndWideReverses() {
    let t = TestMachine([miscW(2, 0, 1), clz(2, 3), clz(4, 5), miscW(3, 6, 7), miscW(1, 8, 7)])
    t[1] = 1
    t[3] = 0x0001_0000
    t[5] = 0
    t[7] = 0x0000_80FF
    t.step(5)
    XCTAssertEqual(t[0], 0x8000_0000)
    XCTAssertEqual(t[2], 15)
    XCTAssertEqual(t[4], 32)
    XCTAssertEqual(t[6], 0xFFFF_FF80)
    XCTAssertEqual(t[8], 0x0000_FF80)
  }

  func testMiscWithDifferentRmFieldsIsUnpredictable() {
    let t = TestMachine([miscW(0, 0, 1, m2: 2)])
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))
  }
}
