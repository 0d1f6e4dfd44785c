// Translated blocks (Core/Blocks.swift) must change nothing observable. These tests run
// programs built to stress them — random straight lines of every instruction a block body
// takes, wait states, side exits on odd or non-RAM addresses, a DWT read inside a loop, code
// that rewrites itself — with blocks (`run` without a hook) and stepped through the full cycle
// model (a do-nothing hook), and require every observable to agree.

import XCTest
@testable import CortexM

final class BlockTests: XCTestCase {
  typealias Outcome = MemoisedRunTests.Outcome

  /// A board like the generic one, with flash and SRAM wait states.
  static let slowBoard: Board = {
    var b = Board.generic
    b.name = "generic-m4-ws"
    b.code.waitStates = 2
    b.sram.waitStates = 1
    return b
  }()

  /// A random instruction that a block body may take (it has a `DirectOp` and neither
  /// branches nor writes the PC) and that leaves the loop counter r7 alone.
  static func randomBodyInstruction(_ rng: inout SeededRandom) -> Enc {
    let rows = Decoder.table.indices.filter {
      let op = Decoder.directOps[$0]
      return op != .none && op != .B && op != .BL
    }
    while true {
      let row = Decoder.table[rows.randomElement(using: &rng)!]
      let raw = (UInt32.random(in: 0...UInt32.max, using: &rng) & ~row.pattern.mask) | row.pattern.value
      let size = row.pattern.width / 8
      guard case .instruction(let i) = Decoder.decode(size == 2 ? raw & 0xFFFF : raw, size: size),
        i.direct != .none, i.direct != .B, i.direct != .BL, i.timing != .aluPC,
        i.writtenRegisters & (1 << 7 | 1 << 15) == 0,
        ![i.d, i.t, i.t2, i.dLo, i.dHi].contains(7), [i.d, i.t, i.t2].allSatisfy({ $0 != 15 }),
        !(i.wback && (i.n == 7 || i.n == 15)),
        // Loads and stores address through r0–r6 or SP plus an immediate or an offset register
        // among r8–r12, r14; ALU and DSP results go to those, so r0–r6 stay mostly pointers.
        i.addressRegisters == 0 || i.direct == .LDR_literal || Self.bases.contains(Int(i.n)) && (i.addressRegisters & ~(1 << i.n) & ~Self.offsets == 0),
        i.timing != .alu && i.timing != .multiply || i.writtenRegisters & 0x007F == 0
      else { continue }
      return size == 2 ? Enc(UInt16(raw & 0xFFFF)) : Enc(word: raw)
    }
  }

  static let bases = [0, 1, 2, 3, 4, 5, 6, 13]
  static let offsets: UInt16 = 0b0101_1111_0000_0000

  /// A loop of `length` random body instructions run `iterations` times, then `b .`.
  static func randomLoop(_ rng: inout SeededRandom, length: Int, iterations: Int, board: Board) -> TestMachine {
    var code: [UInt16] = []
    for _ in 0..<length { code += randomBodyInstruction(&rng).halfwords }
    code += subs(7, imm8: 1).halfwords
    code += bcond(1, -(code.count * 2 + 4)).halfwords  // bne to the start
    code += b(-4).halfwords
    code += (0..<32).map { _ in UInt16.random(in: 0...UInt16.max, using: &rng) }  // literal pool
    let t = TestMachine(code, board: board)
    for r in 0...14 {
      // Bases: mostly word-aligned SRAM pointers, so loads and stores stay in blocks; some odd
      // or wild ones, so others leave them (or fault, the same way both ways). Offsets: small.
      switch Int.random(in: 0..<10, using: &rng) {
      case 0..<8: t[r] = r <= 6 ? sramBase &+ UInt32.random(in: 0..<0x400, using: &rng) * 4 : UInt32.random(in: 0..<64, using: &rng) * 4
      case 8: t[r] = sramBase &+ UInt32.random(in: 0..<0x1000, using: &rng)
      default: t[r] = UInt32.random(in: 0...UInt32.max, using: &rng)
      }
    }
    t[7] = UInt32(iterations)
    t[13] = sramBase &+ 0x8000
    // Half the data words are themselves aligned SRAM pointers, so loaded values often still
    // address RAM.
    for k in 0..<0x400 {
      let pointer = Bool.random(using: &rng)
      t.poke32(sramBase &+ UInt32(4 * k),
        pointer ? sramBase &+ UInt32.random(in: 0..<0x400, using: &rng) * 4 : UInt32.random(in: 0...UInt32.max, using: &rng))
    }
    return t
  }

  static func compare(_ build: () -> TestMachine, maxCycles: UInt64) -> (fast: TestMachine, outcome: Outcome, stepped: Outcome) {
    let fast = build(), stepped = build()
    stepped.m.onStep = { _, _ in }
    let stopFast = fast.run(maxCycles: maxCycles), stopStepped = stepped.run(maxCycles: maxCycles)
    return (fast, MemoisedRunTests.outcome(fast.m, stopFast, []), MemoisedRunTests.outcome(stepped.m, stopStepped, []))
  }

