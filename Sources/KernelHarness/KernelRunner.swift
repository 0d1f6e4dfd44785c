// Runs one kernel image on one case and compares its outputs with the golden model's.
//
// Memory layout (generic-m4): the image at the code base (0x0); in SRAM from 0x2000_0000 the
// argument struct, then each input and output tensor (16-byte aligned, each output followed by a
// 16-byte guard), then the arena; the stack at the top of SRAM. Outputs, guards and the arena are
// prefilled with a canary pattern: a guard byte that changes is reported as a write past the end
// of a tensor, and the arena high-water is the highest arena byte that no longer holds the canary
// (or the highest byte written, as the bus reports it, whichever is larger).
// r0 = the struct's address, LR = Machine.exitSentinel | 1, SP = top of SRAM.

import CortexM
import FQTGolden
import Foundation

/// The first element where a kernel output differs from the golden model.
public struct Mismatch: Codable, Equatable, Sendable, CustomStringConvertible {
  public var tensor: String
  public var index: Int
  public var expected: Int64
  public var got: Int64
  /// How many elements of this tensor differ.
  public var count: Int
  public var description: String {
    "\(tensor)[\(index)]: expected \(expected), got \(got) (\(count) element\(count == 1 ? "" : "s") differ)"
  }
}

/// What one kernel run measured.
public struct KernelRunResult: Codable, Sendable {
  public var kernel: String
  public var caseLabel: String
  public var seed: UInt32
  /// "exited", or why the run stopped otherwise (fault, cycle limit, …).
  public var stop: String
  /// cmemu's exit status for a run that did not return normally (`ExitStatus.forStop`); nil
  /// when the kernel returned.
  public var stopStatus: Int32?
  public var faultText: String?
  public var bitExact: Bool
  public var mismatch: Mismatch?
  /// Guard bytes after an output tensor that the kernel overwrote.
  public var overruns: [String]
  public var cycles: UInt64
  public var instructions: UInt64
  public var macs: Int
  public var macPerCycle: Double
  public var stackBytes: UInt32
  public var arenaBytes: Int
  public var arenaSize: Int
  public var parameters: [String: Int]

  /// Passed: returned normally, every output bit-exact, no overrun.
  public var passed: Bool { stop == "exited" && bitExact && overruns.isEmpty }

  public var summary: String {
    var s = "kernel \(kernel): \(caseLabel), seed \(seed)\n"
    if stop != "exited" {
      s += "  did not return: \(stop)\(faultText.map { "\n  " + $0 } ?? "")\n"
    } else if let m = mismatch {
      s += "  MISMATCH: \(m)\n"
    } else {
      s += "  bit-exact\n"
    }
    for o in overruns { s += "  OVERRUN: the kernel wrote past the end of \(o)\n" }
    s += "  cycles \(cycles), instructions \(instructions) (CPI \(String(format: "%.3f", instructions == 0 ? 0 : Double(cycles) / Double(instructions))))\n"
    if macs > 0 { s += "  MACs \(macs), \(String(format: "%.3f", macPerCycle)) MAC/cycle\n" }
    s += "  stack high-water \(stackBytes) B, arena high-water \(arenaBytes) B of \(arenaSize) B"
    return s
  }

  public func json() throws -> Data {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try e.encode(self)
  }
}

public enum KernelRunner {
  static let guardBytes = 16
  /// Called after every instruction of a kernel run when set (profiling in tests and tools).
  nonisolated(unsafe) public static var profileHook: ((Machine, Instruction) -> Void)? = nil
  /// Bytes kept free below the top of SRAM for the stack.
  static let stackReserve: UInt32 = 16 << 10

  static func canary(_ n: Int, salt: UInt32) -> [UInt8] {
    var x = XorShift32(seed: 0xA5A5_1234 ^ salt)
    return (0..<n).map { _ in UInt8(truncatingIfNeeded: x.next() >> 7) }
  }

  static let argsCanaryBytes = 64

