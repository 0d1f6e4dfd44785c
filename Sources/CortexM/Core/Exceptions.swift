// Exception entry and return (§B1.5.6 ExceptionEntry/PushStack, §B1.5.8 ExceptionReturn).
// Priorities are simplified: an exception is taken in thread mode when PRIMASK is clear;
// nesting is not modelled (the programs cmemu targets do not nest).

extension Machine {
  /// The handler address in the vector table, or nil when the table is not readable.
  func vectorEntry(_ number: Int) -> UInt32? {
    bus.peek32(system.VTOR &+ UInt32(number * 4))
  }

  /// `PushStack` + `ExceptionTaken`.
  func ExceptionEntry(_ number: Int, returnAddress: UInt32) throws(Fault) {
    guard let vector = vectorEntry(number), vector != 0 else {
      throw Fault(.busFault, address: system.VTOR &+ UInt32(number * 4), "no handler for exception \(number)")
    }
    let framesize: UInt32 = 0x20
    let forcealign = system.CCR & 0x200 != 0
    let spMask: UInt32 = forcealign ? ~4 : ~0
    let frameptralign = (regs[13] & 4 != 0) && forcealign
    let frameptr = (regs[13] &- framesize) & spMask
    let xpsr = xPSR & ~(1 << 9) | (frameptralign ? 1 << 9 : 0)
    let frame: [UInt32] = [regs[0], regs[1], regs[2], regs[3], regs[12], regs[14], returnAddress, xpsr]
    for (k, v) in frame.enumerated() { try MemA(frameptr &+ UInt32(k * 4), 4, write: v) }
    setSP(frameptr)
    if IPSR != 0 {
      regs[14] = 0xFFFF_FFF1
    } else {
      regs[14] = CONTROL & 2 != 0 ? 0xFFFF_FFFD : 0xFFFF_FFF9
    }
    if CONTROL & 2 != 0 {  // thread mode on PSP: handlers use MSP
      let psp = regs[13]
      regs[13] = otherSP
      otherSP = psp
      CONTROL &= ~2
    }
    IPSR = UInt32(number)
    ITSTATE = 0
    T = vector & 1 == 1
    pc = vector & ~1
    nextPC = pc
    cycles &+= 12  // TIMING.md rule 8: exception entry
    timing.flush()
    exclusiveAddress = nil
  }

  /// `ExceptionReturn(EXC_RETURN)`.
  func ExceptionReturn(_ excReturn: UInt32) throws(Fault) {
    let toThread: Bool
    let usePSP: Bool
    switch excReturn & 0xF {
    case 0x1: toThread = false; usePSP = false
    case 0x9: toThread = true; usePSP = false
    case 0xD: toThread = true; usePSP = true
    default:
      throw Fault(.invalidExceptionReturn, "EXC_RETURN 0x\(hex(excReturn)) is not a valid return value")
    }
    if toThread && usePSP {
      // A handler always runs on MSP (R[13]; PSP banked in `otherSP`): unstack from the process
      // stack, whether the thread was on it before (EXC_RETURN 0xFFFFFFFD from entry) or the
      // handler chose it (an RTOS starting its first thread).
      let msp = regs[13]
      regs[13] = otherSP
      otherSP = msp
    }
    let frameptr = regs[13]
    var frame: [UInt32] = []
    for k in 0..<8 { frame.append(try MemA(frameptr &+ UInt32(k * 4), 4)) }
    regs[0] = frame[0]; regs[1] = frame[1]; regs[2] = frame[2]; regs[3] = frame[3]
    regs[12] = frame[4]; regs[14] = frame[5]
    let psr = frame[7]
    setSP((frameptr &+ 0x20) | (psr & (1 << 9) != 0 ? 4 : 0))
    if toThread && usePSP { CONTROL |= 2 }
    APSR = psr
    IPSR = toThread ? 0 : psr & 0x1FF
    ITSTATE = UInt8(((psr >> 8) & 0xFC) | ((psr >> 25) & 3))
    T = psr & (1 << 24) != 0
    pc = frame[6] & ~1
    nextPC = pc
    cycles &+= 10  // TIMING.md rule 8: exception return (the returning instruction pays no refill)
    timing.flush()
    exclusiveAddress = nil
  }

  /// Take a pending SysTick or PendSV when enabled and unmasked.
  func checkInterrupts() {
    interruptCheckAt = .max
    // SysTick (TIMING.md, issue 4): each count to 0 with ENABLE and TICKINT pends the exception;
    // the check is armed for the cycle of the next count to 0.
    if system.SYST_CSR & 3 == 3 {
      if let e = system.systickLastEvent(cycles), e > system.systickServed {
        system.systickServed = e
        system.systickPending = true
      }
      interruptCheckAt = system.systickNextEvent(cycles) ?? .max
    }
    guard IPSR == 0, PRIMASK == 0, FAULTMASK == 0 else {
      if system.systickPending || system.ICSR_pendSV { interruptCheckAt = cycles &+ 1 }
      return
    }
    if system.systickPending {
      system.systickPending = false
      try? ExceptionEntry(15, returnAddress: pc)
    } else if system.ICSR_pendSV {
      system.ICSR_pendSV = false
      try? ExceptionEntry(14, returnAddress: pc)
    }
  }
}
