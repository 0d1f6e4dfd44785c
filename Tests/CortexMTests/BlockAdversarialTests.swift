// Adversarial programs for translated blocks (Core/Blocks.swift): each is run with blocks
// (`run` without a hook) and stepped through the full model (a do-nothing hook), and every
// observable is compared — the MemoisedRunTests outcome (stop, registers, xPSR, cycles,
// instructions, DWT counts, SRAM) plus the fault report, the fault status registers, the raw
// stack/heap watermarks (configured here, so they measure something), the masks, CONTROL and
// the banked SP. Each test also checks that blocks were really built.

import XCTest
@testable import CortexM

/// A two-pass assembler with labels, so branch offsets and addresses follow the layout.
final class Asm {
  var hw: [UInt16] = []
  var labels: [String: Int] = [:]
  var known: [String: Int] = [:]
  let origin: UInt32
  init(origin: UInt32) { self.origin = origin }
  var offset: Int { hw.count * 2 }
  func label(_ n: String) { labels[n] = offset }
  private func position(_ n: String) -> Int? { known[n] ?? labels[n] }
  /// The absolute address of a label.
  func addr(_ n: String) -> UInt32 { origin &+ UInt32(position(n) ?? (offset + 64) & ~3) }  // forward: a placeholder
  /// A branch displacement to a label from the instruction emitted next (PC + 4).
  func rel(_ n: String) -> Int { (position(n) ?? offset + 4) - (offset + 4) }
  func emit(_ es: Enc...) { for e in es { hw += e.halfwords } }
  func emit(_ es: [Enc]) { for e in es { hw += e.halfwords } }
  func word(_ w: UInt32) { hw += [UInt16(w & 0xFFFF), UInt16(w >> 16)] }
  /// Pad with NOPs until the next instruction is word-aligned (`half`: halfword-aligned, bit 1 set).
  func align(half: Bool = false) { while (Int(origin) + offset) % 4 != (half ? 2 : 0) { emit(nop()) } }
  var bytes: [UInt8] { hw.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

  static func build(origin: UInt32 = 0, _ body: (Asm) -> Void) -> Asm {
    let first = Asm(origin: origin)
    body(first)
    let second = Asm(origin: origin)
    second.known = first.labels
    body(second)
    precondition(second.labels == first.labels, "layout changed between passes")
    return second
  }
}

final class BlockAdversarialTests: XCTestCase {
  static let sramEnd: UInt32 = 0x2004_0000
  static let slowBoard = BlockTests.slowBoard

  struct Full: Equatable {
    var base: MemoisedRunTests.Outcome
    var fault: String
    var lowestSP: UInt32, lowestStackWrite: UInt32, heapHighWrite: UInt32
    var cfsr: UInt32, bfar: UInt32, mmfar: UInt32
    var primask: UInt32, basepri: UInt32, control: UInt32, otherSP: UInt32
    var systickPending: Bool
  }

  static func full(_ t: TestMachine, _ stop: StopReason) -> Full {
    let m = t.m
    return Full(
      base: MemoisedRunTests.outcome(m, stop, []), fault: m.lastFault?.text ?? "-",
      lowestSP: m.watermarks.lowestSP, lowestStackWrite: m.watermarks.lowestStackWrite,
      heapHighWrite: m.watermarks.heapHighWrite, cfsr: m.system.CFSR, bfar: m.system.BFAR,
      mmfar: m.system.MMFAR, primask: m.PRIMASK, basepri: m.BASEPRI, control: m.CONTROL,
      otherSP: m.otherSP, systickPending: m.system.systickPending)
  }

  /// Run `build()` with blocks and stepped; returns both machines and outcomes.
  static func compare(_ build: () -> TestMachine, maxCycles: UInt64) -> (fast: TestMachine, stepped: TestMachine, a: Full, b: Full) {
    let fast = build(), stepped = build()
    stepped.m.onStep = { _, _ in }
    let s1 = fast.run(maxCycles: maxCycles), s2 = stepped.run(maxCycles: maxCycles)
    return (fast, stepped, full(fast, s1), full(stepped, s2))
  }

  /// A machine with `code` at 0 and, optionally, `sram` code loaded at its origin (pc there).
  static func machine(_ code: Asm, sram: Asm? = nil, board: Board = .generic) -> TestMachine {
    let t = TestMachine(code.hw, board: board)
    if let s = sram {
      try! t.m.bus.load(s.bytes, at: s.origin)
      t.m.pc = s.origin
    }
    return t
  }

  /// Stack and heap regions the watermarks measure: the top 8 KiB of SRAM is the stack, the
  /// heap is [SRAM + 4 KiB, SRAM + 32 KiB).
  static func configureWatermarks(_ t: TestMachine) {
    t.m.watermarks.stackLimit = sramEnd - 0x2000
    t.m.watermarks.heapBase = sramBase + 0x1000
    t.m.watermarks.heapLimit = sramBase + 0x8000
    t.m.watermarks.reset(stackTop: sramEnd)
  }

  static func fill(_ t: TestMachine, from: UInt32, words: Int, seed: UInt32 = 0x9E37_79B9) {
    var x = seed
    for k in 0..<words {
      x = x &* 1_664_525 &+ 1_013_904_223
      t.poke32(from &+ UInt32(4 * k), x)
    }
  }

  // MARK: LDRD / STRD edges

