// The disassembler, driven by the same decoded value the machine executes: each encoding
// row carries an assembly template in the manual's syntax; placeholders are filled in from
// the decoded fields. Output follows llvm-objdump's spelling (lower case, decimal immediates,
// `.w` where the row asks for it).
//
// Placeholders:
//   {s}      "s" when the instruction sets flags (for 16-bit forms: outside an IT block)
//   {c}      the IT-block condition (empty outside IT); {cond} the encoded B<c> condition
//   {d} {n} {m} {t} {t2} {a} {dLo} {dHi}   register names
//   {imm}    "#0x…": imm32 in hexadecimal (llvm-objdump's usual spelling)
//   {immd}   "#…": imm32 in decimal (the forms llvm-objdump prints in decimal)
//   {offd}   "#…" / "#-…": imm32 in decimal, negated when !add (ADR)
//   {extra} {extrad}   `extra` as an immediate, hex / decimal (bitfield widths)
//   {shift}  ", lsl #3" / ", rrx" etc., empty for LSL #0
//   {target} branch target address "0x…" (PC + 4 + imm32, with imm32 signed)
//   {regs}   register list "{r4, r5, lr}"
//   {!}      "!" when the instruction writes back (LDM/STM)
//   {mem}    "[n, #0x…]", "[n], #0x…", "[n, #-0x…]!" from index/add/wback/imm32 (hex)
//   {memd}   the same with decimal offsets (LDRD/STRD, PUSH-like LDR/STR forms)
//   {memr}   "[n, m]" or "[n, m, lsl #k]" (shift_n)
//   {lit}    "[pc, #0x…]" / "[pc, #-0x…]" for literal loads; {litd} in decimal
//   {sysm}   the special register named by imm32 (MRS/MSR)
//   {w}      ".w"

public enum Disassembler {
  static let registerNames = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"]
  public static let conditionNames = ["eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "", ""]

  public static func reg(_ r: UInt8) -> String { registerNames[Int(r & 15)] }

  /// Disassemble one encoding (no IT context).
  public static func text(raw: UInt32, size: Int, address: UInt32, itCondition: UInt8? = nil) -> String {
    switch Decoder.decode(raw, size: size) {
    case .instruction(let inst): return format(inst, address: address, itCondition: itCondition)
    case .unpredictable(let inst?, _): return format(inst, address: address, itCondition: itCondition) + " (UNPREDICTABLE)"
    default: return size == 4 ? "<undefined \(hex(raw >> 16, width: 4)) \(hex(raw & 0xFFFF, width: 4))>" : "<undefined \(hex(raw, width: 4))>"
    }
  }

  /// Fill in the row's template for a decoded instruction.
  public static func format(_ i: Instruction, address: UInt32, itCondition: UInt8? = nil) -> String {
    guard Int(i.row) < Decoder.table.count else { return "<undefined>" }
    let template = Decoder.table[Int(i.row)].syntax
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else { break }
      let key = rest[rest.index(after: open)..<close]
      out += placeholder(String(key), i, address: address, it: itCondition)
      rest = rest[rest.index(after: close)...]
    }
    out += rest
    return out
  }

  static func immText(_ v: Int64, hex: Bool = true) -> String {
    guard hex else { return "#\(v)" }
    return v < 0 ? "#-0x" + String(-v, radix: 16) : "#0x" + String(v, radix: 16)
  }

  static func placeholder(_ key: String, _ i: Instruction, address: UInt32, it: UInt8?) -> String {
    switch key {
    case "s":
      if i.setflagsOutsideITOnly { return it == nil ? "s" : "" }
      return i.setflags ? "s" : ""
    case "c": return it.map { conditionNames[Int($0 & 15)] } ?? ""
    case "cond": return conditionNames[Int(i.cond & 15)]
    case "d": return reg(i.d)
    case "n": return reg(i.n)
    case "m": return reg(i.m)
    case "t": return reg(i.t)
    case "t2": return reg(i.t2)
    case "a": return reg(i.a)
    case "dLo": return reg(i.dLo)
    case "dHi": return reg(i.dHi)
    case "imm": return immText(Int64(i.imm32))
    case "immd": return immText(Int64(i.imm32), hex: false)
    case "offd": return "#" + (i.add ? "" : "-") + String(i.imm32)
    case "extra": return immText(Int64(i.extra))
    case "extrad": return immText(Int64(i.extra), hex: false)
    case "w": return ".w"
    case "!": return i.wback ? "!" : ""
    case "shift": return shiftText(i.shift_t, i.shift_n)
    case "target":
      return "0x" + String(address &+ 4 &+ i.imm32, radix: 16)
    case "regs":
      var names: [String] = []
      for r in 0..<16 where i.registers & (1 << r) != 0 { names.append(registerNames[r]) }
      return "{" + names.joined(separator: ", ") + "}"
    case "mem", "memd":
      let hexOffsets = key == "mem"
      let offset = i.add ? Int64(i.imm32) : -Int64(i.imm32)
      let base = reg(i.n)
      if !i.index { return "[\(base)], \(immText(offset, hex: hexOffsets))" }
      if i.imm32 == 0 && i.add && !i.wback { return "[\(base)]" }
      let off = i.imm32 == 0 && !i.add ? "#-0" : immText(offset, hex: hexOffsets)
      return "[\(base), \(off)]" + (i.wback ? "!" : "")
    case "memr":
      return "[\(reg(i.n)), \(reg(i.m))" + (i.shift_n != 0 ? ", lsl #\(i.shift_n)" : "") + "]"
    case "lit", "litd":
      let magnitude = key == "lit" ? "0x" + String(i.imm32, radix: 16) : String(i.imm32)
      return "[pc, #\(i.add ? "" : "-")\(magnitude)]"
    case "sysm": return specialRegisterName(i.imm32)
    case "msrsysm":
      guard i.imm32 < 8 && i.imm32 & 4 == 0 else { return specialRegisterName(i.imm32) }
      let name = specialRegisterName(i.imm32)
      switch i.extra { case 1: return name + "_g"; case 2: return name + "_nzcvq"; default: return name + "_nzcvqg" }
    case "op": return i.extra != 0 ? "nz" : "z"
    case "h": return i.extra != 0 ? "h" : "b"
    case "tbmem": return "[\(reg(i.n)), \(reg(i.m))" + (i.extra != 0 ? ", lsl #1]" : "]")
    case "firstcond": return i.cond == 14 ? "al" : conditionNames[Int(i.cond & 15)]
    case "itmask":
      let mask = i.imm32 & 0xF
      let firstcond0 = i.cond & 1
      var text = ""
      var bit = 3
      while bit >= 0 && mask & ((1 << UInt32(bit)) - 1) != 0 {
        text += UInt8((mask >> UInt32(bit)) & 1) == firstcond0 ? "t" : "e"
        bit -= 1
      }
      return text
    case "hint":
      switch i.imm32 {
      case 0: return "nop"
      case 1: return "yield"
      case 2: return "wfe"
      case 3: return "wfi"
      case 4: return "sev"
      case 0xF0...0xFF: return "dbg #\(i.imm32 & 0xF)"
      default: return "hint #\(i.imm32)"
      }
    case "barrier":
      switch i.imm32 {
      case 0xF: return "sy"
      case 0xE: return "st"
      case 0xB: return "ish"
      case 0xA: return "ishst"
      case 0x7: return "nsh"
      case 0x6: return "nshst"
      case 0x3: return "osh"
      case 0x2: return "oshst"
      default: return "#0x\(String(i.imm32, radix: 16))"
      }
    case "effect": return i.extra & 4 != 0 ? "id" : "ie"
    case "iflags": return (i.extra & 2 != 0 ? "i" : "") + (i.extra & 1 != 0 ? "f" : "")
    default: return "{\(key)}"
    }
  }

