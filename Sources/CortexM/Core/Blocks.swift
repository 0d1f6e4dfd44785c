// Translated blocks: a straight line of hot instructions run as one unit (issue 8).
//
// `runMemoised` (Core/Execution.swift) replays each instruction's cycle-model price from the
// decode cache when the pipeline state before it is the one it was priced in. Along a straight
// line that state is fixed by the state at the line's entry, so once every instruction of the
// line has a memoised price, the line's prices are fixed too: a block charges their sum, and
// the DWT counts' sums, once. Its body is a list of ops: loads and stores specialised to their
// addressing form, and every other instruction through its own semantics (`executeBlockOp`,
// generated in Core/DirectDispatch.swift). A B, B<c> or BL whose taken price is known may end
// the block; it is evaluated inline and the block chains to the block at the next address.
//
// Why the sums are exact: nothing in a body can observe the counters or be interrupted.
//  • Only instructions with a `DirectOp` and a memoisable price enter a body; none of them
//    writes the PC, raises an exception, changes ITSTATE or T, or reads the system space.
//  • A specialised load or store runs only when its access is aligned and falls in SRAM (or a
//    load in the code region) and, for a store, hits no decoded instruction. Otherwise the block
//    is left *before* that instruction (a side exit): the counters are brought up to it and
//    `runMemoised` carries on, so the access goes through the bus (system space, faults,
//    unaligned penalties, code invalidation) exactly as when stepping.
//  • A block is entered only with ITSTATE = 0, the entry pipeline state it was priced for, and
//    when its worst case (body, wait states, terminator) stays below the next interrupt check
//    and the cycle limit — so no instruction boundary inside it is one `runMemoised` would
//    have stopped at.
//  • Any write that forgets decoded instructions bumps the bus's `codeWrites`; blocks are
//    dropped when it moved.
// BlockTests and MemoisedRunTests run random loops, corner cases and every corpus program with
// blocks and stepped through the full model, and compare every observable.

/// One instruction of a block body. Loads and stores carry their decoded addressing form:
/// `address = R[n] + pre` (a literal: `pre` is the address), then `R[n] = R[n] + post`
/// (`post` = 0 without write-back); register forms `address = R[n] + (R[m] << shift)`.
struct BlockOp {
  /// The instruction's direct op: a load or store runs in its RAM-only form (below), anything
  /// else through its semantics (`executeBlockOp`, generated in Core/DirectDispatch.swift).
  var op: DirectOp = .none
  /// The memoised price for the pipeline state this op meets inside the block.
  var price: UInt8 = 0
  var isLoadStore = false
  var t: UInt8 = 0, t2: UInt8 = 0, n: UInt8 = 0, m: UInt8 = 0, shift: UInt8 = 0
  var pre: UInt32 = 0
  var post: UInt32 = 0
  var pc: UInt32 = 0
  var slot: UnsafeMutablePointer<Instruction>? = nil
}

struct Block {
  var ops: UnsafeMutablePointer<BlockOp>
  var count: Int
  var entrySlot: UnsafeMutablePointer<Instruction>
  /// The pipeline state (`CortexM4Timing.stateKey`) the prices hold for, and the one after.
  var entryKey: UInt64
  var exitKey: UInt64
  var lastSlot: UnsafeMutablePointer<Instruction>?
  var bodyCycles: UInt64
  var bodyCPI: UInt64
  var bodyLSU: UInt64
  /// The most cycles the block can add: body, a wait state per access, the terminator.
  var worstCycles: UInt64
  /// The address after the body (the terminator's, or where the block hands back).
  var endPC: UInt32
  /// A B, B<c> or BL ending the block, and its taken price.
  var terminator: UnsafeMutablePointer<Instruction>?
  var takenCycles: UInt32
  /// The terminator decoded: its condition (14: always), whether it links (BL) and the LR it
  /// writes, its target and the next address, and the pipeline state after each way out.
  var termCond: UInt8 = 14
  var termLinks = false
  var termIs16Bit = false
  var linkValue: UInt32 = 0
  var takenPC: UInt32 = 0
  var fallPC: UInt32 = 0
  var takenKey: UInt64 = 0
  var fallKey: UInt64 = 0
  /// The next block starting at the same address, for another entry state (index + 1, 0: none).
  var nextSameEntry: UInt32
  /// A B/BL ending the line whose taken price was not known yet (see `attachTerminator`).
  var pendingBranch: UnsafeMutablePointer<Instruction>? = nil
  /// The blocks that followed a taken / untaken terminator (index + 1, 0: not yet looked up).
  var takenNext: UInt32 = 0
  var fallNext: UInt32 = 0
}