  /// LDRD walking up to the end of SRAM (and of the code region): the last one has its first
  /// word in memory and the second just past it (BusFault, registers untouched). STRD the same
  /// way: the first word is written before the fault. Both boards; stack watermarks armed.
  func testDoubleAccessesRunningOffTheEndOfMemory() {
    for board in [Board.generic, Self.slowBoard] {
      for (store, end) in [(false, Self.sramEnd), (true, Self.sramEnd), (false, UInt32(0x10_0000))] {
        let code = Asm.build { a in
          a.label("loop")
          if store {
            a.emit(strd(4, 5, 0, 8, .post))
            a.emit(adds(4, imm8: 1))
            a.emit(adds(5, imm8: 3))
          } else {
            a.emit(ldrd(2, 3, 0, 8, .post))
            a.emit(adds(4, 4, 2))
            a.emit(adds(5, 5, 3))
          }
          a.emit(adds(6, imm8: 1))
          a.emit(b(a.rel("loop")))
        }
        func build() -> TestMachine {
          let t = Self.machine(code, board: board)
          Self.configureWatermarks(t)
          t[0] = end - 4 - 8 * 24
          t[4] = 0x1111_1111
          t[5] = 0x2222_2222
          if end == Self.sramEnd { Self.fill(t, from: end - 0x100, words: 0x40) }
          return t
        }
        let (fast, _, got, want) = Self.compare(build, maxCycles: 20_000)
        XCTAssertEqual(got, want, "store \(store) end \(hex(end)) on \(board.name)")
        XCTAssertEqual(got.base.stop, "fault(CortexM.FaultKind.busFault)", got.fault)
        XCTAssertEqual(fast[6], 24, "24 passes before the fault")
        XCTAssertEqual(fast.m.system.BFAR, end)
        if store { XCTAssertEqual(fast.peek32(end - 4), 0x1111_1111 &+ 24, "the first word was written") }
        XCTAssertGreaterThan(fast.m.blockTable.count, 0)
      }
    }
  }

  /// Word, halfword, byte and double stores to the very last bytes of SRAM, reloaded, on a
  /// board with wait states; then a store one past the end ends the run.
  func testStoresToTheLastWordOfSRAM() {
    let code = Asm.build { a in
      a.label("loop")
      a.emit(str(1, 0, 4))
      a.emit(strh(2, 0, 6))
      a.emit(strb(3, 0, 7))
      a.emit(strd(1, 2, 0, 0))
      a.emit(ldr(4, 0, 4))
      a.emit(ldrd(5, 6, 0, 0))
      a.emit(ldrb(4, 0, 7))
      a.emit(adds(1, imm8: 3))
      a.emit(adds(2, imm8: 5))
      a.emit(adds(3, imm8: 7))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(strb(3, 0, 8))  // one past the end
    }
    for board in [Board.generic, Self.slowBoard] {
      func build() -> TestMachine {
        let t = Self.machine(code, board: board)
        Self.configureWatermarks(t)
        t[0] = Self.sramEnd - 8
        t[7] = 40
        return t
      }
      let (fast, _, got, want) = Self.compare(build, maxCycles: 20_000)
      XCTAssertEqual(got, want, board.name)
      XCTAssertEqual(got.base.stop, "fault(CortexM.FaultKind.busFault)")
      XCTAssertEqual(fast.peek32(Self.sramEnd - 8), fast[5])
      XCTAssertEqual(fast.m.watermarks.lowestStackWrite, Self.sramEnd - 8)
      XCTAssertGreaterThan(fast.m.blockTable.count, 0)
    }
  }

  /// Misaligned LDR/LDRH/STR/STRH after aligned first passes (blocks leave before them), then a
  /// misaligned LDRD (UsageFault); with CCR.UNALIGN_TRP set the second pass faults instead.
  func testMisalignedAccessesWithAndWithoutTheTrap() {
    let code = Asm.build { a in
      a.label("loop")
      a.emit(ldr(1, 0, 0))
      a.emit(ldrh(2, 0, 2))
      a.emit(str(1, 6, 0))
      a.emit(strh(2, 6, 4))
      a.emit(ldst8(.str, 1, 0, 8))
      a.emit(adds(0, imm8: 1))
      a.emit(adds(3, 3, 1))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(ldrd(2, 3, 0, 0))
      a.emit(b(-4))
    }
    for trap in [false, true] {
      for board in [Board.generic, Self.slowBoard] {
        func build() -> TestMachine {
          let t = Self.machine(code, board: board)
          if trap { t.m.system.CCR |= 8 }
          Self.fill(t, from: sramBase, words: 0x100)
          t[0] = sramBase + 0x40
          t[6] = sramBase + 0x200
          t[7] = 13
          return t
        }
        let (fast, _, got, want) = Self.compare(build, maxCycles: 20_000)
        XCTAssertEqual(got, want, "trap \(trap) on \(board.name)")
        XCTAssertEqual(got.base.stop, "fault(CortexM.FaultKind.unaligned)")
        XCTAssertEqual(fast[0], sramBase + 0x40 + (trap ? 1 : 13))
        XCTAssertGreaterThan(fast.m.blockTable.count, 0)
      }
    }
  }

  // MARK: Code-region loads and wait states

