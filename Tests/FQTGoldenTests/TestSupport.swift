// Test-only helpers: an independent random generator (SplitMix64, not the code under test) and
// slow, obviously correct Int64 references shared by several test files.

import XCTest

@testable import FQTGolden

/// SplitMix64: a test-side generator, deliberately different from the model's xorshift32.
struct TestRNG {
  var state: UInt64
  init(_ seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Uniform in lo...hi (inclusive).
  mutating func int(_ lo: Int, _ hi: Int) -> Int {
    lo + Int(next() % UInt64(hi - lo + 1))
  }
  mutating func int8() -> Int8 { Int8(truncatingIfNeeded: next()) }
  mutating func int8s(_ n: Int) -> [Int8] { (0..<n).map { _ in int8() } }
  mutating func int8s(_ n: Int, _ lo: Int, _ hi: Int) -> [Int8] {
    (0..<n).map { _ in Int8(int(lo, hi)) }
  }
  mutating func int32() -> Int32 { Int32(truncatingIfNeeded: next()) }
  mutating func double() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// Round half away from zero of n / 2^k for k ≥ 0, computed on magnitudes in Int64.
func refDivPow2HalfAway(_ n: Int64, _ k: Int) -> Int64 {
  if k == 0 { return n }
  let mag = n.magnitude
  let q = (mag + (UInt64(1) << (k - 1))) >> k
  return n < 0 ? -Int64(q) : Int64(q)
}

/// Round to nearest, ties toward +∞, of n / 2^k (floor of (n + 2^(k−1)) / 2^k written as a floor
/// division with an explicit remainder).
func refDivPow2HalfUp(_ n: Int64, _ k: Int) -> Int64 {
  let d = Int64(1) << k
  var q = n / d
  var r = n % d
  if r < 0 {
    q -= 1
    r += d
  }
  return 2 * r >= d ? q + 1 : q
}

/// Slow reference of requantize: exact product in Int64, the two roundings of FQT.md done on
/// magnitudes / floors rather than with the gemmlowp bit tricks.
func refRequantize(_ x: Int32, _ m: Int32, _ sh: Int32) -> Int64 {
  let left = Int(max(sh, 0))
  let right = Int(max(-sh, 0))
  let t = Int64(Int32(truncatingIfNeeded: Int64(x) * (Int64(1) << left)))
  let h = refDivPow2HalfUp(t * Int64(m), 31)
  return refDivPow2HalfAway(h, right)
}

func unpackMask(_ bits: [UInt8], count: Int) -> [Bool] {
  (0..<count).map { bits[$0 / 8] & (1 << UInt8($0 % 8)) != 0 }
}
