// Shared test support: a machine with code at 0x0 and data in SRAM, loaded from halfwords
// produced by the typed encoders (Encoders*.swift), stepped instruction by instruction.

import XCTest
@testable import CortexM

/// Base address where test data lives.
let sramBase: UInt32 = 0x2000_0000

final class TestMachine {
  let m: Machine

  /// A machine with `code` (halfwords, in program order) at address 0 and SP at the top of SRAM.
  init(_ code: [UInt16], board: Board = .generic) {
    m = Machine(board: board)
    var bytes: [UInt8] = []
    for hw in code { bytes += [UInt8(hw & 0xFF), UInt8(hw >> 8)] }
    try! m.bus.load(bytes, at: 0)
    m.pc = 0
    m.setSP(board.sram.base &+ board.sram.size)
    m.regs[14] = Machine.exitSentinel | 1
  }

  convenience init(_ instructions: [Enc]) { self.init(instructions.flatMap { $0.halfwords }) }

  subscript(r: Int) -> UInt32 {
    get { m.regs[r] }
    set { m.regs[r] = newValue }
  }

  /// Execute `count` instructions (or until the machine stops).
  @discardableResult
  func step(_ count: Int = 1) -> TestMachine {
    for _ in 0..<count where m.stop == nil { m.step() }
    return self
  }

  /// Run until stop; returns the stop reason.
  func run(maxCycles: UInt64 = 1_000_000) -> StopReason { m.run(maxCycles: maxCycles) }

  func poke32(_ address: UInt32, _ value: UInt32) {
    try! m.bus.load([UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)], at: address)
  }

  func peek32(_ address: UInt32) -> UInt32 { m.bus.peek32(address)! }

  var flags: String {
    (m.N ? "N" : "n") + (m.Z ? "Z" : "z") + (m.C ? "C" : "c") + (m.V ? "V" : "v") + (m.Q ? "Q" : "q")
  }
}

/// One encoded instruction: 16-bit or 32-bit (hw1:hw2).
struct Enc {
  var halfwords: [UInt16]
  init(_ hw: UInt16) { halfwords = [hw] }
  init(_ hw1: UInt16, _ hw2: UInt16) { halfwords = [hw1, hw2] }
  init(word: UInt32) { halfwords = [UInt16(word >> 16), UInt16(word & 0xFFFF)] }
}
