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
  /// Every register the previous instruction wrote (ALU results and loaded values), for rule 5's
  /// "BX LR when LR was not just written".
  var previousWrites: UInt16 = 0
  var previousWas16Bit = false

  /// DWT event counters (§C1.8.7–C1.8.11), 8 bits wide in hardware; kept wide here and
  /// truncated when read. CPICNT: cycles beyond the first of every instruction that is not a
  /// load/store and not folded; LSUCNT: cycles beyond the first of loads/stores (LDR, STR,
  /// LDRD/STRD, LDM/STM/PUSH/POP, LDREX/STREX); FOLDCNT: folded ITs.
  public var cpiExtra: UInt64 = 0
  public var lsuExtra: UInt64 = 0
  public var folded: UInt64 = 0

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
    case .branchReg: return 1       // BX/BLX Rm: 1 + P (P = 1 for LR unless just written, else 2)
    case .compareBranch: return 1   // CBZ/CBNZ: 1 not taken, 1 + P (P = 2) taken
    case .tableBranch: return 3     // TBB/TBH: "at least 6" — 3 + P (P = 3, target from memory); + rule 2 if Rm was just computed
    case .it: return 1              // IT: 1, or 0 when folded onto any preceding 16-bit instruction that did not branch
    case .system: return 1          // MRS, CPS: 1 (model's choice within TRM's 1–2)
    case .msr: return 2             // MSR: 2 (model's choice within TRM's 1–2; serialising)
    case .hint: return 1            // NOP, YIELD, SEV, WFE, WFI (no wait modelled)
    case .barrier: return 1         // DMB/DSB: 1 (no write buffer left to drain)
    case .isb: return 1             // ISB: 1 + P (P = 2)
    case .exception: return 1       // SVC/BKPT/UDF: 1 (+ 12 for exception entry, rule 8)
    // Exception return (rule 8): the returning BX/POP/LDM/LDR PC pays its issue cycles without P;
    // ExceptionReturn adds 10. Tail-chaining (6) is not modelled (no nesting).
    }
  }

  /// Forget the previous instruction: after a pipeline flush (exception entry or return)
  /// nothing pipelines, stalls or folds across the boundary.
  @inline(__always) public mutating func flush() {
    previousWasPipelinableLoad = false
    previousLoadDestination = 0
    previousALUWrites = 0
    previousWrites = 0
    previousWas16Bit = false
  }

  /// Cycles for one executed (or condition-failed) instruction.
  @inline(__always)
  public mutating func cycles(_ ip: UnsafeMutablePointer<Instruction>, _ e: Effect, machine m: Machine) -> UInt32 {
    let c = ip.pointee.timing
    let addressRegisters = ip.pointee.addressRegisters
    let writtenRegisters = ip.pointee.writtenRegisters
    let size = ip.pointee.size
    let rm = ip.pointee.m
    if e.conditionFailed {
      // An instruction whose condition fails (IT or B<c> not taken) takes one cycle. It is
      // still a 16-bit instruction an IT can fold onto (only B<c> T1 can be followed by one).
      flush()
      previousWas16Bit = size == 2
      return 1
    }
    var cycles = CortexM4Timing.base(c) &+ e.extraCycles
    switch c {
    case .loadMultiple, .storeMultiple:
      cycles &+= UInt32(e.accesses)
    case .load, .storeRegOffset:
      // Rule 1: a single load or register-offset store after a single load pipelines (−1),
      // unless its address depends on that load's result.
      if previousWasPipelinableLoad && addressRegisters & previousLoadDestination == 0 { cycles -= 1 }
    case .it:
      // IT folds onto a preceding 16-bit instruction (TIMING.md table: "0 when folded onto a
      // preceding 16-bit instruction"). Choice: any 16-bit instruction that did not branch
      // (at a branch target the IT is the first instruction after the refill: not folded).
      if previousWas16Bit {
        cycles = 0
        folded &+= 1
      }
    default: break
    }
    // Rule 2: no forwarding from the ALU to the address-generation unit.
    if addressRegisters & previousALUWrites != 0 { cycles &+= 1 }
    if e.branched {
      var p = UInt32(e.refill != 0 ? e.refill : CortexM4Timing.defaultRefill(c))
      // Rule 5: BX LR / BLX LR resolve at decode unless the previous instruction wrote LR (by
      // any means: ALU result or load, e.g. `ldr lr, [sp], #4; bx lr`); then at execute.
      if c == .branchReg && rm == 14 && previousWrites & (1 << 14) != 0 { p = 2 }
      if m.pendingExceptionReturn != nil {
        // Rule 8: an EXC_RETURN written to the PC: the return's 10 cycles (charged by
        // ExceptionReturn) include the refill, so the instruction pays only its issue cycles.
        p = 0
      } else {
        let target = m.nextPC
        let code = m.bus.code, sram = m.bus.sram
        // Rule 5: +1 (capped at 3) when the target is a 32-bit instruction at a halfword address.
        if target & 2 != 0 {
          var hw: UInt16? = nil
          if code.contains(target, 2) {
            hw = code.bytes.load(fromByteOffset: Int(target &- code.base), as: UInt16.self)
          } else if sram.contains(target, 2) {
            hw = sram.bytes.load(fromByteOffset: Int(target &- sram.base), as: UInt16.self)
          }
          if let hw, Decoder.is32Bit(hw) { p = min(p + 1, 3) }
        }
        // Rule 7: a non-sequential fetch pays the target region's wait states.
        if code.contains(target, 2) {
          p &+= code.waitStates
        } else if sram.contains(target, 2) {
          p &+= sram.waitStates
        }
      }
      cycles &+= p
      // The refill separates this instruction from the target: nothing pipelines or stalls.
      flush()
    } else {
      settle(after: ip.pointee)
    }
    // DWT event counters.
    if CortexM4Timing.isLoadStore(c) {
      if cycles > 1 { lsuExtra &+= UInt64(cycles - 1) }
    } else {
      if cycles > 1 { cpiExtra &+= UInt64(cycles - 1) }
    }
    return cycles
  }

  /// The classes whose extra cycles the DWT counts in LSUCNT (the rest go to CPICNT).
  @inline(__always) static func isLoadStore(_ c: TimingClass) -> Bool {
    switch c {
    case .load, .store, .storeRegOffset, .loadDouble, .storeDouble, .loadMultiple, .storeMultiple, .exclusive: return true
    default: return false
    }
  }

  /// The state `cycles` leaves after instruction `i` completed without branching: the only
  /// thing the next instruction's price depends on besides its own effect.
  @inline(__always) public mutating func settle(after i: Instruction) {
    let c = i.timing
    previousWasPipelinableLoad = c == .load
    previousLoadDestination = c == .load ? i.writtenRegisters : 0
    switch c {
    case .alu, .aluPC, .multiply, .divide: previousALUWrites = i.writtenRegisters
    default: previousALUWrites = 0
    }
    previousWrites = i.writtenRegisters
    previousWas16Bit = i.size == 2 && c != .it
  }

  // MARK: Memoised prices (Core/Execution.swift's `runMemoised`)
  //
  // For a non-branching instruction, `cycles` is a function of the state above, the
  // instruction, and its effect, and it is linear in `extraCycles` (every such class costs at
  // least 1 cycle, so the DWT count is `cycles − 1` too). The machine therefore records the
  // price it got from `cycles` once per (state, instruction, access count) and replays it.

  /// The pipeline state as one value (at most 50 bits: `.max` never matches it).
  @inline(__always) public var stateKey: UInt64 {
    (previousWasPipelinableLoad ? 1 : 0) | (previousWas16Bit ? 2 : 0)
      | UInt64(previousLoadDestination) << 16 | UInt64(previousALUWrites) << 32 | UInt64(previousWrites) << 48
  }

  /// `stateKey` after `i` completed without branching.
  static func stateKey(after i: Instruction) -> UInt64 {
    var t = CortexM4Timing()
    t.settle(after: i)
    return t.stateKey
  }

  /// Classes whose price when they do not branch may be memoised: linear in `extraCycles`,
  /// at least 1 cycle (IT: 0 when folded, which depends only on the state). Divides
  /// (operand-dependent, base 0), BX/BLX/TBB/TBH and ALU writes to the PC, MSR/MRS/CPS, ISB and
  /// exception-raising instructions are always priced by `cycles`.
  static func isMemoisable(_ c: TimingClass) -> Bool {
    switch c {
    case .alu, .multiply, .load, .store, .storeRegOffset, .loadDouble, .storeDouble, .loadMultiple,
      .storeMultiple, .exclusive, .hint, .barrier, .it, .compareBranch:
      return true
    default: return false
    }
  }

  @inline(__always) static func defaultRefill(_ c: TimingClass) -> UInt8 {
    switch c {
    case .branch, .branchCond: return 1
    case .branchReg, .compareBranch, .aluPC, .isb: return 2
    default: return 3
    }
  }
}
