// One row of the decoder table: an ARM ARM encoding (e.g. "ADD (immediate) T3") as a bit
// pattern in the manual's layout, its decode clause, its semantics and its assembly syntax.
//
// Pattern syntax (16 or 32 characters, MSB first, spaces ignored):
//   `0`/`1`   fixed bits that select the encoding;
//   `(0)`/`(1)` "should be" bits: the encoding matches either way, but a differing bit makes
//             the instruction UNPREDICTABLE (the manual's convention);
//   a letter  a field bit; all bits with the same letter concatenate MSB first, so
//             `i...iii....iiiiiiii` yields i:imm3:imm8 exactly as the manual writes it.

/// The outcome of a decode clause.
public enum DecodeResult {
  /// The clause filled in the instruction.
  case ok
  /// The manual's "SEE <other encoding>": this row does not apply, try the others.
  case see(String)
  case undefined
  case unpredictable(String)
}

/// The field values a pattern extracts, by letter (`f.n`, `f.imm`… are letters: `f["n"]`).
@dynamicMemberLookup
public struct Fields {
  public let raw: UInt32
  /// One value per field letter (`slot(_:)`), stored inline: decoding allocates nothing.
  var values = SIMD64<UInt32>()
  public subscript(letter: Character) -> UInt32 { values[Fields.slot(letter)] }
  /// 'A'…'Z' → 0…25, 'a'…'z' → 32…57 (patterns use letters only; anything else → 63).
  @inline(__always) static func slot(_ letter: Character) -> Int {
    guard let a = letter.asciiValue else { return 63 }
    switch a {
    case 65...90: return Int(a - 65)
    case 97...122: return Int(a - 97) + 32
    default: return 63
    }
  }
  public subscript(dynamicMember name: String) -> UInt32 {
    name.count == 1 ? self[name.first!] : 0
  }
  /// A field as a register number.
  public func r(_ letter: Character) -> UInt8 { UInt8(truncatingIfNeeded: self[letter]) }
  public func bit(_ letter: Character) -> Bool { self[letter] != 0 }
}

public struct BitPattern {
  public let width: Int
  public let mask: UInt32
  public let value: UInt32
  public let shouldBeMask: UInt32
  public let shouldBeValue: UInt32
  /// (field slot, bit position) pairs, MSB first (`Fields.slot`).
  let fieldBits: [(slot: Int, position: Int)]
  /// The field letters the pattern uses.
  public let letters: Set<Character>

  public init(_ text: String) {
    var bits: [(kind: Character, shouldBe: Bool)] = []
    var chars = Array(text.filter { $0 != " " })
    var i = 0
    while i < chars.count {
      if chars[i] == "(" && i + 2 < chars.count && chars[i + 2] == ")" {
        bits.append((chars[i + 1], true))
        i += 3
      } else {
        bits.append((chars[i], false))
        i += 1
      }
    }
    chars = []
    precondition(bits.count == 16 || bits.count == 32, "pattern \(text) has \(bits.count) bits")
    width = bits.count
    var mask: UInt32 = 0, value: UInt32 = 0, sbMask: UInt32 = 0, sbValue: UInt32 = 0
    var fields: [(Character, Int)] = []
    for (index, b) in bits.enumerated() {
      let pos = width - 1 - index
      switch (b.kind, b.shouldBe) {
      case ("0", false): mask |= 1 << pos
      case ("1", false): mask |= 1 << pos; value |= 1 << pos
      case ("0", true): sbMask |= 1 << pos
      case ("1", true): sbMask |= 1 << pos; sbValue |= 1 << pos
      default: fields.append((b.kind, pos))
      }
    }
    self.mask = mask
    self.value = value
    self.shouldBeMask = sbMask
    self.shouldBeValue = sbValue
    precondition(fields.allSatisfy { Fields.slot($0.0) != 63 }, "pattern \(text): field letters must be ASCII letters")
    self.fieldBits = fields.map { (Fields.slot($0.0), $0.1) }
    self.letters = Set(fields.map(\.0))
  }

  @inline(__always) public func matches(_ raw: UInt32) -> Bool { raw & mask == value }

  public func fields(of raw: UInt32) -> Fields {
    var f = Fields(raw: raw)
    for (slot, pos) in fieldBits {
      f.values[slot] = (f.values[slot] << 1) | ((raw >> UInt32(pos)) & 1)
    }
    return f
  }
}

public struct Encoding {
  /// The manual's name, e.g. "ADD (immediate) T3".
  public let name: String
  public let pattern: BitPattern
  /// The assembly syntax template (see Disassembler.swift).
  public let syntax: String
  public let timing: TimingClass
  public let semantics: Semantics
  /// The decode clause: fields → decoded instruction (fill in `i`, return `.ok`).
  public let decode: (Fields, inout Instruction) -> DecodeResult

  public init(
    _ name: String, _ pattern: String, _ syntax: String, _ timing: TimingClass = .alu,
    _ semantics: @escaping Semantics,
    decode: @escaping (Fields, inout Instruction) -> DecodeResult
  ) {
    self.name = name
    self.pattern = BitPattern(pattern)
    self.syntax = syntax
    self.timing = timing
    self.semantics = semantics
    self.decode = decode
  }
}

