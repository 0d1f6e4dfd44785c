#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Flat memory: each region is one raw buffer. The bus checks the two main regions inline
// (code, SRAM) and sends everything else to the system control space or a BusFault.

/// One RAM/ROM region: a view (plain values and raw pointers, so the hot path copies it
/// without reference counting) of a buffer owned by the bus's `RegionStorage`.
public struct MemoryRegion {
  // No `MemoryRegionSpec` here: its name (a String) would be retained and released with every
  // copy of the view, i.e. on every memory access.
  public let base: UInt32
  public let size: UInt32
  public let bytes: UnsafeMutableRawPointer
  /// The decode cache: one decoded instruction per halfword offset, `size == 0` meaning not
  /// decoded. `Instruction` is a trivial value, so calloc'd (zero) memory is a valid empty
  /// cache and untouched pages cost nothing.
  let decoded: UnsafeMutablePointer<Instruction>
  public let writable: Bool
  public let isSRAM: Bool
  let waitStates: UInt32
  /// Bumped whenever decoded instructions are forgotten (shared by the bus's regions): the
  /// machine's translated blocks (Core/Blocks.swift) are valid only for the count they saw.
  let codeWrites: UnsafeMutablePointer<UInt64>

  @inline(__always) func contains(_ address: UInt32, _ count: UInt32) -> Bool {
    let offset = address &- base
    return offset < size && size - offset >= count
  }

  /// Forget decoded instructions overlapping a write of `count` bytes at `offset`.
  @inline(__always) func invalidate(_ offset: UInt32, _ count: UInt32) {
    var slot = offset >> 1
    if slot > 0 { slot -= 1 }  // a 32-bit instruction starting one halfword earlier
    let last = min((offset &+ count &- 1) >> 1, size / 2 - 1)
    while slot <= last {
      decoded[Int(slot)].size = 0
      slot += 1
    }
    codeWrites.pointee &+= 1
  }
}

/// Owns the region buffers for the lifetime of the bus.
final class RegionStorage {
  let pointers: [UnsafeMutableRawPointer]
  init(_ pointers: [UnsafeMutableRawPointer]) { self.pointers = pointers }
  deinit { for p in pointers { free(p) } }
}

/// The memory system seen by the core.
public struct Bus {
  public let code: MemoryRegion
  public let sram: MemoryRegion
  let storage: RegionStorage

  init(board: Board) {
    let codeWrites = calloc(1, MemoryLayout<UInt64>.stride)!.assumingMemoryBound(to: UInt64.self)
    func make(_ spec: MemoryRegionSpec, writable: Bool) -> MemoryRegion {
      MemoryRegion(base: spec.base, size: spec.size,
        bytes: calloc(Int(spec.size), 1)!,
        decoded: calloc(Int(spec.size / 2) + 1, MemoryLayout<Instruction>.stride)!.assumingMemoryBound(to: Instruction.self),
        writable: writable, isSRAM: spec.kind == .sram, waitStates: UInt32(max(0, spec.waitStates)), codeWrites: codeWrites)
    }
    code = make(board.code, writable: false)
    sram = make(board.sram, writable: true)
    storage = RegionStorage([code.bytes, UnsafeMutableRawPointer(code.decoded), sram.bytes, UnsafeMutableRawPointer(sram.decoded), UnsafeMutableRawPointer(codeWrites)])
  }

  /// Host-side write that bypasses access rights (loader, harness).
  public func load(_ data: [UInt8], at address: UInt32) throws(Fault) {
    guard !data.isEmpty else { return }
    let region: MemoryRegion
    if code.contains(address, UInt32(data.count)) {
      region = code
    } else if sram.contains(address, UInt32(data.count)) {
      region = sram
    } else {
      throw Fault(.busFault, address: address,
        "\(data.count) bytes at 0x\(hex(address)) do not fit the board's memory")
    }
    let offset = address &- region.base
    data.withUnsafeBytes { region.bytes.advanced(by: Int(offset)).copyMemory(from: $0.baseAddress!, byteCount: data.count) }
    region.invalidate(offset, UInt32(data.count))
  }

  /// Host-side read (harness, semihosting); nil when outside RAM/ROM.
  public func peek(_ address: UInt32, count: Int) -> [UInt8]? {
    for region in [code, sram] where region.contains(address, UInt32(count)) {
      let p = region.bytes.advanced(by: Int(address &- region.base))
      return Array(UnsafeRawBufferPointer(start: p, count: count))
    }
    return nil
  }

  /// Host-side 32-bit read.
  public func peek32(_ address: UInt32) -> UInt32? {
    guard let b = peek(address, count: 4) else { return nil }
    return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
  }
}

public func hex(_ v: UInt32, width: Int = 8) -> String {
  let s = String(v, radix: 16)
  return String(repeating: "0", count: max(0, width - s.count)) + s
}
