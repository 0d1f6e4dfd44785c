// The fetch–decode–execute–time loop.

extension Machine {
  /// Run until the program stops or `maxCycles` is reached.
  public func run(maxCycles: UInt64 = .max) -> StopReason {
    while stop == nil {
      if cycles >= maxCycles {
        stop = .cycleLimit
        break
      }
      step()
    }
    return stop ?? .cycleLimit
  }

  /// Execute one instruction (or take one exception).
  @inline(__always)
  public func step() {
    let pc = self.pc
    guard let region = fetchRegion(pc) else { return }
    let instPointer = region.decoded + Int((pc &- region.base) >> 1)
    if instPointer.pointee.size == 0 {
      guard decode(into: instPointer, region: region, at: pc) else { return }
    }
    effect.reset()
    nextPC = pc &+ UInt32(instPointer.pointee.size)
    let inIT = ITSTATE != 0
    if inIT && !ConditionHolds(ITSTATE >> 4) {
      effect.conditionFailed = true
    } else {
      do {
        try semanticsTable[Int(instPointer.pointee.semantics)].run(self, instPointer.pointee)
      } catch {
        takeFault(error, at: pc, instPointer.pointee)
        return
      }
    }
    if inIT { ITAdvance() }
    cycles &+= UInt64(timing.cycles(instPointer, effect, machine: self))
    instructions &+= 1
    self.pc = nextPC
    if let hook = onStep {
      lastPC = pc
      hook(self, instPointer.pointee)
    }
    if let excReturn = pendingExceptionReturn {
      pendingExceptionReturn = nil
      do { try ExceptionReturn(excReturn) } catch { takeFault(error, at: pc, instPointer.pointee) }
    }
    if cycles >= interruptCheckAt { checkInterrupts() }
  }

  /// The executable region holding `pc`, or nil after stopping with the right fault.
  @inline(__always)
  func fetchRegion(_ pc: UInt32) -> MemoryRegion? {
    if bus.code.contains(pc, 2) && T { return bus.code }
    if bus.sram.contains(pc, 2) && T { return bus.sram }
    if pc == Machine.exitSentinel & ~1 && IPSR == 0 {
      stop = .exited(Int32(bitPattern: regs[0]))
      return nil
    }
    let kind: FaultKind
    let detail: String
    if !T {
      kind = .invalidState
      detail = "execution continued with EPSR.T = 0 (an interworking branch to an even address) at 0x\(hex(pc))"
    } else if pc >= 0xE000_0000 || (pc >= 0x4000_0000 && pc < 0x6000_0000) {
      kind = .memManage
      detail = "instruction fetch from execute-never address 0x\(hex(pc))"
    } else {
      kind = .busFault
      detail = "instruction fetch from unmapped address 0x\(hex(pc))"
    }
    takeFault(Fault(kind, address: pc, detail), at: pc, nil)
    return nil
  }

  /// Decode the instruction at `pc` into its cache slot; false (after faulting) if it cannot.
  func decode(into slot: UnsafeMutablePointer<Instruction>, region: MemoryRegion, at pc: UInt32) -> Bool {
    let offset = Int(pc &- region.base)
    let hw1 = region.bytes.load(fromByteOffset: offset, as: UInt16.self)
    var raw = UInt32(hw1)
    var size = 2
    if Decoder.is32Bit(hw1) {
      guard region.contains(pc &+ 2, 2) else {
        takeFault(Fault(.busFault, address: pc &+ 2, "the second halfword of a 32-bit instruction at 0x\(hex(pc)) is outside memory"), at: pc, nil)
        return false
      }
      raw = raw << 16 | UInt32(region.bytes.load(fromByteOffset: offset + 2, as: UInt16.self))
      size = 4
    }
    switch Decoder.decode(raw, size: size) {
    case .instruction(let inst):
      slot.pointee = inst
      return true
    case .undefined:
      var inst = Instruction(semantics: Decoder.undefinedSemantics, raw: raw, size: UInt8(size))
      inst.row = Instruction.undefinedRow
      slot.pointee = inst
      return true
    case .unpredictable(_, _):
      var inst = Instruction(semantics: Decoder.unpredictableSemantics, raw: raw, size: UInt8(size))
      inst.row = Instruction.undefinedRow
      slot.pointee = inst
      return true
    }
  }

  /// A fault: vector it to the guest's handler when asked and installed, otherwise stop.
  func takeFault(_ fault: Fault, at pc: UInt32, _ inst: Instruction?) {
    var fault = fault
    // Stack overflow: SP already below SRAM, or a store just below SP that falls off the bottom
    // of SRAM (PUSH/STMDB/exception stacking write before they update SP).
    let sp = regs[13], bottom = bus.sram.base
    let belowSP = fault.address.map { $0 < bottom && $0 &+ 0x1000 >= bottom && $0 < sp && sp &- $0 <= 0x1000 } ?? false
    if (fault.kind == .busFault || fault.kind == .memManage), (sp < bottom && sp &+ 0x1000 >= bottom) || belowSP {
      fault.kind = .stackOverflow
      fault.detail = "the stack (SP = 0x\(hex(sp))) ran below the bottom of SRAM (0x\(hex(bottom))); " + fault.detail
    }
    recordFaultStatus(fault)
    if vectoredFaults, IPSR == 0, let handler = vectorEntry(fault.exceptionNumber) ?? vectorEntry(3), handler != 0 {
      do {
        try ExceptionEntry(fault.exceptionNumber, returnAddress: pc)
        return
      } catch {}
    }
    lastFault = FaultReport(fault: fault, machine: self, pc: pc, instruction: inst)
    stop = .fault(fault.kind)
  }

  func recordFaultStatus(_ fault: Fault) {
    switch fault.kind {
    case .undefinedInstruction, .unpredictable: system.CFSR |= 1 << 16
    case .invalidState: system.CFSR |= 1 << 17
    case .invalidExceptionReturn: system.CFSR |= 1 << 18
    case .noCoprocessor: system.CFSR |= 1 << 19
    case .unaligned: system.CFSR |= 1 << 24
    case .divideByZero: system.CFSR |= 1 << 25
    case .busFault:
      system.CFSR |= fault.address != nil ? (1 << 9 | 1 << 15) : 1 << 8
      if let a = fault.address { system.BFAR = a }
    case .memManage, .stackOverflow:
      system.CFSR |= fault.address != nil ? (1 << 1 | 1 << 7) : 1
      if let a = fault.address { system.MMFAR = a }
    }
  }
}

extension Instruction {
  /// Row marker for instructions that decode to UNDEFINED/UNPREDICTABLE.
  public static let undefinedRow: UInt16 = 0xFFFE
}

/// The semantics of encodings that decode to UNDEFINED or UNPREDICTABLE.
enum FaultRaisers {
  static func raiseUndefined(_ m: Machine, _ i: Instruction) throws(Fault) {
    throw Fault(.undefinedInstruction, "no ARMv7E-M encoding matches")
  }

  static func raiseUnpredictable(_ m: Machine, _ i: Instruction) throws(Fault) {
    var why = "UNPREDICTABLE"
    if case .unpredictable(_, let reason) = Decoder.decode(i.raw, size: Int(i.size)) { why = reason }
    throw Fault(.unpredictable, why)
  }

}
