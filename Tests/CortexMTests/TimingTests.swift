// The cycle model against TIMING.md's table, rules and published data points. Expected counts
// are worked out by hand from TIMING.md (the arithmetic is in each comment), never read off the
// model. Code sits at 0x0 (zero wait states), data in SRAM at 0x2000_0000.

import XCTest
@testable import CortexM

// Encoders only the timing tests need.
func sev() -> Enc { Enc(0xBF40) }
func yieldHint() -> Enc { Enc(0xBF10) }
func wfi() -> Enc { Enc(0xBF30) }
func wfe() -> Enc { Enc(0xBF20) }
func dmb() -> Enc { Enc(0xF3BF, 0x8F5F) }
func clrex() -> Enc { Enc(0xF3BF, 0x8F2F) }
/// `ldr.w Rt, [Rn, #imm12]`, `str.w Rt, [Rn, #imm12]`.
func ldrW(_ t: Int, _ n: Int, _ imm12: Int) -> Enc { ldst12(.ldr, t, n, imm12) }
func strW(_ t: Int, _ n: Int, _ imm12: Int) -> Enc { ldst12(.str, t, n, imm12) }

final class TimingTests: XCTestCase {
  let data: UInt32 = 0x2000_0000

  /// Cycles taken by `steps` instructions of `code` after `setup` instructions.
  func cycles(_ code: [Enc], setup: Int = 0, steps: Int, board: Board = .generic,
    prepare: (TestMachine) -> Void = { _ in }) -> UInt64
  {
    let t = TestMachine(code.flatMap(\.halfwords), board: board)
    prepare(t)
    t.step(setup)
    let start = t.m.cycles
    t.step(steps)
    XCTAssertNil(t.m.stop, "the snippet stopped: \(String(describing: t.m.stop)) \(t.m.lastFault?.text ?? "")")
    return t.m.cycles - start
  }

  /// Cycles of the whole `code` (every instruction once), with r1–r7 pointing into SRAM.
  func straight(_ code: [Enc], board: Board = .generic, prepare: (TestMachine) -> Void = { _ in }) -> UInt64 {
    cycles(code, steps: code.count, board: board) { t in
      for r in 1...7 { t[r] = self.data + UInt32(r * 0x40) }
      prepare(t)
    }
  }

  // MARK: Table rows

  func testDataProcessingIsOneCycle() {
    XCTAssertEqual(cycles([movs(0, 1), movs(1, 2)], steps: 2), 2)
    // movw, movt, adds, cmp, clz, lsl by register, add.w with ror #16, adr, rrx, mvns: 1 each = 10
    XCTAssertEqual(straight([movw(0, 0x1234), movt(0, 0x5678), adds(1, 0, 2), cmp(1, 2), clz(3, 0),
      shiftReg(0, 4, 0, 1), dpReg(.add, 5, 0, 1, type: 3, imm5: 16), adr(6, 8), dpReg(.orr, 7, 15, 0, type: 3, imm5: 0),
      mvns(1, 2)]), 10)
  }

  func testMovPCAndAddPCAreOnePlusP2() {
    // mov pc, r0 → 4 (a 16-bit nop): 1 + P(2) = 3
    XCTAssertEqual(cycles([mov(15, 0), nop(), nop()], steps: 1, prepare: { $0[0] = 4 }), 3)
    // add pc, r0 (r0 = 0): target = 0 + 4 = 4: 1 + P(2) = 3
    XCTAssertEqual(cycles([add(15, 0), nop(), nop()], steps: 1, prepare: { $0[0] = 0 }), 3)
  }

  func testMultipliesAreOneCycle() {
    // mul, mla, mls, smull, umull, smlal, umlal, umaal, muls: 1 each = 9
    XCTAssertEqual(straight([mul(0, 1, 2), mla(3, 1, 2, 0), mls(4, 1, 2, 3), smull(5, 6, 1, 2), umull(5, 6, 1, 2),
      smlal(5, 6, 1, 2), umlal(5, 6, 1, 2), umaal(5, 6, 1, 2), muls(0, 1)]), 9)
  }