  /// Loads from the code region (literal T1/T2 both signs, immediate, register, LDRD, halfword
  /// and byte) on a board with 2 flash and 1 SRAM wait states, mixed with SRAM loads/stores.
  func testCodeRegionLoadsWithWaitStates() {
    let code = Asm.build { a in
      a.label("back")
      a.word(0x0BAD_BEEF)
      a.label("loop")
      a.emit(ldrLit(1, Int(a.addr("pool")) - ((Int(a.origin) + a.offset + 4) & ~3)))
      a.emit(ldst12(.ldr, 2, 5, 0x10))
      a.emit(ldrd(3, 4, 5, 0x18))
      a.emit(ldrh(6, 5, 0x22))
      a.emit(ldrb(0, 5, 0x1D))
      a.emit(ldst8(.str, 1, 8, 4, .post))
      a.emit(adds(3, 3, 1))
      a.emit(ldstLit(.ldr, 6, Int(a.addr("pool")) + 4 - ((Int(a.origin) + a.offset + 4) & ~3)))
      a.emit(ldstReg(.ldr, 4, 5, 9, lsl: 2))
      a.emit(adds(4, 4, 6))
      a.emit(ldst12(.str, 4, 8, 0))
      a.emit(ldstLit(.ldr, 2, Int(a.addr("back")) - ((Int(a.origin) + a.offset + 4) & ~3)))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(b(-4))
      a.align()
      a.label("pool")
      a.word(0xCAFE_F00D)
      a.word(0x1234_5678)
    }
    func build() -> TestMachine {
      let t = Self.machine(code, board: Self.slowBoard)
      t.m.pc = code.addr("loop")
      t[5] = 0
      t[8] = sramBase + 0x100
      t[9] = 3
      t[7] = 30
      return t
    }
    let (fast, _, got, want) = Self.compare(build, maxCycles: 20_000)
    XCTAssertEqual(got, want)
    XCTAssertEqual(got.base.stop, "cycleLimit")
    XCTAssertEqual(fast[1], 0xCAFE_F00D)
    XCTAssertEqual(fast[2], 0x0BAD_BEEF, "a literal below the loop")
    XCTAssertEqual(fast[8], sramBase + 0x100 + 30 * 4)
    XCTAssertGreaterThan(fast.m.blockTable.count, 0)
  }

  // MARK: Self-modifying code in SRAM

  /// A loop in SRAM that rewrites an instruction *later in its own block* before running it:
  /// a 16-bit one (sometimes with the same bytes, which still forgets the decode) and the imm8
  /// byte of a 32-bit ADD.W (a byte store into the second halfword of a decoded instruction).
  func testStoresOverLaterInstructionsOfTheSameBlock() {
    let table = sramBase + 0x800, bytes = sramBase + 0xA00
    let program = Asm.build(origin: sramBase) { a in
      a.label("loop")
      a.emit(ldst8(.ldrh, 5, 4, 2, .post))
      a.emit(ldst8(.ldrb, 3, 8, 1, .post))
      a.emit(strh(5, 6, 0))
      a.emit(strb(3, 6, 8))  // rewrite `patch` and add.w's imm8
      a.emit(adds(1, imm8: 1))
      a.label("patch")
      a.emit(adds(0, imm8: 1))
      a.emit(adds(2, imm8: 1))
      a.emit(nop())
      a.emit(dpImm(.add, 9, 9, imm12: 1))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(b(-4))
    }
    let n = 40
    var values: [Int] = []
    func build() -> TestMachine {
      let t = Self.machine(Asm.build { $0.emit(b(-4)) }, sram: program)
      values = []
      for k in 0..<n {
        let v = k % 3 == 0 ? 1 : (k * 7) % 200 + 1  // 1: the bytes already there
        values.append(v)
        try! t.m.bus.load([UInt8(v), 0x30], at: table + UInt32(2 * k))  // adds r0, #v
        try! t.m.bus.load([UInt8(k % 5 == 0 ? 1 : k)], at: bytes + UInt32(k))
      }
      t[4] = table
      t[6] = program.addr("patch")
      t[8] = bytes
      t[7] = UInt32(n)
      return t
    }
    let (fast, _, got, want) = Self.compare(build, maxCycles: 30_000)
    XCTAssertEqual(got, want)
    XCTAssertEqual(got.base.stop, "cycleLimit")
    XCTAssertEqual(fast[0], UInt32(values.reduce(0, +)))
    XCTAssertEqual(fast[9], UInt32((0..<n).reduce(0) { $0 + ($1 % 5 == 0 ? 1 : $1) }))
    XCTAssertGreaterThan(fast.m.blockTable.count, 0)
  }

  /// A block ending in `b target` (halfword-aligned) whose body first rewrites the target: it
  /// alternates between one 32-bit ADD.W (the taken branch pays +1) and two 16-bit instructions,
  /// so the memoised taken price and target size must not be reused across the rewrite.
  func testStoresOverTheBranchTarget() {
    let table = sramBase + 0x800
    let program = Asm.build(origin: sramBase) { a in
      a.label("loop")
      a.emit(ldrh(5, 4, 0))
      a.emit(ldrh(1, 4, 2))
      a.emit(adds(4, imm8: 4))
      a.emit(strh(5, 6, 0))
      a.emit(strh(1, 6, 2))
      a.emit(adds(3, imm8: 1))
      a.emit(b(a.rel("target")))
      a.align(half: true)
      a.label("target")
      a.emit(dpImm(.add, 0, 0, imm12: 1))  // replaced from the table every pass
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(b(-4))
    }
    let wide = dpImm(.add, 0, 0, imm12: 1).halfwords, narrow = [adds(0, imm8: 2).halfwords[0], adds(2, imm8: 1).halfwords[0]]
    let n = 48
    var rng = SeededRandom(seed: 7)
    let pattern = (0..<n).map { _ in Bool.random(using: &rng) }
    func build() -> TestMachine {
      let t = Self.machine(Asm.build { $0.emit(b(-4)) }, sram: program)
      for k in 0..<n {
        let hws = pattern[k] ? wide : narrow
        try! t.m.bus.load(hws.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, at: table + UInt32(4 * k))
      }
      t[4] = table
      t[6] = program.addr("target")
      t[7] = UInt32(n)
      return t
    }
    let (fast, _, got, want) = Self.compare(build, maxCycles: 30_000)
    XCTAssertEqual(got, want)
    XCTAssertEqual(got.base.stop, "cycleLimit")
    XCTAssertEqual(fast[0], UInt32(pattern.reduce(0) { $0 + ($1 ? 1 : 2) }))
    XCTAssertEqual(fast[3], UInt32(n))
    XCTAssertGreaterThan(fast.m.blockTable.count, 0)
  }

