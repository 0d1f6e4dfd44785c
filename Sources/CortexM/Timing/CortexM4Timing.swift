// The Cortex-M4 cycle model: one table of base costs (TRM r0p1, DDI 0439D §3.3, Table 3-1)
// plus the pipeline rules of shared/TIMING.md, all in this file. Semantics report what an
// instruction did in the effect record; this turns that into cycles.

public struct CortexM4Timing {
  /// The previous instruction, for the pipelining and address-generation rules.
  var previousClass: TimingClass = .alu
  var previousWroteRegisters: UInt16 = 0
  var previousLoadPipelinable = false

  public init() {}

  /// Base cost of each class (TIMING.md "Per-instruction costs"; P added separately).
  @inline(__always)
  static func base(_ c: TimingClass) -> UInt32 {
    switch c {
    case .alu: return 1           // TRM Table 3-1: data operations 1
    case .aluPC: return 1         // MOV/ADD PC: 1 + P
    case .multiply: return 1      // M4: MUL/MLA/MLS/long/DSP multiplies 1
    case .divide: return 0        // operand dependent, reported in extraCycles
    case .load: return 2          // LDR: 2 (pipelines to 1 after a load)
    case .store: return 1         // STR imm: write buffer absorbs the data phase
    case .storeRegOffset: return 2
    case .loadDouble, .storeDouble: return 3
    case .loadMultiple, .storeMultiple: return 1  // 1 + N (N added from the effect)
    case .exclusive: return 2
    case .branch, .branchReg: return 1           // 1 + P
    case .branchCond, .compareBranch: return 1   // 1, + P when taken
    case .tableBranch: return 2                  // "at least 6": 2 + 1 access + P=3
    case .it: return 1
    case .system: return 1
    case .hint, .barrier: return 1
    case .isb: return 1
    case .exception: return 1
    }
  }

  /// Cycles for one executed (or condition-failed) instruction.
  @inline(__always)
  public mutating func cycles(_ i: Instruction, _ e: Effect, machine m: Machine) -> UInt32 {
    let c = i.timing
    if e.conditionFailed {
      previousClass = .alu
      previousLoadPipelinable = false
      return 1
    }
    var cycles = CortexM4Timing.base(c) &+ e.extraCycles
    switch c {
    case .loadMultiple, .storeMultiple:
      cycles &+= UInt32(e.accesses)
    case .load:
      // Rule 1: a load following a pipelinable load costs one less.
      if previousLoadPipelinable { cycles -= 1 }
    case .store:
      break
    default: break
    }
    if e.branched {
      let p = e.refill != 0 ? e.refill : defaultRefill(c)
      cycles &+= UInt32(p)
    }
    previousClass = c
    previousLoadPipelinable = c == .load
    return cycles
  }

  @inline(__always) func defaultRefill(_ c: TimingClass) -> UInt8 {
    switch c {
    case .branch, .branchCond: return 1
    case .branchReg, .compareBranch, .aluPC: return 2
    case .tableBranch: return 3
    default: return 3
    }
  }
}
