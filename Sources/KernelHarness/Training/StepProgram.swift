// A whole training step as a static program: named buffers (tensors, masks, gradients, scalars,
// scratch arenas) and an ordered list of operations. Every operation has a golden implementation
// (FQTGolden functions on host copies of its tensors); an operation for which a Thumb-2 kernel
// exists also has a kernel binding (the kernel's argument struct, field by field, in
// kernels/fqt_kernels.h order). The same program runs twice in lockstep (StepRunner.swift): once
// entirely on the host with the golden implementations (the reference trace), once on the
// emulated MCU with the kernels where bound and the golden implementation, clearly marked
// "host", where no kernel exists yet.

import CortexM
import FQTGolden
import Foundation

/// Where a buffer lives.
public enum Placement: String, Codable, Sendable {
  /// Emulated SRAM, placed by the liveness-based planner (MemoryPlan.swift).
  case sram
  /// Flash after the kernel images: constants that no operation writes.
  case flash
}

public struct BufferDecl: Sendable {
  public var name: String
  public var type: ElementType
  public var count: Int
  public var placement: Placement
  /// Lives across steps (parameters, generator state, running maxima, constants).
  public var persistent: Bool
  /// Written before each step by the driver (the sample, its label, a per-step seed).
  public var stepInput: Bool
  /// What the buffer holds (for the memory report).
  public var role: String
  public var bytes: Int { count * type.size }
}

/// One 32-bit field of a kernel's argument struct, evaluated when the call is made.
public enum StepArg {
  /// The address of a buffer (plus a byte offset).
  case buffer(String, offset: Int = 0)
  case null
  case value(Int32)
  /// A value read by the driver from SRAM at call time (scalar glue, e.g. the exponent f).
  case word(String)
  /// Element `index` of an int32 buffer, read at call time (e.g. one query's ΔL).
  case wordAt(String, Int)
  /// A channel mask's address, or NULL when all `channels` bits are set: the C glue's
  /// `k == N ? NULL : mask` after topk_select, so a step that keeps every channel runs the
  /// backward kernels' full-tensor paths instead of their masked ones.
  case maskOrNull(String, channels: Int)
  /// The call's scratch arena and its size.
  case scratch, scratchSize
}

/// A Thumb-2 kernel call.
public struct KernelBinding {
  public var kernel: String
  public var args: [(name: String, field: StepArg)]
  public var scratchBytes: Int
}

/// What runs an operation on the MCU side.
public enum OpKind: String, Codable, Sendable {
  /// A Thumb-2 kernel on the emulated Cortex-M4 (timed).
  case mcu
  /// The golden model on the host because no kernel exists yet for this op (untimed).
  case host
  /// Scalar bookkeeping that firmware does in C between kernel calls (a handful of
  /// instructions: exponents, running maxima, seeds); done on the host, untimed.
  case glue
}

public struct StepOp {
  /// Unique label, e.g. "conv2d_fwd L0" or "conv_bwd L2".
  public var label: String
  /// The kernel that runs (or would run) this op.
  public var kernel: String
  public var layer: Int?
  /// forward, loss, backward, update, zo.
  public var phase: String
  public var reads: [String]
  public var writes: [String]
  /// Dense multiply-accumulates of the op (0 when not meaningful).
  public var macs: Int
  public var binding: KernelBinding?
  public var isGlue: Bool
  public var golden: (TensorStore) throws -> Void
}

/// The static program of one step for one model and method.
public struct StepProgram {
  public var model: String
  public var method: TrainMethod
  public var buffers: [BufferDecl]
  public var ops: [StepOp]
  /// Initial contents of persistent buffers (parameters, constants, generator state).
  public var initial: [String: [UInt8]]
  /// Writes the per-step inputs (sample, label, seed) into a store.
  public var writeInputs: (_ store: TensorStore, _ x: [Int8], _ label: Int, _ step: UInt32) -> Void
  /// Reads the trained parameters back from a store (for checks and evaluation).
  public var parameterNames: [(layer: Int, weights: String, bias: String)]
  /// Notes on choices made for this method (printed with the report).
  public var notes: [String]