  /// A loop in SRAM that rewrites an instruction of a function it calls with BL (code decoded
  /// in a *different* block), including passes that write the bytes already there; then a
  /// second phase with no more rewrites, where blocks must be rebuilt and chained again.
  func testStoresOverCodeDecodedInAnotherBlock() {
    let table = sramBase + 0x800
    let program = Asm.build(origin: sramBase) { a in
      a.label("loop")
      a.emit(ldst8(.ldrh, 5, 4, 2, .post))
      a.emit(strh(5, 6, 0))
      a.emit(bl(a.rel("f")))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.label("loop2")
      a.emit(bl(a.rel("f")))
      a.emit(subs(3, imm8: 1))
      a.emit(bcond(1, a.rel("loop2")))
      a.emit(b(-4))
      a.align(half: true)
      a.label("f")
      a.emit(adds(1, imm8: 1))
      a.label("fpatch")
      a.emit(adds(0, imm8: 1))
      a.emit(ldst8(.str, 0, 9, 4, .post))
      a.emit(adds(2, imm8: 1))
      a.emit(bx(14))
    }
    let n = 30
    func value(_ k: Int) -> Int { k % 4 == 0 ? 1 : k + 2 }
    func build() -> TestMachine {
      let t = Self.machine(Asm.build { $0.emit(b(-4)) }, sram: program)
      for k in 0..<n { try! t.m.bus.load([UInt8(value(k)), 0x30], at: table + UInt32(2 * k)) }
      t[4] = table
      t[6] = program.addr("fpatch")
      t[7] = UInt32(n)
      t[3] = 20
      t[9] = sramBase + 0x1000
      return t
    }
    let (fast, _, got, want) = Self.compare(build, maxCycles: 40_000)
    XCTAssertEqual(got, want)
    XCTAssertEqual(got.base.stop, "cycleLimit")
    let last = value(n - 1)
    XCTAssertEqual(fast[0], UInt32((0..<n).reduce(0) { $0 + value($1) } + 20 * last))
    XCTAssertEqual(fast[1], UInt32(n + 20))
    XCTAssertGreaterThan(fast.m.blockTable.count, 0)
  }

  // MARK: Limits at block boundaries

  /// A loop of loads, stores, LDRD/STRD, a B<c> taken to a halfword-aligned 32-bit target and a
  /// BL, run with every cycle limit from 0 to 170 on both boards: a run must stop at exactly the
  /// instruction boundary stepping stops at.
  func testEveryCycleLimitStopsWhereSteppingStops() {
    let code = Self.mixedLoop()
    for board in [Board.generic, Self.slowBoard] {
      var sawBlocks = false
      for limit in UInt64(0)...170 {
        let (fast, _, got, want) = Self.compare({ Self.mixedMachine(code, board: board) }, maxCycles: limit)
        if got != want { XCTFail("limit \(limit) on \(board.name): \(got) vs \(want)"); break }
        if fast.m.blockTable.count > 0 { sawBlocks = true }
      }
      XCTAssertTrue(sawBlocks)
    }
  }

  static func mixedLoop() -> Asm {
    Asm.build { a in
      a.label("loop")
      a.emit(ldr(1, 6, 0))
      a.emit(ldrd(2, 3, 6, 8))
      a.emit(adds(1, 1, 2))
      a.emit(str(1, 6, 4))
      a.emit(strd(2, 1, 8, 8, .post))
      a.emit(lsls(5, 7, 31))
      a.emit(bcond(0, a.rel("odd")))  // beq odd (r7 even)
      a.emit(adds(4, imm8: 1))
      a.emit(bl(a.rel("f")))
      a.align(half: true)
      a.label("odd")
      a.emit(dpImm(.add, 10, 10, imm12: 3))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(b(-4))
      a.align(half: true)
      a.label("f")
      a.emit(dpImm(.add, 11, 11, imm12: 1))
      a.emit(ldst8(.ldr, 12, 9, 4, .post))
      a.emit(bx(14))
    }
  }

  static func mixedMachine(_ code: Asm, board: Board) -> TestMachine {
    let t = machine(code, board: board)
    configureWatermarks(t)
    fill(t, from: sramBase, words: 0x200)
    t[6] = sramBase + 0x40
    t[8] = sramBase + 0x400
    t[9] = sramBase + 0x80
    t[7] = 60
    return t
  }

  /// The same loop run in random slices (`run` again after each cycle limit) with blocks and
  /// stepped: every observable must agree at every slice boundary, not just at the end.
  func testRunsResumedInSlicesAgreeAtEverySlice() {
    let code = Self.mixedLoop()
    for board in [Board.generic, Self.slowBoard] {
      let fast = Self.mixedMachine(code, board: board), stepped = Self.mixedMachine(code, board: board)
      stepped.m.onStep = { _, _ in }
      var rng = SeededRandom(seed: 11)
      var limit: UInt64 = 0
      var slices = 0
      while limit < 2_500 {
        limit += UInt64.random(in: 1...45, using: &rng)
        fast.m.stop = nil
        stepped.m.stop = nil
        let s1 = fast.run(maxCycles: limit), s2 = stepped.run(maxCycles: limit)
        let got = Self.full(fast, s1), want = Self.full(stepped, s2)
        if got != want { XCTFail("slice \(slices) to \(limit) on \(board.name): \(got) vs \(want)"); break }
        slices += 1
      }
      XCTAssertGreaterThan(slices, 80)
      XCTAssertEqual(fast[7], 0, "the loop finished")
      XCTAssertGreaterThan(fast.m.blockTable.count, 0)
    }
  }

