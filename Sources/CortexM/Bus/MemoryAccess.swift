// The pseudocode's memory accessors (§B2.3): MemA (aligned) and MemU (unaligned allowed),
// checked against the memory map. Each access is counted in the effect record; unaligned
// accesses and wait states add cycles there (TIMING.md rules 3 and 7).

extension Machine {
  @inline(__always)
  func region(_ address: UInt32, _ size: UInt32) -> MemoryRegion? {
    if bus.sram.contains(address, size) { return bus.sram }
    if bus.code.contains(address, size) { return bus.code }
    return nil
  }

  /// Read `size` (1, 2, 4) bytes; unaligned allowed unless CCR.UNALIGN_TRP.
  @inline(__always)
  public func MemU(_ address: UInt32, _ size: UInt32) throws(Fault) -> UInt32 {
    let misaligned = address & (size - 1) != 0
    if misaligned {
      if system.unalignTrap { throw Fault(.unaligned, address: address, "unaligned \(size)-byte read with CCR.UNALIGN_TRP set") }
      effect.extraCycles &+= unalignedPenalty(address, size)
    }
    return try read(address, size)
  }

  /// Read requiring natural alignment (LDRD, LDM, LDREX…): UsageFault UNALIGNED otherwise.
  @inline(__always)
  public func MemA(_ address: UInt32, _ size: UInt32) throws(Fault) -> UInt32 {
    if address & (size - 1) != 0 {
      throw Fault(.unaligned, address: address, "\(size)-byte access at 0x\(hex(address)) must be aligned")
    }
    return try read(address, size)
  }

  @inline(__always)
  public func MemU(_ address: UInt32, _ size: UInt32, write value: UInt32) throws(Fault) {
    let misaligned = address & (size - 1) != 0
    if misaligned {
      if system.unalignTrap { throw Fault(.unaligned, address: address, "unaligned \(size)-byte write with CCR.UNALIGN_TRP set") }
      effect.extraCycles &+= unalignedPenalty(address, size)
    }
    try write(address, size, value)
  }

  @inline(__always)
  public func MemA(_ address: UInt32, _ size: UInt32, write value: UInt32) throws(Fault) {
    if address & (size - 1) != 0 {
      throw Fault(.unaligned, address: address, "\(size)-byte access at 0x\(hex(address)) must be aligned")
    }
    try write(address, size, value)
  }

  /// Unprivileged accesses (LDRT/STRT…): the system control space is privileged only.
  @inline(__always)
  public func MemU_unpriv(_ address: UInt32, _ size: UInt32) throws(Fault) -> UInt32 {
    if address >= 0xE000_0000 && address < 0xE010_0000 {
      throw Fault(.busFault, address: address, "unprivileged access to the system control space")
    }
    return try MemU(address, size)
  }

  @inline(__always)
  public func MemU_unpriv(_ address: UInt32, _ size: UInt32, write value: UInt32) throws(Fault) {
    if address >= 0xE000_0000 && address < 0xE010_0000 {
      throw Fault(.busFault, address: address, "unprivileged access to the system control space")
    }
    try MemU(address, size, write: value)
  }

  /// TIMING.md rule 3: halfword at an odd address +1; word at a halfword boundary +1; odd +2.
  @inline(__always) func unalignedPenalty(_ address: UInt32, _ size: UInt32) -> UInt32 {
    if size == 2 { return 1 }
    return address & 1 == 1 ? 2 : 1
  }

  @inline(__always)
  func read(_ address: UInt32, _ size: UInt32) throws(Fault) -> UInt32 {
    effect.accesses &+= 1
    effect.lastAddress = address
    guard let r = region(address, size) else { return try readSystem(address, size) }
    if r.waitStates != 0 { effect.extraCycles &+= r.waitStates }
    let p = r.bytes.advanced(by: Int(address &- r.base))
    switch size {
    case 1: return UInt32(p.load(as: UInt8.self))
    case 2: return UInt32(p.loadUnaligned(as: UInt16.self))
    default: return p.loadUnaligned(as: UInt32.self)
    }
  }

  @inline(__always)
  func write(_ address: UInt32, _ size: UInt32, _ value: UInt32) throws(Fault) {
    effect.accesses &+= 1
    effect.lastAddress = address
    guard let r = region(address, size) else { return try writeSystem(address, size, value) }
    guard r.writable else {
      throw Fault(.memManage, address: address, "write to read-only \((r.isSRAM ? board.sram : board.code).name) at 0x\(hex(address))")
    }
    if r.waitStates != 0 { effect.extraCycles &+= r.waitStates }
    let offset = address &- r.base
    let p = r.bytes.advanced(by: Int(offset))
    switch size {
    case 1: p.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
    case 2: p.storeBytes(of: UInt16(truncatingIfNeeded: value), toByteOffset: 0, as: UInt16.self)
    default: p.storeBytes(of: value, toByteOffset: 0, as: UInt32.self)
    }
    let slot = Int(offset >> 1)
    if r.decoded[slot].size != 0 || (slot > 0 && r.decoded[slot - 1].size != 0)
      || (size == 4 && r.decoded[slot + 1].size != 0)
    {
      r.invalidate(offset, size)
    }
    if r.isSRAM { watermarks.noteWrite(address, size, sp: regs[13]) }
  }

  func readSystem(_ address: UInt32, _ size: UInt32) throws(Fault) -> UInt32 {
    if let v = system.read(address, size, machine: self) { return v }
    throw Fault(.busFault, address: address, "read of \(size) bytes from unmapped address 0x\(hex(address))")
  }

  func writeSystem(_ address: UInt32, _ size: UInt32, _ value: UInt32) throws(Fault) {
    if system.write(address, size, value, machine: self) {
      interruptCheckAt = 0  // SysTick/PendSV may have been armed: look at the next step
      return
    }
    throw Fault(.busFault, address: address, "write of \(size) bytes to unmapped address 0x\(hex(address))")
  }
}
