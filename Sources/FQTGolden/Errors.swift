// Typed errors of the golden model. Every description says what was wrong and what to change.

/// An error raised by a golden-model op when its arguments cannot be processed exactly.
public enum FQTError: Error, Equatable, CustomStringConvertible {
  /// An array's length does not match the length its shape implies.
  case lengthMismatch(op: String, tensor: String, expected: Int, got: Int)
  /// A shape or layer geometry that the op cannot compute (non-positive sizes, empty output, …).
  case invalidShape(op: String, reason: String)
  /// A quantization or training parameter outside its documented range.
  case invalidParameter(op: String, reason: String)
  /// A shape whose int32 sums could overflow for some int8 inputs; the golden model refuses it.
  case overflowRisk(op: String, worstCase: Int64, reason: String)

  public var description: String {
    switch self {
    case let .lengthMismatch(op, tensor, expected, got):
      return "\(op): \(tensor) has \(got) elements but its shape needs \(expected); pass an array"
        + " of exactly \(expected) elements (layouts: NHWC activations, OHWI weights)"
    case let .invalidShape(op, reason):
      return "\(op): invalid shape: \(reason)"
    case let .invalidParameter(op, reason):
      return "\(op): invalid parameter: \(reason)"
    case let .overflowRisk(op, worstCase, reason):
      return "\(op): the int32 accumulator could overflow (worst-case |sum| = \(worstCase) >"
        + " \(Int32.max)): \(reason). Split the reduction (tiling) or use a 64-bit accumulator"
        + " kernel; the golden model only accepts shapes that are exact in int32"
    }
  }
}

@inline(__always)
func checkLength(_ op: String, _ tensor: String, _ count: Int, _ expected: Int) throws {
  if count != expected {
    throw FQTError.lengthMismatch(op: op, tensor: tensor, expected: expected, got: count)
  }
}

/// Throws `overflowRisk` when `terms · maxAbsTerm (+ extra)` exceeds `Int32.max`.
func checkAccumulatorBound(
  _ op: String, terms: Int, maxAbsTerm: Int, reason: String
) throws {
  let (worst, overflow) = Int64(terms).multipliedReportingOverflow(by: Int64(maxAbsTerm))
  if overflow || worst > Int64(Int32.max) {
    throw FQTError.overflowRisk(
      op: op, worstCase: overflow ? Int64.max : worst,
      reason: "\(terms) terms of magnitude up to \(maxAbsTerm) (\(reason))")
  }
}

func checkInt8Range(_ op: String, _ name: String, _ v: Int32) throws {
  if v < -128 || v > 127 {
    throw FQTError.invalidParameter(op: op, reason: "\(name) = \(v) is outside [-128, 127]")
  }
}