  /// SysTick every reload + 1 cycles for every reload from 4 to 44 on both boards, over a loop
  /// that blocks take whole (loads, LDRD, STRD, stores, a taken B<c>): interrupts must land at
  /// the same instruction boundaries as when stepping.
  func testSysTickReloadSweep() {
    for board in [Board.generic, Self.slowBoard] {
      var withBlocks = 0
      for reload in UInt32(4)...44 {
        func build() -> TestMachine {
          let t = sysTickLoopMachine(
            loop: [
              ldr(1, 6, 0), ldrd(2, 3, 6, 8), adds(1, 1, 2), str(1, 6, 4), strd(2, 1, 7, 8, .post),
              ldst8(.ldr, 8, 6, 4, .post), adds(3, 3, 1), subs(4, imm8: 1),
            ], iterations: 120, reload: reload, dwtOffset: 0x004, board: board)
          t.m.system.DEMCR |= 1 << 24
          t.m.system.DWT_CTRL |= 1
          t[6] = 0x2000_0100
          t[7] = 0x2000_2000
          return t
        }
        let (fast, _, got, want) = Self.compare(build, maxCycles: 4_000)
        if got != want { XCTFail("reload \(reload) on \(board.name): \(got) vs \(want)"); break }
        XCTAssertGreaterThan(fast[9], 0x2000_1000, "the handler ran")
        if fast.m.blockTable.count > 0 { withBlocks += 1 }
      }
      XCTAssertGreaterThan(withBlocks, 30)
    }
  }

  /// CPSID/CPSIE and MSR BASEPRI around block-able code while SysTick fires: a pending but
  /// masked interrupt must be taken at the first instruction after CPSIE, as when stepping.
  func testPRIMASKAndBASEPRIAroundBlocks() {
    for reload in [UInt32(9), 17, 30, 51] {
      func build() -> TestMachine {
        let t = sysTickLoopMachine(
          loop: [
            ldr(1, 6, 0), adds(1, imm8: 1), cpsid(i: true), str(1, 6, 0), ldr(2, 6, 4), adds(2, 2, 1), str(2, 6, 4),
            ldrd(2, 3, 6, 8), cpsie(i: true), msr(17, 7), adds(3, 3, 2), strd(3, 2, 6, 16), msr(17, 8), subs(4, imm8: 1),
          ], iterations: 150, reload: reload, dwtOffset: 0x014)
        t.m.system.DEMCR |= 1 << 24
        t.m.system.DWT_CTRL |= 1 | 1 << 20
        t[6] = 0x2000_0100
        t[7] = 0x40
        t[8] = 0
        return t
      }
      let (fast, _, got, want) = Self.compare(build, maxCycles: 8_000)
      XCTAssertEqual(got, want, "reload \(reload)")
      XCTAssertGreaterThan(fast[9], 0x2000_1000 + 16)
      XCTAssertGreaterThan(fast.m.blockTable.count, 0)
    }
  }

  /// Thread mode runs a block-able loop with SP arithmetic; the SysTick handler (IPSR = 15, on
  /// MSP) runs its own loop of blocks with a BL to a halfword-aligned 32-bit leaf and returns
  /// with POP {r4, pc}. Thread on MSP: runs to the limit. Thread on PSP: the exception return
  /// goes wrong the same way both ways (see `testExceptionReturnToAThreadOnPSP`), so only the
  /// agreement is checked there. CONTROL, the banked SP and the watermarks must agree.
  static let handlerProgram: Asm = Asm.build { a in
      for k in 0..<16 { a.word(k == 15 ? a.addr("handler") | 1 : k == 0 ? BlockAdversarialTests.sramEnd : 0) }
      a.emit(str(1, 0, 4))
      a.emit(str(3, 0, 8))
      a.emit(str(2, 0, 0))  // arm SysTick
      a.label("loop")
      a.emit(ldr(5, 6, 0))
      a.emit(adds(5, imm8: 1))
      a.emit(str(5, 6, 0))
      a.emit(subSP(8))
      a.emit(strSP(5, 4))
      a.emit(ldrd(1, 2, 6, 8))
      a.emit(strd(1, 2, 13, 0))
      a.emit(addSP(4))
      a.emit(addSP(4))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(b(-4))
      a.align()
      a.label("handler")
      a.emit(push([4, 14]))
      a.emit(ldrLit(2, Int(a.addr("lit")) - ((Int(a.origin) + a.offset + 4) & ~3)))
      a.emit(ldr(3, 2, 0))
      a.emit(movs(4, 5))
      a.label("hloop")
      a.emit(ldr(1, 2, 4))
      a.emit(adds(1, 1, 4))
      a.emit(ldst8(.str, 1, 3, 4, .post))
      a.emit(bl(a.rel("leaf")))
      a.emit(subs(4, imm8: 1))
      a.emit(bcond(1, a.rel("hloop")))
      a.emit(str(3, 2, 0))
      a.emit(pop([4, 15]))
      a.align(half: true)
      a.label("leaf")
      a.emit(dpImm(.add, 12, 12, imm12: 1))
      a.emit(adds(0, imm8: 0))
      a.emit(bx(14))
      a.align()
      a.label("lit")
      a.word(0x2000_2000)
  }

  static func handlerMachine(reload: UInt32, psp: Bool) -> TestMachine {
        let t = Self.machine(handlerProgram)
        Self.configureWatermarks(t)
        t.m.pc = 0x40
        if psp {
          t.m.CONTROL = 2
          t.m.otherSP = Self.sramEnd  // MSP
          t.m.setSP(sramBase + 0x8000)  // PSP
        }
        t[0] = 0xE000_E010
        t[1] = reload
        t[2] = 7
        t[3] = 0
        t[6] = sramBase + 0x100
        t[7] = 200
        t.poke32(0x2000_2000, 0x2000_3000)
        t.poke32(0x2000_2004, 0x1000)
        return t
  }

