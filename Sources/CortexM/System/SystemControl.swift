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
  /// CYCCNT is the core's cycle count minus this offset while counting; `cyccntFrozen` otherwise.
  public var cyccntBase: UInt64 = 0
  public var cyccntFrozen: UInt32 = 0
  /// CPICNT, LSUCNT, FOLDCNT (8-bit): the timing model's running totals minus these offsets
  /// while enabled (DWT_CTRL bits 17, 20, 21), frozen values otherwise.
  var eventBase: (UInt64, UInt64, UInt64) = (0, 0, 0)
  var eventFrozen: (UInt32, UInt32, UInt32) = (0, 0, 0)
  public var SYST_CSR: UInt32 = 0
  public var SYST_RVR: UInt32 = 0
  /// SysTick while enabled: the counter held `systickStartValue` at cycle `systickStart` and has
  /// counted down one per core cycle since (reloading RVR the cycle after it reads 0).
  public var systickStart: UInt64 = 0
  public var systickStartValue: UInt32 = 0
  /// The counter's value while disabled.
  public var systickCVR: UInt32 = 0
  /// COUNTFLAG: set by a count to 0 after `systickFlagClear`, or latched across a reconfiguration.
  var systickFlagClear: UInt64 = 0
  var systickFlagLatched = false
  /// The last count-to-0 that has been turned into a pending SysTick exception.
  var systickServed: UInt64 = 0
  public var systickPending = false
  public var nvicEnabled: [UInt32] = Array(repeating: 0, count: 8)

  public var unalignTrap: Bool { CCR & 0x8 != 0 }
  public var divideByZeroTrap: Bool { CCR & 0x10 != 0 }
  /// CYCCNT counts when DWT_CTRL.CYCCNTENA and DEMCR.TRCENA are both set (§C1.8.1: TRCENA
  /// powers the DWT).
  var cyccntEnabled: Bool { DWT_CTRL & 1 != 0 && DEMCR & (1 << 24) != 0 }
  func eventEnabled(_ k: Int) -> Bool {
    DEMCR & (1 << 24) != 0 && DWT_CTRL & (k == 0 ? 1 << 17 : k == 1 ? 1 << 20 : 1 << 21) != 0
  }

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
    case 0xE000_1008: return eventCount(0, m)
    case 0xE000_1014: return eventCount(1, m)
    case 0xE000_1018: return eventCount(2, m)
    case 0xE000_E010:
      let flag = systickCountFlag(m.cycles)
      systickFlagLatched = false  // COUNTFLAG clears on read
      systickFlagClear = m.cycles
      return (SYST_CSR & 0x7) | (flag ? 0x1_0000 : 0)
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
    case 0xE000_EDFC: changeDWT(m) { $0.DEMCR = value }
    case 0xE000_1000: changeDWT(m) { $0.DWT_CTRL = ($0.DWT_CTRL & 0xF000_0000) | (value & 0x0FFF_FFFF) }
    case 0xE000_1004: setCyccnt(value, m.cycles)
    case 0xE000_1008: setEventCount(0, value, m)
    case 0xE000_1014: setEventCount(1, value, m)
    case 0xE000_1018: setEventCount(2, value, m)
    case 0xE000_E010:
      reanchorSysTick(m.cycles) { $0.SYST_CSR = value & 0x7 }
      systickServed = m.cycles  // counts to 0 before TICKINT was written do not interrupt
    case 0xE000_E014:
      reanchorSysTick(m.cycles) { $0.SYST_RVR = value & 0x00FF_FFFF }
    case 0xE000_E018:
      // Any write clears the counter to 0 and COUNTFLAG; the next cycle reloads RVR.
      systickCVR = 0
      systickStart = m.cycles
      systickStartValue = 0
      systickFlagLatched = false
      systickFlagClear = m.cycles
      systickServed = m.cycles
    case 0xE000_E100...0xE000_E11C: nvicEnabled[Int((address - 0xE000_E100) / 4)] |= value
    case 0xE000_E180...0xE000_E19C: nvicEnabled[Int((address - 0xE000_E180) / 4)] &= ~value
    default: break
    }
    return true
  }

  // MARK: DWT_CYCCNT: counts core cycles while DWT_CTRL.CYCCNTENA and DEMCR.TRCENA are set.
  //
  // Timing of guest accesses: a load or store is performed at the *start* of its instruction,
  // i.e. an LDR of CYCCNT returns the count of cycles of every instruction before it (not its
  // own), and an STR to CYCCNT sets the value the counter has at the start of the STR.

  func cyccnt(_ now: UInt64) -> UInt32 {
    cyccntEnabled ? UInt32(truncatingIfNeeded: now &- cyccntBase) : cyccntFrozen
  }

  mutating func setCyccnt(_ value: UInt32, _ now: UInt64) {
    cyccntFrozen = value
    cyccntBase = now &- UInt64(value)
  }

  /// The model's running total for event counter k (0 CPI, 1 LSU, 2 FOLD).
  func eventSource(_ k: Int, _ m: Machine) -> UInt64 {
    k == 0 ? m.timing.cpiExtra : k == 1 ? m.timing.lsuExtra : m.timing.folded
  }

  func eventCount(_ k: Int, _ m: Machine) -> UInt32 {
    let base = k == 0 ? eventBase.0 : k == 1 ? eventBase.1 : eventBase.2
    let frozen = k == 0 ? eventFrozen.0 : k == 1 ? eventFrozen.1 : eventFrozen.2
    return eventEnabled(k) ? UInt32(truncatingIfNeeded: eventSource(k, m) &- base) & 0xFF : frozen
  }

  mutating func setEventCount(_ k: Int, _ value: UInt32, _ m: Machine) {
    let v = value & 0xFF
    let base = eventSource(k, m) &- UInt64(v)
    switch k {
    case 0: eventFrozen.0 = v; eventBase.0 = base
    case 1: eventFrozen.1 = v; eventBase.1 = base
    default: eventFrozen.2 = v; eventBase.2 = base
    }
  }

  /// Apply a change to DEMCR or DWT_CTRL, keeping every counter's value across enable changes.
  mutating func changeDWT(_ m: Machine, _ change: (inout SystemControl) -> Void) {
    let cyc = cyccnt(m.cycles)
    let events = (eventCount(0, m), eventCount(1, m), eventCount(2, m))
    change(&self)
    setCyccnt(cyc, m.cycles)
    setEventCount(0, events.0, m)
    setEventCount(1, events.1, m)
    setEventCount(2, events.2, m)
  }

  // MARK: SysTick: a 24-bit down-counter clocked by the core (CLKSOURCE is treated as 1).
  //
  // Counting from 1 to 0 sets COUNTFLAG and, with TICKINT, pends the SysTick exception; the next
  // cycle reloads RVR. With RVR = N − 1 the exception therefore recurs every N cycles. A value
  // of 0 (after a write to CVR) reloads on the next cycle without an event.

  var systickEnabled: Bool { SYST_CSR & 1 != 0 }

  /// The cycle at which the counter first reads 0 after `systickStart`.
  var systickFirstZero: UInt64 { systickStart &+ UInt64(systickStartValue) }

  func systickCurrent(_ now: UInt64) -> UInt32 {
    guard systickEnabled else { return systickCVR }
    let z = systickFirstZero
    if now <= z { return systickStartValue &- UInt32(now &- systickStart) }
    if SYST_RVR == 0 { return 0 }
    let period = UInt64(SYST_RVR) + 1
    return SYST_RVR &- UInt32((now &- z &- 1) % period)
  }

  /// The latest count-to-0 event at or before `now`, if any.
  func systickLastEvent(_ now: UInt64) -> UInt64? {
    guard systickEnabled else { return nil }
    let z = systickFirstZero
    if now < z { return nil }
    if SYST_RVR == 0 { return systickStartValue > 0 ? z : nil }
    let period = UInt64(SYST_RVR) + 1
    let j = (now &- z) / period
    if j == 0 && systickStartValue == 0 { return nil }
    return z &+ j &* period
  }

  /// The first count-to-0 event after `now`, if any.
  func systickNextEvent(_ now: UInt64) -> UInt64? {
    guard systickEnabled else { return nil }
    let z = systickFirstZero
    if now < z { return systickStartValue > 0 ? z : (SYST_RVR == 0 ? nil : z &+ UInt64(SYST_RVR) &+ 1) }
    if SYST_RVR == 0 { return nil }
    let period = UInt64(SYST_RVR) + 1
    return z &+ ((now &- z) / period &+ 1) &* period
  }

  /// COUNTFLAG: the counter reached 0 since CSR was last read (or CVR written).
  func systickCountFlag(_ now: UInt64) -> Bool {
    if systickFlagLatched { return true }
    guard let e = systickLastEvent(now) else { return false }
    return e > systickFlagClear
  }

  /// Change CSR or RVR: the counter keeps its current value and COUNTFLAG its state.
  mutating func reanchorSysTick(_ now: UInt64, _ change: (inout SystemControl) -> Void) {
    let value = systickCurrent(now)
    systickFlagLatched = systickCountFlag(now)
    let served = systickLastEvent(now).map { max($0, systickServed) } ?? systickServed
    change(&self)
    systickCVR = value
    systickStart = now
    systickStartValue = value
    systickFlagClear = now
    systickServed = served
  }
}
