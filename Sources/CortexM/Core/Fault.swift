// Faults raised by instructions and the bus. Semantics throw a `Fault`; the machine either
// vectors it to the guest's handler (`--vectored-faults`) or ends the run with a report.

public enum FaultKind: Equatable, Sendable {
  /// UsageFault UNDEFINSTR: no encoding matches.
  case undefinedInstruction
  /// UsageFault UNDEFINSTR raised for an UNPREDICTABLE encoding (the documented policy).
  case unpredictable
  /// UsageFault INVSTATE: execution with EPSR.T == 0 (BX to an even address).
  case invalidState
  /// UsageFault NOCP: a coprocessor/FP instruction with the FPU off.
  case noCoprocessor
  /// UsageFault UNALIGNED: LDRD/STRD/LDM/STM/LDREX… (or any access with CCR.UNALIGN_TRP).
  case unaligned
  /// UsageFault DIVBYZERO (CCR.DIV_0_TRP set).
  case divideByZero
  /// BusFault: an access to unmapped memory (or an instruction fetch from it).
  case busFault
  /// MemManage: an access the memory map forbids (write to flash, execute from an XN region).
  case memManage
  /// The stack pointer went below the bottom of SRAM.
  case stackOverflow
  /// UsageFault INVPC: an illegal EXC_RETURN.
  case invalidExceptionReturn
}

public struct Fault: Error, Sendable {
  public var kind: FaultKind
  /// The faulting data address, when there is one.
  public var address: UInt32?
  public var detail: String

  public init(_ kind: FaultKind, address: UInt32? = nil, _ detail: String = "") {
    self.kind = kind
    self.address = address
    self.detail = detail
  }

  /// The exception number the fault vectors to (§B1.5.2).
  public var exceptionNumber: Int {
    switch kind {
    case .busFault: return 5
    case .memManage, .stackOverflow: return 4
    default: return 6
    }
  }

  public var name: String {
    switch kind {
    case .undefinedInstruction: return "UsageFault (UNDEFINSTR): undefined instruction"
    case .unpredictable: return "UsageFault (UNDEFINSTR): UNPREDICTABLE instruction"
    case .invalidState: return "UsageFault (INVSTATE): Thumb bit clear"
    case .noCoprocessor: return "UsageFault (NOCP): coprocessor/FPU instruction with no FPU enabled"
    case .unaligned: return "UsageFault (UNALIGNED): unaligned access"
    case .divideByZero: return "UsageFault (DIVBYZERO): division by zero with CCR.DIV_0_TRP set"
    case .busFault: return "BusFault: access to unmapped memory"
    case .memManage: return "MemManage fault: access forbidden by the memory map"
    case .stackOverflow: return "Stack overflow: SP below the bottom of SRAM"
    case .invalidExceptionReturn: return "UsageFault (INVPC): invalid exception return"
    }
  }
}
