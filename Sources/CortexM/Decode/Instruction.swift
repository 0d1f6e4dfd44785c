// The decoded form of one Thumb instruction: what an encoding's decode clause in the ARM ARM
// computes (register numbers, imm32, setflags, shift_t/shift_n, index/add/wback, registers),
// plus the semantics to run. Built once per address and cached by the machine.

/// Semantics of one instruction: a plain function (no captures), kept in one table indexed by
/// `Instruction.semantics`, so a decoded instruction is a trivial value — copied without
/// reference counting, no existential, no allocation. It reads and writes the machine and
/// reports a fault by throwing.
public typealias Semantics = (Machine, Instruction) throws(Fault) -> Void

/// How the cycle model prices an instruction (see Timing/CortexM4Timing.swift).
public enum TimingClass: UInt8 {
  case alu            // 1 cycle data processing, extends, bitfield, saturate, DSP
  case aluPC          // data processing writing PC (MOV PC, ADD PC)
  case multiply       // MUL/MLA/MLS, long multiplies, DSP multiplies: 1 on M4
  case divide         // SDIV/UDIV: operand dependent
  case load           // single load (LDR/LDRH/LDRB/LDRSH/LDRSB, literal, LDRT…)
  case store          // single store
  case storeRegOffset // single store with a register offset (no pipelining after it)
  case loadDouble     // LDRD
  case storeDouble    // STRD
  case loadMultiple   // LDM/POP
  case storeMultiple  // STM/PUSH
  case exclusive      // LDREX/STREX families
  case branch         // B, BL (target known at decode)
  case branchCond     // B<c>
  case branchReg      // BX/BLX Rm
  case compareBranch  // CBZ/CBNZ
  case tableBranch    // TBB/TBH
  case it             // IT
  case system         // MRS/CPS
  case msr            // MSR (serialising: 2 cycles, the model's choice)
  case hint           // NOP/YIELD/WFE/WFI/SEV
  case barrier        // DMB/DSB
  case isb            // ISB
  case exception      // SVC, BKPT, UDF
}

public struct Instruction {
  /// Index of the semantics in `Decoder.semantics` (the row's, or a fault raiser).
  public var semantics: UInt16
  /// The raw encoding: a 16-bit instruction in the low half, a 32-bit one as hw1:hw2.
  public var raw: UInt32
  public var imm32: UInt32 = 0
  /// Index of the encoding row (names the encoding and drives disassembly).
  public var row: UInt16 = 0
  /// 2 or 4.
  public var size: UInt8 = 2
  public var d: UInt8 = 0
  public var n: UInt8 = 0
  public var m: UInt8 = 0
  public var t: UInt8 = 0
  public var t2: UInt8 = 0
  public var a: UInt8 = 0
  public var dLo: UInt8 = 0
  public var dHi: UInt8 = 0
  public var shift_t: SRType = .LSL
  public var shift_n: UInt8 = 0
  /// Condition for B<c> (T1/T3); 14 (AL) otherwise.
  public var cond: UInt8 = 14
  public var setflags = false
  /// 16-bit data-processing encodings whose pseudocode says `setflags = !InITBlock()`.
  public var setflagsOutsideITOnly = false
  public var index = false
  public var add = false
  public var wback = false
  /// Extra per-encoding bits (e.g. SMLA<x><y>'s n_high/m_high, MSR mask, CPS flags).
  public var extra: UInt8 = 0
  public var registers: UInt16 = 0
  public var timing: TimingClass = .alu
  /// Registers an address computation reads (base, offset): for the address-generation stall
  /// and load pipelining rules. Derived once at decode (`Decoder.annotateTiming`).
  public var addressRegisters: UInt16 = 0
  /// Registers the instruction writes through the ALU or a load (for the same rules).
  public var writtenRegisters: UInt16 = 0

  // The machine's memoised price (Core/Execution.swift `runMemoised`; filled by the machine, a
  // fresh decode forgets it): `memoCycles` is what the cycle model charged, extras excluded,
  // when the pipeline state before had key `memoKey` and the instruction made `memoAccesses`
  // memory accesses. `stateAfterKey` is the pipeline state it leaves (set at decode).
  var memoKey: UInt64 = .max
  var stateAfterKey: UInt64 = 0
  var memoCycles: UInt8 = 0
  var memoAccesses: UInt8 = 0
  /// `memoisable`, `loadStore` (see `CortexM4Timing.isMemoisable` / `isLoadStore`).
  var memoFlags: UInt8 = 0
  /// The `DirectOp` the fast loop calls by name (0: through the table).
  var direct: DirectOp = .none
  /// The price of a taken B/BL (state-independent: a fixed target and refill), 0 = unknown.
  var memoTakenCycles: UInt8 = 0
  /// For a halfword-aligned target, the size of the instruction there when it was priced.
  var memoTargetSize: UInt8 = 0
  /// The translated block that starts here (Core/Blocks.swift): index + 1, 0 = none.
  var block: UInt32 = 0
  static let memoisable: UInt8 = 1
  static let loadStore: UInt8 = 2

  public init(semantics: UInt16, raw: UInt32, size: UInt8) {
    self.semantics = semantics
    self.raw = raw
    self.size = size
  }

}