  func testRandomLoopsAgreeWithStepping() {
    var withBlocks = 0, ranLong = 0
    var translated = Set<DirectOp>()
    let programs = 600
    for seed in 0..<UInt64(programs) {
      let board = seed % 3 == 2 ? Self.slowBoard : .generic
      let build = {
        var rng = SeededRandom(seed: seed)
        return Self.randomLoop(&rng, length: Int(seed % 12) + 2, iterations: 25, board: board)
      }
      let (fast, outcome, stepped) = Self.compare(build, maxCycles: 5_000)
      XCTAssertEqual(outcome, stepped, "seed \(seed) on \(board.name)")
      if fast.m.blockTable.count > 0 { withBlocks += 1 }
      for k in 0..<fast.m.blockTable.count {
        let b = fast.m.blockTable.blocks![k]
        for j in 0..<b.count { translated.insert(b.ops[j].op) }
      }
      if outcome.stop == "cycleLimit" { ranLong += 1 }
    }
    // Most programs must really exercise blocks and run to the end, or the test proves little.
    XCTAssertGreaterThan(withBlocks, programs / 2)
    XCTAssertGreaterThan(ranLong, programs / 3)
    let memoryForms: Set<DirectOp> = [
      .LDR_immediate, .LDRH_immediate, .LDRB_immediate, .LDRSH_immediate, .LDRSB_immediate, .LDR_literal,
      .LDR_register, .LDRH_register, .LDRB_register, .LDRD_immediate, .STR_immediate, .STRH_immediate,
      .STRB_immediate, .STR_register, .STRH_register, .STRB_register, .STRD_immediate,
    ]
    XCTAssertEqual(memoryForms.subtracting(translated), [], "every load and store form was translated")
    XCTAssertGreaterThan(translated.count, 100, "most direct ops were translated")
  }

  /// Code in SRAM that rewrites an instruction of its own loop body between passes: the write
  /// goes through the bus (a store over decoded code leaves the block), and the next pass must
  /// run the new instruction, not a stale translation.
  func testSelfModifyingLoopAgreesWithStepping() {
    func build() -> TestMachine {
      let loop: [Enc] = [
        adds(0, imm8: 1),  // the instruction that is rewritten (at SRAM + 0)
        adds(1, imm8: 3), subs(2, imm8: 1), bcond(1, -10),  // bne loop: 3 passes
        movs(2, 3), str(5, 6, 0),  // rewrite it with r5's halfwords
        adds(5, imm8: 1),  // next time: adds r0, #2, #3…
        subs(4, imm8: 1), bcond(1, -20),  // bne loop
        b(-4),
      ]
      let codeWords = loop.flatMap(\.halfwords)
      let t = TestMachine([b(-4)].flatMap(\.halfwords))
      var bytes: [UInt8] = []
      for hw in codeWords { bytes += [UInt8(hw & 0xFF), UInt8(hw >> 8)] }
      try! t.m.bus.load(bytes, at: sramBase)
      t.m.pc = sramBase
      t[2] = 3
      t[4] = 6
      t[5] = UInt32(adds(0, imm8: 2).halfwords[0]) | UInt32(adds(1, imm8: 3).halfwords[0]) << 16
      t[6] = sramBase
      return t
    }
    let (fast, outcome, stepped) = Self.compare(build, maxCycles: 2_000)
    XCTAssertEqual(outcome, stepped)
    XCTAssertEqual(outcome.stop, "cycleLimit")
    // Passes of 3 iterations adding 1, 2, 3, 4, 5, 6 (the last rewrite is never run).
    XCTAssertEqual(fast[0], 3 * (1 + 2 + 3 + 4 + 5 + 6))
    XCTAssertGreaterThan(fast.m.blockTable.count, 0)
  }

  /// A loop that reads DWT CYCCNT and LSUCNT with plain loads (which leave the block: the system
  /// space is not RAM) and stores them: the counters seen mid-loop must be the stepped ones.
  func testCountersReadInsideALoopAgreeWithStepping() {
    func build() -> TestMachine {
      let code: [Enc] = [
        ldr(1, 2, 0), adds(1, 1, 3), str(1, 2, 4),
        ldr(3, 4, 4),  // CYCCNT
        ldst8(.str, 3, 5, 4, .post),
        ldr(3, 4, 0x14),  // LSUCNT
        ldst8(.str, 3, 5, 4, .post),
        subs(7, imm8: 1), bcond(1, -24), b(-4),
      ]
      let t = TestMachine(code)
      t[2] = sramBase
      t[4] = 0xE000_1000
      t[5] = sramBase + 0x100
      t[7] = 40
      t.m.system.DEMCR |= 1 << 24  // TRCENA
      t.m.system.DWT_CTRL |= 1 | 1 << 17 | 1 << 20  // CYCCNTENA, CPIEVTENA, LSUEVTENA
      return t
    }
    let (fast, outcome, stepped) = Self.compare(build, maxCycles: 3_000)
    XCTAssertEqual(outcome, stepped)
    XCTAssertEqual(fast[5], sramBase + 0x100 + 40 * 8)
    XCTAssertGreaterThan(fast.m.blockTable.count, 0)
  }

