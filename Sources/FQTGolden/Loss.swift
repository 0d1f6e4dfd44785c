// Softmax cross-entropy: the error at the logits and an integer loss in Q16.
// FQT.md "Loss and error".

/// The error at the logits from the softmax output (scale 1/256, z = −128):
///
///     e[i] = (p[i] + 128) − 256·[i = label]        ∈ [−256, 255], scale 1/256
///     out[i] = sat8(RoundingDivideByPOT(e[i], 1))  (halving, ties away from zero), scale 1/128
///
/// i.e. p − onehot(label) as an int8 error tensor with exponent f = 7 relative to the real logits.
public func softmaxCrossEntropyError(probabilities p: [Int8], label: Int) throws -> ErrorTensor {
  let op = "softmaxCrossEntropyError"
  guard label >= 0 && label < p.count else {
    throw FQTError.invalidParameter(op: op, reason: "label \(label) outside 0..<\(p.count)")
  }
  var out = [Int8](repeating: 0, count: p.count)
  for i in 0..<p.count {
    let e = Int32(p[i]) + 128 - (i == label ? 256 : 0)
    out[i] = saturateInt8(Int64(roundingDivideByPOT(e, 1)))
  }
  return ErrorTensor(values: out, exponent: 7)
}

/// log2 of a positive integer `v` in Q(fracBits), by normalisation and repeated squaring
/// (integer only): n = ⌊log2 v⌋, m = v/2ⁿ in Q30, then `fracBits` times m ← m²; a result ≥ 2
/// emits a 1 bit and halves m. Truncates (error < 2^−fracBits + 2⁻²⁸).
public func log2Fixed(_ v: UInt64, fracBits: Int = 24) -> Int64 {
  precondition(v > 0 && fracBits >= 0 && fracBits <= 30, "log2Fixed(\(v), \(fracBits))")
  let n = 63 - v.leadingZeroBitCount
  var m: UInt64 = n >= 30 ? v >> UInt64(n - 30) : v << UInt64(30 - n)  // [2³⁰, 2³¹)
  var frac: Int64 = 0
  for _ in 0..<fracBits {
    m = (m * m) >> 30
    frac <<= 1
    if m >= (1 << 31) {
      m >>= 1
      frac |= 1
    }
  }
  return (Int64(n) << Int64(fracBits)) | frac
}

/// ln 2 in Q30, rounded (0.693147180559945…·2³⁰ = 744261117.95).
let ln2Q30: Int64 = 744_261_118

/// Integer cross-entropy loss in Q16 (the golden model's definition, FQT.md):
///
///     d_j = x_j − max_k x_k;  E_j = exp_on_negative_values(MUL_SAT(d_j·2^leftShift, M))  (Q0.31,
///           the same terms `arm_softmax_s8` uses; d_j < diffMin gives 0)
///     S   = Σ_j E_j  (int64, Q31);    lse = ln(S / 2³¹) = (log2Fixed(S, 24) − 31·2²⁴)·ln2   (Q16)
///     L   = lse + (max − x_label)·s   (the second term as (max − x_label)·M / 2^(41 − leftShift),
///           rounded half away from zero, since M·2^leftShift/2³¹ = s·2²⁶)
///
/// which is −log softmax(s·x)[label] = log Σ exp(s·(x_j − max)) + s·(max − x_label) in Q16.
/// Returns L·2¹⁶ rounded; ≥ 0.
public func crossEntropyLossQ16(logits x: [Int8], label: Int, parameters p: SoftmaxParameters)
  throws -> Int32
{
  let op = "crossEntropyLossQ16"
  guard label >= 0 && label < x.count else {
    throw FQTError.invalidParameter(op: op, reason: "label \(label) outside 0..<\(x.count)")
  }
  if p.leftShift < 0 || p.leftShift > 30 {
    throw FQTError.invalidParameter(op: op, reason: "leftShift \(p.leftShift) outside [0, 30]")
  }
  let maxV = Int32(x.max() ?? 0)
  var s: Int64 = 0
  for v in x {
    let d = Int32(v) - maxV
    if d >= p.diffMin {
      s += Int64(
        expOnNegativeValues(saturatingRoundingDoublingHighMul(d << p.leftShift, p.multiplier)))
    }
  }
  // The max term is exp(0) = Int32.max > 0, so s > 0.
  let log2S = log2Fixed(UInt64(s), fracBits: 24) - (31 << 24)  // Q24, ≥ −2⁻²⁴·…
  let lse = roundHalfAwayShift(log2S * ln2Q30, 24 + 30 - 16)  // Q16
  let diff = Int64(maxV - Int32(x[label]))  // ≥ 0
  let labelTerm = roundHalfAwayShift(diff * Int64(p.multiplier), 41 - Int(p.leftShift))
  return saturateInt32(max(0, lse + labelTerm))
}

/// n / 2^k rounded to nearest, ties away from zero (k ≥ 1).
@inline(__always)
func roundHalfAwayShift(_ n: Int64, _ k: Int) -> Int64 {
  let half = Int64(1) << Int64(k - 1)
  return n >= 0 ? (n + half) >> Int64(k) : -((-n + half) >> Int64(k))
}
