// The static memory plan of a training step.
//
// Flash (from the code base): every kernel image the step calls, each at its own 16-byte aligned
// offset (the images are position independent), then the constants no op writes (requantization
// and update multipliers, and the weights of layers the method never updates), then the initial
// image of the SRAM-resident parameters that firmware copies to SRAM at boot.
//
// SRAM (from the SRAM base): one 128-byte argument-struct slot shared by all calls, then every
// other buffer at an offset chosen by a greedy first-fit over lifetimes: a buffer lives from the
// first to the last op that touches it (persistent buffers and per-step inputs for the whole step,
// a kernel's scratch arena for its one call). Buffers whose lifetimes overlap never share bytes, so
// a gradient is freed as soon as its layer's in-place update consumed it, activations as soon as
// the backward pass used them (the Tiny Training Engine's schedule). The stack grows down from the
// top of SRAM; the peak SRAM is args + plan extent + the measured stack high-water.

import CortexM
import FQTGolden
import Foundation

public struct PlacedBuffer: Codable, Sendable {
  public var name: String
  public var role: String
  public var placement: Placement
  public var address: UInt32
  public var bytes: Int
  /// First and last op index of the lifetime (inclusive).
  public var first: Int
  public var last: Int
}

public struct MemoryPlan: Codable, Sendable {
  public static let argsSlotBytes = 128
  /// A conservative stack estimate used before running (fqt_kernels.h promises ≤ 64 B per call).
  public static let stackEstimate = 256
  public var buffers: [PlacedBuffer]
  public var kernelOffsets: [String: UInt32]
  public var kernelBytes: [String: Int]
  public var argsAddress: UInt32
  /// Args slot + the extent of the planned SRAM buffers.
  public var sramBytes: Int
  /// Σ of all SRAM buffer sizes without reuse (what a plan without liveness would need).
  public var sramBytesWithoutReuse: Int
  public var flashCodeBytes: Int
  public var flashConstantBytes: Int
  /// Initial contents of SRAM parameters (weights, biases, generator state) kept in flash.
  public var flashParameterImageBytes: Int
  public var flashBytes: Int { flashCodeBytes + flashConstantBytes + flashParameterImageBytes }
  public var opCount: Int

  /// Bytes of SRAM buffers live during op `i` (plus the args slot).
  public func liveBytes(at i: Int) -> Int {
    MemoryPlan.argsSlotBytes
      + buffers.filter { $0.placement == .sram && $0.first <= i && i <= $0.last }.reduce(0) { $0 + $1.bytes }
  }

  public func address(_ name: String) -> UInt32? { buffers.first { $0.name == name }?.address }

  static func scratchName(_ op: Int) -> String { "scratch#\(op)" }

