// System and miscellaneous instructions: hints, barriers, CLREX, MRS/MSR, CPS, SVC, BKPT,
// UDF, and the coprocessor space (ARMv7-M ARM §A5.2.5, §A5.3.4, §B5.2; pages §A7.7.24 CLREX,
// §A7.7.33–36 DMB/DSB/ISB, §A7.7.17 BKPT, §A7.7.178 SVC, §A7.7.194 UDF, §B5.2.1 CPS,
// §B5.2.2 MRS, §B5.2.3 MSR). Coprocessor and FP encodings raise UsageFault NOCP, as on a
// Cortex-M4 whose FPU is off (DESIGN.md).

public enum SystemInstructions {
  public static let encodings: [Encoding] = [
    // MARK: Hints §A5.2.5, §A5.3.4
    Encoding("Hint T1", "10111111hhhh0000", "{hint}{c}", .hint, hint) { f, i in
      i.imm32 = f.h
      if f.h > 4 { i.row = i.row }  // other hints execute as NOP (§A5.2.5)
      return .ok
    },
    Encoding("Hint T2", "111100111010(1)(1)(1)(1)10(0)0(0)hhhhhhhhhhh", "{hint}{c}.w", .hint, hint) { f, i in
      if f.h >> 8 != 0 { return .see("Change processor state (not in ARMv7-M)") }
      i.imm32 = f.h & 0xFF
      if i.imm32 >> 4 == 0xF { i.imm32 = 0xF0 | (i.imm32 & 0xF) }  // DBG #option
      return .ok
    },
    // MARK: Barriers and CLREX §A5.3.4
    Encoding("CLREX T1", "111100111011(1)(1)(1)(1)10(0)0(1)(1)(1)(1)0010(1)(1)(1)(1)", "clrex{c}", .alu, CLREX) { _, _ in .ok },
    Encoding("DSB T1", "111100111011(1)(1)(1)(1)10(0)0(1)(1)(1)(1)0100oooo", "dsb{c} {barrier}", .barrier, barrier) { f, i in
      i.imm32 = f.o; return .ok
    },
    Encoding("DMB T1", "111100111011(1)(1)(1)(1)10(0)0(1)(1)(1)(1)0101oooo", "dmb{c} {barrier}", .barrier, barrier) { f, i in
      i.imm32 = f.o; return .ok
    },
    Encoding("ISB T1", "111100111011(1)(1)(1)(1)10(0)0(1)(1)(1)(1)0110oooo", "isb{c} {barrier}", .isb, ISB) { f, i in
      i.imm32 = f.o; return .ok
    },
    // MARK: MRS, MSR §B5.2.2, §B5.2.3
    Encoding("MRS T1", "11110011111(0)(1)(1)(1)(1)10(0)0ddddssssssss", "mrs{c} {d}, {sysm}", .system, MRS) { f, i in
      i.d = f.r("d"); i.imm32 = f.s
      if i.d == 13 || i.d == 15 { return .unpredictable("d is SP or PC") }
      if !validSYSm(f.s) { return .unpredictable("SYSm \(f.s) names no special register") }
      return .ok
    },
    Encoding("MSR T1", "11110011100(0)nnnn10(0)0kk(0)(0)ssssssss", "msr{c} {msrsysm}, {n}", .msr, MSR) { f, i in
      i.n = f.r("n"); i.imm32 = f.s; i.extra = UInt8(f.k)
      if i.n == 13 || i.n == 15 { return .unpredictable("n is SP or PC") }
      if !validSYSm(f.s) { return .unpredictable("SYSm \(f.s) names no special register") }
      if f.s >> 3 == 0 && f.k == 0 { return .unpredictable("mask is 00 for an APSR write") }
      if f.s >> 3 != 0 && f.k != 0b10 { return .unpredictable("mask must be 10 for a non-APSR register") }
      return .ok
    },
    // MARK: CPS §B5.2.1
    Encoding("CPS T1", "10110110011o(0)(0)IF", "cps{effect} {iflags}", .system, CPS) { f, i in
      if f.I == 0 && f.F == 0 { return .unpredictable("neither I nor F selected") }
      i.extra = UInt8(f.o << 2 | f.I << 1 | f.F)
      return .ok
    },
    // MARK: SVC, BKPT, UDF
    Encoding("SVC T1", "11011111iiiiiiii", "svc{c} {imm}", .exception, SVC) { f, i in
      i.imm32 = f.i; return .ok
    },
    Encoding("BKPT T1", "10111110iiiiiiii", "bkpt {imm}", .exception, BKPT) { f, i in
      i.imm32 = f.i; return .ok
    },
    Encoding("UDF T1", "11011110iiiiiiii", "udf {imm}", .exception, UDF) { f, i in
      i.imm32 = f.i; return .ok
    },
    Encoding("UDF T2", "111101111111iiii1010jjjjjjjjjjjj", "udf.w {imm}", .exception, UDF) { f, i in
      i.imm32 = f.i << 12 | f.j; return .ok
    },
    // MARK: Coprocessor space §A5.3.18: no coprocessors (FPU off) → NOCP
    Encoding("Coprocessor T1", "111o11xxxxxxxxxxxxxxxxxxxxxxxxxx", "<coprocessor>", .alu, noCoprocessor) { _, _ in .ok },
  ]

  static func validSYSm(_ s: UInt32) -> Bool {
    switch s {
    case 0, 1, 2, 3, 5, 6, 7, 8, 9, 16, 17, 18, 19, 20: return true
    default: return false
    }
  }

  /// NOP, YIELD, WFE, WFI, SEV §A7.7.88 etc.: no architectural effect in a single-core
  /// emulator with no pending events (WFI with nothing to wake it costs one cycle).
  static func hint(_ m: Machine, _ i: Instruction) throws(Fault) {}

