// The Thumb decoder: the union of the encoding tables of each instruction group, searched
// for the rows whose fixed bits match. Overlaps between rows are resolved explicitly by the
// decode clauses ("SEE …", as in the manual), never by table order: `DecoderTableTests` checks
// that every encoding is claimed by at most one row.

public enum Decoder {
  /// Every encoding row, grouped as the ARM ARM groups them (§A5/§A7). The index of a row in
  /// this array is `Instruction.row`.
  public static let table: [Encoding] =
    DataProcessing.encodings + MultiplyDivide.encodings
    + LoadStore.encodings + LoadStoreMultiple.encodings + BranchAndControl.encodings
    + SystemInstructions.encodings + DSPInstructions.encodings

  /// Every row's semantics, then the two fault raisers, as one flat table of plain functions
  /// (allocated once, never freed) so the hot path indexes it without touching an array.
  public static let semantics: UnsafeMutablePointer<SemanticsSlot> = makeSemanticsTable()

  /// Holders for the fault raisers' semantics (never in the decoding table).
  static let faultRows = [
    Encoding("UNDEFINED", "0000000000000000", "<undefined>", .exception, FaultRaisers.raiseUndefined) { _, _ in .undefined },
    Encoding("UNPREDICTABLE", "0000000000000000", "<unpredictable>", .exception, FaultRaisers.raiseUnpredictable) { _, _ in .undefined },
  ]

  static func makeSemanticsTable() -> UnsafeMutablePointer<SemanticsSlot> {
    let rows = table + faultRows
    let p = UnsafeMutablePointer<SemanticsSlot>.allocate(capacity: rows.count)
    for k in 0..<rows.count { (p + k).initialize(to: SemanticsSlot(run: rows[k].semantics)) }
    return p
  }
  /// Each row's `DirectOp` (see Core/DirectDispatch.swift).
  static let directOps: [DirectOp] = table.map { DirectOp.forRow(named: $0.name) }
  static var undefinedSemantics: UInt16 { UInt16(table.count) }
  static var unpredictableSemantics: UInt16 { UInt16(table.count + 1) }

  /// Row indices bucketed by the top bits of the first halfword, for the fast decoder.
  /// 16-bit rows: bucket = hw[15:10] (64 buckets); 32-bit rows: bucket = 64 + hw1[15:4].
  static let buckets: [[UInt16]] = {
    var buckets = Array(repeating: [UInt16](), count: 64 + 4096)
    for (index, row) in table.enumerated() {
      let p = row.pattern
      if p.width == 16 {
        for top in 0..<64 {
          let v = UInt32(top) << 10
          if v & p.mask & 0xFC00 == p.value & 0xFC00 { buckets[top].append(UInt16(index)) }
        }
      } else {
        for top in 0..<4096 {
          let v = UInt32(top) << 20
          if v & p.mask & 0xFFF0_0000 == p.value & 0xFFF0_0000 { buckets[64 + top].append(UInt16(index)) }
        }
      }
    }
    return buckets
  }()

  /// Whether a first halfword starts a 32-bit instruction (§A5.1).
  @inline(__always) public static func is32Bit(_ hw1: UInt16) -> Bool { hw1 >> 11 >= 0b11101 }

  /// The outcome of decoding one encoding.
  public enum Outcome {
    case instruction(Instruction)
    case undefined
    case unpredictable(Instruction?, String)
  }

  /// Decode `raw` (16-bit in the low half, or hw1:hw2) using the bucketed table.
  public static func decode(_ raw: UInt32, size: Int) -> Outcome {
    let candidates = size == 2 ? buckets[Int(raw >> 10) & 63] : buckets[64 + Int(raw >> 20)]
    return decode(raw, size: size, rows: candidates)
  }

  /// The slow reference decoder: a linear search of the whole table.
  public static func decodeReference(_ raw: UInt32, size: Int) -> Outcome {
    decode(raw, size: size, rows: (0..<table.count).map { UInt16($0) })
  }

  /// Names of every row whose decode clause accepts `raw` (the overlap check uses this).
  public static func claimingRows(_ raw: UInt32, size: Int) -> [String] {
    var names: [String] = []
    for row in table where row.pattern.width == size * 8 && row.pattern.matches(raw) {
      var inst = Instruction(semantics: 0, raw: raw, size: UInt8(size))
      if case .see = row.decode(row.pattern.fields(of: raw), &inst) { continue }
      names.append(row.name)
    }
    return names
  }

  /// Static register dependencies the cycle model needs, read off the row's fields.
  static func annotateTiming(_ i: inout Instruction, row: Encoding) {
    let letters = row.pattern.letters
    switch i.timing {
    case .load, .store, .storeRegOffset, .loadDouble, .storeDouble, .loadMultiple, .storeMultiple, .exclusive, .tableBranch:
      i.addressRegisters = 1 << (i.n & 15)
      if letters.contains("m") { i.addressRegisters |= 1 << (i.m & 15) }
    default: break
    }
    var written: UInt16 = 0
    switch i.timing {
    case .alu, .aluPC, .multiply, .divide:
      // Rows with an implicit d (ADD/SUB SP, #imm: d = 13) set it without a `d` field.
      if letters.contains("d") || i.d != 0 { written |= 1 << (i.d & 15) }
      if i.dLo != 0 || i.dHi != 0 { written |= 1 << (i.dLo & 15) | 1 << (i.dHi & 15) }
    case .load:
      written |= 1 << (i.t & 15)
    case .exclusive:
      // LDREX writes Rt; STREX writes its status register Rd.
      written |= row.name.hasPrefix("STREX") ? 1 << (i.d & 15) : 1 << (i.t & 15)
    case .loadDouble:
      written |= 1 << (i.t & 15) | 1 << (i.t2 & 15)
    case .loadMultiple:
      written |= i.registers
    default: break
    }
    // Base writeback goes through the address unit, which forwards it: it is not counted.
    i.writtenRegisters = written
    i.stateAfterKey = CortexM4Timing.stateKey(after: i)
    i.memoFlags = (CortexM4Timing.isMemoisable(i.timing) ? Instruction.memoisable : 0)
      | (CortexM4Timing.isLoadStore(i.timing) ? Instruction.loadStore : 0)
  }

  static func decode(_ raw: UInt32, size: Int, rows: [UInt16]) -> Outcome {
    for index in rows {
      let row = table[Int(index)]
      guard row.pattern.width == size * 8, row.pattern.matches(raw) else { continue }
      var inst = Instruction(semantics: index, raw: raw, size: UInt8(size))
      inst.row = index
      inst.direct = directOps[Int(index)]
      inst.timing = row.timing
      switch row.decode(row.pattern.fields(of: raw), &inst) {
      case .see: continue
      case .undefined: return .undefined
      case .unpredictable(let why): return .unpredictable(inst, "\(row.name): \(why)")
      case .ok:
        if raw & row.pattern.shouldBeMask != row.pattern.shouldBeValue {
          return .unpredictable(inst, "\(row.name): a should-be bit differs")
        }
        annotateTiming(&inst, row: row)
        return .instruction(inst)
      }
    }
    return .undefined
  }
}

/// A semantics function held in a concrete struct field, so it is stored at its natural
/// abstraction (no reabstraction thunk, no context to reference-count when called).
public struct SemanticsSlot {
  public let run: Semantics
}