  func testSaturateExtendBitfieldReverseAreOneCycle() {
    // ssat, usat, sxth, uxtb, sxtb.w, ubfx, sbfx, bfi, bfc, rev, rev16, revsh, rbit: 1 each = 13
    XCTAssertEqual(straight([ssat(0, 8, 1), usat(0, 8, 1), sxth(2, 1), uxtb(2, 1), extendW(4, 2, 1, rotate: 1),
      ubfx(3, 1, 4, 8), sbfx(3, 1, 4, 8), bfi(3, 1, 4, 8), bfc(3, 4, 8), rev(4, 1), rev16(4, 1), revsh(4, 1),
      miscW(2, 4, 1)]), 13)
  }

  func testEveryDSPInstructionIsOneCycle() {
    // 20 DSP-extension instructions, 1 each = 20
    XCTAssertEqual(straight([sadd16(0, 1, 2), qadd8(0, 1, 2), shsub16(0, 1, 2), uqasx(0, 1, 2), usub8(0, 1, 2),
      smlad(0, 1, 2, 3), smlsd(0, 1, 2, 3, x: true), smlald(4, 5, 1, 2), smlsld(4, 5, 1, 2), smlaxy(true, false, 0, 1, 2, 3),
      smlaw(true, 0, 1, 2, 3), smulxy(false, true, 0, 1, 2), smmla(0, 1, 2, 3, r: true), smuad(0, 1, 2),
      ssat16(0, 8, 1), pkhbt(0, 1, 2, lsl: 8), sxtab16(0, 1, 2, ror: 8), sel(0, 1, 2), usada8(0, 1, 2, 3),
      qdsub(0, 1, 2)]), 20)
  }

  func testSingleLoadsAreTwoCycles() {
    // Each load separated by a nop (so nothing pipelines): 2 + 1 per pair.
    for load in [ldr(0, 1, 0), ldrh(0, 1, 2), ldrb(0, 1, 1), regOffset(.ldrsh, 0, 1, 2), regOffset(.ldrsb, 0, 1, 2),
      ldrW(0, 1, 8), ldst8(.ldr, 0, 1, 4, .post), ldst8(.ldrsb, 0, 1, -4, .pre), ldrSP(0, 8), ldst12(.ldrh, 0, 1, 6)]
    {
      XCTAssertEqual(straight([nop(), load, nop()], prepare: { $0[2] = 0; $0[13] = self.data + 0x400 }), 1 + 2 + 1,
        "\(load.halfwords)")
    }
    // ldr r0, [pc, #4] (literal; the word at 8 in flash): 2
    XCTAssertEqual(straight([nop(), ldrLit(0, 4), nop(), nop(), nop()]), 1 + 2 + 1 + 1 + 1)
  }

  func testImmediateOffsetStoresAreOneAndRegisterOffsetStoresTwo() {
    // str/strh/strb immediate: 1 each
    XCTAssertEqual(straight([str(0, 1, 0), strh(0, 1, 2), strb(0, 1, 1), strW(0, 1, 8), nop()]), 1 + 1 + 1 + 1 + 1)
    // str/strh/strb register offset: 2 each (after a nop, not a load)
    XCTAssertEqual(straight([nop(), regOffset(.str, 0, 1, 2), nop(), regOffset(.strb, 0, 1, 2), nop(),
      ldstReg(.strh, 0, 1, 2, lsl: 1)], prepare: { $0[2] = 4 }), 1 + 2 + 1 + 2 + 1 + 2)
  }

  func testLDRDAndSTRDAreThree() {
    XCTAssertEqual(straight([nop(), ldrd(2, 3, 1, 8), nop()]), 1 + 3 + 1)
    XCTAssertEqual(straight([nop(), strd(2, 3, 1, 8), nop()]), 1 + 3 + 1)
    // LDRD/STRD do not pipeline with neighbouring loads: ldr 2 + ldrd 3 + ldr 2 = 7
    XCTAssertEqual(straight([ldr(0, 1, 0), ldrd(2, 3, 4, 0), ldr(5, 6, 0)]), 7)
  }

