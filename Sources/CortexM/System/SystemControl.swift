// The system control space (§B3.2): SCB, SysTick (§B3.3), DWT cycle counter (§C1.8) and
// DEMCR, as far as programs that configure traps or time themselves need them.

public struct SystemControl {
  /// CCR (0xE000ED14): STKALIGN set, UNALIGN_TRP bit 3, DIV_0_TRP bit 4.
  public var CCR: UInt32 = 0x200
  public var VTOR: UInt32 = 0
  public var CPACR: UInt32 = 0
  public var CFSR: UInt32 = 0
  public var HFSR: UInt32 = 0
  public var MMFAR: UInt32 = 0
  public var BFAR: UInt32 = 0
  public var SHCSR: UInt32 = 0
  public var SHPR: (UInt32, UInt32, UInt32) = (0, 0, 0)
  public var ICSR_pendSV = false
  public var AIRCR: UInt32 = 0
  public var SCR: UInt32 = 0
  public var DEMCR: UInt32 = 0
  public var DWT_CTRL: UInt32 = 0x4000_0000  // NUMCOMP = 4
  /// CYCCNT is the core's cycle count minus this offset while enabled.
  public var cyccntBase: UInt64 = 0
  public var cyccntFrozen: UInt32 = 0
  public var SYST_CSR: UInt32 = 0
  public var SYST_RVR: UInt32 = 0
  /// Cycle at which the SysTick counter was last written (it counts down from RVR).
  public var systickStart: UInt64 = 0
  public var systickCVR: UInt32 = 0
  public var systickPending = false
  public var nvicEnabled: [UInt32] = Array(repeating: 0, count: 8)

  public var unalignTrap: Bool { CCR & 0x8 != 0 }
  public var divideByZeroTrap: Bool { CCR & 0x10 != 0 }
  var cyccntEnabled: Bool { DWT_CTRL & 1 != 0 }

  public init() {}

  mutating func read(_ address: UInt32, _ size: UInt32, machine m: Machine) -> UInt32? {
    guard size == 4 else { return address >= 0xE000_0000 && address < 0xE010_0000 ? 0 : nil }
    switch address {
    case 0xE000_ED00: return 0x410F_C241  // CPUID: Cortex-M4 r0p1
    case 0xE000_ED04:
      return (ICSR_pendSV ? 1 << 28 : 0) | (systickPending ? 1 << 26 : 0) | (m.IPSR & 0x1FF)
    case 0xE000_ED08: return VTOR
    case 0xE000_ED0C: return 0xFA05_0000 | (AIRCR & 0x700)
    case 0xE000_ED10: return SCR
    case 0xE000_ED14: return CCR
    case 0xE000_ED18: return SHPR.0
    case 0xE000_ED1C: return SHPR.1
    case 0xE000_ED20: return SHPR.2
    case 0xE000_ED24: return SHCSR
    case 0xE000_ED28: return CFSR
    case 0xE000_ED2C: return HFSR
    case 0xE000_ED34: return MMFAR
    case 0xE000_ED38: return BFAR
    case 0xE000_ED88: return CPACR
    case 0xE000_EDFC: return DEMCR
    case 0xE000_1000: return DWT_CTRL
    case 0xE000_1004: return cyccnt(m.cycles)
    case 0xE000_E010:
      let v = SYST_CSR
      let flag = systickCountFlag(m.cycles)
      SYST_CSR &= ~0x1_0000  // COUNTFLAG clears on read
      systickStart = flag ? m.cycles - UInt64(systickElapsedInPeriod(m.cycles)) : systickStart
      return (v & 0x7) | (flag ? 0x1_0000 : 0)
    case 0xE000_E014: return SYST_RVR
    case 0xE000_E018: return systickCurrent(m.cycles)
    case 0xE000_E01C: return 0x4000_0000 | 0x0000_FA00  // NOREF, TENMS unknown-ish
    case 0xE000_E100...0xE000_E11C: return nvicEnabled[Int((address - 0xE000_E100) / 4)]
    default:
      return address >= 0xE000_0000 && address < 0xE010_0000 ? 0 : nil
    }
  }