  func testHandlerModeBlocks() {
    for psp in [false, true] {
      for reload in [UInt32(60), 97, 143] {
        let (fast, _, got, want) = Self.compare({ Self.handlerMachine(reload: reload, psp: psp) }, maxCycles: 12_000)
        XCTAssertEqual(got, want, "reload \(reload) psp \(psp)")
        XCTAssertGreaterThan(fast.m.blockTable.count, 0)
        XCTAssertEqual(got.base.stop, "cycleLimit", got.fault)
        XCTAssertLessThan(fast[7], 200, "the thread loop progressed")
        XCTAssertGreaterThan(fast.peek32(0x2000_2000), 0x2000_3000 + 4 * 5 * 10, "the handler ran its loop")
        let handlerBlocks = (0..<fast.m.blockTable.count).filter { fast.m.blockTable.blocks![$0].termLinks }
        XCTAssertFalse(handlerBlocks.isEmpty, "a block in the handler ends with the BL")
      }
    }
  }

  /// Found by this suite (both ways agreed, both wrong): an exception taken from thread mode on
  /// PSP (CONTROL.SPSEL = 1) returned by unstacking from MSP, because the return swapped to PSP
  /// only when the thread had *not* been on it. §B1.5.8: EXC_RETURN 0xFFFFFFFD unstacks from PSP
  /// and returns to thread mode on it, whichever stack the handler ran on.
  func testExceptionReturnToAThreadOnPSP() {
    // SysTick every 401 cycles: the ~100-cycle handler leaves the thread time to run.
    let t = Self.handlerMachine(reload: 400, psp: true)
    var stop = t.run(maxCycles: 3_000)
    XCTAssertEqual(stop, .cycleLimit, t.m.lastFault?.text ?? "")
    // Step on to the next point in thread mode (the limit may land inside the handler).
    for _ in 0..<10_000 where t.m.IPSR != 0 && stop == .cycleLimit {
      t.m.stop = nil
      stop = t.run(maxCycles: t.m.cycles + 1)
    }
    XCTAssertEqual(t.m.IPSR, 0)
    XCTAssertEqual(t.m.CONTROL & 2, 2, "back in thread mode on PSP")
    XCTAssertLessThan(t[7], 200, "the thread loop progressed across interrupts")
    XCTAssertEqual(t.m.otherSP, Self.sramEnd, "MSP is back at its top")
    XCTAssertGreaterThan(t.m.SP, sramBase + 0x8000 - 0x40, "PSP is the thread's stack again")
    XCTAssertLessThanOrEqual(t.m.SP, sramBase + 0x8000)
  }

  /// A BusFault from a block's side exit (LDRD whose second word is past SRAM) vectored to a
  /// handler that rewinds the stacked base register and runs a small loop of its own; the
  /// faulting LDRD is retried, and this repeats until the cycle limit.
  func testVectoredFaultsFromSideExits() {
    let code = Asm.build { a in
      for k in 0..<16 { a.word(k == 0 ? Self.sramEnd : (3...6).contains(k) ? a.addr("handler") | 1 : 0) }
      a.label("loop")
      a.emit(ldrd(4, 5, 0, 8, .post))
      a.emit(adds(7, 7, 4))
      a.emit(adds(2, imm8: 1))
      a.emit(b(a.rel("loop")))
      a.align()
      a.label("handler")
      a.emit(ldrSP(1, 0))
      a.emit(movs(2, 1))
      a.emit(lsls(2, 2, 8))
      a.emit(subs(1, 1, 2))
      a.emit(strSP(1, 0))
      a.emit(adds(6, imm8: 1))
      a.emit(movs(2, 4))
      a.label("hl")
      a.emit(adds(3, imm8: 1))
      a.emit(subs(2, imm8: 1))
      a.emit(bcond(1, a.rel("hl")))
      a.emit(bx(14))
    }
    for board in [Board.generic, Self.slowBoard] {
      func build() -> TestMachine {
        let t = Self.machine(code, board: board)
        t.m.vectoredFaults = true
        t.m.pc = 0x40
        t.m.setSP(Self.sramEnd - 0x400)
        Self.configureWatermarks(t)
        Self.fill(t, from: Self.sramEnd - 0x200, words: 0x80)
        t[0] = Self.sramEnd - 4 - 8 * 20
        return t
      }
      let (fast, _, got, want) = Self.compare(build, maxCycles: 12_000)
      XCTAssertEqual(got, want, board.name)
      XCTAssertEqual(got.base.stop, "cycleLimit")
      XCTAssertGreaterThan(fast[6], 5, "several faults were taken and returned from")
      XCTAssertGreaterThan(fast.m.blockTable.count, 0)
    }
  }

  // MARK: Chaining and entry states

  /// B<c> taken or not by a data-dependent pattern (not a period), with block-able code on
  /// both ways out: the untaken way chains into the block after the terminator.
  func testUntakenBcondFallsThroughIntoAnotherBlock() {
    let code = Asm.build { a in
      a.label("loop")
      a.emit(ldst8(.ldrb, 1, 5, 1, .post))
      a.emit(cmp(1, imm8: 0))
      a.emit(bcond(0, a.rel("skip")))
      a.emit(ldr(2, 6, 0))
      a.emit(adds(2, 2, 1))
      a.emit(str(2, 6, 0))
      a.emit(ldrd(2, 3, 6, 8))
      a.emit(adds(3, 3, 2))
      a.emit(strd(3, 2, 6, 8))
      a.label("skip")
      a.emit(ldr(0, 6, 4))
      a.emit(adds(0, imm8: 1))
      a.emit(str(0, 6, 4))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(b(-4))
    }
    for board in [Board.generic, Self.slowBoard] {
      var rng = SeededRandom(seed: 3)
      // The first pass takes the B<c>, so its taken price is known when the block is built.
      let pattern = [0] + (1..<120).map { _ in UInt8.random(in: 0...2, using: &rng) }
      func build() -> TestMachine {
        let t = Self.machine(code, board: board)
        try! t.m.bus.load(pattern, at: sramBase + 0x800)
        t[5] = sramBase + 0x800
        t[6] = sramBase + 0x100
        t[7] = UInt32(pattern.count)
        return t
      }
      let (fast, _, got, want) = Self.compare(build, maxCycles: 30_000)
      XCTAssertEqual(got, want, board.name)
      XCTAssertEqual(fast.peek32(sramBase + 0x104), UInt32(pattern.count))
      XCTAssertEqual(fast.peek32(sramBase + 0x100), pattern.reduce(0) { $0 + UInt32($1) })
      let blocks = (0..<fast.m.blockTable.count).map { fast.m.blockTable.blocks![$0] }
      XCTAssertTrue(blocks.contains { $0.fallNext != 0 }, "an untaken terminator chained")
      XCTAssertTrue(blocks.contains { $0.takenNext != 0 }, "a taken terminator chained")
    }
  }