/// The machine's blocks, in manually managed memory (nothing reference-counted on the hot path).
struct BlockTable {
  var blocks: UnsafeMutablePointer<Block>? = nil
  var count = 0
  var capacity = 0
  /// The bus's `codeWrites` when the table was last valid.
  var generation: UInt64 = 0
  /// The longest body: a bound on build time and on the worst-case cycles.
  static let maxOps = 64

  mutating func append(_ b: Block) -> UInt32 {
    if count == capacity {
      let newCapacity = max(64, capacity * 2)
      let grown = UnsafeMutablePointer<Block>.allocate(capacity: newCapacity)
      if let old = blocks {
        grown.moveInitialize(from: old, count: count)
        old.deallocate()
      }
      blocks = grown
      capacity = newCapacity
    }
    (blocks! + count).initialize(to: b)
    count += 1
    return UInt32(count)
  }

  /// Forget every block (their entry slots stop pointing at them).
  mutating func removeAll() {
    guard let blocks else { return }
    for j in 0..<count {
      blocks[j].entrySlot.pointee.block = 0
      blocks[j].ops.deallocate()
    }
    blocks.deinitialize(count: count)
    count = 0
  }

  mutating func release() {
    removeAll()
    blocks?.deallocate()
    blocks = nil
    capacity = 0
  }
}

extension Machine {
  // MARK: Building

  /// Translate the straight line starting at `pc` (decoded at `entry`, inside `region`) for
  /// pipeline state `entryKey`. False when not even its first instruction can be translated.
  func buildBlock(at pc: UInt32, entry: UnsafeMutablePointer<Instruction>, key entryKey: UInt64, region: MemoryRegion) -> Bool {
    _ = blocksAreCurrent()
    var ops: [BlockOp] = []
    var key = entryKey, address = pc, ip = entry
    var cycles: UInt64 = 0, cpi: UInt64 = 0, lsu: UInt64 = 0, accesses: UInt64 = 0
    var branch: UnsafeMutablePointer<Instruction>? = nil
    let regionEnd = region.base &+ (region.size &- 2)
    while ops.count < BlockTable.maxOps {
      let i = ip.pointee
      guard i.size != 0 else { break }
      if i.direct == .B || i.direct == .BL {
        branch = ip
        break
      }
      guard i.direct != .none, i.memoFlags & Instruction.memoisable != 0, i.memoKey == key,
        i.timing != .it, i.timing != .aluPC, i.writtenRegisters & 0x8000 == 0, i.d != 15,
        var op = Self.blockOp(i, at: address)
      else { break }
      op.price = i.memoCycles
      op.isLoadStore = i.memoFlags & Instruction.loadStore != 0
      op.pc = address
      op.slot = ip
      ops.append(op)
      cycles &+= UInt64(i.memoCycles)
      if op.isLoadStore { lsu &+= UInt64(i.memoCycles) &- 1 } else { cpi &+= UInt64(i.memoCycles) &- 1 }
      accesses &+= UInt64(i.memoAccesses)
      key = i.stateAfterKey
      address &+= UInt32(i.size)
      guard address <= regionEnd else { break }
      ip += Int(i.size >> 1)
    }
    guard !ops.isEmpty || branch != nil else { return false }
    let buffer = UnsafeMutablePointer<BlockOp>.allocate(capacity: max(ops.count, 1))
    buffer.initialize(from: ops, count: ops.count)
    let waitStates = UInt64(max(bus.code.waitStates, bus.sram.waitStates))
    var block = Block(
      ops: buffer, count: ops.count, entrySlot: entry, entryKey: entryKey, exitKey: key,
      lastSlot: ops.last?.slot, bodyCycles: cycles, bodyCPI: cpi, bodyLSU: lsu,
      worstCycles: cycles &+ accesses &* waitStates &+ 1,
      endPC: address, terminator: nil, takenCycles: 0, nextSameEntry: entry.pointee.block)
    if let branch, !attachTerminator(&block, branch) { block.pendingBranch = branch }
    if ops.isEmpty && block.terminator == nil {  // a lone branch not yet priced: nothing to gain
      buffer.deallocate()
      return false
    }
    entry.pointee.block = blockTable.append(block)
    return true
  }