  /// CLREX §A7.7.24: `ClearExclusiveLocal(ProcessorID())`.
  static func CLREX(_ m: Machine, _ i: Instruction) throws(Fault) {
    m.exclusiveAddress = nil
  }

  /// DMB/DSB §A7.7.33/34: ordering only; the emulator's accesses are already in order.
  static func barrier(_ m: Machine, _ i: Instruction) throws(Fault) {}

  /// ISB §A7.7.37: flushes the pipeline: a refill, timed by the cycle model.
  static func ISB(_ m: Machine, _ i: Instruction) throws(Fault) {
    m.effect.branched = true
    m.effect.refill = 2
  }

  /// MRS §B5.2.2.
  static func MRS(_ m: Machine, _ i: Instruction) throws(Fault) {
    let SYSm = i.imm32
    var value: UInt32 = 0
    switch SYSm >> 3 {
    case 0b00000:
      if SYSm & 1 != 0 { value |= m.IPSR & 0x1FF }
      // SYSm<1> selects EPSR, whose execution-state bits read as zero.
      if SYSm & 4 == 0 { value |= m.APSR & 0xF80F_0000 }
    case 0b00001:
      if m.CurrentModeIsPrivileged {
        let onPSP = m.IPSR == 0 && m.CONTROL & 2 != 0
        if SYSm & 7 == 0 { value = onPSP ? m.otherSP : m.SP }
        if SYSm & 7 == 1 { value = onPSP ? m.SP : m.otherSP }
      }
    default:
      switch SYSm & 7 {
      case 0: value = m.PRIMASK & 1
      case 1, 2: value = m.BASEPRI & 0xFF
      case 3: value = m.FAULTMASK & 1
      case 4: value = m.CONTROL & 3
      default: break
      }
    }
    m.setR(i.d, value)
  }

  /// MSR §B5.2.3 (with the DSP extension's APSR_g / APSR_nzcvqg masks).
  static func MSR(_ m: Machine, _ i: Instruction) throws(Fault) {
    let SYSm = i.imm32
    let mask = i.extra
    let value = m.R(i.n)
    switch SYSm >> 3 {
    case 0b00000:
      if SYSm & 4 == 0 {
        if mask & 2 != 0 {
          m.N = value.bit(31); m.Z = value.bit(30); m.C = value.bit(29); m.V = value.bit(28); m.Q = value.bit(27)
        }
        if mask & 1 != 0 { m.GE = value.bits(19, 16) }
      }
    case 0b00001:
      guard m.CurrentModeIsPrivileged else { return }
      let onPSP = m.IPSR == 0 && m.CONTROL & 2 != 0
      let isMSP = SYSm & 7 == 0
      if isMSP != onPSP { m.setSP(value) } else { m.otherSP = value & ~3 }
    default:
      guard m.CurrentModeIsPrivileged else { return }
      switch SYSm & 7 {
      case 0: m.PRIMASK = value & 1
      case 1: m.BASEPRI = value & 0xFF
      case 2:
        let v = value & 0xFF
        if v != 0 && (v < m.BASEPRI || m.BASEPRI == 0) { m.BASEPRI = v }
      case 3: if m.IPSR != 2 { m.FAULTMASK = value & 1 }
      case 4:
        if m.IPSR == 0 {
          let wasPSP = m.CONTROL & 2 != 0
          m.CONTROL = (m.CONTROL & ~3) | (value & 3)
          if wasPSP != (value & 2 != 0) {
            let sp = m.regs[13]
            m.regs[13] = m.otherSP
            m.otherSP = sp
          }
        } else {
          m.CONTROL = (m.CONTROL & ~1) | (value & 1)
        }
      default: break
      }
    }
    m.interruptCheckAt = 0  // PRIMASK/BASEPRI may have unmasked a pending interrupt
  }

  /// CPS §B5.2.1: `if CurrentModeIsPrivileged() then if enable … PRIMASK/FAULTMASK`.
  static func CPS(_ m: Machine, _ i: Instruction) throws(Fault) {
    if m.InITBlock { throw Fault(.unpredictable, "CPS inside an IT block") }
    guard m.CurrentModeIsPrivileged else { return }
    let disable = i.extra & 4 != 0
    if i.extra & 2 != 0 { m.PRIMASK = disable ? 1 : 0 }
    if i.extra & 1 != 0 && (disable ? m.IPSR != 2 : true) { m.FAULTMASK = disable ? 1 : 0 }
    m.interruptCheckAt = 0
  }

  /// SVC §A7.7.178: `CallSupervisor()`: the SVCall exception (11), returning after the SVC.
  static func SVC(_ m: Machine, _ i: Instruction) throws(Fault) {
    try m.ExceptionEntry(11, returnAddress: m.pc &+ 2)
  }

  /// BKPT §A7.7.17: `BKPT #0xAB` is a semihosting call; any other breakpoint halts the run.
  static func BKPT(_ m: Machine, _ i: Instruction) throws(Fault) {
    if i.imm32 == 0xAB {
      try m.semihostingCall()
    } else {
      m.stop = .breakpoint(UInt8(i.imm32))
    }
  }

  /// UDF §A7.7.194: permanently undefined.
  static func UDF(_ m: Machine, _ i: Instruction) throws(Fault) {
    throw Fault(.undefinedInstruction, "UDF #\(i.imm32)")
  }

  static func noCoprocessor(_ m: Machine, _ i: Instruction) throws(Fault) {
    throw Fault(.noCoprocessor, "coprocessor \((i.raw >> 8) & 0xF) is not present or not enabled")
  }
}