  mutating func write(_ address: UInt32, _ size: UInt32, _ value: UInt32, machine m: Machine) -> Bool {
    guard address >= 0xE000_0000 && address < 0xE010_0000 else { return false }
    guard size == 4 else { return true }
    switch address {
    case 0xE000_ED04:
      if value & (1 << 28) != 0 { ICSR_pendSV = true }
      if value & (1 << 27) != 0 { ICSR_pendSV = false }
      if value & (1 << 26) != 0 { systickPending = true }
      if value & (1 << 25) != 0 { systickPending = false }
    case 0xE000_ED08: VTOR = value & 0xFFFF_FF80
    case 0xE000_ED0C: if value >> 16 == 0x05FA { AIRCR = value & 0x700 }
    case 0xE000_ED10: SCR = value
    case 0xE000_ED14: CCR = (value & 0x31B) | 0x200
    case 0xE000_ED18: SHPR.0 = value
    case 0xE000_ED1C: SHPR.1 = value
    case 0xE000_ED20: SHPR.2 = value
    case 0xE000_ED24: SHCSR = value
    case 0xE000_ED28: CFSR &= ~value  // write-one-to-clear
    case 0xE000_ED2C: HFSR &= ~value
    case 0xE000_ED88: CPACR = value
    case 0xE000_EDFC: DEMCR = value
    case 0xE000_1000:
      let was = cyccntEnabled
      let current = cyccnt(m.cycles)
      DWT_CTRL = (DWT_CTRL & 0xF000_0000) | (value & 0x0FFF_FFFF)
      if was != cyccntEnabled { setCyccnt(current, m.cycles) }
    case 0xE000_1004: setCyccnt(value, m.cycles)
    case 0xE000_E010:
      SYST_CSR = value & 0x7
      systickStart = m.cycles
    case 0xE000_E014: SYST_RVR = value & 0x00FF_FFFF
    case 0xE000_E018:
      systickCVR = 0
      systickStart = m.cycles
      SYST_CSR &= ~0x1_0000
    case 0xE000_E100...0xE000_E11C: nvicEnabled[Int((address - 0xE000_E100) / 4)] |= value
    case 0xE000_E180...0xE000_E19C: nvicEnabled[Int((address - 0xE000_E180) / 4)] &= ~value
    default: break
    }
    return true
  }

  // MARK: DWT_CYCCNT: counts core cycles while DWT_CTRL.CYCCNTENA is set.

  func cyccnt(_ now: UInt64) -> UInt32 {
    cyccntEnabled ? UInt32(truncatingIfNeeded: now &- cyccntBase) : cyccntFrozen
  }

  mutating func setCyccnt(_ value: UInt32, _ now: UInt64) {
    cyccntFrozen = value
    cyccntBase = now &- UInt64(value)
  }

  // MARK: SysTick: a 24-bit down-counter clocked by the core (CLKSOURCE = 1).

  var systickEnabled: Bool { SYST_CSR & 1 != 0 }

  /// Cycles into the current reload period (counter was loaded with 0 at `systickStart`,
  /// reloads with RVR on the next cycle, then counts RVR…0).
  func systickElapsedInPeriod(_ now: UInt64) -> UInt64 {
    let period = UInt64(SYST_RVR) + 1
    let elapsed = now &- systickStart
    return elapsed == 0 ? 0 : (elapsed - 1) % period
  }

  func systickCurrent(_ now: UInt64) -> UInt32 {
    guard systickEnabled, SYST_RVR != 0 else { return systickCVR }
    let elapsed = now &- systickStart
    if elapsed == 0 { return systickCVR }
    return UInt32(UInt64(SYST_RVR) - systickElapsedInPeriod(now))
  }

  /// COUNTFLAG: the counter reached 0 since the last read of CSR.
  func systickCountFlag(_ now: UInt64) -> Bool {
    guard systickEnabled, SYST_RVR != 0 else { return false }
    let elapsed = now &- systickStart
    return elapsed > UInt64(SYST_RVR)
  }
}
