// Load/store multiple, 16- and 32-bit (ARMv7-M ARM §A5.2.5 misc. 16-bit PUSH/POP, §A5.1 LDM/STM
// T1, §A5.3.5 load/store multiple). One semantics function per instruction page; the
// single-register PUSH/POP encodings (T3, STR/LDR forms) sit with the single loads and stores
// in LoadStore.swift, sharing `PUSH`/`POP` here.
//
// Policies:
// - LDM/LDMDB/POP read every word before writing any register, so a faulting beat leaves the
//   registers (the base included) as they were and the instruction can be restarted.
// - STM T1 with the base in the list but not the lowest register stores `bits(32) UNKNOWN`:
//   we store the base's original value.
// - A list with SP (bit 13), or a store list with PC, is UNPREDICTABLE through the encodings'
//   should-be-zero bits; `registers<15> && InITBlock() && !LastInITBlock()` is checked at
//   execution (see `LoadStore.checkLoadPCInIT`).

public enum LoadStoreMultiple {
  public static let encodings: [Encoding] = [
    // MARK: LDM/LDMIA/LDMFD §A7.7.40
    Encoding("LDM T1", "11001nnnrrrrrrrr", "ldm{c} {n}{!}, {regs}", .loadMultiple, LDM) { f, i in
      i.n = f.r("n"); i.registers = UInt16(f["r"])
      i.wback = i.registers & (1 << UInt16(i.n)) == 0
      if BitCount(UInt32(i.registers)) < 1 { return .unpredictable("empty register list") }
      return .ok
    },
    Encoding("LDM T2", "1110100010W1nnnnPM(0)rrrrrrrrrrrrr", "ldm{c}.w {n}{!}, {regs}", .loadMultiple, LDM) { f, i in
      if f.W == 1 && f.n == 13 { return .see("POP") }
      i.n = f.r("n"); i.registers = UInt16(f.P << 15 | f.M << 14 | f["r"]); i.wback = f.bit("W")
      if i.n == 15 || BitCount(UInt32(i.registers)) < 2 || (f.P == 1 && f.M == 1) {
        return .unpredictable("n is PC, fewer than 2 registers, or both PC and LR")
      }
      if i.wback && i.registers & (1 << UInt16(i.n)) != 0 { return .unpredictable("writeback with the base in the list") }
      return .ok
    },

    // MARK: LDMDB/LDMEA §A7.7.41
    Encoding("LDMDB T1", "1110100100W1nnnnPM(0)rrrrrrrrrrrrr", "ldmdb{c} {n}{!}, {regs}", .loadMultiple, LDMDB) { f, i in
      i.n = f.r("n"); i.registers = UInt16(f.P << 15 | f.M << 14 | f["r"]); i.wback = f.bit("W")
      if i.n == 15 || BitCount(UInt32(i.registers)) < 2 || (f.P == 1 && f.M == 1) {
        return .unpredictable("n is PC, fewer than 2 registers, or both PC and LR")
      }
      if i.wback && i.registers & (1 << UInt16(i.n)) != 0 { return .unpredictable("writeback with the base in the list") }
      return .ok
    },

    // MARK: POP §A7.7.98 (T3 is with LDR in LoadStore.swift)
    Encoding("POP T1", "1011110Prrrrrrrr", "pop{c} {regs}", .loadMultiple, POP) { f, i in
      i.n = 13; i.registers = UInt16(f.P << 15 | f["r"]); i.extra = 0  // n = SP (address dependency); UnalignedAllowed = FALSE
      if BitCount(UInt32(i.registers)) < 1 { return .unpredictable("empty register list") }
      return .ok
    },
    Encoding("POP T2", "1110100010111101PM(0)rrrrrrrrrrrrr", "pop{c}.w {regs}", .loadMultiple, POP) { f, i in
      i.n = 13; i.registers = UInt16(f.P << 15 | f.M << 14 | f["r"]); i.extra = 0
      if BitCount(UInt32(i.registers)) < 2 || (f.P == 1 && f.M == 1) {
        return .unpredictable("fewer than 2 registers, or both PC and LR")
      }
      return .ok
    },

    // MARK: PUSH §A7.7.99 (T3 is with STR in LoadStore.swift)
    Encoding("PUSH T1", "1011010Mrrrrrrrr", "push{c} {regs}", .storeMultiple, PUSH) { f, i in
      i.n = 13; i.registers = UInt16(f.M << 14 | f["r"]); i.extra = 0
      if BitCount(UInt32(i.registers)) < 1 { return .unpredictable("empty register list") }
      return .ok
    },
    Encoding("PUSH T2", "1110100100101101(0)M(0)rrrrrrrrrrrrr", "push{c}.w {regs}", .storeMultiple, PUSH) { f, i in
      i.n = 13; i.registers = UInt16(f.M << 14 | f["r"]); i.extra = 0
      if BitCount(UInt32(i.registers)) < 2 { return .unpredictable("fewer than 2 registers") }
      return .ok
    },

    // MARK: STM/STMIA/STMEA §A7.7.156
    Encoding("STM T1", "11000nnnrrrrrrrr", "stm{c} {n}!, {regs}", .storeMultiple, STM) { f, i in
      i.n = f.r("n"); i.registers = UInt16(f["r"]); i.wback = true
      if BitCount(UInt32(i.registers)) < 1 { return .unpredictable("empty register list") }
      return .ok
    },
    Encoding("STM T2", "1110100010W0nnnn(0)M(0)rrrrrrrrrrrrr", "stm{c}.w {n}{!}, {regs}", .storeMultiple, STM) { f, i in
      i.n = f.r("n"); i.registers = UInt16(f.M << 14 | f["r"]); i.wback = f.bit("W")
      if i.n == 15 || BitCount(UInt32(i.registers)) < 2 { return .unpredictable("n is PC, or fewer than 2 registers") }
      if i.wback && i.registers & (1 << UInt16(i.n)) != 0 { return .unpredictable("writeback with the base in the list") }
      return .ok
    },

    // MARK: STMDB/STMFD §A7.7.157
    Encoding("STMDB T1", "1110100100W0nnnn(0)M(0)rrrrrrrrrrrrr", "stmdb{c} {n}{!}, {regs}", .storeMultiple, STMDB) { f, i in
      if f.W == 1 && f.n == 13 { return .see("PUSH") }
      i.n = f.r("n"); i.registers = UInt16(f.M << 14 | f["r"]); i.wback = f.bit("W")
      if i.n == 15 || BitCount(UInt32(i.registers)) < 2 { return .unpredictable("n is PC, or fewer than 2 registers") }
      if i.wback && i.registers & (1 << UInt16(i.n)) != 0 { return .unpredictable("writeback with the base in the list") }
      return .ok
    },
  ]

