// The machine: a final class over flat register storage and raw memory buffers. One
// `step()` is fetch → decode (cached per address) → execute (semantics, which fill in the
// effect record) → time (the cycle model prices the effect). Semantics never see cycles.

/// Why a run stopped.
public enum StopReason: Equatable, Sendable {
  /// SYS_EXIT / SYS_EXIT_EXTENDED, or a return to the exit sentinel (status in r0).
  case exited(Int32)
  /// A fault that was not vectored.
  case fault(FaultKind)
  /// `--max-cycles` reached.
  case cycleLimit
  /// BKPT other than the semihosting one.
  case breakpoint(UInt8)
  /// Semihosting reported an unrecoverable request (e.g. SYS_SYSTEM refused is not one).
  case semihostingError
}

/// What one instruction did, as the cycle model and tracer need it.
public struct Effect {
  /// The instruction wrote the PC (branch taken, PC loaded, exception return).
  public var branched = false
  /// Refill penalty class of the branch: 1 decode-time, 2 execute-time, 3 loaded from memory.
  public var refill: UInt8 = 0
  /// Memory accesses issued (beats).
  public var accesses: UInt8 = 0
  /// Extra cycles from unaligned accesses, wait states and operand-dependent divides.
  public var extraCycles: UInt32 = 0
  /// The instruction's condition failed (IT block or B<c> not taken).
  public var conditionFailed = false
  /// Last data address (for traces and fault reports).
  public var lastAddress: UInt32 = 0

  @inline(__always) mutating func reset() { self = Effect() }
}

public final class Machine {
  // MARK: Architectural state (§B1.4)

  /// R0–R15 storage; R[13] holds the current stack pointer, R[15] the current instruction's address.
  public let regs: UnsafeMutablePointer<UInt32>
  /// The banked stack pointer not selected by CONTROL.SPSEL (MSP in thread mode on PSP, or PSP).
  public var otherSP: UInt32 = 0
  public var N = false, Z = false, C = false, V = false, Q = false
  public var GE: UInt32 = 0
  public var ITSTATE: UInt8 = 0
  /// EPSR.T: cleared by an interworking branch to an even address; execution then faults.
  public var T = true
  public var IPSR: UInt32 = 0
  public var PRIMASK: UInt32 = 0, FAULTMASK: UInt32 = 0, BASEPRI: UInt32 = 0
  /// CONTROL.nPRIV (bit 0) and CONTROL.SPSEL (bit 1).
  public var CONTROL: UInt32 = 0
  /// The local exclusive monitor (§A3.4): open, or tagged with an address.
  public var exclusiveAddress: UInt32? = nil

  /// Address of the instruction being executed, and the one to run next.
  public var pc: UInt32 = 0
  public var nextPC: UInt32 = 0
  /// The address of the instruction just executed (valid inside `onStep`).
  public var lastPC: UInt32 = 0

  // MARK: Machinery

  public let board: Board
  /// Fixed for the machine's life: translated blocks point into its decode caches.
  public let bus: Bus
  /// `Decoder.semantics`, cached so the hot path skips the global's lazy-initialisation check.
  let semanticsTable = Decoder.semantics
  public var system = SystemControl()
  public var effect = Effect()
  public var timing = CortexM4Timing()
  public var cycles: UInt64 = 0
  /// The cycle model's price of the last instruction `step()` completed (for `runMemoised`).
  var lastPrice: UInt32 = 0
  /// Translated blocks (Core/Blocks.swift), used by `run` without a hook.
  var blockTable = BlockTable()
  /// Whether `run` without a hook translates blocks; off only so that `cmemu bench` and the
  /// tests can compare with the memoised loop alone.
  public var translatesBlocks = true
  /// The Cortex-M4 cycle model prices every instruction; off (1 cycle each) only so that
  /// `cmemu bench` can measure what exact cycle counting costs.
  public var cycleModelEnabled = true
  public var instructions: UInt64 = 0
  public var stop: StopReason? = nil
  public var semihosting: Semihosting
  /// Vector faults to the guest's handlers instead of ending the run.
  public var vectoredFaults = false
  /// The fault that ended the run, with where it happened.
  public var lastFault: FaultReport? = nil
  /// Stack and heap high-water tracking (DESIGN.md).
  public var watermarks = Watermarks()
  /// Called after each instruction when set (tracing, profiling); nil costs one branch.
  public var onStep: ((Machine, Instruction) -> Void)? = nil

  /// The next cycle count at which pending interrupts must be looked at (.max: none armed).
  public var interruptCheckAt: UInt64 = .max

  /// Return address used as the "program finished" sentinel when booting from an entry point.
  public static let exitSentinel: UInt32 = 0xFFFF_FFFE

  public init(board: Board = .generic) {
    self.board = board
    regs = .allocate(capacity: 16)
    regs.initialize(repeating: 0, count: 16)
    bus = Bus(board: board)
    semihosting = Semihosting()
  }

  deinit {
    regs.deallocate()
    blockTable.release()
  }