  static func shiftText(_ t: SRType, _ n: UInt8) -> String {
    switch t {
    case .LSL: return n == 0 ? "" : ", lsl #\(n)"
    case .LSR: return ", lsr #\(n)"
    case .ASR: return ", asr #\(n)"
    case .ROR: return ", ror #\(n)"
    case .RRX: return ", rrx"
    }
  }

  public static func specialRegisterName(_ sysm: UInt32) -> String {
    switch sysm {
    case 0: return "apsr"
    case 1: return "iapsr"
    case 2: return "eapsr"
    case 3: return "xpsr"
    case 5: return "ipsr"
    case 6: return "epsr"
    case 7: return "iepsr"
    case 8: return "msp"
    case 9: return "psp"
    case 16: return "primask"
    case 17: return "basepri"
    case 18: return "basepri_max"
    case 19: return "faultmask"
    case 20: return "control"
    default: return "sysm\(sysm)"
    }
  }

  /// Disassemble a run of code, following IT blocks, as `cmemu disasm` prints it.
  /// `dataRanges` (ELF mapping symbols, sorted) mark literal pools and tables, printed as
  /// `.word`/`.short` like llvm-objdump does instead of being decoded as instructions.
  public static func listing(bytes: [UInt8], base: UInt32, symbols: [UInt32: String] = [:],
    dataRanges: [(start: UInt32, isData: Bool)] = []) -> [String] {
    var lines: [String] = []
    var offset = 0
    var itstate: UInt8 = 0
    func isData(_ address: UInt32) -> Bool {
      dataRanges.last(where: { $0.start <= address })?.isData ?? false
    }
    while offset + 2 <= bytes.count {
      let here = base &+ UInt32(offset)
      if isData(here) {
        if let sym = symbols[here] { lines.append("\n\(hex(here)) <\(sym)>:") }
        if offset + 4 <= bytes.count && here & 3 == 0 && isData(here &+ 2) {
          let w = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
          lines.append("\(String(here, radix: 16).leftPad(8)):\t\(hex(w))     \t.word\t0x\(hex(w))")
          offset += 4
        } else {
          let h = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
          lines.append("\(String(here, radix: 16).leftPad(8)):\t\(hex(h, width: 4))     \t.short\t0x\(hex(h, width: 4))")
          offset += 2
        }
        itstate = 0
        continue
      }
      let hw1 = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
      var raw = UInt32(hw1)
      var size = 2
      if Decoder.is32Bit(hw1) && offset + 4 <= bytes.count {
        raw = raw << 16 | UInt32(bytes[offset + 2]) | UInt32(bytes[offset + 3]) << 8
        size = 4
      }
      let address = base &+ UInt32(offset)
      if let sym = symbols[address] { lines.append("\n\(hex(address)) <\(sym)>:") }
      let cond: UInt8? = itstate & 0xF != 0 ? itstate >> 4 : nil
      let text = Disassembler.text(raw: raw, size: size, address: address, itCondition: cond)
      let enc = size == 4 ? "\(hex(raw >> 16, width: 4)) \(hex(raw & 0xFFFF, width: 4))" : "\(hex(raw, width: 4))     "
      lines.append("\(String(address, radix: 16).leftPad(8)):\t\(enc)\t\(text)")
      if itstate & 0xF != 0 {
        itstate = itstate & 0x7 == 0 ? 0 : (itstate & 0xE0) | ((itstate << 1) & 0x1F)
      } else if size == 2 && raw & 0xFF00 == 0xBF00 && raw & 0xF != 0 {
        itstate = UInt8(raw & 0xFF)
      }
      offset += size
    }
    return lines
  }
}

extension String {
  func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