  /// Make the B/B<c>/BL at the end of `b` (decoded at `slot`) its terminator once its taken price
  /// is known — the memoised refill, valid while the target stays decoded as it was, which
  /// `codeWrites` guards; not taken costs 1 cycle — or false while it is not (a branch not yet
  /// taken when the block was built is attached later, when the block next hands back there).
  func attachTerminator(_ b: inout Block, _ slot: UnsafeMutablePointer<Instruction>) -> Bool {
    let t = slot.pointee, address = b.endPC
    guard t.direct == .B || t.direct == .BL, t.memoTakenCycles != 0 else { return false }
    let target = address &+ 4 &+ t.imm32
    guard t.memoTargetSize == 0 || decodedSize(at: target, code: bus.code, sram: bus.sram) == t.memoTargetSize else {
      return false
    }
    b.terminator = slot
    b.takenCycles = UInt32(t.memoTakenCycles)
    b.worstCycles = b.worstCycles &- 1 &+ UInt64(max(b.takenCycles, 1))
    // B §A7.7.12, BL §A7.7.18 (PC = the terminator's address + 4), and the pipeline state
    // `runMemoised` leaves after a taken branch (flushed) or an untaken B<c> (flushed; 16-bit).
    b.termCond = t.cond
    b.termLinks = t.direct == .BL
    b.termIs16Bit = t.size == 2
    b.linkValue = (address &+ 4) | 1
    b.takenPC = (address &+ 4 &+ t.imm32) & ~1
    b.fallPC = address &+ UInt32(t.size)
    var after = CortexM4Timing()
    b.takenKey = after.stateKey
    after.previousWas16Bit = t.size == 2
    b.fallKey = after.stateKey
    return true
  }

  /// The index (+ 1) of the block starting at `slot` for entry state `key`, if one was built.
  @inline(__always)
  func blockIndex(at slot: UnsafeMutablePointer<Instruction>, key: UInt64) -> UInt32? {
    guard let table = blockTable.blocks else { return nil }
    var index = slot.pointee.block
    while index != 0 {
      if table[Int(index &- 1)].entryKey == key { return index }
      index = table[Int(index &- 1)].nextSameEntry
    }
    return nil
  }

  /// Drop every block if code was written since they were built; true when none had to go.
  @inline(__always)
  func blocksAreCurrent() -> Bool {
    let generation = bus.code.codeWrites.pointee
    guard generation != blockTable.generation else { return true }
    blockTable.removeAll()
    blockTable.generation = generation
    return false
  }