  func testLoadAndStoreMultipleAreOnePlusN() {
    // ldm r1, {r2, r3, r4}: 1 + 3 = 4 (TIMING.md data point)
    XCTAssertEqual(straight([nop(), ldm16(1, [2, 3, 4]), nop()]), 1 + 4 + 1)
    // stmia r0!, {r1–r7, r12}: 8 registers, 1 + 8 = 9 (TIMING.md data point)
    XCTAssertEqual(cycles([stmW(0, [1, 2, 3, 4, 5, 6, 7, 12], wback: true)], steps: 1, prepare: { $0[0] = self.data }), 9)
    // push {r4–r7, lr}: 1 + 5 = 6; pop {r4–r7}: 1 + 4 = 5
    XCTAssertEqual(straight([push([4, 5, 6, 7, 14]), pop([4, 5, 6, 7])], prepare: { $0[13] = self.data + 0x800 }), 6 + 5)
    // a load after an LDM does not pipeline: 4 + 2
    XCTAssertEqual(straight([ldm16(1, [2, 3, 4]), ldr(0, 5, 0)]), 4 + 2)
  }

  func testPopWithPCIsOnePlusNPlusP3() {
    // pop {r4, pc} → 0x8 (a 16-bit nop): 1 + 2 + P(3) = 6
    XCTAssertEqual(cycles([pop([4, 15]), nop(), nop(), nop(), nop()], steps: 1, prepare: { t in
      t.m.setSP(self.data + 0x100); t.poke32(self.data + 0x100, 7); t.poke32(self.data + 0x104, 8 | 1)
    }), 6)
    // ldm r1, {r2, r3, pc}: 1 + 3 + 3 = 7
    XCTAssertEqual(cycles([ldmW(1, [2, 3, 15]), nop(), nop(), nop(), nop()], steps: 1, prepare: { t in
      t[1] = self.data; t.poke32(self.data + 8, 8 | 1)
    }), 7)
  }

  func testLDRPCIsTwoPlusP3() {
    // ldr pc, [r1] → 0x8: 2 + P(3) = 5 ("at least 5")
    XCTAssertEqual(cycles([ldrW(15, 1, 0), nop(), nop(), nop()], steps: 1, prepare: { t in
      t[1] = self.data; t.poke32(self.data, 8 | 1)
    }), 5)
  }

  func testExclusivesAreTwoAndCLREXOne() {
    XCTAssertEqual(straight([nop(), ldrex(0, 1), nop(), strex(2, 0, 1), nop(), clrex()]), 1 + 2 + 1 + 2 + 1 + 1)
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
    // blx r3: 1 + P(2) = 3
    XCTAssertEqual(cycles([nop(), blx(3), nop(), nop()], setup: 1, steps: 1, prepare: { $0[3] = 7 }), 3)
  }

  func testCBZTakenIsOnePlusP2NotTakenOne() {
    XCTAssertEqual(cycles([movs(2, 0), cbz(2, 0), nop(), nop()], setup: 1, steps: 1), 3)
    XCTAssertEqual(cycles([movs(2, 1), cbz(2, 0), nop(), nop()], setup: 1, steps: 1), 1)
  }

  func testTableBranchesAreSix() {
    // tbb [pc, r0] at 0 (table at 4: byte 2 → target 4 + 4 = 8, a nop): 6
    var code: [UInt16] = tbb(15, 0).halfwords + [0x0202] + [nop(), nop(), nop()].flatMap(\.halfwords)
    var t = TestMachine(code)
    t.step()
    XCTAssertEqual(t.m.pc, 8)
    XCTAssertEqual(t.m.cycles, 6)
    // tbh [pc, r0, lsl #1] with r0 = 1: halfword at 4 + 2 = 6 is 2 → target 4 + 4 = 8: 6
    code = tbh(15, 0).halfwords + [0, 2] + [nop(), nop()].flatMap(\.halfwords)
    t = TestMachine(code)
    t[0] = 1
    t.step()
    XCTAssertEqual(t.m.pc, 8)
    XCTAssertEqual(t.m.cycles, 6)
  }