  /// A loop that blocks take whole (loads, stores, SMLAD, a taken B<c>), interrupted by SysTick
  /// every 23 cycles on a board with wait states: a block is entered only when its worst case
  /// cannot reach the interrupt check, so interrupts must be taken at the same instruction
  /// boundaries as when stepping. The handler logs SysTick's current value and DWT CYCCNT.
  func testInterruptsBetweenBlocksAgreeWithStepping() {
    func build() -> TestMachine {
      let t = sysTickLoopMachine(
        loop: [
          ldr(5, 6, 0), ldr(1, 6, 4), Enc(0xFB25, 0x5501),  // smlad r5, r5, r1, r5
          str(5, 6, 8), ldst8(.ldr, 2, 7, 4, .post), adds(3, 3, 2), subs(4, imm8: 1),
        ], iterations: 250, reload: 22, dwtOffset: 0x004, board: Self.slowBoard)  // CYCCNT
      t.m.system.DEMCR |= 1 << 24
      t.m.system.DWT_CTRL |= 1
      t[6] = 0x2000_0100
      t[7] = 0x2000_0200
      for k in 0..<300 { t.poke32(0x2000_0100 + UInt32(4 * k), UInt32(0x0102_0304 &* UInt32(k + 1))) }
      return t
    }
    let (fast, outcome, stepped) = Self.compare(build, maxCycles: 30_000)
    XCTAssertEqual(outcome, stepped)
    XCTAssertEqual(outcome.stop, "cycleLimit")
    XCTAssertGreaterThan(fast[9], 0x2000_1000 + 200, "the handler ran many times")
    XCTAssertGreaterThan(fast.m.blockTable.count, 0)
  }

  /// A loop that calls a leaf function with BL (a block terminator that links) at a
  /// halfword-aligned target, whose BX LR return is stepped: LR, cycles and counters must match.
  func testCallsFromBlocksAgreeWithStepping() {
    func build() -> TestMachine {
      let code: [Enc] = [
        movs(0, 0),  // 0x00
        adds(3, imm8: 1), bl(0x0E - 0x08),  // 0x02 loop: adds r3, #1; bl f
        subs(7, imm8: 1), bcond(1, 0x02 - 0x0E),  // 0x08, 0x0A: bne loop
        b(-4),  // 0x0C
        adds(0, imm8: 1), ldst8(.ldr, 1, 2, 4, .post), adds(4, 4, 1), bx(14),  // 0x0E f
      ]
      let t = TestMachine(code)
      t[2] = sramBase
      t[7] = 50
      for k in 0..<64 { t.poke32(sramBase &+ UInt32(4 * k), UInt32(k * k + 1)) }
      return t
    }
    let (fast, outcome, stepped) = Self.compare(build, maxCycles: 3_000)
    XCTAssertEqual(outcome, stepped)
    XCTAssertEqual(fast[0], 50)
    XCTAssertEqual(fast[4], (0..<50).reduce(0) { $0 + UInt32($1 * $1 + 1) })
    XCTAssertEqual(fast[14], 0x09, "LR holds the return address with bit 0 set")
    let blocks = (0..<fast.m.blockTable.count).map { fast.m.blockTable.blocks![$0] }
    XCTAssertTrue(blocks.contains { $0.termLinks }, "a block ends with the BL")
  }

  /// A block built before its closing B<c> was ever taken hands back to the memoised loop there;
  /// once the branch has been taken (and priced) the block takes it as its terminator.
  func testTerminatorAttachedOnceTheBranchIsPriced() {
    func build() -> TestMachine {
      let code: [Enc] = [
        adds(0, imm8: 1), cmp(0, imm8: 5), bcond(0b1100, 0x08 - 0x08),  // 0x00 top: …; bgt far
        b(0x00 - 0x0A),  // 0x06: b top
        adds(1, imm8: 1), subs(7, imm8: 1), bcond(1, 0x00 - 0x10),  // 0x08 far: …; bne top
        b(-4),  // 0x0E
      ]
      let t = TestMachine(code)
      t[7] = 40
      return t
    }
    let (fast, outcome, stepped) = Self.compare(build, maxCycles: 3_000)
    XCTAssertEqual(outcome, stepped)
    XCTAssertEqual(fast[1], 40)
    let blocks = (0..<fast.m.blockTable.count).map { fast.m.blockTable.blocks![$0] }
    XCTAssertTrue(blocks.contains { $0.count == 2 && $0.endPC == 0x04 && $0.terminator != nil && $0.termCond == 0b1100 },
      "the block at top ends with its bgt")
  }
}