  /// The block op for instruction `i` at `pc`; nil for a form a body does not take (a load of
  /// SP or PC, an SP write-back, a PC-relative base other than a literal).
  static func blockOp(_ i: Instruction, at pc: UInt32) -> BlockOp? {
    let offset = i.add ? i.imm32 : 0 &- i.imm32
    var op = BlockOp(op: i.direct, t: i.t, t2: i.t2, n: i.n, m: i.m, shift: i.shift_n)
    func immediate(load: Bool) -> BlockOp? {
      guard i.n != 15, i.t != 15, !(load && i.t == 13), !(i.wback && i.n == 13) else { return nil }
      op.pre = i.index ? offset : 0
      op.post = i.wback ? offset : 0
      return op
    }
    func register(load: Bool) -> BlockOp? {
      guard i.n != 15, i.m != 15, i.t != 15, !(load && i.t == 13), i.shift_t == .LSL else { return nil }
      return op
    }
    switch i.direct {
    case .LDR_immediate, .LDRH_immediate, .LDRB_immediate, .LDRSH_immediate, .LDRSB_immediate:
      return immediate(load: true)
    case .LDRD_immediate:
      guard i.t2 != 13, i.t2 != 15 else { return nil }
      return immediate(load: true)
    case .STR_immediate, .STRH_immediate, .STRB_immediate:
      return immediate(load: false)
    case .STRD_immediate:
      guard i.t2 != 15 else { return nil }
      return immediate(load: false)
    case .LDR_register, .LDRH_register, .LDRB_register: return register(load: true)
    case .STR_register, .STRH_register, .STRB_register: return register(load: false)
    case .LDR_literal:
      guard i.t != 15, i.t != 13 else { return nil }
      op.pre = (pc &+ 4) & ~3 &+ offset  // Align(PC, 4) ± imm32
      return op
    case .none, .B, .BL: return nil
    default:
      // Data processing, DSP and multiplies (no memory access, no exception).
      return i.timing == .alu || i.timing == .multiply ? op : nil
    }
  }

  // MARK: Running

  /// Run blocks from `self.pc` for as long as the block at the next address applies. `key` and
  /// `unsettled` are `runMemoised`'s pipeline bookkeeping; `limit` is the lower of the next
  /// interrupt check and the cycle limit. Leaves `self.pc` at the first instruction not run.
  @inline(__always)
  func runBlocks(key: inout UInt64, unsettled: inout UnsafeMutablePointer<Instruction>?, limit: UInt64) {
    guard blocksAreCurrent(), let table = blockTable.blocks, var index = blockIndex(at: self.pc, key: key) else { return }
    let code = bus.code, sram = bus.sram, regs = self.regs
    while true {
      let b = table + Int(index &- 1)
      guard cycles &+ b.pointee.worstCycles < limit else { return }
      var extra: UInt32 = 0  // wait states
      let count = b.pointee.count
      let done = runBody(b, regs, code, sram, extra: &extra)
      guard done == count else {
        leaveBlock(b, at: done, extra: extra, key: &key, unsettled: &unsettled)
        return
      }
      cycles &+= b.pointee.bodyCycles &+ UInt64(extra)
      instructions &+= UInt64(count)
      timing.cpiExtra &+= b.pointee.bodyCPI
      timing.lsuExtra &+= b.pointee.bodyLSU &+ UInt64(extra)
      if count != 0 {
        unsettled = b.pointee.lastSlot
        key = b.pointee.exitKey
      }
      guard b.pointee.terminator != nil else {
        self.pc = b.pointee.endPC
        if let branch = b.pointee.pendingBranch, attachTerminator(&b.pointee, branch) { b.pointee.pendingBranch = nil }
        return
      }

      // The terminator, outside any IT block (B §A7.7.12, BL §A7.7.18): if ConditionPassed()
      // then (BL: LR = PC<31:1>:'1') BranchWritePC(PC + imm32). Priced as `runMemoised` prices
      // it: the memoised refill when taken, 1 cycle when not, and the pipeline flushed.
      let taken = b.pointee.termCond == 14 || ConditionHolds(b.pointee.termCond)
      unsettled = nil
      timing.flush()
      if taken {
        if b.pointee.termLinks { regs[14] = b.pointee.linkValue }
        cycles &+= UInt64(b.pointee.takenCycles)
        timing.cpiExtra &+= UInt64(b.pointee.takenCycles &- 1)
        key = b.pointee.takenKey
        self.pc = b.pointee.takenPC
      } else {
        timing.previousWas16Bit = b.pointee.termIs16Bit
        cycles &+= 1
        key = b.pointee.fallKey
        self.pc = b.pointee.fallPC
      }
      instructions &+= 1
      // The next block: remembered per way out (the state after a terminator is fixed).
      var next = taken ? b.pointee.takenNext : b.pointee.fallNext
      if next == 0 {
        guard let found = blockIndex(at: self.pc, key: key) else { return }
        next = found
        if taken { b.pointee.takenNext = next } else { b.pointee.fallNext = next }
      }
      index = next
    }
  }