  func testITFoldsOntoPreceding16BitInstruction() {
    // movs; it eq; movs → the IT costs 0 after a 16-bit instruction
    XCTAssertEqual(cycles([movs(0, 0), it(0, mask: 0b1000), movs(1, 1)], steps: 3), 2)
    // a 16-bit nop and a 16-bit load fold an IT too (TIMING.md: "a preceding 16-bit instruction")
    XCTAssertEqual(cycles([nop(), it(0, mask: 0b1000), movs(1, 1)], steps: 3, prepare: { $0.m.Z = true }), 2)
    XCTAssertEqual(straight([ldr(0, 1, 0), it(0, mask: 0b1000), movs(1, 1)], prepare: { $0.m.Z = true }), 2 + 0 + 1)
    // after a 32-bit instruction it is not folded: 1 + 1 + 1
    XCTAssertEqual(cycles([movw(0, 0), it(0, mask: 0b1000), movs(1, 1)], steps: 3, prepare: { $0.m.Z = true }), 3)
    // at a branch target (nothing precedes it in the pipeline) it is not folded: 2 + 1 + 1
    XCTAssertEqual(cycles([b(0), nop(), it(0, mask: 0b1000), movs(1, 1)], steps: 3, prepare: { $0.m.Z = true }), 4)
  }

  func testConditionFailedInstructionTakesOneCycle() {
    XCTAssertEqual(cycles([movs(0, 1), it(0, mask: 0b1000), movs(1, 1)], setup: 2, steps: 1), 1)
    // a skipped load is 1 too, and a skipped 32-bit multiply-accumulate
    XCTAssertEqual(cycles([movs(0, 1), it(0, mask: 0b0100), ldr(0, 1, 0), mla(0, 1, 2, 3)], setup: 2, steps: 2), 2)
  }

  func testMSRIsTwoAndMRSOne() {
    XCTAssertEqual(cycles([msr(16, 0), mrs(1, 16)], steps: 1), 2)
    XCTAssertEqual(cycles([msr(16, 0), mrs(1, 16)], setup: 1, steps: 1), 1)
    // cpsid i, cpsie i: 1 each (model's choice within 1–2)
    XCTAssertEqual(cycles([cpsid(i: true), cpsie(i: true)], steps: 2), 2)
  }

  func testHintsAndBarriers() {
    // nop, sev, yield, wfi, wfe: 1 each; dmb, dsb: 1 each = 7
    XCTAssertEqual(straight([nop(), sev(), yieldHint(), wfi(), wfe(), dmb(), dsb()]), 7)
    // isb: 1 + P(2) = 3 (the next instruction is a 16-bit nop)
    XCTAssertEqual(straight([isb(), nop()]), 3 + 1)
  }

  // MARK: Rule 1: load/store pipelining (TRM examples)

  func testTRMPipeliningExamples() {
    // LDR R0,[R1]; LDR R1,[R2] = 3
    XCTAssertEqual(straight([ldr(0, 1, 0), ldr(1, 2, 0)]), 3)
    // LDR R0,[R1,R2]; STR R0,[R3,#20] = 3
    XCTAssertEqual(straight([regOffset(.ldr, 0, 1, 2), str(0, 3, 20)], prepare: { $0[2] = 8 }), 3)
    // LDR R0,[R1,R5]; LDR R1,[R2]; LDR R2,[R3,#4] = 4
    XCTAssertEqual(straight([regOffset(.ldr, 0, 1, 5), ldr(1, 2, 0), ldr(2, 3, 4)], prepare: { $0[5] = 8 }), 4)
  }

  func testPipeliningDetails() {
    // a dependent load (its base is the first load's result) does not pipeline: 2 + 2
    XCTAssertEqual(straight([ldr(0, 1, 0), ldr(2, 0, 0)], prepare: { t in t.poke32(self.data + 0x40, self.data) }), 4)
    // a dependent register offset neither: 2 + 2
    XCTAssertEqual(straight([ldr(0, 1, 0), regOffset(.ldr, 2, 3, 0)]), 4)
    // a register-offset store after a load pipelines: 2 + (2 − 1)
    XCTAssertEqual(straight([ldr(0, 1, 0), regOffset(.str, 0, 2, 3)], prepare: { $0[3] = 0 }), 3)
    // nothing pipelines after a register-offset store: 2 + 2
    XCTAssertEqual(straight([regOffset(.str, 0, 1, 2), ldr(3, 4, 0)], prepare: { $0[2] = 0 }), 4)
    // nor after an immediate store: 1 + 2
    XCTAssertEqual(straight([str(0, 1, 0), ldr(3, 4, 0)]), 3)
    // four back-to-back loads: N + 1 = 5 (halfword and byte loads included)
    XCTAssertEqual(straight([ldr(0, 1, 0), ldrh(2, 3, 0), ldrb(4, 5, 0), ldrSP(6, 0)], prepare: { $0[13] = self.data }), 5)
    // post-indexed writeback of the base is forwarded: ldr r0,[r1],#4; ldr r2,[r1] = 3
    XCTAssertEqual(straight([ldst8(.ldr, 0, 1, 4, .post), ldr(2, 1, 0)]), 3)
  }

