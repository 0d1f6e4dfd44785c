// `--trace FILE`: one line per executed instruction — cycle count, PC, encoding, disassembly,
// registers and flags written, memory accesses. Installed through `Machine.onStep`, so a run
// without tracing pays one nil check per instruction.

import Foundation

public final class Tracer {
  var lines: [String] = []
  var previous: [UInt32] = Array(repeating: 0, count: 16)
  var previousAPSR: UInt32 = 0
  var previousCycles: UInt64 = 0
  let handle: FileHandle
  let tempPath: String
  let finalPath: String
  var pending = ""

  /// Start tracing `m` into `path` (written to a temporary file, renamed on `finish`).
  public init(machine m: Machine, path: String) throws {
    finalPath = path
    let url = URL(fileURLWithPath: path)
    tempPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
    guard FileManager.default.createFile(atPath: tempPath, contents: nil), let h = FileHandle(forWritingAtPath: tempPath) else {
      throw LoadError("cannot write trace \(path)")
    }
    handle = h
    for k in 0..<16 { previous[k] = m.regs[k] }
    previousAPSR = m.APSR
    previousCycles = m.cycles
    pending = "# cycle\tpc\tencoding\tdisassembly\twrites\tmemory\n"
    m.onStep = { [unowned self] machine, inst in self.record(machine, inst) }
  }

  func record(_ m: Machine, _ i: Instruction) {
    let pc = m.lastPC
    let enc = i.size == 4 ? "\(hex(i.raw >> 16, width: 4)) \(hex(i.raw & 0xFFFF, width: 4))" : hex(i.raw, width: 4)
    let cond: UInt8? = nil
    var text = Int(i.row) < Decoder.table.count ? Disassembler.format(i, address: pc, itCondition: cond) : "?"
    if m.effect.conditionFailed { text += " (condition failed)" }
    var writes: [String] = []
    for k in 0..<15 where m.regs[k] != previous[k] {
      writes.append("\(Disassembler.reg(UInt8(k)))=\(hex(m.regs[k]))")
      previous[k] = m.regs[k]
    }
    let apsr = m.APSR
    if apsr != previousAPSR {
      writes.append("apsr=\(hex(apsr))")
      previousAPSR = apsr
    }
    let memory = m.effect.accesses > 0 ? "\(m.effect.accesses)x @\(hex(m.effect.lastAddress))" : ""
    pending += "\(previousCycles)\t\(hex(pc))\t\(enc)\t\(text)\t\(writes.joined(separator: " "))\t\(memory)\n"
    previousCycles = m.cycles
    if pending.utf8.count > 1 << 16 { flush() }
  }

  func flush() {
    handle.write(Data(pending.utf8))
    pending = ""
  }

  /// Finish the trace: flush and atomically move it into place.
  public func finish() throws {
    flush()
    try handle.close()
    if rename(tempPath, finalPath) != 0 { throw LoadError("cannot write trace \(finalPath)") }
  }
}

/// `--profile FILE`: per-function inclusive and exclusive cycles, calls and deepest stack, in
/// the callgrind format that kcachegrind/qcachegrind open, attributed with the ELF's symbols.
public final class Profiler {
  struct Frame { var function: Int; var returnAddress: UInt32; var entryCycles: UInt64; var entryInstructions: UInt64 }
  struct Stats {
    var exclusiveCycles: UInt64 = 0
    var exclusiveInstructions: UInt64 = 0
    var calls: UInt64 = 0
    var inclusiveCycles: UInt64 = 0
    var deepestStack: UInt32 = 0
    var callees: [Int: (calls: UInt64, cycles: UInt64, instructions: UInt64)] = [:]
  }

  let functions: [Symbol]
  var stats: [Stats]
  var stack: [Frame] = []
  var lastCycles: UInt64
  let unknown: Int

  public init(machine m: Machine, symbols: [Symbol]) {
    functions = symbols.filter(\.isFunction).sorted { $0.address < $1.address } + [Symbol(name: "(unknown)", address: 0, size: 0, isFunction: true)]
    unknown = functions.count - 1
    stats = Array(repeating: Stats(), count: functions.count)
    lastCycles = m.cycles
    stack = [Frame(function: index(of: m.pc), returnAddress: .max, entryCycles: m.cycles, entryInstructions: 0)]
    stats[stack[0].function].calls = 1
    m.onStep = { [unowned self] machine, inst in self.record(machine, inst) }
  }