  /// The index (+ 1) of the block at `pc` for entry state `key`.
  @inline(__always)
  func blockIndex(at pc: UInt32, key: UInt64) -> UInt32? {
    let code = bus.code, sram = bus.sram
    if code.contains(pc, 2) { return blockIndex(at: code.decoded + Int((pc &- code.base) >> 1), key: key) }
    if sram.contains(pc, 2) { return blockIndex(at: sram.decoded + Int((pc &- sram.base) >> 1), key: key) }
    return nil
  }

  /// Run the body of `b`; returns how many ops completed (all of them unless one must leave).
  @inline(__always)
  func runBody(_ b: UnsafeMutablePointer<Block>, _ regs: UnsafeMutablePointer<UInt32>, _ code: MemoryRegion,
    _ sram: MemoryRegion, extra: inout UInt32) -> Int
  {
    let ops = b.pointee.ops, count = b.pointee.count
    var j = 0
    while j < count {
      let o = ops + j
      guard executeBlockOp(o, regs, code, sram, &extra) else { return j }
      j &+= 1
    }
    return count
  }

  /// Leave block `b` before op `j`: charge the ops before it and hand `runMemoised` the
  /// pipeline state after them. `extra` is their wait states (all from loads and stores).
  @inline(never)
  func leaveBlock(_ b: UnsafeMutablePointer<Block>, at j: Int, extra: UInt32, key: inout UInt64,
    unsettled: inout UnsafeMutablePointer<Instruction>?)
  {
    let ops = b.pointee.ops
    var spent = UInt64(extra), cpi: UInt64 = 0, lsu = UInt64(extra)
    for k in 0..<j {
      let price = UInt64(ops[k].price)
      spent &+= price
      if ops[k].isLoadStore { lsu &+= price &- 1 } else { cpi &+= price &- 1 }
    }
    cycles &+= spent
    instructions &+= UInt64(j)
    timing.cpiExtra &+= cpi
    timing.lsuExtra &+= lsu
    if j > 0 {
      unsettled = ops[j - 1].slot
      key = ops[j - 1].slot!.pointee.stateAfterKey
    }
    pc = ops[j].pc
  }

  // The specialised loads and stores: false (nothing done) when the access is not a plain RAM one.

  /// LDR{,H,B,SH,SB} (immediate) §A7.7.42/.54/.45/.62/.58: offset_addr = R[n] ± imm32;
  /// address = if index then offset_addr else R[n]; data = MemU[address, size];
  /// if wback then R[n] = offset_addr; R[t] = data (zero- or sign-extended).
  @inline(__always)
  func loadImmediate(_ o: UnsafeMutablePointer<BlockOp>, _ size: UInt32, signed: Bool, _ regs: UnsafeMutablePointer<UInt32>,
    _ code: MemoryRegion, _ sram: MemoryRegion, _ extra: inout UInt32) -> Bool
  {
    let n = Int(o.pointee.n)
    let base = regs[n]
    let address = base &+ o.pointee.pre
    guard let p = readPointer(address, size, code: code, sram: sram, extra: &extra) else { return false }
    regs[n] = base &+ o.pointee.post
    regs[Int(o.pointee.t)] = Self.load(p, size, signed: signed)
    return true
  }