  // MARK: Rule 2: address-generation stall

  func testAddressGenerationStall() {
    // adds r1, r1, #4; ldr r0, [r1]: 1 + 2 + 1
    XCTAssertEqual(straight([adds(1, 1, imm3: 4), ldr(0, 1, 0)]), 4)
    // offset register written: movs r2, #4; ldr r0, [r1, r2]: 1 + 2 + 1
    XCTAssertEqual(straight([movs(2, 4), regOffset(.ldr, 0, 1, 2)]), 4)
    // store base written: movs r1, #0; movt r1, #0x2000 (32-bit ALU); str r0, [r1]: 1 + 1 + 1 + 1
    XCTAssertEqual(straight([movs(1, 0), movt(1, 0x2000), str(0, 1, 0)]), 4)
    // only the address: the stored data register does not stall: movs r0; str r0,[r1] = 1 + 1
    XCTAssertEqual(straight([movs(0, 1), str(0, 1, 0)]), 2)
    // a multiply result used as a base: 1 + 2 + 1
    XCTAssertEqual(straight([mul(1, 1, 2), ldr(0, 1, 0)], prepare: { $0[2] = 1 }), 4)
    // SP written by the ALU: sub sp, #8; str r0, [sp, #4]: 1 + 1 + 1
    XCTAssertEqual(straight([subSP(8), strSP(0, 4)], prepare: { $0.m.setSP(self.data + 0x800) }), 3)
    // LDM base written by the ALU: movs r1; ldm: 1 + 4 + 1 — here adds r1, #0
    XCTAssertEqual(straight([adds(1, imm8: 0), ldm16(1, [2, 3, 4])]), 1 + 4 + 1)
    // a load result is not an ALU result: no stall, no pipelining: 2 + 2
    XCTAssertEqual(straight([ldr(1, 2, 0), ldr(0, 1, 0)], prepare: { t in t.poke32(self.data + 0x80, self.data) }), 4)
    // a register not used for the address: 1 + 2
    XCTAssertEqual(straight([movs(0, 1), ldr(2, 1, 0)]), 3)
    // literal loads and POP do not read r0: movs r0; ldr r1,[pc]; movs r0; pop {r1}: 1 + 2 + 1 + 2
    XCTAssertEqual(straight([movs(0, 1), ldrLit(1, 4), movs(0, 1), pop([1]), nop(), nop()],
      prepare: { $0.m.setSP(self.data + 0x800) }) - 2, 6)
    // two instructions back does not stall: adds r1; nop; ldr [r1]: 1 + 1 + 2
    XCTAssertEqual(straight([adds(1, 1, imm3: 0), nop(), ldr(0, 1, 0)]), 4)
  }

  // MARK: Rule 3: unaligned accesses

  func testUnalignedPenalties() {
    // halfword at an odd address: 2 + 1
    XCTAssertEqual(straight([nop(), ldrh(0, 1, 0), nop()], prepare: { $0[1] = self.data + 1 }), 1 + 3 + 1)
    // word at a halfword address: 2 + 1
    XCTAssertEqual(straight([nop(), ldr(0, 1, 0), nop()], prepare: { $0[1] = self.data + 2 }), 1 + 3 + 1)
    // word at an odd address: 2 + 2 (both ≡ 1 and ≡ 3 mod 4)
    XCTAssertEqual(straight([nop(), ldr(0, 1, 0), nop()], prepare: { $0[1] = self.data + 1 }), 1 + 4 + 1)
    XCTAssertEqual(straight([nop(), ldr(0, 1, 0), nop()], prepare: { $0[1] = self.data + 3 }), 1 + 4 + 1)
    // stores: str word at odd 1 + 2; strh at odd 1 + 1; str word at halfword 1 + 1
    XCTAssertEqual(straight([str(0, 1, 0)], prepare: { $0[1] = self.data + 1 }), 3)
    XCTAssertEqual(straight([strh(0, 1, 0)], prepare: { $0[1] = self.data + 3 }), 2)
    XCTAssertEqual(straight([str(0, 1, 0)], prepare: { $0[1] = self.data + 6 }), 2)
    // byte accesses are never unaligned; aligned halfwords pay nothing
    XCTAssertEqual(straight([nop(), ldrb(0, 1, 0), ldrh(2, 3, 0)], prepare: { $0[1] = self.data + 3; $0[3] = self.data + 2 }), 1 + 2 + 1)
  }

