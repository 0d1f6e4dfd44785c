// `Machine.run` without a hook replays memoised prices and calls hot semantics directly
// (Core/Execution.swift `runMemoised`, Core/DirectDispatch.swift). With a hook installed it
// steps every instruction through the table and the full cycle model. These tests run the
// same programs both ways and require every observable to agree: output, stop, registers,
// flags, cycles, instructions, the DWT event counters and the high-water marks.

import Foundation
import XCTest
@testable import CortexM

final class MemoisedRunTests: XCTestCase {
  struct Outcome: Equatable {
    var stop: String
    var output: String
    var registers: [UInt32]
    var xPSR: UInt32
    var cycles: UInt64
    var instructions: UInt64
    var cpiExtra: UInt64
    var lsuExtra: UInt64
    var folded: UInt64
    var stackBytes: UInt32
    /// FNV-1a of all of SRAM (the bytes themselves would flood a failure message).
    var sramHash: UInt64
  }

  static func outcome(_ m: Machine, _ stop: StopReason, _ out: [UInt8]) -> Outcome {
    Outcome(
      stop: "\(stop)", output: String(decoding: out, as: UTF8.self),
      registers: (0..<16).map { m.regs[$0] }, xPSR: m.xPSR, cycles: m.cycles,
      instructions: m.instructions, cpiExtra: m.timing.cpiExtra, lsuExtra: m.timing.lsuExtra,
      folded: m.timing.folded, stackBytes: m.watermarks.stackBytes,
      sramHash: (m.bus.peek(m.bus.sram.base, count: Int(m.bus.sram.size)) ?? []).reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
  }

  /// Run an ELF program with or without a (do-nothing) per-instruction hook.
  static func runProgram(_ url: URL, hooked: Bool) throws -> Outcome {
    let m = Machine()
    var out: [UInt8] = []
    m.semihosting.write = { buf, _ in out += buf }
    m.semihosting.readByte = { nil }
    m.semihosting.commandLine = url.lastPathComponent
    try m.load(try ProgramImage.parse([UInt8](try Data(contentsOf: url)), name: url.lastPathComponent))
    if hooked { m.onStep = { _, _ in } }
    let stop = m.run(maxCycles: 2_000_000_000)
    return outcome(m, stop, out)
  }

  func testEveryCorpusProgramAgreesWithStepping() throws {
    // bench-* run 30 M instructions each: too slow twice over in a debug build; the
    // benchmark (`cmemu bench`) runs them memoised and prints their counts.
    let programs = ProgramCorpusTests.programs().filter { !$0.lastPathComponent.hasPrefix("bench-") }
    XCTAssertGreaterThanOrEqual(programs.count, 30)
    for url in programs {
      let fast = try Self.runProgram(url, hooked: false)
      let stepped = try Self.runProgram(url, hooked: true)
      XCTAssertTrue(fast.stop.hasPrefix("exited"), "\(url.lastPathComponent): \(fast.stop)")
      XCTAssertEqual(fast, stepped, url.lastPathComponent)
    }
  }

  /// A loop of memoisable loads, stores, ALU and DSP instructions, a conditional branch to a
  /// halfword-aligned target and an IT block, interrupted by SysTick every 37 cycles; the
  /// handler records SysTick's current value and DWT LSUCNT, so any difference in when an
  /// interrupt is taken or in the counters shows in SRAM.
  func testInterruptedLoopAgreesWithStepping() {
    func build() -> TestMachine {
      let t = sysTickLoopMachine(
        preamble: [Enc(0xBF00)],  // nop: the loop head below sits at a halfword address
        loop: [
          ldr(5, 6, 0), ldr(1, 6, 4), adds(5, 5, 1), str(5, 6, 8),
          ldst12(.ldr, 2, 6, 1),  // an unaligned word load: +1 cycle
          ldm16(7, [1, 2]),  // LDM of two registers (writeback: r7 walks SRAM)
          Enc(0xFB25, 0x5501),  // smlad r5, r5, r1, r5
          cmp(4, imm8: 100), Enc(0xBF08), adds(3, imm8: 1),  // it eq; addeq r3, #1
          subs(4, imm8: 1),
        ], iterations: 200, reload: 36, dwtOffset: 0x014)  // LSUCNT
      t[6] = 0x2000_0100
      t[7] = 0x2000_0120
      for k in 0..<12 { t.poke32(0x2000_0100 + UInt32(4 * k), UInt32(0x0102_0304 &* UInt32(k + 1))) }
      return t
    }
    let fast = build(), stepped = build()
    stepped.m.onStep = { _, _ in }
    let stopFast = fast.run(maxCycles: 20_000), stopStepped = stepped.run(maxCycles: 20_000)
    XCTAssertEqual(stopFast, .cycleLimit)
    XCTAssertGreaterThan(fast.m.instructions, 2_000)
    XCTAssertGreaterThan(fast.m.timing.folded + fast.m.timing.lsuExtra, 0)
    XCTAssertGreaterThan(fast[9], 0x2000_1000 + 100, "the handler ran many times")
    XCTAssertEqual(Self.outcome(fast.m, stopFast, []), Self.outcome(stepped.m, stopStepped, []))
  }

  /// Every row that `runMemoised` calls by name (`DirectOp`) does, on random operands, exactly
  /// what its table entry does: registers, flags, memory, effect record and fault.
  func testDirectCallsMatchTheTable() {
    var rng = SystemRandomNumberGenerator()
    var rowsTested = 0
    for (index, row) in Decoder.table.enumerated() where Decoder.directOps[index] != .none {
      var executed = 0
      for _ in 0..<200 where executed < 40 {
        let raw = (UInt32.random(in: 0...UInt32.max, using: &rng) & ~row.pattern.mask) | row.pattern.value
        let size = row.pattern.width / 8
        guard case .instruction(let inst) = Decoder.decode(size == 2 ? raw & 0xFFFF : raw, size: size),
          Int(inst.row) == index
        else { continue }
        XCTAssertEqual(inst.direct, Decoder.directOps[index])
        // Registers mostly point into SRAM so that loads and stores reach memory.
        let regs: [UInt32] = (0..<15).map { _ in
          Bool.random(using: &rng) ? 0x2000_0000 &+ UInt32.random(in: 0..<0x4000, using: &rng) : UInt32.random(in: 0...UInt32.max, using: &rng)
        }
        let apsr = UInt32.random(in: 0...UInt32.max, using: &rng) & 0xF80F_0000
        func machine() -> Machine {
          let m = Machine()
          for r in 0..<15 { m.regs[r] = regs[r] }
          m.regs[13] &= ~3
          m.APSR = apsr
          m.pc = 0x100
          m.nextPC = 0x100 &+ UInt32(size)
          m.effect.reset()
          return m
        }
        let viaTable = machine(), direct = machine()
        var slot = inst
        var faultTable: String? = nil, faultDirect: String? = nil
        do { try Decoder.semantics[Int(inst.semantics)].run(viaTable, inst) } catch { faultTable = "\(error)" }
        do { try direct.executeDirect(&slot) } catch { faultDirect = "\(error)" }
        let name = "\(row.name) \(String(raw, radix: 16))"
        XCTAssertEqual(faultTable, faultDirect, name)
        XCTAssertEqual((0..<15).map { viaTable.regs[$0] }, (0..<15).map { direct.regs[$0] }, name)
        XCTAssertEqual(viaTable.xPSR, direct.xPSR, name)
        XCTAssertEqual(viaTable.nextPC, direct.nextPC, name)
        XCTAssertEqual(viaTable.effect.accesses, direct.effect.accesses, name)
        XCTAssertEqual(viaTable.effect.extraCycles, direct.effect.extraCycles, name)
        XCTAssertEqual(viaTable.effect.branched, direct.effect.branched, name)
        XCTAssertEqual(viaTable.bus.peek(0x2000_0000, count: 0x4100), direct.bus.peek(0x2000_0000, count: 0x4100), name)
        executed += 1
      }
      XCTAssertGreaterThan(executed, 0, "\(row.name): no random encoding decoded to it")
      rowsTested += 1
    }
    XCTAssertGreaterThanOrEqual(rowsTested, 100)
  }
}