  // MARK: Core registers (§A2.3.1, §B1.4.7)

  /// `R[n]`: reading the PC gives the current instruction's address + 4.
  @inline(__always) public func R(_ n: UInt8) -> UInt32 {
    n == 15 ? pc &+ 4 : regs[Int(n)]
  }

  /// `R[n] = value` for n < 15 (writes to SP keep bits[1:0] zero, §B1.4.7).
  @inline(__always) public func setR(_ n: UInt8, _ value: UInt32) {
    if n == 13 { setSP(value) } else { regs[Int(n)] = value }
  }

  @inline(__always) public var SP: UInt32 { regs[13] }

  @inline(__always) public func setSP(_ value: UInt32) {
    let v = value & ~3
    regs[13] = v
    watermarks.noteSP(v)
  }

  /// `Align(PC, 4)` as used by literal loads and ADR.
  @inline(__always) public var alignedPC: UInt32 { (pc &+ 4) & ~3 }

  // MARK: Writing the PC (§A2.3.1)

  /// `BranchWritePC(address)`.
  @inline(__always) public func BranchWritePC(_ address: UInt32) {
    nextPC = address & ~1
    effect.branched = true
  }

  /// `BXWritePC(address)`: interworking, including EXC_RETURN in handler mode.
  @inline(__always) public func BXWritePC(_ address: UInt32) {
    effect.branched = true
    if IPSR != 0 && address >> 28 == 0xF {
      pendingExceptionReturn = address
      nextPC = address
      return
    }
    T = address & 1 == 1
    nextPC = address & ~1
  }

  /// `BLXWritePC(address)`.
  @inline(__always) public func BLXWritePC(_ address: UInt32) {
    effect.branched = true
    T = address & 1 == 1
    nextPC = address & ~1
  }

  /// `LoadWritePC(address)` = BXWritePC.
  @inline(__always) public func LoadWritePC(_ address: UInt32) {
    BXWritePC(address)
    effect.refill = 3
  }

  /// `ALUWritePC(address)` = BranchWritePC in Thumb.
  @inline(__always) public func ALUWritePC(_ address: UInt32) {
    BranchWritePC(address)
    effect.refill = 2
  }

  /// An EXC_RETURN value written to the PC, handled after the instruction completes.
  public var pendingExceptionReturn: UInt32? = nil

  // MARK: Status registers (§A2.3.2, §B1.4.2)

  public var APSR: UInt32 {
    get {
      (N ? 1 << 31 : 0) | (Z ? 1 << 30 : 0) | (C ? 1 << 29 : 0) | (V ? 1 << 28 : 0)
        | (Q ? 1 << 27 : 0) | (GE << 16)
    }
    set {
      N = newValue.bit(31); Z = newValue.bit(30); C = newValue.bit(29); V = newValue.bit(28)
      Q = newValue.bit(27); GE = newValue.bits(19, 16)
    }
  }

  public var EPSR: UInt32 {
    let it = UInt32(ITSTATE)
    return (T ? 1 << 24 : 0) | ((it & 0xFC) << 8) | ((it & 3) << 25)
  }

  public var xPSR: UInt32 { APSR | EPSR | IPSR }

  /// `InITBlock()` / `LastInITBlock()` (§A7.3.1).
  @inline(__always) public var InITBlock: Bool { ITSTATE & 0xF != 0 }
  @inline(__always) public var LastInITBlock: Bool { ITSTATE & 0xF == 0x8 }

  /// `ITAdvance()` (§A7.3.2).
  @inline(__always) func ITAdvance() {
    if ITSTATE & 0x7 == 0 { ITSTATE = 0 } else { ITSTATE = (ITSTATE & 0xE0) | ((ITSTATE << 1) & 0x1F) }
  }

  /// `ConditionHolds(cond)` (§A7.3.1).
  @inline(__always) public func ConditionHolds(_ cond: UInt8) -> Bool {
    var result: Bool
    switch cond >> 1 {
    case 0: result = Z
    case 1: result = C
    case 2: result = N
    case 3: result = V
    case 4: result = C && !Z
    case 5: result = N == V
    case 6: result = N == V && !Z
    default: result = true
    }
    if cond & 1 == 1 && cond != 0xF { result = !result }
    return result
  }

  /// `CurrentModeIsPrivileged()`.
  @inline(__always) public var CurrentModeIsPrivileged: Bool { IPSR != 0 || CONTROL & 1 == 0 }

  /// Set N and Z from a result (the common `APSR.N = result<31>; APSR.Z = IsZeroBit(result)`).
  @inline(__always) public func setNZ(_ result: UInt32) {
    N = result >> 31 == 1
    Z = result == 0
  }

  /// Whether this instruction sets flags: `setflags`, or `!InITBlock()` for the 16-bit forms.
  @inline(__always) public func setsFlags(_ i: Instruction) -> Bool {
    i.setflagsOutsideITOnly ? !InITBlock : i.setflags
  }
}