  // MARK: Rule 4: division

  func divide(_ signed: Bool, _ n: UInt32, _ d: UInt32) -> UInt64 {
    cycles([signed ? sdiv(0, 1, 2) : udiv(0, 1, 2)], steps: 1, prepare: { $0[1] = n; $0[2] = d })
  }

  func testDivisionExamples() {
    XCTAssertEqual(divide(false, 0, 7), 2)  // 0/x → 2
    XCTAssertEqual(divide(false, 7, 0), 2)  // x/0 → 2 (result 0, no trap)
    XCTAssertEqual(divide(false, 5, 100), 3)  // bits(5)=3 < bits(100)=7 → 3
    XCTAssertEqual(divide(false, 100, 7), 6)  // 5 + ⌊(7 − 3)/4⌋ = 6
    XCTAssertEqual(divide(false, 0xFFFF_FFFF, 1), 12)  // 5 + ⌊(32 − 1)/4⌋ = 12
    XCTAssertEqual(divide(true, UInt32(bitPattern: -1), 1), 5)  // |−1| = 1: 5 + 0
    XCTAssertEqual(divide(true, UInt32(bitPattern: -100), 7), 6)  // magnitudes: as 100/7
    XCTAssertEqual(divide(true, 100, UInt32(bitPattern: -7)), 6)
  }

  func testDivisionStepsAtEveryFourBits() {
    // bits(n) − bits(m) = 0…3 → 5; 4…7 → 6; 8 → 7
    XCTAssertEqual(divide(false, 8, 8), 5)
    XCTAssertEqual(divide(false, 0xF, 1), 5)  // 4 − 1 = 3
    XCTAssertEqual(divide(false, 0x10, 1), 6)  // 5 − 1 = 4
    XCTAssertEqual(divide(false, 0x8000, 0x80), 7)  // 16 − 8 = 8
    XCTAssertEqual(divide(false, 4, 5), 5)  // equal bit counts (3, 3), dividend smaller in value: 5
  }

  // MARK: Rule 5: branch refill P

  func testRefillByBranchKind() {
    // B, BL: P = 1 (1 + 1)
    XCTAssertEqual(cycles([b(0), nop(), nop()], steps: 1), 2)
    XCTAssertEqual(cycles([bl(0), nop(), nop()], steps: 1), 2)
    // bx lr, lr written two instructions ago: P = 1
    XCTAssertEqual(cycles([mov(14, 0), nop(), bx(14), nop(), nop()], setup: 2, steps: 1, prepare: { $0[0] = 7 }), 2)
    // bx lr, lr just written by the ALU: P = 2 (1 + 2)
    XCTAssertEqual(cycles([mov(14, 0), bx(14), nop(), nop()], setup: 1, steps: 1, prepare: { $0[0] = 7 }), 3)
    // bx lr, lr just loaded (ldr lr, [sp], #4): P = 2 — "when LR was not just written"
    XCTAssertEqual(cycles([pop1(14), bx(14), nop(), nop()], setup: 1, steps: 1, prepare: { t in
      t.m.setSP(self.data); t.poke32(self.data, 7)
    }), 3)
    // cbz/cbnz, bx/blx rm, mov pc: P = 2 — tested above; ldr pc, pop pc: P = 3 — tested above
  }

