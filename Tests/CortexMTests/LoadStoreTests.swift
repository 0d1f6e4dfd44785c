import XCTest
@testable import CortexM

/// Whether decoding one encoding is UNPREDICTABLE, UNDEFINED, or which row takes it.
enum DecodeVerdict: Equatable {
  case row(String), undefined, unpredictable
}

func verdict(_ e: Enc) -> DecodeVerdict {
  let raw = e.halfwords.count == 2 ? UInt32(e.halfwords[0]) << 16 | UInt32(e.halfwords[1]) : UInt32(e.halfwords[0])
  switch Decoder.decode(raw, size: e.halfwords.count * 2) {
  case .instruction(let i): return .row(Decoder.table[Int(i.row)].name)
  case .undefined: return .undefined
  case .unpredictable: return .unpredictable
  }
}

func timingClass(_ e: Enc) -> TimingClass? {
  let raw = e.halfwords.count == 2 ? UInt32(e.halfwords[0]) << 16 | UInt32(e.halfwords[1]) : UInt32(e.halfwords[0])
  if case .instruction(let i) = Decoder.decode(raw, size: e.halfwords.count * 2) { return i.timing }
  return nil
}

/// An address in SRAM well away from the stack.
let data: UInt32 = sramBase + 0x100

final class LoadStoreTests: XCTestCase {
  // MARK: Decode and disassembly agree with llvm-objdump

  func testEveryLoadStoreVectorDecodesAndDisassemblesAsLLVM() {
    let problems = ISAVectors.mismatches { m in
      m.hasPrefix("ldr") || m.hasPrefix("str") || m.hasPrefix("pld") || m.hasPrefix("pli")
    }
    XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    let covered = ISAVectors.load().filter { v in
      let m = v.text.split(separator: " ").first ?? ""
      return m.hasPrefix("ldr") || m.hasPrefix("str") || m.hasPrefix("pld") || m.hasPrefix("pli")
    }
    XCTAssertGreaterThan(covered.count, 200, "the vectors were found and the filter matched")
  }

  /// No two load/store rows claim the same encoding (the SEE clauses resolve every overlap):
  /// all 16-bit encodings, and a structured sample of the 32-bit load/store space.
  func testNoTwoRowsClaimTheSameEncoding() {
    var clashes: [String] = []
    for raw in UInt32(0)...0xFFFF where !Decoder.is32Bit(UInt16(raw)) {
      let rows = Decoder.claimingRows(raw, size: 2)
      if rows.count > 1 { clashes.append("\(hex(raw, width: 4)): \(rows)") }
    }
    for hw1 in [UInt32](0xE800...0xE9FF) + [UInt32](0xF800...0xF9FF) where [0, 13, 15].contains(hw1 & 0xF) {
      for rt in [0, 13, 15] as [UInt32] {
        for b11_8 in UInt32(0)..<16 {
          for b7_4 in [0, 4, 5, 0xC, 0xF] as [UInt32] {
            for b3_0 in [0, 4, 13, 15] as [UInt32] {
              let raw = hw1 << 16 | rt << 12 | b11_8 << 8 | b7_4 << 4 | b3_0
              let rows = Decoder.claimingRows(raw, size: 4)
              if rows.count > 1 { clashes.append("\(hex(raw)): \(rows)") }
            }
          }
        }
      }
    }
    XCTAssertEqual(clashes, [], clashes.prefix(20).joined(separator: "\n"))
  }

  // MARK: 16-bit word loads and stores

  func testLdrImmediateLoadsTheWordAtBasePlusOffset() {
    let t = TestMachine([ldr(3, 4, 8)])
    t[4] = data
    t.poke32(data + 8, 0xCAFE_F00D)
    t.poke32(data, 0x1111_1111)
    t.step()
    XCTAssertEqual(t[3], 0xCAFE_F00D)
    XCTAssertEqual(t[4], data, "no writeback")
  }

  func testStrImmediateStoresTheWordAndSpRelativeFormsUseSP() {
    let t = TestMachine([str(2, 1, 4), strSP(5, 0x40), ldrSP(6, 0x40)])
    t[1] = data; t[2] = 0x89AB_CDEF; t[5] = 0x0102_0304
    t.m.setSP(data + 0x100)
    t.step(3)
    XCTAssertEqual(t.peek32(data + 4), 0x89AB_CDEF)
    XCTAssertEqual(t.peek32(t.m.SP + 0x40), 0x0102_0304)
    XCTAssertEqual(t[6], 0x0102_0304)
  }

