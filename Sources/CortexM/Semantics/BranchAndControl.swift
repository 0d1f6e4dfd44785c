// Branches and IT (ARMv7-M ARM §A5.2.5 (CBZ/CBNZ, IT), §A5.2.6, §A5.3.4 branches and
// miscellaneous control, §A5.3.6 (TBB/TBH); instruction pages §A7.7.12 B, §A7.7.18 BL,
// §A7.7.19 BLX, §A7.7.20 BX, §A7.7.21 CBNZ/CBZ, §A7.7.38 IT, §A7.7.185 TBB/TBH).

public enum BranchAndControl {
  public static let encodings: [Encoding] = [
    // MARK: B §A7.7.12
    Encoding("B T1", "1101cccciiiiiiii", "b{cond} {target}", .branchCond, B) { f, i in
      if f.c == 0b1110 { return .see("UDF") }
      if f.c == 0b1111 { return .see("SVC") }
      i.cond = UInt8(f.c)
      i.imm32 = SignExtend(f.i << 1, 9)
      return .ok
    },
    Encoding("B T2", "11100iiiiiiiiiii", "b{c} {target}", .branch, B) { f, i in
      i.imm32 = SignExtend(f.i << 1, 12)
      i.extra = 1  // "UNPREDICTABLE if InITBlock() && !LastInITBlock()"
      return .ok
    },
    Encoding("B T3", "11110Sccccjjjjjj10J0Kkkkkkkkkkkk", "b{cond}.w {target}", .branchCond, B) { f, i in
      if f.c >> 1 == 0b111 { return .see("Miscellaneous control") }
      i.cond = UInt8(f.c)
      i.imm32 = SignExtend(f.S << 20 | f.K << 19 | f.J << 18 | f.j << 12 | f.k << 1, 21)
      return .ok
    },
    Encoding("B T4", "11110Sjjjjjjjjjj10J1Kkkkkkkkkkkk", "b{c}.w {target}", .branch, B) { f, i in
      let I1 = ~(f.J ^ f.S) & 1, I2 = ~(f.K ^ f.S) & 1
      i.imm32 = SignExtend(f.S << 24 | I1 << 23 | I2 << 22 | f.j << 12 | f.k << 1, 25)
      i.extra = 1
      return .ok
    },
    // MARK: BL §A7.7.18
    Encoding("BL T1", "11110Sjjjjjjjjjj11J1Kkkkkkkkkkkk", "bl{c} {target}", .branch, BL) { f, i in
      let I1 = ~(f.J ^ f.S) & 1, I2 = ~(f.K ^ f.S) & 1
      i.imm32 = SignExtend(f.S << 24 | I1 << 23 | I2 << 22 | f.j << 12 | f.k << 1, 25)
      return .ok
    },
    // MARK: BX, BLX (register) §A7.7.20, §A7.7.19
    Encoding("BX T1", "010001110mmmm(0)(0)(0)", "bx{c} {m}", .branchReg, BX) { f, i in
      i.m = f.r("m")
      return .ok
    },
    Encoding("BLX (register) T1", "010001111mmmm(0)(0)(0)", "blx{c} {m}", .branchReg, BLX_register) { f, i in
      i.m = f.r("m")
      if i.m == 15 { return .unpredictable("m is PC") }
      return .ok
    },
    // MARK: CBNZ, CBZ §A7.7.21
    Encoding("CBZ/CBNZ T1", "1011o0i1jjjjjnnn", "cb{op} {n}, {target}", .compareBranch, CBZ_CBNZ) { f, i in
      i.n = f.r("n")
      i.imm32 = (f.i << 6) | (f.j << 1)
      i.extra = UInt8(f.o)  // nonzero: CBNZ
      return .ok
    },
    // MARK: TBB, TBH §A7.7.185
    Encoding("TBB/TBH T1", "111010001101nnnn(1)(1)(1)(1)(0)(0)(0)(0)000Hmmmm", "tb{h}{c} {tbmem}", .tableBranch, TBB_TBH) { f, i in
      i.n = f.r("n"); i.m = f.r("m")
      i.extra = UInt8(f.H)  // is_tbh
      if i.n == 13 || i.m == 13 || i.m == 15 { return .unpredictable("n is SP, or m is SP or PC") }
      return .ok
    },
    // MARK: IT §A7.7.38
    Encoding("IT T1", "10111111ccccmmmm", "it{itmask} {firstcond}", .it, IT) { f, i in
      if f.m == 0 { return .see("Hint instructions") }
      if f.c == 0b1111 { return .unpredictable("firstcond is 1111") }
      if f.c == 0b1110 && BitCount(f.m) != 1 { return .unpredictable("firstcond is AL with more than one instruction") }
      i.cond = UInt8(f.c)
      i.imm32 = f.c << 4 | f.m  // the new ITSTATE
      return .ok
    },
  ]