  public func buffer(_ name: String) -> BufferDecl? { buffers.first { $0.name == name } }
}

// MARK: - Tensor stores

/// Typed access to the program's buffers, on the host or in the emulated memory.
public protocol TensorStore: AnyObject {
  func bytes(_ name: String) throws -> [UInt8]
  func setBytes(_ name: String, _ b: [UInt8]) throws
}

extension TensorStore {
  public func s8(_ n: String) throws -> [Int8] { try bytes(n).map { Int8(bitPattern: $0) } }
  public func u8(_ n: String) throws -> [UInt8] { try bytes(n) }
  public func s32(_ n: String) throws -> [Int32] {
    let b = try bytes(n)
    return stride(from: 0, to: b.count, by: 4).map {
      Int32(bitPattern: UInt32(b[$0]) | UInt32(b[$0 + 1]) << 8 | UInt32(b[$0 + 2]) << 16 | UInt32(b[$0 + 3]) << 24)
    }
  }
  public func word(_ n: String) throws -> Int32 { try s32(n)[0] }
  public func set(_ n: String, s8 v: [Int8]) throws { try setBytes(n, v.map { UInt8(bitPattern: $0) }) }
  public func set(_ n: String, u8 v: [UInt8]) throws { try setBytes(n, v) }
  public func set(_ n: String, s32 v: [Int32]) throws { try setBytes(n, le32(v)) }
  public func setWord(_ n: String, _ v: Int32) throws { try set(n, s32: [v]) }
  /// The xorshift32 generator kept in a one-word buffer.
  public func rng(_ n: String) throws -> XorShift32 { XorShift32(seed: UInt32(bitPattern: try word(n))) }
  public func setRng(_ n: String, _ r: XorShift32) throws { try setWord(n, Int32(bitPattern: r.state)) }
}

/// Host copies of every buffer (no aliasing): the reference side of the lockstep run.
public final class HostStore: TensorStore {
  public var data: [String: [UInt8]] = [:]
  let sizes: [String: Int]
  public init(_ buffers: [BufferDecl]) {
    var s = [String: Int]()
    for b in buffers {
      s[b.name] = b.bytes
      data[b.name] = [UInt8](repeating: 0, count: b.bytes)
    }
    sizes = s
  }
  public func bytes(_ name: String) throws -> [UInt8] {
    guard let d = data[name] else { throw HarnessError("no buffer \(name)") }
    return d
  }
  public func setBytes(_ name: String, _ b: [UInt8]) throws {
    guard let n = sizes[name], n == b.count else {
      throw HarnessError("buffer \(name): writing \(b.count) bytes into \(sizes[name] ?? -1)")
    }
    data[name] = b
  }
}

/// The buffers in the emulated memory, at the addresses of the memory plan.
public final class MachineStore: TensorStore {
  let machine: Machine
  let address: [String: UInt32]
  let sizes: [String: Int]
  init(machine: Machine, address: [String: UInt32], sizes: [String: Int]) {
    self.machine = machine
    self.address = address
    self.sizes = sizes
  }
  public func bytes(_ name: String) throws -> [UInt8] {
    guard let a = address[name], let n = sizes[name] else { throw HarnessError("no buffer \(name)") }
    guard let b = machine.bus.peek(a, count: n) else { throw HarnessError("buffer \(name) at 0x\(hex(a)) is not readable") }
    return b
  }
  public func setBytes(_ name: String, _ b: [UInt8]) throws {
    guard let a = address[name], let n = sizes[name], n == b.count else {
      throw HarnessError("buffer \(name): writing \(b.count) bytes into \(sizes[name] ?? -1)")
    }
    try machine.bus.load(b, at: a)
  }
}

/// Unpacks a packed (LSB-first) mask of `n` flags.
func unpackMask(_ m: [UInt8], _ n: Int) -> [Bool] { (0..<n).map { maskBit(m, $0) } }