  func testLdrLiteralUsesTheWordAlignedPC() {
    // At address 2: Align(PC, 4) = Align(6, 4) = 4, so `ldr r0, [pc, #4]` reads address 8.
    let t = TestMachine([0xBF00, ldrLit(0, 4).halfwords[0], 0xBF00, 0xBF00, 0x5678, 0x1234, 0xDEAD, 0xBEEF])
    t.m.pc = 2
    t.step()
    XCTAssertEqual(t[0], 0x1234_5678)
    XCTAssertEqual(t.m.pc, 4)
  }

  func testRegisterOffsetForms16Bit() {
    let t = TestMachine([
      regOffset(.ldr, 0, 1, 2), regOffset(.ldrb, 3, 1, 2), regOffset(.ldrsb, 4, 1, 2),
      regOffset(.ldrh, 5, 1, 2), regOffset(.ldrsh, 6, 1, 2), regOffset(.strb, 7, 1, 2),
    ])
    t[1] = data; t[2] = 0x10
    t.poke32(data + 0x10, 0x1234_F680)
    t[7] = 0xFFFF_FF55
    t.step(6)
    XCTAssertEqual(t[0], 0x1234_F680)
    XCTAssertEqual(t[3], 0x80, "LDRB zero-extends")
    XCTAssertEqual(t[4], 0xFFFF_FF80, "LDRSB sign-extends")
    XCTAssertEqual(t[5], 0xF680, "LDRH zero-extends")
    XCTAssertEqual(t[6], 0xFFFF_F680, "LDRSH sign-extends")
    XCTAssertEqual(t.peek32(data + 0x10), 0x1234_F655, "STRB writes one byte")
  }

  func testByteAndHalfwordImmediateForms() {
    let t = TestMachine([ldrb(0, 1, 3), ldrh(2, 1, 2), strh(3, 1, 6), strb(4, 1, 4)])
    t[1] = data
    t.poke32(data, 0x8877_6655)
    t.poke32(data + 4, 0)
    t[3] = 0xABCD_1234; t[4] = 0x1FF
    t.step(4)
    XCTAssertEqual(t[0], 0x88)
    XCTAssertEqual(t[2], 0x8877)
    XCTAssertEqual(t.peek32(data + 4), 0x1234_00FF)
  }

  // MARK: 32-bit immediate forms: offset, pre-indexed, post-indexed, negative

  func testLdrNegativeOffsetLeavesTheBase() {
    let t = TestMachine([ldst8(.ldr, 0, 1, -4)])
    t[1] = data + 4
    t.poke32(data, 0x4242_4242)
    t.step()
    XCTAssertEqual(t[0], 0x4242_4242)
    XCTAssertEqual(t[1], data + 4)
  }

  func testLdrPreIndexedWritesBackTheOffsetAddress() {
    let t = TestMachine([ldst8(.ldr, 4, 5, 4, .pre)])
    t[5] = data
    t.poke32(data + 4, 77)
    t.step()
    XCTAssertEqual(t[4], 77)
    XCTAssertEqual(t[5], data + 4)
  }

  func testLdrPostIndexedLoadsFromTheBaseThenAdds() {
    let t = TestMachine([ldst8(.ldr, 8, 9, -255, .post)])
    t[9] = data + 0x200
    t.poke32(data + 0x200, 0x600D_600D)
    t.step()
    XCTAssertEqual(t[8], 0x600D_600D)
    XCTAssertEqual(t[9], data + 0x200 - 255)
  }

  func testStoresWithWritebackAndTruncation() {
    let t = TestMachine([
      ldst8(.str, 6, 7, -4, .pre), ldst8(.strb, 0, 1, 1, .post), ldst8(.strh, 2, 3, -2), ldst12(.str, 4, 5, 0xFFC),
    ])
    t[7] = data + 8; t[6] = 0xA5A5_A5A5
    t[1] = data + 0x20; t[0] = 0x1234_56EE
    t[3] = data + 0x32; t[2] = 0x5555_BEEF
    t[5] = data; t[4] = 0x0BAD_CAFE
    t.poke32(data + 0x20, 0); t.poke32(data + 0x30, 0)
    t.step(4)
    XCTAssertEqual(t.peek32(data + 4), 0xA5A5_A5A5)
    XCTAssertEqual(t[7], data + 4)
    XCTAssertEqual(t.peek32(data + 0x20), 0xEE)
    XCTAssertEqual(t[1], data + 0x21)
    XCTAssertEqual(t.peek32(data + 0x30), 0xBEEF)
    XCTAssertEqual(t[3], data + 0x32)
    XCTAssertEqual(t.peek32(data + 0xFFC), 0x0BAD_CAFE)
  }

