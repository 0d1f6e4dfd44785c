// A kernel case: the argument struct (field by field, in kernels/fqt_kernels.h order), the
// input tensors, the expected output tensors (from the golden model), the arena size and the
// MAC count. The runner (KernelRunner.swift) places everything in SRAM and runs the image.

import FQTGolden

/// Element type of a tensor as stored in memory (little-endian).
public enum ElementType: String, Codable, Sendable {
  case s8, u8, s32

  public var size: Int { self == .s32 ? 4 : 1 }

  /// The signed value of element `i` of `bytes`.
  func value(_ bytes: [UInt8], _ i: Int) -> Int64 {
    switch self {
    case .s8: return Int64(Int8(bitPattern: bytes[i]))
    case .u8: return Int64(bytes[i])
    case .s32:
      let b = i * 4
      let u = UInt32(bytes[b]) | UInt32(bytes[b + 1]) << 8 | UInt32(bytes[b + 2]) << 16 | UInt32(bytes[b + 3]) << 24
      return Int64(Int32(bitPattern: u))
    }
  }
}

/// A named tensor in memory.
public struct TensorBytes: Sendable {
  public var name: String
  public var type: ElementType
  public var bytes: [UInt8]
  public init(_ name: String, _ type: ElementType, _ bytes: [UInt8]) {
    self.name = name
    self.type = type
    self.bytes = bytes
  }
  public init(_ name: String, s8 v: [Int8]) { self.init(name, .s8, v.map { UInt8(bitPattern: $0) }) }
  public init(_ name: String, u8 v: [UInt8]) { self.init(name, .u8, v) }
  public init(_ name: String, s32 v: [Int32]) { self.init(name, .s32, le32(v)) }
  public init(_ name: String, u32 v: [UInt32]) { self.init(name, .s32, le32(v.map { Int32(bitPattern: $0) })) }
  public var count: Int { bytes.count / type.size }
}

func le32(_ v: [Int32]) -> [UInt8] {
  var out = [UInt8]()
  out.reserveCapacity(v.count * 4)
  for x in v {
    let u = UInt32(bitPattern: x)
    out += [UInt8(u & 0xFF), UInt8(u >> 8 & 0xFF), UInt8(u >> 16 & 0xFF), UInt8(u >> 24)]
  }
  return out
}

/// One 32-bit field of an argument struct.
public enum ArgField: Sendable {
  /// The address of a named input or output tensor.
  case tensor(String)
  /// A NULL pointer.
  case null
  /// A plain value (dimension, zero point, …).
  case value(Int32)
  /// The arena's address / its size in bytes.
  case scratch, scratchSize
}

/// Everything needed to run and check one kernel call.
public struct KernelCase: Sendable {
  public var kernel: String
  /// Human-readable description of the shape and parameters.
  public var label: String
  public var seed: UInt32
  /// The struct's fields in declaration order (name as in fqt_kernels.h).
  public var args: [(name: String, field: ArgField)]
  public var inputs: [TensorBytes]
  /// Expected outputs (the golden model's result); the runner prefills them with a canary.
  public var outputs: [TensorBytes]
  /// Outputs whose initial contents matter (e.g. an RNG state read and written): initial bytes.
  public var initialOutputs: [String: [UInt8]] = [:]
  public var scratchBytes: Int
  /// Multiply-accumulates of the golden algorithm (for MAC/cycle); 0 when not meaningful.
  public var macs: Int
  /// Shape parameters for the JSON record.
  public var parameters: [String: Int] = [:]

  public init(
    kernel: String, label: String, seed: UInt32, args: [(name: String, field: ArgField)],
    inputs: [TensorBytes], outputs: [TensorBytes], scratchBytes: Int, macs: Int
  ) {
    self.kernel = kernel
    self.label = label
    self.seed = seed
    self.args = args
    self.inputs = inputs
    self.outputs = outputs
    self.scratchBytes = scratchBytes
    self.macs = macs
  }
}

/// A deterministic source of test data (xorshift32, as the golden model uses).
public struct CaseRandom {
  var rng: XorShift32
  public init(seed: UInt32) {
    // Mix the seed so that nearby seeds give unrelated streams; never 0.
    var s = seed &* 0x9E37_79B9 ^ 0x5BD1_E995
    if s == 0 { s = 0x1234_5678 }
    rng = XorShift32(seed: s)
    for _ in 0..<4 { _ = rng.next() }
  }
  public mutating func next() -> UInt32 { rng.next() }
  /// Uniform in lo...hi (inclusive).
  public mutating func int(_ lo: Int, _ hi: Int) -> Int {
    lo + Int(next() % UInt32(hi - lo + 1))
  }
  public mutating func bool(_ p: Double = 0.5) -> Bool { Double(next() % 10_000) < p * 10_000 }

  /// int8 values: mostly uniform, with a share of the extremes −128, −127, 127 and zeros.
  public mutating func int8s(_ n: Int, extremes: Double = 0.1, zeros: Double = 0.1) -> [Int8] {
    (0..<n).map { _ in
      let r = Double(next() % 10_000) / 10_000
      if r < extremes {
        switch next() % 3 { case 0: return -128
        case 1: return -127
        default: return 127 }
      }
      if r < extremes + zeros { return 0 }
      return Int8(truncatingIfNeeded: next())
    }
  }

  /// int8 values in lo...hi.
  public mutating func int8s(_ n: Int, in range: ClosedRange<Int>) -> [Int8] {
    (0..<n).map { _ in Int8(int(range.lowerBound, range.upperBound)) }
  }

  public mutating func int32s(_ n: Int, in range: ClosedRange<Int>) -> [Int32] {
    (0..<n).map { _ in Int32(int(range.lowerBound, range.upperBound)) }
  }

  /// A packed bit mask of n elements, each set with probability p.
  public mutating func mask(_ n: Int, p: Double) -> [UInt8] {
    packMask((0..<n).map { _ in bool(p) })
  }
}