  func testRefillPlusOneForUnalignedThirtyTwoBitTarget() {
    // b → 6, a 32-bit dsb at a halfword address: P = 1 + 1 → 3
    XCTAssertEqual(cycles([b(2), nop(), nop(), dsb()], steps: 1), 3)
    // b → 4, a 32-bit dsb at a word address: P = 1 → 2
    XCTAssertEqual(cycles([b(0), nop(), dsb()], steps: 1), 2)
    // b → 6, a 16-bit nop at a halfword address: P = 1 → 2
    XCTAssertEqual(cycles([b(2), nop(), nop(), nop()], steps: 1), 2)
    // cbz → 6 (32-bit): P = 2 + 1 → 1 + 3 = 4
    XCTAssertEqual(cycles([movs(2, 0), cbz(2, 0), nop(), dsb()], setup: 1, steps: 1), 4)
    // bx r3 → 6 (32-bit): 1 + 3
    XCTAssertEqual(cycles([nop(), bx(3), nop(), dsb()], setup: 1, steps: 1, prepare: { $0[3] = 7 }), 4)
    // pop {pc} → 6 (32-bit): P = 3 + 1 capped at 3 → 1 + 1 + 3 = 5
    XCTAssertEqual(cycles([pop([15]), nop(), nop(), dsb()], steps: 1, prepare: { t in
      t.m.setSP(self.data); t.poke32(self.data, 7)
    }), 5)
  }

  func testPipelineStateDoesNotCrossABranch() {
    // ldr pc, [r1] → 8; at 8: ldr r0, [r2] — the refill separates them: 5 + 2
    XCTAssertEqual(cycles([ldrW(15, 1, 0), nop(), nop(), ldr(0, 2, 0), nop()], steps: 2, prepare: { t in
      t[1] = self.data; t[2] = self.data; t.poke32(self.data, 8 | 1)
    }), 7)
  }

  // MARK: Published data points

  func testShiftedOperandIsFree() {
    // add r1, r2, r3, ror #16; orr r1, r1, r4, lsr #8 = 2
    XCTAssertEqual(straight([dpReg(.add, 1, 2, 3, type: 3, imm5: 16), dpReg(.orr, 1, 1, 4, type: 1, imm5: 8)]), 2)
    // ror r3, r3, #16; lsr r4, r4, #8; add r1, r2, r3; orr r1, r1, r4 = 4
    XCTAssertEqual(straight([dpReg(.orr, 3, 15, 3, type: 3, imm5: 16), dpReg(.orr, 4, 15, 4, type: 1, imm5: 8),
      dpReg(.add, 1, 2, 3), dpReg(.orr, 1, 1, 4)]), 4)
  }

  func testSubsBplDelayLoopIsThreePerIteration() {
    // 1: subs r0, #3; bpl 1b — r0 = 9: 9→6, 6→3, 3→0 taken (3 × 3), 0→−3 not taken (1 + 1)
    let t = TestMachine([subs(0, imm8: 3), bcond(5, -6), nop()])
    t[0] = 9
    while t.m.pc != 4 { t.step() }
    XCTAssertEqual(t.m.cycles, 3 * 3 + 2)
    // 100 iterations of the taken path cost 300
    let u = TestMachine([subs(0, imm8: 3), bcond(5, -6), nop()])
    u[0] = 3 * 100 - 1  // 299 → … → 2 → −1: 100 subs, 99 taken, 1 not taken
    while u.m.pc != 4 { u.step() }
    XCTAssertEqual(u.m.cycles, 99 * 3 + 2)
  }

  // MARK: Rule 7: wait states

  func testWaitStatesOnFetchAndData() {
    var ws = Board.generic
    ws.code.waitStates = 2
    // sequential ALU instructions pay nothing: 2
    XCTAssertEqual(cycles([movs(0, 1), movs(1, 2)], steps: 2, board: ws), 2)
    // b: 1 + P(1) + 2 (non-sequential fetch from flash) = 4
    XCTAssertEqual(cycles([b(0), nop(), nop()], steps: 1, board: ws), 4)
    // a literal load from flash: 2 + 2 = 4 (after a nop: 1)
    XCTAssertEqual(cycles([nop(), ldrLit(0, 4), nop(), nop(), nop()], steps: 2, board: ws), 1 + 4)
    // an SRAM load pays nothing: 2
    XCTAssertEqual(straight([ldr(0, 1, 0)], board: ws), 2)
    var sram = Board.generic
    sram.sram.waitStates = 1
    // SRAM with 1 wait state: ldr 2 + 1; ldrd 3 + 2; push {r4–r6} 1 + 3 + 3
    XCTAssertEqual(straight([nop(), ldr(0, 1, 0)], board: sram), 1 + 3)
    XCTAssertEqual(straight([nop(), ldrd(2, 3, 1, 0)], board: sram), 1 + 5)
    XCTAssertEqual(straight([push([4, 5, 6])], board: sram, prepare: { $0.m.setSP(self.data + 0x800) }), 7)
  }