  func index(of address: UInt32) -> Int {
    var lo = 0, hi = functions.count - 2
    var found = unknown
    while lo <= hi {
      let mid = (lo + hi) / 2
      if functions[mid].address <= address { found = mid; lo = mid + 1 } else { hi = mid - 1 }
    }
    if found != unknown, functions[found].size != 0, address >= functions[found].address &+ functions[found].size { return unknown }
    return found
  }

  func record(_ m: Machine, _ i: Instruction) {
    let spent = m.cycles &- lastCycles
    lastCycles = m.cycles
    let current = stack[stack.count - 1].function
    stats[current].exclusiveCycles &+= spent
    stats[current].exclusiveInstructions &+= 1
    let depth = m.watermarks.stackTop &- m.SP
    for f in stack where depth > stats[f.function].deepestStack && depth < 0x8000_0000 { stats[f.function].deepestStack = depth }
    let name = Int(i.row) < Decoder.table.count ? Decoder.table[Int(i.row)].name : ""
    if name.hasPrefix("BL") && m.effect.branched {
      let callee = index(of: m.nextPC)
      stack.append(Frame(function: callee, returnAddress: m.lastPC &+ UInt32(i.size), entryCycles: m.cycles, entryInstructions: m.instructions))
      stats[callee].calls &+= 1
    } else {
      while stack.count > 1, m.nextPC == stack[stack.count - 1].returnAddress & ~1 {
        let frame = stack.removeLast()
        let cycles = m.cycles &- frame.entryCycles
        // A recursive function's inner frames are already inside its outermost one.
        if !stack.contains(where: { $0.function == frame.function }) {
          stats[frame.function].inclusiveCycles &+= cycles
        }
        let caller = stack[stack.count - 1].function
        var edge = stats[caller].callees[frame.function] ?? (0, 0, 0)
        edge.calls += 1
        edge.cycles &+= cycles
        edge.instructions &+= m.instructions &- frame.entryInstructions
        stats[caller].callees[frame.function] = edge
      }
    }
  }

  /// The callgrind-format profile text.
  public func callgrind(program: String, machine m: Machine) -> String {
    while stack.count > 1 {
      let frame = stack.removeLast()
      if !stack.contains(where: { $0.function == frame.function }) {
        stats[frame.function].inclusiveCycles &+= m.cycles &- frame.entryCycles
      }
      let caller = stack[stack.count - 1].function
      var edge = stats[caller].callees[frame.function] ?? (0, 0, 0)
      edge.calls += 1
      edge.cycles &+= m.cycles &- frame.entryCycles
      stats[caller].callees[frame.function] = edge
    }
    var s = "# callgrind format\nversion: 1\ncreator: cmemu\ncmd: \(program)\npositions: instr\nevents: Cycles Instructions\n"
    s += "summary: \(m.cycles) \(m.instructions)\n\n"
    for (k, st) in stats.enumerated() where st.exclusiveInstructions > 0 || st.calls > 0 {
      s += "fn=\(functions[k].name)\n0x\(String(functions[k].address, radix: 16)) \(st.exclusiveCycles) \(st.exclusiveInstructions)\n"
      for (callee, edge) in st.callees.sorted(by: { $0.key < $1.key }) {
        s += "cfn=\(functions[callee].name)\ncalls=\(edge.calls) 0x\(String(functions[callee].address, radix: 16))\n"
        s += "0x\(String(functions[k].address, radix: 16)) \(edge.cycles) \(edge.instructions)\n"
      }
      s += "\n"
    }
    return s
  }

  /// A plain-text table: function, calls, inclusive, exclusive cycles, deepest stack.
  public func table() -> String {
    var rows = ["function\tcalls\tinclusive\texclusive\tdeepest stack (B)"]
    for (k, st) in stats.enumerated().sorted(by: { $0.element.exclusiveCycles > $1.element.exclusiveCycles })
    where st.exclusiveInstructions > 0 {
      let inclusive = k == stack.first?.function ? max(st.inclusiveCycles, lastCycles) : st.inclusiveCycles
      rows.append("\(functions[k].name)\t\(st.calls)\t\(inclusive)\t\(st.exclusiveCycles)\t\(st.deepestStack)")
    }
    return rows.joined(separator: "\n")
  }
}
