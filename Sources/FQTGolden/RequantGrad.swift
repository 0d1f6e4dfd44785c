// requant_grad: int32 gradient accumulators → the next int8 error tensor with a power-of-two
// scale. FQT.md "Error tensors and gradients".

/// Requantizes int32 accumulators to int8 with a data-dependent power-of-two shift:
///
///     sh = max(0, bitLength(max_k |g[k]|) − 7)
///     nearest:    e[k] = sat8(RoundingDivideByPOT(g[k], sh))          (ties away from zero)
///     stochastic: e[k] = sat8((g[k] + (r_k & (2^sh − 1))) >> sh)      (arithmetic shift; exact,
///                 i.e. evaluated without int32 overflow — a kernel may compute it as
///                 (g >> sh) + (((g & m) + (r & m)) >> sh) with m = 2^sh − 1)
///
/// where r_k is one xorshift32 draw per element in flat order (drawn even when sh = 0, so the
/// generator's state after the call depends only on the element count). The new exponent is
/// f' = f_acc − sh; saturation only ever clips +128 to +127.
///
/// - Returns: the int8 values and `sh`.
public func requantGrad(_ g: [Int32], mode: RoundingMode, rng: inout XorShift32) -> (
  values: [Int8], shift: Int32
) {
  var maxMag: UInt32 = 0
  for v in g { maxMag = max(maxMag, v.magnitude) }
  let sh = max(0, bitLength(maxMag) - 7)
  var out = [Int8](repeating: 0, count: g.count)
  switch mode {
  case .nearest:
    for k in 0..<g.count { out[k] = saturateInt8(Int64(roundingDivideByPOT(g[k], sh))) }
  case .stochastic:
    let m = UInt32((UInt64(1) << UInt64(sh)) - 1)
    for k in 0..<g.count {
      let r = rng.next() & m
      out[k] = saturateInt8((Int64(g[k]) + Int64(r)) >> Int64(sh))
    }
  }
  return (out, sh)
}

/// `requantGrad` with round-to-nearest (no generator needed).
public func requantGrad(_ g: [Int32]) -> (values: [Int8], shift: Int32) {
  var unused = XorShift32(seed: 1)
  return requantGrad(g, mode: .nearest, rng: &unused)
}

/// `requantGrad` producing an `ErrorTensor` whose exponent is `accumulatorExponent − sh`.
public func requantGrad(
  _ g: [Int32], accumulatorExponent: Int32, mode: RoundingMode = .nearest,
  rng: inout XorShift32
) -> ErrorTensor {
  let (v, sh) = requantGrad(g, mode: mode, rng: &rng)
  return ErrorTensor(values: v, exponent: accumulatorExponent - sh)
}