  // MARK: Rule 8: exceptions

  /// A vector table at 0 (SP, reset, …, SVC → 0x81, SysTick → 0x91), code from 0x40.
  func exceptionMachine(_ main: [Enc], handler: [Enc]) -> TestMachine {
    var words = [UInt32](repeating: 0, count: 16)
    words[0] = 0x2004_0000
    words[11] = 0x81
    words[15] = 0x81
    var code: [UInt16] = words.flatMap { [UInt16($0 & 0xFFFF), UInt16($0 >> 16)] }
    code += main.flatMap(\.halfwords)
    code += [UInt16](repeating: 0xBF00, count: (0x80 - code.count * 2) / 2)
    code += handler.flatMap(\.halfwords)
    let t = TestMachine(code)
    t.m.pc = 0x40
    return t
  }

  func testExceptionEntryTwelveAndReturnTen() {
    let t = exceptionMachine([svc(0), nop(), nop()], handler: [nop(), bx(14)])
    t.step()  // svc: 1 + entry 12
    XCTAssertEqual(t.m.cycles, 13)
    XCTAssertEqual(t.m.pc, 0x80)
    XCTAssertEqual(t.m.IPSR, 11)
    t.step()  // nop: 1
    t.step()  // bx lr with EXC_RETURN: 1, and the return's 10 replace the refill
    XCTAssertEqual(t.m.pc, 0x42)
    XCTAssertEqual(t.m.IPSR, 0)
    XCTAssertEqual(t.m.cycles, 13 + 1 + 1 + 10)
  }

  func testExceptionReturnByPopPC() {
    // handler: push {lr}; pop {pc}: 1 + 1 = 2, then 1 + 1 (issue) + 10 (return)
    let t = exceptionMachine([svc(0), nop(), nop()], handler: [push([14]), pop([15])])
    t.step(3)
    XCTAssertEqual(t.m.pc, 0x42)
    XCTAssertEqual(t.m.cycles, 13 + 2 + 2 + 10)
  }

  func testPipelineStateDoesNotCrossAnException() {
    // ldr r0,[r1] (2); a pending SysTick is taken at the boundary (12); the handler's ldr r2,[r1]
    // is not pipelined with the thread's load (2)
    let t = exceptionMachine([ldr(0, 1, 0), nop()], handler: [ldr(2, 1, 0), bx(14)])
    t[1] = data
    t.m.system.systickPending = true
    t.m.interruptCheckAt = 0
    t.step(2)
    XCTAssertEqual(t.m.IPSR, 15)
    XCTAssertEqual(t.m.cycles, 2 + 12 + 2)
  }

  // MARK: The DWT-timed gcc program

  /// Vectors/programs/timing-O2.elf (Tools/programs/src/timing.c) times assembly snippets with
  /// DWT->CYCCNT; timing-O2.stdout holds the counts derived by hand from TIMING.md (the
  /// derivation of each is beside its snippet in timing.c).
  func testTimingProgramReadsTheHandDerivedCounts() throws {
    let url = Repo.url("Vectors/programs/timing-O2.elf")
    let expected = try String(contentsOf: url.deletingPathExtension().appendingPathExtension("stdout"), encoding: .utf8)
    let (out, stop, _) = try ProgramCorpusTests.run(url)
    XCTAssertEqual(stop, .exited(0))
    let got = Dictionary(uniqueKeysWithValues: out.split(separator: "\n").map { l -> (String, String) in
      let p = l.split(separator: " "); return (String(p[0]), String(p[1]))
    })
    var lines = 0
    for line in expected.split(separator: "\n") {
      let p = line.split(separator: " ")
      XCTAssertEqual(got[String(p[0])], String(p[1]), "snippet \(p[0])")
      lines += 1
    }
    XCTAssertEqual(lines, 35)
    XCTAssertEqual(out, expected)
  }
}