  /// LDR{,H,B} (register) §A7.7.44/.56/.47: address = R[n] + LSL(R[m], shift_n); R[t] = data.
  @inline(__always)
  func loadRegister(_ o: UnsafeMutablePointer<BlockOp>, _ size: UInt32, _ regs: UnsafeMutablePointer<UInt32>,
    _ code: MemoryRegion, _ sram: MemoryRegion, _ extra: inout UInt32) -> Bool
  {
    let address = regs[Int(o.pointee.n)] &+ (regs[Int(o.pointee.m)] << UInt32(o.pointee.shift))
    guard let p = readPointer(address, size, code: code, sram: sram, extra: &extra) else { return false }
    regs[Int(o.pointee.t)] = Self.load(p, size, signed: false)
    return true
  }

  /// LDR (literal) §A7.7.43: address = Align(PC,4) ± imm32, fixed at translation; R[t] = data.
  @inline(__always)
  func loadLiteral(_ o: UnsafeMutablePointer<BlockOp>, _ regs: UnsafeMutablePointer<UInt32>,
    _ code: MemoryRegion, _ sram: MemoryRegion, _ extra: inout UInt32) -> Bool
  {
    guard let p = readPointer(o.pointee.pre, 4, code: code, sram: sram, extra: &extra) else { return false }
    regs[Int(o.pointee.t)] = p.load(as: UInt32.self)
    return true
  }

  /// LDRD (immediate) §A7.7.49: both words are read before any register is written.
  @inline(__always)
  func loadDoubleImmediate(_ o: UnsafeMutablePointer<BlockOp>, _ regs: UnsafeMutablePointer<UInt32>,
    _ code: MemoryRegion, _ sram: MemoryRegion, _ extra: inout UInt32) -> Bool
  {
    let base = regs[Int(o.pointee.n)]
    let address = base &+ o.pointee.pre
    var both = extra
    guard let p = readPointer(address, 4, code: code, sram: sram, extra: &both),
      let p2 = readPointer(address &+ 4, 4, code: code, sram: sram, extra: &both)
    else { return false }
    extra = both
    regs[Int(o.pointee.n)] = base &+ o.pointee.post  // write-back with t or t2 = n is UNPREDICTABLE
    regs[Int(o.pointee.t)] = p.load(as: UInt32.self)
    regs[Int(o.pointee.t2)] = p2.load(as: UInt32.self)
    return true
  }

  /// STRD (immediate) §A7.7.163: MemA[address] = R[t]; MemA[address+4] = R[t2]; write-back.
  @inline(__always)
  func storeDoubleImmediate(_ o: UnsafeMutablePointer<BlockOp>, _ regs: UnsafeMutablePointer<UInt32>,
    _ sram: MemoryRegion, _ extra: inout UInt32) -> Bool
  {
    let base = regs[Int(o.pointee.n)]
    let address = base &+ o.pointee.pre
    guard let p = writePointer(address, 4, sram: sram), let p2 = writePointer(address &+ 4, 4, sram: sram) else { return false }
    p.storeBytes(of: regs[Int(o.pointee.t)], as: UInt32.self)
    watermarks.noteWrite(address, 4, sp: regs[13])
    p2.storeBytes(of: regs[Int(o.pointee.t2)], as: UInt32.self)
    watermarks.noteWrite(address &+ 4, 4, sp: regs[13])
    extra &+= sram.waitStates &* 2
    regs[Int(o.pointee.n)] = base &+ o.pointee.post
    return true
  }

