// The Cortex-M4 cycle model: one table of base costs (Cortex-M4 TRM r0p1, DDI 0439D §3.3,
// Table 3-1) plus the pipeline rules of shared/TIMING.md, all in this file so a reviewer can
// check it line by line. Semantics report what an instruction did in the effect record
// (accesses, unaligned and wait-state cycles, divide cycles, branch and refill kind); this
// turns the effect plus the previous instruction into cycles. Zero wait states by default.

public struct CortexM4Timing {
  /// The previous instruction, for the pipelining and address-generation rules.
  var previousWasPipelinableLoad = false
  var previousLoadDestination: UInt16 = 0
  var previousALUWrites: UInt16 = 0
  var previousWas16BitDataProcessing = false

  public init() {}

  /// Base cost of each class, before pipelining and refill. Rows cite TIMING.md / TRM 3-1.
  @inline(__always)
  static func base(_ c: TimingClass) -> UInt32 {
    switch c {
    case .alu: return 1             // data processing, extends, bitfield, SSAT/USAT, DSP: 1
    case .aluPC: return 1           // MOV PC / ADD PC: 1 + P (P = 2, resolved at execute)
    case .multiply: return 1        // MUL/MLA/MLS, SMULL/UMULL/SMLAL/UMLAL/UMAAL, DSP MACs: 1
    case .divide: return 0          // SDIV/UDIV 2–12: the semantics put the count in extraCycles
    case .load: return 2            // LDR/LDRH/LDRB/LDRSH/LDRSB, literal, LDRT…: 2 (rule 1: 1 pipelined)
    case .store: return 1           // STR imm: effectively 1, the write buffer absorbs the data phase
    case .storeRegOffset: return 2  // STR register offset: 2 (1 when pipelined after a load)
    case .loadDouble: return 3      // LDRD: 3 (its two beats pipeline, its neighbours do not)
    case .storeDouble: return 3     // STRD: 3
    case .loadMultiple: return 1    // LDM/POP: 1 + N (+ P when PC is loaded)
    case .storeMultiple: return 1   // STM/PUSH: 1 + N
    case .exclusive: return 2       // LDREX/STREX (B/H): 2
    case .branch: return 1          // B, BL: 1 + P (P = 1, target known at decode)
    case .branchCond: return 1      // B<c>: 1 not taken, 1 + P taken
    case .branchReg: return 1       // BX/BLX Rm: 1 + P (P = 1 for LR, else 2)
    case .compareBranch: return 1   // CBZ/CBNZ: 1 not taken, 1 + P (P = 2) taken
    case .tableBranch: return 3     // TBB/TBH: "at least 6" — 3 + P (P = 3, target from memory)
    case .it: return 1              // IT: 1, or 0 when folded (see cycles(_:))
    case .system: return 1          // MRS, CPS: 1 (model's choice within TRM's 1–2)
    case .msr: return 2             // MSR: 2 (model's choice within TRM's 1–2; serialising)
    case .hint: return 1            // NOP, YIELD, SEV, WFE, WFI (no wait modelled)
    case .barrier: return 1         // DMB/DSB: 1 (no write buffer left to drain)
    case .isb: return 1             // ISB: 1 + P (P = 2)
    case .exception: return 1       // SVC/BKPT/UDF: 1 (+ 12 for exception entry, rule 8)
    }
  }

  /// Cycles for one executed (or condition-failed) instruction.
  @inline(__always)
  public mutating func cycles(_ i: Instruction, _ e: Effect, machine m: Machine) -> UInt32 {
    let c = i.timing
    if e.conditionFailed {
      // An instruction whose condition fails (IT or B<c> not taken) takes one cycle.
      previousWasPipelinableLoad = false
      previousALUWrites = 0
      previousWas16BitDataProcessing = false
      return 1
    }
    var cycles = CortexM4Timing.base(c) &+ e.extraCycles
    switch c {
    case .loadMultiple, .storeMultiple:
      cycles &+= UInt32(e.accesses)
    case .load, .storeRegOffset:
      // Rule 1: a single load or register-offset store after a single load pipelines (−1),
      // unless its address depends on that load's result.
      if previousWasPipelinableLoad && i.addressRegisters & previousLoadDestination == 0 { cycles -= 1 }
    case .it:
      // IT folds onto a preceding 16-bit data-processing instruction (model's choice).
      if previousWas16BitDataProcessing { cycles = 0 }
    default: break
    }
    // Rule 2: no forwarding from the ALU to the address-generation unit.
    if i.addressRegisters & previousALUWrites != 0 { cycles &+= 1 }
    if e.branched {
      var p = UInt32(e.refill != 0 ? e.refill : CortexM4Timing.defaultRefill(c))
      if c == .branchReg && i.m == 14 && previousALUWrites & (1 << 14) != 0 { p = 2 }
      // Rule 5: +1 (capped at 3) when the target is a 32-bit instruction at a halfword address.
      if m.nextPC & 2 != 0, let hw = m.bus.peek(m.nextPC, count: 2),
        Decoder.is32Bit(UInt16(hw[0]) | UInt16(hw[1]) << 8)
      {
        p = min(p + 1, 3)
      }
      // Rule 7: a non-sequential fetch pays the target region's wait states.
      if m.bus.code.contains(m.nextPC, 2) { p &+= UInt32(m.bus.code.spec.waitStates) }
      cycles &+= p
    }
    previousWasPipelinableLoad = c == .load
    previousLoadDestination = c == .load ? i.writtenRegisters : 0
    switch c {
    case .alu, .aluPC, .multiply, .divide: previousALUWrites = i.writtenRegisters
    default: previousALUWrites = 0
    }
    previousWas16BitDataProcessing = i.size == 2 && (c == .alu || c == .multiply) && !e.branched
    return cycles
  }

  @inline(__always) static func defaultRefill(_ c: TimingClass) -> UInt8 {
    switch c {
    case .branch, .branchCond: return 1
    case .branchReg, .compareBranch, .aluPC, .isb: return 2
    default: return 3
    }
  }
}
