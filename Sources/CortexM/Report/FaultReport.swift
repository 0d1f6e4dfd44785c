// The one-paragraph report that ends a run on a fault: what, where, the encoding, its
// disassembly, the faulting address and the registers.

public struct FaultReport: Sendable {
  public var fault: Fault
  public var pc: UInt32
  public var encoding: UInt32?
  public var size: Int
  public var disassembly: String
  public var registers: [UInt32]
  public var xpsr: UInt32
  public var cycles: UInt64
  public var instructions: UInt64

  init(fault: Fault, machine m: Machine, pc: UInt32, instruction: Instruction?) {
    self.fault = fault
    self.pc = pc
    encoding = instruction?.raw
    size = Int(instruction?.size ?? 0)
    if let i = instruction {
      disassembly = Disassembler.text(raw: i.raw, size: Int(i.size), address: pc)
    } else {
      disassembly = "(no instruction: the fetch itself failed)"
    }
    registers = (0..<16).map { $0 == 15 ? pc : m.regs[$0] }
    xpsr = m.xPSR
    cycles = m.cycles
    instructions = m.instructions
  }

  public var encodingText: String {
    guard let e = encoding else { return "-" }
    return size == 4 ? "\(hex(e >> 16, width: 4)) \(hex(e & 0xFFFF, width: 4))" : hex(e, width: 4)
  }

  /// The paragraph printed on stderr.
  public var text: String {
    var s = "cmemu: \(fault.name) at pc=0x\(hex(pc))"
    s += ", encoding \(encodingText) (\(disassembly))"
    if let a = fault.address { s += ", address 0x\(hex(a))" }
    if !fault.detail.isEmpty { s += ": \(fault.detail)" }
    s += ". After \(instructions) instructions, \(cycles) cycles. Registers:"
    let names = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"]
    for (k, v) in registers.enumerated() { s += " \(names[k])=\(hex(v))" }
    s += " xpsr=\(hex(xpsr))."
    return s
  }
}