  /// STR{,H,B} (immediate) §A7.7.158/.168/.160: MemU[address, size] = R[t]<size*8-1:0>;
  /// if wback then R[n] = offset_addr.
  @inline(__always)
  func storeImmediate(_ o: UnsafeMutablePointer<BlockOp>, _ size: UInt32, _ regs: UnsafeMutablePointer<UInt32>,
    _ sram: MemoryRegion, _ extra: inout UInt32) -> Bool
  {
    let n = Int(o.pointee.n)
    let base = regs[n]
    let address = base &+ o.pointee.pre
    guard let p = writePointer(address, size, sram: sram) else { return false }
    Self.store(p, regs[Int(o.pointee.t)], size)
    extra &+= sram.waitStates
    watermarks.noteWrite(address, size, sp: regs[13])
    regs[n] = base &+ o.pointee.post
    return true
  }

  /// STR{,H,B} (register) §A7.7.159/.169/.161: address = R[n] + LSL(R[m], shift_n).
  @inline(__always)
  func storeRegister(_ o: UnsafeMutablePointer<BlockOp>, _ size: UInt32, _ regs: UnsafeMutablePointer<UInt32>,
    _ sram: MemoryRegion, _ extra: inout UInt32) -> Bool
  {
    let address = regs[Int(o.pointee.n)] &+ (regs[Int(o.pointee.m)] << UInt32(o.pointee.shift))
    guard let p = writePointer(address, size, sram: sram) else { return false }
    Self.store(p, regs[Int(o.pointee.t)], size)
    extra &+= sram.waitStates
    watermarks.noteWrite(address, size, sp: regs[13])
    return true
  }

  @inline(__always) static func load(_ p: UnsafeMutableRawPointer, _ size: UInt32, signed: Bool) -> UInt32 {
    switch size {
    case 1: return signed ? UInt32(bitPattern: Int32(p.load(as: Int8.self))) : UInt32(p.load(as: UInt8.self))
    case 2: return signed ? UInt32(bitPattern: Int32(p.load(as: Int16.self))) : UInt32(p.load(as: UInt16.self))
    default: return p.load(as: UInt32.self)
    }
  }

  @inline(__always) static func store(_ p: UnsafeMutableRawPointer, _ value: UInt32, _ size: UInt32) {
    switch size {
    case 1: p.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self)
    case 2: p.storeBytes(of: UInt16(truncatingIfNeeded: value), as: UInt16.self)
    default: p.storeBytes(of: value, as: UInt32.self)
    }
  }

  /// Where an aligned read of `size` bytes at `address` lands in SRAM or the code region (the
  /// bus's order), adding its wait states; nil for anything `read` must handle.
  @inline(__always)
  func readPointer(_ address: UInt32, _ size: UInt32, code: MemoryRegion, sram: MemoryRegion, extra: inout UInt32) -> UnsafeMutableRawPointer? {
    guard address & (size &- 1) == 0 else { return nil }
    if sram.contains(address, size) {
      extra &+= sram.waitStates
      return sram.bytes + Int(address &- sram.base)
    }
    if code.contains(address, size) {
      extra &+= code.waitStates
      return code.bytes + Int(address &- code.base)
    }
    return nil
  }

  /// Where an aligned write of `size` bytes at `address` lands in SRAM; nil for anything
  /// `write` must handle, including a write over decoded instructions (which it forgets).
  @inline(__always)
  func writePointer(_ address: UInt32, _ size: UInt32, sram: MemoryRegion) -> UnsafeMutableRawPointer? {
    guard address & (size &- 1) == 0, sram.writable, sram.contains(address, size) else { return nil }
    let offset = address &- sram.base
    let slot = Int(offset >> 1)
    if sram.decoded[slot].size != 0 || (slot > 0 && sram.decoded[slot - 1].size != 0)
      || (size == 4 && sram.decoded[slot + 1].size != 0)
    {
      return nil
    }
    return sram.bytes + Int(offset)
  }
}
