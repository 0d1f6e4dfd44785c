// Stack and heap high-water marks (DESIGN.md): the lowest SP reached, the lowest address
// written inside the stack region, and the highest address written in the heap region.

public struct Watermarks: Sendable {
  /// The initial SP; stack depth is measured below it.
  public var stackTop: UInt32 = 0
  /// Lowest address of the stack region: writes near SP and above it count as stack writes.
  public var stackLimit: UInt32 = 0
  public var lowestSP: UInt32 = .max
  public var lowestStackWrite: UInt32 = .max
  /// Heap region [heapBase, heapLimit): the highest address written (exclusive end).
  public var heapBase: UInt32 = 0
  public var heapLimit: UInt32 = 0
  public var heapHighWrite: UInt32 = 0

  public init() {}

  @inline(__always) mutating func noteSP(_ sp: UInt32) {
    if sp < lowestSP { lowestSP = sp }
  }

  /// A write at or just below the current SP (a push stores before SP moves: up to 16 registers
  /// or an 8-word exception frame) is a stack write; other writes in the heap region are heap.
  @inline(__always) mutating func noteWrite(_ address: UInt32, _ size: UInt32, sp: UInt32) {
    if address >= stackLimit && address < stackTop && (address >= sp &- 64 || address >= heapLimit) {
      if address < lowestStackWrite { lowestStackWrite = address }
    } else if address >= heapBase && address < heapLimit {
      let end = address &+ size
      if end > heapHighWrite { heapHighWrite = end }
    }
  }

  /// Bytes of stack used below the initial SP (the larger of the SP and write measures).
  public var stackBytes: UInt32 {
    let bySP = lowestSP <= stackTop ? stackTop - lowestSP : 0
    let byWrite = lowestStackWrite <= stackTop ? stackTop - lowestStackWrite : 0
    return max(bySP, byWrite)
  }

  /// Bytes of heap used above its base.
  public var heapBytes: UInt32 { heapHighWrite > heapBase ? heapHighWrite - heapBase : 0 }

  /// Start a new measurement window at the current SP (per kernel call / per function).
  public mutating func reset(stackTop: UInt32) {
    self.stackTop = stackTop
    lowestSP = stackTop
    lowestStackWrite = .max
    heapHighWrite = heapBase
  }
}