  /// One instruction reached by falling through after a pipelinable load and by a branch (a
  /// flushed pipeline), alternating by a data pattern: its memoised key is overwritten again and
  /// again, and two blocks (one per entry state) start there, with different prices.
  func testOneAddressTwoEntryStatesAndOverwrittenMemoKeys() {
    let code = Asm.build { a in
      a.label("loop")
      a.emit(ldst8(.ldrb, 1, 5, 1, .post))
      a.emit(cmp(1, imm8: 0))
      a.emit(bcond(0, a.rel("viaBranch")))
      a.emit(regOffset(.ldrsb, 2, 6, 1))  // a load no block takes: a block starts at L after it
      a.label("L")
      a.emit(ldr(3, 6, 4))
      a.emit(ldr(0, 6, 8))
      a.emit(adds(4, 4, 3))
      a.emit(adds(4, 4, 0))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(b(-4))
      a.label("viaBranch")
      a.emit(adds(6, 6, imm3: 0))
      a.emit(b(a.rel("L")))
    }
    var rng = SeededRandom(seed: 5)
    let pattern = (0..<100).map { _ in UInt8.random(in: 0...1, using: &rng) }
    func build() -> TestMachine {
      let t = Self.machine(code)
      try! t.m.bus.load(pattern, at: sramBase + 0x800)
      t[5] = sramBase + 0x800
      t[6] = sramBase + 0x100
      t.poke32(sramBase + 0x104, 5)
      t.poke32(sramBase + 0x108, 7)
      t[7] = UInt32(pattern.count)
      return t
    }
    let (fast, _, got, want) = Self.compare(build, maxCycles: 30_000)
    XCTAssertEqual(got, want)
    XCTAssertEqual(fast[4], UInt32(pattern.count * 12))
    let entry = code.addr("L")
    let slot = fast.m.bus.code.decoded + Int(entry >> 1)
    var keys = Set<UInt64>(), prices = Set<UInt64>()
    var index = slot.pointee.block
    while index != 0 {
      let blk = fast.m.blockTable.blocks![Int(index - 1)]
      keys.insert(blk.entryKey)
      prices.insert(blk.bodyCycles)
      index = blk.nextSameEntry
    }
    XCTAssertEqual(keys.count, 2, "one block per entry state at L")
    XCTAssertEqual(prices.count, 2, "priced differently (the load pipelines after LDRSB)")
  }

  // MARK: Forms and registers

  /// Loads into their own base (pointer chasing with LDR and LDRD, t == n and t2 == n without
  /// write-back), pre/post-indexed write-back of every size, register offsets with LSL, STR of
  /// SP, and SP write-back forms (which a body does not take) in the middle of the loop.
  func testBaseRegisterAndWritebackForms() {
    let code = Asm.build { a in
      a.label("loop")
      a.emit(ldr(0, 0, 0))
      a.emit(ldrd(0, 1, 0, 0))
      a.emit(ldrd(2, 0, 0, 8))  // chase three ways
      a.emit(ldst8(.ldr, 3, 4, 4, .pre))
      a.emit(ldst8(.ldrb, 5, 4, -1, .post))
      a.emit(ldst8(.ldrsh, 5, 4, 2, .pre))
      a.emit(ldst8(.ldrsb, 5, 4, -1, .pre))
      a.emit(ldst8(.str, 3, 8, 4, .post))
      a.emit(ldst8(.strh, 5, 8, 2, .post))
      a.emit(ldst8(.strb, 1, 8, 1, .pre))
      a.emit(ldstReg(.ldr, 9, 10, 11, lsl: 2))
      a.emit(ldstReg(.ldrh, 12, 10, 11, lsl: 1))
      a.emit(ldstReg(.str, 9, 10, 11, lsl: 3))
      a.emit(ldst12(.str, 13, 10, 0x40))  // str.w sp, [r10, #0x40]
      a.emit(ldst8(.str, 1, 13, -8, .pre))
      a.emit(ldst8(.ldr, 6, 13, 8, .post))  // SP write-back (not in bodies)
      a.emit(dpImm(.add, 11, 11, imm12: 1))
      a.emit(dpImm(.and, 11, 11, imm12: 7))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(b(-4))
    }
    func build() -> TestMachine {
      let t = Self.machine(code)
      Self.configureWatermarks(t)
      let nodes = sramBase + 0x100, count = 9
      for k in 0..<count {
        let node = nodes + UInt32(16 * k), next = nodes + UInt32(16 * ((k + 1) % count))
        t.poke32(node, next)
        t.poke32(node + 4, UInt32(k * 3))
        t.poke32(node + 8, UInt32(k * 5))
        t.poke32(node + 12, next)
      }
      Self.fill(t, from: sramBase + 0x400, words: 0x100)
      t[0] = nodes
      t[4] = sramBase + 0x400
      t[8] = sramBase + 0x1800
      t[10] = sramBase + 0x600
      t[11] = 0
      t[7] = 40
      return t
    }
    let (fast, _, got, want) = Self.compare(build, maxCycles: 30_000)
    XCTAssertEqual(got, want)
    XCTAssertEqual(got.base.stop, "cycleLimit")
    XCTAssertEqual(fast[7], 0)
    XCTAssertEqual(fast.peek32(sramBase + 0x640), Self.sramEnd, "STR of SP")
    XCTAssertGreaterThan(fast.m.blockTable.count, 0)
  }