  /// Runs `image` (a flat kernel .bin) on `c`.
  public static func run(
    image: [UInt8], case c: KernelCase, board: Board = .generic, maxCycles: UInt64 = 2_000_000_000
  ) throws -> KernelRunResult {
    let m = Machine(board: board)
    try m.bus.load(image, at: board.code.base)

    // Layout.
    let sramBase = board.sram.base
    let sramTop = board.sram.base &+ board.sram.size
    var cursor = sramBase
    func take(_ n: Int, align: UInt32 = 16) -> UInt32 {
      cursor = (cursor + align - 1) & ~(align - 1)
      let a = cursor
      cursor += UInt32(n)
      return a
    }
    // The argument struct, followed by canary bytes: a kernel that reads past its struct gets
    // garbage here, as it would in firmware, instead of the zeros of fresh SRAM.
    let argsAddr = take(c.args.count * 4 + argsCanaryBytes)
    try m.bus.load(canary(argsCanaryBytes, salt: 0xA265), at: argsAddr + UInt32(c.args.count * 4))
    var address: [String: UInt32] = [:]
    for t in c.inputs {
      address[t.name] = take(max(t.bytes.count, 1))
      try m.bus.load(t.bytes, at: address[t.name]!)
    }
    var guards: [(String, UInt32, [UInt8])] = []
    for (k, t) in c.outputs.enumerated() {
      let a = take(t.bytes.count + guardBytes)
      address[t.name] = a
      let fill = c.initialOutputs[t.name] ?? canary(t.bytes.count, salt: UInt32(k))
      try m.bus.load(fill, at: a)
      let g = canary(guardBytes, salt: 0x100 + UInt32(k))
      try m.bus.load(g, at: a + UInt32(t.bytes.count))
      guards.append((t.name, a + UInt32(t.bytes.count), g))
    }
    let arena = take(max(c.scratchBytes, 0))
    let arenaFill = canary(c.scratchBytes, salt: 0xA7E)
    if !arenaFill.isEmpty { try m.bus.load(arenaFill, at: arena) }
    guard cursor <= sramTop - stackReserve else {
      throw HarnessError("case \(c.label) needs \(cursor - sramBase) bytes of SRAM; \(board.name) has "
        + "\(board.sram.size - stackReserve) below the stack reserve")
    }
    // The argument struct.
    var words: [Int32] = []
    for (name, f) in c.args {
      switch f {
      case .tensor(let n):
        guard let a = address[n] else { throw HarnessError("argument \(name) names unknown tensor \(n)") }
        words.append(Int32(bitPattern: a))
      case .null: words.append(0)
      case .value(let v): words.append(v)
      case .scratch: words.append(Int32(bitPattern: arena))
      case .scratchSize: words.append(Int32(c.scratchBytes))
      }
    }
    try m.bus.load(le32(words), at: argsAddr)

    // Registers and watermarks.
    m.regs[0] = argsAddr
    m.pc = board.code.base
    m.nextPC = board.code.base
    m.setSP(sramTop)
    m.regs[14] = Machine.exitSentinel | 1
    m.watermarks.stackLimit = sramTop - stackReserve
    m.watermarks.heapBase = arena
    m.watermarks.heapLimit = arena + UInt32(c.scratchBytes)
    m.watermarks.reset(stackTop: sramTop)

    m.onStep = profileHook
    let stop = m.run(maxCycles: maxCycles)
    var stopText: String
    switch stop {
    case .exited: stopText = "exited"
    case .fault(let k): stopText = "fault \(k)"
    case .cycleLimit: stopText = "cycle limit \(maxCycles) reached at pc=0x\(hex(m.pc))"
    case .breakpoint(let b): stopText = "BKPT #\(b) at pc=0x\(hex(m.pc))"
    case .semihostingError: stopText = "semihosting error"
    }

    // Compare.
    var mismatch: Mismatch? = nil
    for t in c.outputs {
      guard let got = m.bus.peek(address[t.name]!, count: t.bytes.count) else { continue }
      if got == t.bytes { continue }
      var first = -1
      var n = 0
      for i in 0..<t.count where t.type.value(got, i) != t.type.value(t.bytes, i) {
        if first < 0 { first = i }
        n += 1
      }
      mismatch = Mismatch(tensor: t.name, index: first, expected: t.type.value(t.bytes, first),
        got: t.type.value(got, first), count: n)
      break
    }
    var overruns: [String] = []
    for (name, a, g) in guards where m.bus.peek(a, count: g.count) != g { overruns.append(name) }
    var arenaHigh = 0
    if c.scratchBytes > 0, let now = m.bus.peek(arena, count: c.scratchBytes) {
      var i = c.scratchBytes
      while i > 0 && now[i - 1] == arenaFill[i - 1] { i -= 1 }
      arenaHigh = i
    }
    arenaHigh = max(arenaHigh, Int(m.watermarks.heapBytes))

    return KernelRunResult(
      kernel: c.kernel, caseLabel: c.label, seed: c.seed, stop: stopText, stopStatus: ExitStatus.forStop(stop),
      faultText: m.lastFault?.text, bitExact: mismatch == nil, mismatch: mismatch,
      overruns: overruns, cycles: m.cycles, instructions: m.instructions, macs: c.macs,
      macPerCycle: m.cycles == 0 ? 0 : Double(c.macs) / Double(m.cycles),
      stackBytes: m.watermarks.stackBytes, arenaBytes: arenaHigh, arenaSize: c.scratchBytes,
      parameters: c.parameters)
  }
}

public struct HarnessError: Error, CustomStringConvertible {
  public var description: String
  public init(_ d: String) { description = d }
}