  func testSignedLoads32Bit() {
    let t = TestMachine([ldst8(.ldrsb, 0, 1, 1, .pre), ldst12(.ldrsh, 2, 3, 0x2), ldst8(.ldrsh, 4, 5, 2, .post)])
    t.poke32(data, 0x7FFE_8001)
    t[1] = data; t[3] = data; t[5] = data
    t.step(3)
    XCTAssertEqual(t[0], 0xFFFF_FF80)
    XCTAssertEqual(t[1], data + 1)
    XCTAssertEqual(t[2], 0x7FFE)
    XCTAssertEqual(t[4], 0xFFFF_8001)
    XCTAssertEqual(t[5], data + 2)
  }

  func testRegisterOffsetWithShift() {
    let t = TestMachine([ldstReg(.ldr, 0, 1, 2, lsl: 2), ldstReg(.strh, 3, 1, 2, lsl: 1), ldstReg(.ldrsb, 4, 1, 2, lsl: 3)])
    t[1] = data; t[2] = 3; t[3] = 0x1234_ABCD
    t.poke32(data + 12, 0x00C0_FFEE)
    t.poke32(data + 24, 0x0000_0090)
    t.step(3)
    XCTAssertEqual(t[0], 0x00C0_FFEE)
    XCTAssertEqual(t.peek32(data + 4), 0xABCD_0000, "strh at data + 6")
    XCTAssertEqual(t[4], 0xFFFF_FF90)
  }

  func testLiteralForms32BitAddAndSubtract() {
    // Code: [0] ldr.w r1, [pc, #-4]  [4] ldrsh.w r2, [pc, #4]  [8] data word  [12] data word.
    // At 0, Align(PC,4) = 4: address 0; at 4, Align(PC,4) = 8: address 12.
    let a = ldstLit(.ldr, 1, -4).halfwords, b = ldstLit(.ldrsh, 2, 4).halfwords
    let t = TestMachine(a + b + [0x0000, 0x0000, 0x8765, 0x4321])
    t.step(2)
    XCTAssertEqual(t[1], UInt32(a[1]) << 16 | UInt32(a[0]))
    XCTAssertEqual(t[2], 0xFFFF_8765)
  }

  func testUnalignedWordLoadIsAllowedAndCostsExtra() {
    let t = TestMachine([ldst8(.ldr, 0, 1, 1)])
    t[1] = data
    t.poke32(data, 0x4433_2211); t.poke32(data + 4, 0x8877_6655)
    t.step()
    XCTAssertEqual(t[0], 0x5544_3322)
    XCTAssertGreaterThan(t.m.effect.extraCycles, 0)
  }

  // MARK: Loads of SP and PC

  func testLoadingSPClearsItsLowBits() {
    let t = TestMachine([ldst12(.ldr, 13, 0, 0)])
    t[0] = data
    t.poke32(data, 0x2000_1003)
    t.step()
    XCTAssertEqual(t.m.SP, 0x2000_1000)
  }

  func testLdrToPCInterworks() {
    let t = TestMachine([ldst12(.ldr, 15, 0, 4)])
    t[0] = data
    t.poke32(data + 4, 0x41)
    t.step()
    XCTAssertEqual(t.m.pc, 0x40)
    XCTAssertTrue(t.m.T)
    XCTAssertEqual(t.m.effect.refill, 3)
  }