  /// B §A7.7.12: `if ConditionPassed() then BranchWritePC(PC + imm32)`. The IT-block rules
  /// (T1/T3 UNPREDICTABLE inside IT; T2/T4 only as the last instruction) are checked here.
  @_transparent
  static func B(_ m: Machine, _ i: Instruction) throws(Fault) {
    if i.cond != 14 {
      if m.InITBlock { throw Fault(.unpredictable, "conditional branch inside an IT block") }
      guard m.ConditionHolds(i.cond) else {
        m.effect.conditionFailed = true
        return
      }
    } else if i.extra == 1 && m.InITBlock && !m.LastInITBlock {
      throw Fault(.unpredictable, "branch inside an IT block that is not its last instruction")
    }
    m.BranchWritePC(m.R(15) &+ i.imm32)
    m.effect.refill = 1
  }

  /// BL §A7.7.18: `LR = PC<31:1>:'1'; BranchWritePC(PC + imm32)`.
  @_transparent
  static func BL(_ m: Machine, _ i: Instruction) throws(Fault) {
    if m.InITBlock && !m.LastInITBlock { throw Fault(.unpredictable, "BL inside an IT block that is not its last instruction") }
    let pc = m.R(15)
    m.regs[14] = pc | 1
    m.BranchWritePC(pc &+ i.imm32)
    m.effect.refill = 1
  }

  /// BX §A7.7.20: `BXWritePC(R[m])`. TIMING.md rule 5: BX LR resolves at decode (P = 1) unless
  /// LR was just written; other registers at execute (P = 2).
  static func BX(_ m: Machine, _ i: Instruction) throws(Fault) {
    if m.InITBlock && !m.LastInITBlock { throw Fault(.unpredictable, "BX inside an IT block that is not its last instruction") }
    m.BXWritePC(m.R(i.m))
    m.effect.refill = i.m == 14 ? 1 : 2
  }

  /// BLX (register) §A7.7.19: `target = R[m]; next_instr_addr = PC - 2; LR = next_instr_addr<31:1>:'1'; BLXWritePC(target)`.
  static func BLX_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    if m.InITBlock && !m.LastInITBlock { throw Fault(.unpredictable, "BLX inside an IT block that is not its last instruction") }
    let target = m.R(i.m)
    let next_instr_addr = m.R(15) &- 2
    m.regs[14] = next_instr_addr | 1
    m.BLXWritePC(target)
    m.effect.refill = i.m == 14 ? 1 : 2
  }

  /// CBNZ, CBZ §A7.7.21: `if nonzero != IsZero(R[n]) then BranchWritePC(PC + imm32)`.
  static func CBZ_CBNZ(_ m: Machine, _ i: Instruction) throws(Fault) {
    if m.InITBlock { throw Fault(.unpredictable, "CBZ/CBNZ inside an IT block") }
    let nonzero = i.extra != 0
    if nonzero != (m.R(i.n) == 0) {
      m.BranchWritePC(m.R(15) &+ i.imm32)
      m.effect.refill = 2
    } else {
      m.effect.conditionFailed = false
    }
  }

  /// TBB, TBH §A7.7.185: `halfwords = MemU[R[n] + (is_tbh ? LSL(R[m],1) : R[m]), …];
  /// BranchWritePC(PC + 2*halfwords)`.
  static func TBB_TBH(_ m: Machine, _ i: Instruction) throws(Fault) {
    if m.InITBlock && !m.LastInITBlock { throw Fault(.unpredictable, "TBB/TBH inside an IT block that is not its last instruction") }
    let halfwords: UInt32
    if i.extra != 0 {
      halfwords = try m.MemU(m.R(i.n) &+ (m.R(i.m) << 1), 2)
    } else {
      halfwords = try m.MemU(m.R(i.n) &+ m.R(i.m), 1)
    }
    m.BranchWritePC(m.R(15) &+ 2 &* halfwords)
    m.effect.refill = 3
  }

  /// IT §A7.7.38: `ITSTATE.IT<7:0> = firstcond:mask`.
  static func IT(_ m: Machine, _ i: Instruction) throws(Fault) {
    if m.InITBlock { throw Fault(.unpredictable, "IT inside an IT block") }
    m.ITSTATE = UInt8(i.imm32)
  }
}