  /// SP arithmetic (SUB/ADD SP, MOV SP from a register with low bits set, which a write to SP
  /// clears) and stores around SP, into the heap region and deep into the stack region, with the
  /// watermarks armed: lowest SP, lowest stack write and highest heap write must agree.
  func testWatermarksFromBlockStores() {
    let code = Asm.build { a in
      a.label("loop")
      a.emit(subSP(16))
      a.emit(strSP(1, 12))
      a.emit(strd(1, 2, 13, 0))
      a.emit(addSP(8))
      a.emit(ldst8(.str, 1, 5, 4, .post))
      a.emit(strh(2, 6, 0))
      a.emit(subs(6, imm8: 4))
      a.emit(ldst12(.strb, 2, 9, 0))
      a.emit(mov(10, 13))
      a.emit(dpImm(.sub, 12, 10, imm12: 3))
      a.emit(mov(13, 12))
      a.emit(str(2, 4, 0))
      a.emit(mov(13, 10))  // SP = (SP - 3) & ~3, then back
      a.emit(adds(1, imm8: 1))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("loop")))
      a.emit(b(-4))
    }
    func build() -> TestMachine {
      let t = Self.machine(code)
      Self.configureWatermarks(t)
      t[4] = Self.sramEnd - 0x1F00  // deep in the stack region
      t[5] = sramBase + 0x1000  // heap
      t[6] = Self.sramEnd - 0x100
      t[9] = sramBase + 0x7FFF  // the last heap byte
      t[7] = 50
      return t
    }
    let (fast, _, got, want) = Self.compare(build, maxCycles: 30_000)
    XCTAssertEqual(got, want)
    XCTAssertEqual(fast[7], 0)
    XCTAssertEqual(fast.m.watermarks.heapHighWrite, sramBase + 0x8000)
    XCTAssertLessThan(fast.m.watermarks.lowestSP, Self.sramEnd - 50 * 8)
    XCTAssertEqual(fast.m.watermarks.lowestStackWrite, Self.sramEnd - 0x1F00)
    XCTAssertGreaterThan(fast.m.blockTable.count, 0)
  }

  // MARK: Region ends and long lines

  /// A loop whose B<c> is the last halfword of SRAM: when it falls through, the next fetch is
  /// past the end (BusFault). The same at the end of the code region.
  func testLoopEndingAtTheLastHalfwordOfARegion() {
    let body: (Asm) -> Void = { a in
      a.label("L")
      a.emit(ldr(2, 6, 0))
      a.emit(adds(1, 1, 2))
      a.emit(adds(0, imm8: 1))
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(1, a.rel("L")))
    }
    for end in [Self.sramEnd, UInt32(0x10_0000)] {
      let probe = Asm.build(body)
      let program = Asm.build(origin: end - UInt32(probe.offset), body)
      func build() -> TestMachine {
        let t = Self.machine(Asm.build { $0.emit(b(-4)) }, sram: end == Self.sramEnd ? program : nil, board: Self.slowBoard)
        if end != Self.sramEnd {
          try! t.m.bus.load(program.bytes, at: program.origin)
          t.m.pc = program.origin
        }
        t[6] = sramBase + 0x100
        t.poke32(sramBase + 0x100, 3)
        t[7] = 30
        return t
      }
      let (fast, _, got, want) = Self.compare(build, maxCycles: 10_000)
      XCTAssertEqual(got, want, hex(end))
      XCTAssertEqual(got.base.stop, "fault(CortexM.FaultKind.busFault)", got.fault)
      XCTAssertEqual(fast[0], 30)
      XCTAssertEqual(fast.m.lastFault?.pc, end)
      XCTAssertGreaterThan(fast.m.blockTable.count, 0)
    }
  }

  /// A straight line longer than a block body (64 ops) of loads, stores and ALU/DSP ops, so the
  /// line is split into blocks that hand over without a terminator.
  func testStraightLinesLongerThanABlock() {
    let code = Asm.build { a in
      var r = SeededRandom(seed: 21)
      a.label("loop")
      for k in 0..<150 {
        switch k % 6 {
        case 0: a.emit(ldr(Int.random(in: 0...3, using: &r), 6, 4 * Int.random(in: 0...15, using: &r)))
        case 1: a.emit(str(Int.random(in: 0...3, using: &r), 6, 4 * Int.random(in: 16...31, using: &r)))
        case 2: a.emit(adds(Int.random(in: 0...3, using: &r), Int.random(in: 0...3, using: &r), Int.random(in: 0...3, using: &r)))
        case 3: a.emit(ldrd(8, 9, 6, 8 * Int.random(in: 0...7, using: &r)))
        case 4: a.emit(smlad(10, 8, 9, 10))
        default: a.emit(qadd(11, 11, Int.random(in: 0...3, using: &r)))
        }
      }
      a.emit(subs(7, imm8: 1))
      a.emit(bcond(0, a.rel("done")))
      a.emit(b(a.rel("loop")))
      a.label("done")
      a.emit(b(-4))
    }
    for board in [Board.generic, Self.slowBoard] {
      func build() -> TestMachine {
        let t = Self.machine(code, board: board)
        Self.fill(t, from: sramBase, words: 0x100)
        t[6] = sramBase
        t[7] = 12
        return t
      }
      let (fast, _, got, want) = Self.compare(build, maxCycles: 40_000)
      XCTAssertEqual(got, want, board.name)
      XCTAssertEqual(fast[7], 0, got.base.stop + got.fault)
      let blocks = (0..<fast.m.blockTable.count).map { fast.m.blockTable.blocks![$0] }
      XCTAssertTrue(blocks.contains { $0.count == BlockTable.maxOps }, "a body was cut at maxOps")
    }
  }
}
