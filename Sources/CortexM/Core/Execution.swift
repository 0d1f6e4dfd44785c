// The fetch–decode–execute–time loop.

extension Machine {
  /// Run until the program stops or `maxCycles` is reached.
  public func run(maxCycles: UInt64 = .max) -> StopReason {
    if onStep == nil && cycleModelEnabled {
      runMemoised(maxCycles: maxCycles)
    } else {
      while stop == nil && cycles < maxCycles { step() }
    }
    if stop == nil { stop = .cycleLimit }
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
    complete(instPointer, at: pc, inIT: inIT)
  }

  /// Everything after the semantics: IT advance, the cycle model, the hook, exception return
  /// and interrupts.
  @inline(__always)
  func complete(_ instPointer: UnsafeMutablePointer<Instruction>, at pc: UInt32, inIT: Bool) {
    if inIT { ITAdvance() }
    if cycleModelEnabled {
      let price = timing.cycles(instPointer, effect, machine: self)
      lastPrice = price
      cycles &+= UInt64(price)
    } else {
      cycles &+= 1  // only for measuring the cycle model's own cost (`cmemu bench`)
    }
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

  /// `run` without a per-instruction hook: the same steps, with the cycle model's price of an
  /// instruction replayed from the decode cache when the pipeline state before it is the one
  /// it was priced in (see `CortexM4Timing`'s memoised prices), and the hottest semantics
  /// called directly (Core/DirectDispatch.swift). Anything unusual — a fault, a branch whose
  /// price depends on a computed target, an exception, a cache miss — goes through `step()` or
  /// `complete()` unchanged, so results, cycles and DWT counts are exactly those of stepping.
  func runMemoised(maxCycles: UInt64) {
    let code = bus.code, sram = bus.sram
    // `timing` lags behind by at most one instruction executed here; `key` is its state.
    var unsettled: UnsafeMutablePointer<Instruction>? = nil
    var key = timing.stateKey
    var tryBlocks = true
    @inline(__always) func settle() {
      if let i = unsettled {
        timing.settle(after: i.pointee)
        unsettled = nil
      }
    }
    /// After the model priced `ip` (at `pc`, from pipeline state `keyBefore`) the usual way,
    /// keep the price for next time when it can be replayed exactly.
    func remember(_ ip: UnsafeMutablePointer<Instruction>, at pc: UInt32, keyBefore: UInt64) {
      guard ip.pointee.size != 0, lastPrice != .max, !effect.conditionFailed else { return }
      let c = ip.pointee.timing
      if effect.branched {
        // B, BL, CBZ/CBNZ taken (TIMING.md rule 5): a fixed refill to a fixed target, whatever
        // the state before. A halfword-aligned target's +1 depends on the size of the
        // instruction there, so that price holds only while it stays decoded as it was.
        guard c == .branch || c == .branchCond || c == .compareBranch, lastPrice >= 1, lastPrice <= 255 else { return }
        let target = pc &+ 4 &+ ip.pointee.imm32
        let size = target & 2 == 0 ? 0 : decodedSize(at: target, code: code, sram: sram)
        if target & 2 == 0 || size != 0 {
          ip.pointee.memoTakenCycles = UInt8(lastPrice)
          ip.pointee.memoTargetSize = size
        }
      } else if ip.pointee.memoFlags & Instruction.memoisable != 0 {
        // Every memoisable class costs at least 1 cycle, except an IT folded onto its predecessor.
        let least: UInt32 = c == .it ? 0 : 1
        guard lastPrice >= effect.extraCycles &+ least, lastPrice - effect.extraCycles <= 255 else { return }
        ip.pointee.memoKey = keyBefore
        ip.pointee.memoCycles = UInt8(lastPrice - effect.extraCycles)
        ip.pointee.memoAccesses = effect.accesses
      }
    }
    while stop == nil && cycles < maxCycles {
      var pc = self.pc
      var slot: UnsafeMutablePointer<Instruction>? = nil
      var regionEnd: UInt32 = 0  // the straight-line run stays inside one region
      if code.contains(pc, 2) {
        slot = code.decoded + Int((pc &- code.base) >> 1)
        regionEnd = code.base &+ code.size &- 2
      } else if sram.contains(pc, 2) {
        slot = sram.decoded + Int((pc &- sram.base) >> 1)
        regionEnd = sram.base &+ sram.size &- 2
      }
      // A straight-line run of decoded instructions. T only changes through a branch, a fault
      // or an exception, which all end the run, so it is checked once per run.
      if var ip = slot, T {
        while ip.pointee.size != 0 {
          // Translated blocks (Core/Blocks.swift) from here, built once every price along the
          // line is known. After they hand back, the next instruction is stepped here first.
          if ITSTATE == 0 && ip.pointee.direct != .none && translatesBlocks {
            var ready = blockIndex(at: ip, key: key) != nil
            if !ready && (ip.pointee.memoKey == key || ip.pointee.memoTakenCycles != 0) {
              ready = buildBlock(at: pc, entry: ip, key: key, region: code.contains(pc, 2) ? code : sram)
            }
            if ready && tryBlocks {
              runBlocks(key: &key, unsettled: &unsettled, limit: min(interruptCheckAt, maxCycles))
              tryBlocks = false
              slot = nil
              break
            }
          }
          tryBlocks = true
          let inIT = ITSTATE != 0
          if inIT && !ConditionHolds(ITSTATE >> 4) {
            effect.reset()
            nextPC = pc &+ UInt32(ip.pointee.size)
            effect.conditionFailed = true
          } else {
            effect.reset()
            nextPC = pc &+ UInt32(ip.pointee.size)
            do {
              try executeDirect(ip)
            } catch {
              settle()
              takeFault(error, at: pc, ip.pointee)
              key = timing.stateKey
              slot = nil
              break
            }
          }
          let price: UInt32
          var sequential = true
          if effect.conditionFailed {
            // A failed IT condition or an untaken B<c>: one cycle, and the pipeline state
            // starts afresh (as `cycles` does).
            unsettled = nil
            timing.flush()
            timing.previousWas16Bit = ip.pointee.size == 2
            price = 1
            key = timing.stateKey
          } else if effect.branched && ip.pointee.memoTakenCycles != 0
            && (ip.pointee.memoTargetSize == 0
              || decodedSize(at: nextPC, code: code, sram: sram) == ip.pointee.memoTargetSize)
          {
            unsettled = nil
            timing.flush()
            price = UInt32(ip.pointee.memoTakenCycles)
            timing.cpiExtra &+= UInt64(price &- 1)
            key = timing.stateKey
            sequential = false
          } else if !effect.branched && ip.pointee.memoKey == key && effect.accesses == ip.pointee.memoAccesses {
            price = UInt32(ip.pointee.memoCycles) &+ effect.extraCycles
            if price == 0 {
              timing.folded &+= 1  // an IT folded onto the 16-bit instruction before it
            } else if ip.pointee.memoFlags & Instruction.loadStore != 0 {
              timing.lsuExtra &+= UInt64(price &- 1)
            } else {
              timing.cpiExtra &+= UInt64(price &- 1)
            }
            unsettled = ip
            key = ip.pointee.stateAfterKey
          } else {
            // No replayable price (BX, POP {…, PC}, a state not seen before…): the rest of
            // `step()` prices it with the model; carry on if it fell through to the next one.
            settle()
            let keyBefore = key, size = ip.pointee.size
            lastPrice = .max
            complete(ip, at: pc, inIT: inIT)
            remember(ip, at: pc, keyBefore: keyBefore)
            key = timing.stateKey
            let next = pc &+ UInt32(size)
            guard stop == nil, !effect.branched, self.pc == next, next <= regionEnd, cycles < maxCycles else {
              slot = nil
              break
            }
            pc = next
            ip += Int(size >> 1)
            continue
          }
          if inIT { ITAdvance() }
          cycles &+= UInt64(price)
          instructions &+= 1
          let size = ip.pointee.size
          pc = nextPC
          self.pc = pc
          if cycles >= interruptCheckAt || cycles >= maxCycles {
            if cycles >= interruptCheckAt {
              settle()
              checkInterrupts()
              key = timing.stateKey
            }
            slot = nil
            break
          }
          if !sequential || pc > regionEnd {
            slot = nil
            break
          }
          ip += Int(size >> 1)
        }
        if slot == nil { continue }
        slot = ip  // the instruction at pc is not decoded yet
      }
      settle()
      let keyBefore = key, counted = instructions
      lastPrice = .max
      step()
      if let ip = slot, instructions == counted &+ 1 { remember(ip, at: pc, keyBefore: keyBefore) }
      key = timing.stateKey
    }
    settle()
  }

  /// The size of the decoded instruction at `address` (0: not decoded or not in memory).
  @inline(__always)
  func decodedSize(at address: UInt32, code: MemoryRegion, sram: MemoryRegion) -> UInt8 {
    if code.contains(address, 2) { return code.decoded[Int((address &- code.base) >> 1)].size }
    if sram.contains(address, 2) { return sram.decoded[Int((address &- sram.base) >> 1)].size }
    return 0
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