  /// Plans `program` on `board`. `kernels` are the images of the kernels that will run.
  public init(program: StepProgram, kernels: [String: [UInt8]], board: Board) throws {
    let n = program.ops.count
    opCount = n
    // Lifetimes.
    var first = [String: Int](), last = [String: Int]()
    for (i, op) in program.ops.enumerated() {
      for name in op.reads + op.writes {
        first[name] = min(first[name] ?? i, i)
        last[name] = max(last[name] ?? i, i)
      }
    }
    var decls = program.buffers
    var lifetimes = [String: (Int, Int)]()
    for d in decls {
      if d.persistent || d.placement == .flash {
        lifetimes[d.name] = (0, max(n - 1, 0))
      } else if d.stepInput {
        lifetimes[d.name] = (0, last[d.name] ?? 0)
      } else if let f = first[d.name], let l = last[d.name] {
        lifetimes[d.name] = (f, l)
      } else {
        lifetimes[d.name] = (0, -1)  // never used: no space
      }
    }
    for (i, op) in program.ops.enumerated() {
      if let b = op.binding, b.scratchBytes > 0, kernels[b.kernel] != nil {
        let name = MemoryPlan.scratchName(i)
        decls.append(BufferDecl(name: name, type: .u8, count: b.scratchBytes, placement: .sram, persistent: false,
          stepInput: false, role: "scratch arena of \(op.label)"))
        lifetimes[name] = (i, i)
      }
    }
    // Flash: code, then constants.
    var flashCursor = 0
    var offsets = [String: UInt32](), sizes = [String: Int]()
    for name in kernels.keys.sorted() {
      flashCursor = (flashCursor + 15) & ~15
      offsets[name] = board.code.base + UInt32(flashCursor)
      sizes[name] = kernels[name]!.count
      flashCursor += kernels[name]!.count
    }
    kernelOffsets = offsets
    kernelBytes = sizes
    flashCodeBytes = flashCursor
    var placed = [PlacedBuffer]()
    for d in decls where d.placement == .flash {
      flashCursor = (flashCursor + 3) & ~3
      let (f, l) = lifetimes[d.name]!
      placed.append(PlacedBuffer(name: d.name, role: d.role, placement: .flash,
        address: board.code.base + UInt32(flashCursor), bytes: d.bytes, first: f, last: l))
      flashCursor += d.bytes
    }
    flashConstantBytes = flashCursor - flashCodeBytes
    flashParameterImageBytes = decls.filter { $0.placement == .sram && program.initial[$0.name] != nil }
      .reduce(0) { $0 + ($1.bytes + 3) & ~3 }
    // SRAM: greedy first-fit, largest first (persistent first at equal size).
    argsAddress = board.sram.base
    let base = MemoryPlan.argsSlotBytes
    var sramPlaced = [(off: Int, end: Int, f: Int, l: Int)]()
    let sramDecls = decls.filter { $0.placement == .sram }.sorted {
      let (a, b) = (lifetimes[$0.name]!, lifetimes[$1.name]!)
      let la = a.1 - a.0, lb = b.1 - b.0
      if $0.bytes != $1.bytes { return $0.bytes > $1.bytes }
      return la != lb ? la > lb : $0.name < $1.name
    }
    var extent = base
    for d in sramDecls {
      let (f, l) = lifetimes[d.name]!
      let size = (d.bytes + 3) & ~3
      var off = base
      if l >= f {
        let conflicts = sramPlaced.filter { !($0.l < f || l < $0.f) }.sorted { $0.off < $1.off }
        for c in conflicts where off + size > c.off && off < c.end { off = max(off, (c.end + 3) & ~3) }
        // One pass over sorted conflicts can miss an earlier block after moving: repeat until stable.
        var moved = true
        while moved {
          moved = false
          for c in conflicts where off + size > c.off && off < c.end {
            off = (c.end + 3) & ~3
            moved = true
          }
        }
        sramPlaced.append((off, off + size, f, l))
        extent = max(extent, off + size)
      }
      placed.append(PlacedBuffer(name: d.name, role: d.role, placement: .sram,
        address: board.sram.base + UInt32(off), bytes: d.bytes, first: f, last: l))
    }
    buffers = placed
    sramBytes = extent
    sramBytesWithoutReuse = base + sramDecls.reduce(0) { $0 + ($1.bytes + 3) & ~3 }
  }
}

/// Whether a step fits a board.
public struct BoardFit: Codable, Sendable {
  public var board: String
  public var clockMHz: Double
  public var sramNeeded: Int
  public var sramSize: Int
  public var flashNeeded: Int
  public var flashSize: Int
  public var fits: Bool { sramNeeded <= sramSize && flashNeeded <= flashSize }

  public init(plan: MemoryPlan, board: Board, stackBytes: Int) {
    self.board = board.name
    clockMHz = board.clockHz / 1e6
    sramNeeded = plan.sramBytes + stackBytes
    sramSize = Int(board.sram.size)
    flashNeeded = plan.flashBytes
    flashSize = Int(board.code.size)
  }

  public var summary: String {
    "\(board): SRAM \(sramNeeded) of \(sramSize) B, flash \(flashNeeded) of \(flashSize) B → "
      + (fits ? "fits" : "DOES NOT FIT"
        + (sramNeeded > sramSize ? " (SRAM short by \(sramNeeded - sramSize) B)" : "")
        + (flashNeeded > flashSize ? " (flash short by \(flashNeeded - flashSize) B)" : ""))
  }
}
