// Regression tests for inputs found by the libFuzzer targets in Tools/fuzz (issue 9 §1).
// Each committed input under Vectors/fuzz/ is replayed exactly as its fuzz target runs it
// (file name prefix = target: `loader-…`, `instructions-…`); the emulator must not trap.
// Specific bugs also get a direct test of the fixed behaviour.

import Foundation
import XCTest
@testable import CortexM

enum FuzzReplay {
  /// Tools/fuzz/Sources/FuzzLoader: byte 0 picks the board (bit 7: vectored faults), the rest is the file.
  static func loader(_ data: [UInt8]) -> String {
    guard let first = data.first else { return "empty" }
    let board = Board.presets[Int(first) % Board.presets.count]
    let m = Machine(board: board)
    m.semihosting.write = { _, _ in }
    m.semihosting.readByte = { nil }
    m.vectoredFaults = first & 0x80 != 0
    do {
      let image = try ProgramImage.parse(Array(data.dropFirst()), board: board, name: "fuzz.elf")
      try m.load(image)
    } catch {
      return "rejected: \(error)"
    }
    let stop = m.run(maxCycles: 10_000)
    _ = m.lastFault?.text
    return "ran: \(stop)"
  }

  /// Tools/fuzz/Sources/FuzzInstructions (see the layout there).
  static func instructions(_ b: [UInt8]) -> String {
    func byte(_ i: Int) -> UInt8 { i < b.count ? b[i] : 0 }
    func word(_ i: Int) -> UInt32 { UInt32(byte(i)) | UInt32(byte(i + 1)) << 8 | UInt32(byte(i + 2)) << 16 | UInt32(byte(i + 3)) << 24 }
    let board = Board.generic
    let m = Machine(board: board)
    m.semihosting.write = { _, _ in }
    m.semihosting.readByte = { nil }
    m.semihosting.maxOutputBytes = 1 << 16
    if b.count > 328 { try? m.bus.load(Array(b[328...].prefix(Int(board.code.size))), at: board.code.base) }
    let sramData = (0..<256).map { byte(72 + $0) }
    try? m.bus.load(sramData, at: board.sram.base)
    try? m.bus.load(sramData, at: board.sram.base &+ board.sram.size &- 256)
    for r in 0..<15 { m.regs[r] = word(4 * r) }
    m.APSR = word(64)
    m.ITSTATE = byte(66)
    let opts = byte(68)
    m.vectoredFaults = opts & 1 != 0
    if opts & 2 != 0 { m.system.CCR |= 1 << 3 }
    if opts & 4 != 0 { m.system.CCR |= 1 << 4 }
    if opts & 8 != 0 { m.CONTROL |= 2; m.otherSP = board.sram.base &+ board.sram.size }
    if opts & 16 != 0 { m.system.CCR |= 1 << 9 }
    if opts & 32 != 0 { m.PRIMASK = 1 }
    m.pc = board.code.base
    m.nextPC = m.pc
    let stop = m.run(maxCycles: 10_000)
    _ = m.lastFault?.text
    return "ran: \(stop)"
  }
}

final class FuzzRegressionTests: XCTestCase {
  func testCommittedFuzzInputsReplayWithoutTrapping() throws {
    let dir = Repo.url("Vectors/fuzz")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasSuffix(".md") }.sorted()
    XCTAssertFalse(names.isEmpty)
    for name in names {
      let data = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
      let result: String
      if name.hasPrefix("loader-") {
        result = FuzzReplay.loader(data)
      } else if name.hasPrefix("instructions-") {
        result = FuzzReplay.instructions(data)
      } else {
        XCTFail("\(name): unknown fuzz target prefix")
        continue
      }
      XCTAssertFalse(result.isEmpty, name)
    }
  }

  /// Found by FuzzLoader (Vectors/fuzz/loader-get-cmdline-size-0): SYS_GET_CMDLINE with a
  /// zero-size buffer trapped on `prefix(-1)`. Now it returns -1 and writes nothing.
  func testGetCmdlineWithZeroSizeBufferFailsCleanly() {
    for size: UInt32 in [0, 1, 4, 0xFFFF_FFFF] {
      let t = TestMachine([0xBEAB, 0xE7FE])  // bkpt 0xab; b .
      t.m.semihosting.commandLine = "prog arg"
      t.poke32(sramBase, sramBase + 0x100)  // block: buffer, size
      t.poke32(sramBase + 4, size)
      t.poke32(sramBase + 0x100, 0xAAAA_AAAA)
      t[0] = 0x15
      t[1] = sramBase
      t.step()
      XCTAssertNil(t.m.stop, "size \(size)")
      switch size {
      case 0:
        XCTAssertEqual(t[0], 0xFFFF_FFFF, "no room for the NUL: -1")
        XCTAssertEqual(t.peek32(sramBase + 0x100), 0xAAAA_AAAA, "buffer untouched")
      case 1:
        XCTAssertEqual(t[0], 0)
        XCTAssertEqual(t.peek32(sramBase + 0x100), 0xAAAA_AA00, "just the NUL")
        XCTAssertEqual(t.peek32(sramBase + 4), 0)
      case 4:
        XCTAssertEqual(t.peek32(sramBase + 0x100), 0x006F_7270, "\"pro\" + NUL")
      default:
        XCTAssertEqual(t.peek32(sramBase + 4), 8, "whole line")
      }
    }
  }

  /// Found by review while fuzzing: Machine.load zero-filled a segment's p_memsz before checking
  /// it fits, so a 4 GiB p_memsz allocated 4 GiB. Now the fit is checked first.
  func testHugeMemorySizeIsRejectedBeforeAllocating() throws {
    var b = ELFBuilder.program(status: 0)
    b.segments = [.init(vaddr: 0x100, paddr: 0x100, data: [0, 0x20, 0x70, 0x47], memsz: 0xFFFF_FE00)]
    b.entry = 0x101
    let image = try ProgramImage.parse(b.build())
    XCTAssertThrowsError(try Machine().load(image)) { error in
      XCTAssertTrue("\(error)".contains("does not fit"), "\(error)")
    }
  }
}
