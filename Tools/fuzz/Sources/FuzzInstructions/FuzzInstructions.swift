// libFuzzer target: random instruction streams with random register and memory state.
//
// Input layout (missing bytes read as zero):
//   [0, 64)    r0–r15 (r13 is the initial SP, r15 is ignored: execution starts at 0x0)
//   [64, 68)   APSR flags (N Z C V Q GE) in APSR layout; byte 66 low 8 bits = ITSTATE
//   [68]       options: bit0 vectoredFaults, bit1 CCR.UNALIGN_TRP, bit2 CCR.DIV_0_TRP,
//              bit3 CONTROL.SPSEL (thread on PSP), bit4 CCR.STKALIGN, bit5 PRIMASK
//   [69, 72)   reserved
//   [72, 328)  256 bytes copied to SRAM at 0x2000_0000 and to the top 256 bytes of SRAM
//   [328, …)   code, loaded at 0x0 (so it is also the vector table)
// The machine runs for at most 10k cycles. The emulator must never trap, crash or hang.

import CortexM
#if canImport(Glibc)
  import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInstructions(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  InstructionFuzz.run(bytes)
  return 0
}

enum InstructionFuzz {
  static let board = Board.generic

  static func byte(_ b: [UInt8], _ i: Int) -> UInt8 { i < b.count ? b[i] : 0 }
  static func word(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(byte(b, i)) | UInt32(byte(b, i + 1)) << 8 | UInt32(byte(b, i + 2)) << 16 | UInt32(byte(b, i + 3)) << 24
  }

  static func run(_ b: [UInt8]) {
    let m = Machine(board: board)
    m.semihosting.write = { _, _ in }
    m.semihosting.readByte = { nil }
    m.semihosting.maxOutputBytes = 1 << 16
    let code = b.count > 328 ? Array(b[328...]) : []
    if !code.isEmpty { try? m.bus.load(Array(code.prefix(Int(board.code.size))), at: board.code.base) }
    let sramData = (0..<256).map { byte(b, 72 + $0) }
    try? m.bus.load(sramData, at: board.sram.base)
    try? m.bus.load(sramData, at: board.sram.base &+ board.sram.size &- 256)
    for r in 0..<15 { m.regs[r] = word(b, 4 * r) }
    m.APSR = word(b, 64)
    m.ITSTATE = byte(b, 66)
    let opts = byte(b, 68)
    m.vectoredFaults = opts & 1 != 0
    if opts & 2 != 0 { m.system.CCR |= 1 << 3 }
    if opts & 4 != 0 { m.system.CCR |= 1 << 4 }
    if opts & 8 != 0 { m.CONTROL |= 2; m.otherSP = board.sram.base &+ board.sram.size }
    if opts & 16 != 0 { m.system.CCR |= 1 << 9 }
    if opts & 32 != 0 { m.PRIMASK = 1 }
    // The disassembler sees the same stream (as `cmemu disasm` and --trace would).
    _ = Disassembler.listing(bytes: Array(code.prefix(512)), base: board.code.base, symbols: [:])
    m.pc = board.code.base
    m.nextPC = m.pc
    _ = m.run(maxCycles: 10_000)
    if let f = m.lastFault { _ = f.text }
    _ = RunReport(program: "fuzz", machine: m).summary
  }
}