  // MARK: - Loads

  /// LDM/LDMIA/LDMFD §A7.7.40.
  static func LDM(_ m: Machine, _ i: Instruction) throws(Fault) {
    let registers = UInt32(i.registers)
    try LoadStore.checkLoadPCInIT(m, registers.bit(15))
    var address = m.R(i.n)
    var data = SIMD16<UInt32>()  // every beat is read before any register is written
    for r in 0..<16 where registers.bit(r) {
      data[r] = try m.MemA(address, 4)
      address = address &+ 4
    }
    for r in 0..<15 where registers.bit(r) { m.setR(UInt8(r), data[r]) }
    if registers.bit(15) { m.LoadWritePC(data[15]) }
    if i.wback && !registers.bit(Int(i.n)) { m.setR(i.n, m.R(i.n) &+ 4 &* UInt32(BitCount(registers))) }
  }

  /// LDMDB/LDMEA §A7.7.41.
  static func LDMDB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let registers = UInt32(i.registers)
    try LoadStore.checkLoadPCInIT(m, registers.bit(15))
    var address = m.R(i.n) &- 4 &* UInt32(BitCount(registers))
    var data = SIMD16<UInt32>()
    for r in 0..<16 where registers.bit(r) {
      data[r] = try m.MemA(address, 4)
      address = address &+ 4
    }
    for r in 0..<15 where registers.bit(r) { m.setR(UInt8(r), data[r]) }
    if registers.bit(15) { m.LoadWritePC(data[15]) }
    if i.wback && !registers.bit(Int(i.n)) { m.setR(i.n, m.R(i.n) &- 4 &* UInt32(BitCount(registers))) }
  }

  /// POP §A7.7.98. `extra` bit 0 is `UnalignedAllowed` (the single-register T3 form).
  static func POP(_ m: Machine, _ i: Instruction) throws(Fault) {
    let registers = UInt32(i.registers)
    let UnalignedAllowed = i.extra & 1 != 0
    try LoadStore.checkLoadPCInIT(m, registers.bit(15))
    var address = m.SP
    var data = SIMD16<UInt32>()
    for r in 0..<16 where registers.bit(r) {
      if r == 15 && UnalignedAllowed { try LoadStore.checkPCLoadAddress(address) }
      data[r] = UnalignedAllowed ? try m.MemU(address, 4) : try m.MemA(address, 4)
      address = address &+ 4
    }
    for r in 0..<15 where registers.bit(r) { m.setR(UInt8(r), data[r]) }
    if registers.bit(15) { m.LoadWritePC(data[15]) }
    m.setSP(m.SP &+ 4 &* UInt32(BitCount(registers)))
  }

  // MARK: - Stores

  /// PUSH §A7.7.99. `extra` bit 0 is `UnalignedAllowed` (the single-register T3 form).
  static func PUSH(_ m: Machine, _ i: Instruction) throws(Fault) {
    let registers = UInt32(i.registers)
    let UnalignedAllowed = i.extra & 1 != 0
    var address = m.SP &- 4 &* UInt32(BitCount(registers))
    for r in 0..<15 where registers.bit(r) {
      if UnalignedAllowed {
        try m.MemU(address, 4, write: m.R(UInt8(r)))
      } else {
        try m.MemA(address, 4, write: m.R(UInt8(r)))
      }
      address = address &+ 4
    }
    m.setSP(m.SP &- 4 &* UInt32(BitCount(registers)))
  }

  /// STM/STMIA/STMEA §A7.7.156.
  static func STM(_ m: Machine, _ i: Instruction) throws(Fault) {
    let registers = UInt32(i.registers)
    var address = m.R(i.n)
    for r in 0..<15 where registers.bit(r) {
      // r == n && wback && r != LowestSetBit(registers) stores bits(32) UNKNOWN (T1 only):
      // we store the base's original value.
      try m.MemA(address, 4, write: m.R(UInt8(r)))
      address = address &+ 4
    }
    if i.wback { m.setR(i.n, m.R(i.n) &+ 4 &* UInt32(BitCount(registers))) }
  }

  /// STMDB/STMFD §A7.7.157.
  static func STMDB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let registers = UInt32(i.registers)
    var address = m.R(i.n) &- 4 &* UInt32(BitCount(registers))
    for r in 0..<15 where registers.bit(r) {
      try m.MemA(address, 4, write: m.R(UInt8(r)))
      address = address &+ 4
    }
    if i.wback { m.setR(i.n, m.R(i.n) &- 4 &* UInt32(BitCount(registers))) }
  }
}