  func testLdrToPCFromUnalignedAddressIsUnpredictableAndPrecise() {
    let t = TestMachine([ldst8(.ldr, 15, 0, 2, .pre)])
    t[0] = data
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))
    XCTAssertEqual(t[0], data, "no writeback before the fault")
  }

  func testLdrToPCInsideITBlockMustBeLast() {
    // ITT EQ (firstcond 0000, mask 0100): the first instruction is not the last.
    let t = TestMachine([ldst12(.ldr, 15, 0, 0)])
    t[0] = data; t.poke32(data, 0x41)
    t.m.Z = true; t.m.ITSTATE = 0x04
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))
    // IT EQ (mask 1000): last in the block, allowed.
    let u = TestMachine([ldst12(.ldr, 15, 0, 0)])
    u[0] = data; u.poke32(data, 0x41)
    u.m.Z = true; u.m.ITSTATE = 0x08
    u.step()
    XCTAssertNil(u.m.stop)
    XCTAssertEqual(u.m.pc, 0x40)
  }

  // MARK: Fault precision

  func testFaultingLoadWritesNoRegister() {
    let t = TestMachine([ldst8(.ldr, 4, 5, 4, .pre)])
    t[4] = 0x1234; t[5] = 0x3000_0000
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.busFault))
    XCTAssertEqual(t[4], 0x1234)
    XCTAssertEqual(t[5], 0x3000_0000)
  }

  func testFaultingStoreDoesNotWriteBack() {
    let t = TestMachine([ldst8(.str, 4, 5, 4, .post)])
    t[5] = 0x3000_0000
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.busFault))
    XCTAssertEqual(t[5], 0x3000_0000)
  }

  // MARK: Unprivileged forms

  func testUnprivilegedLoadsAndStores() {
    let t = TestMachine([ldstT(.ldr, 0, 1, 4), ldstT(.ldrsh, 2, 1, 8), ldstT(.strb, 3, 1, 12), ldstT(.strh, 3, 1, 14)])
    t[1] = data; t[3] = 0xABCD
    t.poke32(data + 4, 0xFEED_BEEF); t.poke32(data + 8, 0x0000_9000); t.poke32(data + 12, 0)
    t.step(4)
    XCTAssertEqual(t[0], 0xFEED_BEEF)
    XCTAssertEqual(t[2], 0xFFFF_9000)
    XCTAssertEqual(t.peek32(data + 12), 0xABCD_00CD)
  }

  func testUnprivilegedLoadOfTheSystemControlSpaceFaults() {
    let t = TestMachine([ldstT(.ldr, 0, 1, 0x10)])
    t[1] = 0xE000_E000  // SysTick CSR at 0xE000E010
    t[0] = 7
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.busFault))
    XCTAssertEqual(t[0], 7)
  }

  // MARK: Hints

  func testPreloadHintsAccessNothing() {
    let t = TestMachine([pld(0, 0xFFF), pli(0, 4), ldstReg(.ldrb, 15, 0, 1)])  // the last is PLD (register)
    t[0] = 0x3000_0000; t[1] = 4
    t.step(3)
    XCTAssertNil(t.m.stop)
    XCTAssertEqual(t.m.effect.accesses, 0)
    XCTAssertEqual(t.m.pc, 12)
    XCTAssertEqual(verdict(ldstReg(.ldrb, 15, 0, 1)), .row("PLD (register) T1"))
    XCTAssertEqual(timingClass(pld(0, 0)), .hint)
  }

  func testUnallocatedHalfwordHintsAreNops() {
    let hint = ldst12(.ldrh, 15, 0, 0)  // ldrh.w pc, [r0]: "treat as NOP"
    XCTAssertEqual(verdict(hint), .row("Unallocated memory hint"))
    XCTAssertEqual(verdict(ldst8(.ldrsh, 15, 0, -4)), .row("Unallocated memory hint"))
    XCTAssertEqual(verdict(ldst8(.ldrh, 15, 0, 4, .pre)), .unpredictable, "t == 15 with writeback")
    let t = TestMachine([hint])
    t[0] = 0x3000_0000
    t.step()
    XCTAssertNil(t.m.stop)
    XCTAssertEqual(t.m.pc, 4)
  }

  // MARK: Decode rules

  func testDecodeSeeOverlapsAndUndefinedCases() {
    XCTAssertEqual(verdict(ldst8(.ldr, 0, 1, -4)), .row("LDR (immediate) T4"))
    XCTAssertEqual(verdict(ldst8(.ldr, 0, 1, 4, .post)), .row("LDR (immediate) T4"))
    XCTAssertEqual(verdict(ldstT(.ldr, 0, 1, 4)), .row("LDRT T1"))
    XCTAssertEqual(verdict(pop1(8)), .row("POP T3"))
    XCTAssertEqual(verdict(push1(8)), .row("PUSH T3"))
    XCTAssertEqual(verdict(ldst8(.ldrb, 15, 1, -4)), .row("PLD (immediate) T2"))
    XCTAssertEqual(verdict(ldst12(.ldrsb, 15, 1, 4)), .row("PLI (immediate, literal) T1"))
    XCTAssertEqual(verdict(ldst12(.ldr, 0, 15, 4)), .row("LDR (literal) T2"))
    // P == 0 && W == 0 is UNDEFINED in the imm8 forms.
    XCTAssertEqual(verdict(Enc(0xF851, 0x0A04)), .undefined)
    // STR with Rn == PC is UNDEFINED.
    XCTAssertEqual(verdict(ldst12(.str, 0, 15, 4)), .undefined)
  }

  func testUnpredictableEncodings() {
    XCTAssertEqual(verdict(ldst8(.ldr, 1, 1, 4, .pre)), .unpredictable, "writeback to Rt")
    XCTAssertEqual(verdict(ldst12(.ldrb, 13, 0, 0)), .unpredictable, "LDRB to SP")
    XCTAssertEqual(verdict(ldstReg(.ldr, 0, 1, 13)), .unpredictable, "Rm is SP")
    XCTAssertEqual(verdict(ldst12(.str, 15, 0, 0)), .unpredictable, "STR of PC")
    XCTAssertEqual(verdict(ldstT(.ldr, 15, 0, 0)), .unpredictable, "LDRT to PC")
    XCTAssertEqual(verdict(ldrd(0, 0, 1, 8)), .unpredictable, "t == t2")
    XCTAssertEqual(verdict(ldrd(0, 1, 1, 8, .pre)), .unpredictable, "writeback to t2")
    XCTAssertEqual(verdict(strex(1, 2, 1)), .unpredictable, "d == n")
    XCTAssertEqual(verdict(ldrex(13, 1)), .unpredictable, "t is SP")
    // And the policy: executing one raises UsageFault (UNPREDICTABLE).
    let t = TestMachine([ldst8(.ldr, 1, 1, 4, .pre)])
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unpredictable))
  }

  func testTimingClasses() {
    XCTAssertEqual(timingClass(ldr(0, 1, 0)), .load)
    XCTAssertEqual(timingClass(ldrLit(0, 0)), .load)
    XCTAssertEqual(timingClass(str(0, 1, 0)), .store)
    XCTAssertEqual(timingClass(regOffset(.str, 0, 1, 2)), .storeRegOffset)
    XCTAssertEqual(timingClass(ldstReg(.strb, 0, 1, 2)), .storeRegOffset)
    XCTAssertEqual(timingClass(regOffset(.ldr, 0, 1, 2)), .load)
    XCTAssertEqual(timingClass(ldrd(0, 1, 2, 0)), .loadDouble)
    XCTAssertEqual(timingClass(strd(0, 1, 2, 0)), .storeDouble)
    XCTAssertEqual(timingClass(ldrex(0, 1)), .exclusive)
    XCTAssertEqual(timingClass(strexb(0, 1, 2)), .exclusive)
  }

  func testBackToBackLoadsPipeline() {
    // TIMING.md rule 1: `ldr r0, [r1]; ldr r2, [r3]` = 3 cycles; LDRD alone is 3.
    let t = TestMachine([ldr(0, 1, 0), ldr(2, 3, 0), ldrd(4, 5, 6, 0)])
    t[1] = data; t[3] = data; t[6] = data
    t.step(2)
    XCTAssertEqual(t.m.cycles, 3)
    t.step()
    XCTAssertEqual(t.m.cycles, 6)
  }

  // MARK: LDRD / STRD

  func testStrdAndLdrdOffsetPreAndPostIndexed() {
    let t = TestMachine([strd(0, 1, 2, 8), ldrd(3, 4, 2, 8, .pre), ldrd(6, 7, 8, -8, .post)])
    t[2] = data; t[0] = 0x1111_0000; t[1] = 0x2222_0000
    t[8] = data + 0x40
    t.poke32(data + 0x40, 0xA); t.poke32(data + 0x44, 0xB)
    t.step(3)
    XCTAssertEqual(t.peek32(data + 8), 0x1111_0000)
    XCTAssertEqual(t.peek32(data + 12), 0x2222_0000)
    XCTAssertEqual(t[3], 0x1111_0000)
    XCTAssertEqual(t[4], 0x2222_0000)
    XCTAssertEqual(t[2], data + 8)
    XCTAssertEqual(t[6], 0xA)
    XCTAssertEqual(t[7], 0xB)
    XCTAssertEqual(t[8], data + 0x38)
  }

  func testLdrdLiteral() {
    // ldrd r0, r1, [pc, #4] at 0: Align(4,4) + 4 = 8.
    let code = ldrd(0, 1, 15, 4).halfwords + [0xBF00, 0xBF00, 0x0001, 0x0000, 0x0002, 0x0000]
    let t = TestMachine(code)
    t.step()
    XCTAssertEqual(t[0], 1)
    XCTAssertEqual(t[1], 2)
  }

  func testLdrdNeedsWordAlignmentAndFaultsPrecisely() {
    let t = TestMachine([ldrd(0, 1, 2, 4, .pre)])
    t[2] = data + 2; t[0] = 5; t[1] = 6
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unaligned))
    XCTAssertEqual([t[0], t[1], t[2]], [5, 6, data + 2])
  }

  func testLdrdFaultOnTheSecondWordWritesNoRegister() {
    // The first word is the last one of SRAM; the second is past its end.
    let end = sramBase + Board.generic.sram.size
    let t = TestMachine([ldrd(0, 1, 2, 0)])
    t[2] = end - 4; t[0] = 5
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.busFault))
    XCTAssertEqual(t[0], 5)
  }

  func testStrdNeedsWordAlignment() {
    let t = TestMachine([strd(0, 1, 2, 0)])
    t[2] = data + 1
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unaligned))
  }

  // MARK: Exclusives and the local monitor

  func testLdrexThenStrexSucceedsOnceAndClearsTheMonitor() {
    let t = TestMachine([ldrex(0, 1, 4), strex(2, 3, 1, 4), strex(4, 5, 1, 4)])
    t[1] = data; t[3] = 0xAAAA; t[5] = 0xBBBB
    t.poke32(data + 4, 0x77)
    t.step()
    XCTAssertEqual(t[0], 0x77)
    XCTAssertEqual(t.m.exclusiveAddress, data + 4)
    t.step()
    XCTAssertEqual(t[2], 0, "success")
    XCTAssertEqual(t.peek32(data + 4), 0xAAAA)
    XCTAssertNil(t.m.exclusiveAddress)
    t.step()
    XCTAssertEqual(t[4], 1, "the monitor is open: failure")
    XCTAssertEqual(t.peek32(data + 4), 0xAAAA, "a failed STREX writes nothing")
  }

  func testStrexToAnotherAddressFails() {
    let t = TestMachine([ldrex(0, 1), strex(2, 3, 1, 8)])
    t[1] = data; t[3] = 9
    t.poke32(data + 8, 0)
    t.step(2)
    XCTAssertEqual(t[2], 1)
    XCTAssertEqual(t.peek32(data + 8), 0)
    XCTAssertNil(t.m.exclusiveAddress)
  }

  func testByteAndHalfwordExclusives() {
    let t = TestMachine([ldrexb(0, 1), strexb(2, 3, 1), ldrexh(4, 5), strexh(6, 7, 5)])
    t[1] = data; t[5] = data + 2; t[3] = 0x1FF; t[7] = 0x12345
    t.poke32(data, 0x8070_6050)
    t.step(4)
    XCTAssertEqual(t[0], 0x50)
    XCTAssertEqual(t[4], 0x8070)
    XCTAssertEqual(t[2], 0)
    XCTAssertEqual(t[6], 0)
    XCTAssertEqual(t.peek32(data), 0x2345_60FF)
  }

  func testExclusivesRequireAlignment() {
    let t = TestMachine([ldrexh(0, 1)])
    t[1] = data + 1
    t.step()
    XCTAssertEqual(t.m.stop, .fault(.unaligned))
    let u = TestMachine([strex(0, 2, 1)])
    u[1] = data + 2
    u.step()
    XCTAssertEqual(u.m.stop, .fault(.unaligned), "alignment is checked even with the monitor open")
  }

  // MARK: Single-register PUSH/POP (STR/LDR T4 forms)

  func testSingleRegisterPushAndPopWide() {
    let t = TestMachine([push1(8), pop1(9)])
    let sp = t.m.SP
    t[8] = 0x8888_0008
    t.step()
    XCTAssertEqual(t.m.SP, sp - 4)
    XCTAssertEqual(t.peek32(sp - 4), 0x8888_0008)
    t.step()
    XCTAssertEqual(t[9], 0x8888_0008)
    XCTAssertEqual(t.m.SP, sp)
  }
}
