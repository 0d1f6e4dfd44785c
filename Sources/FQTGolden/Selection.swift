// Which channels an update touches: dynamic partial updates (Deutel et al. 2024) and the static
// sparse update (MCUNetV3). FQT.md "Updates".

/// Per-output-channel scores Σ|e| of an NHWC error tensor (int32, exact for < 2²⁴ positions).
public func channelScores(error: [Int8], channels: Int) throws -> [Int32] {
  let op = "channelScores"
  if channels < 1 || error.count % channels != 0 {
    throw FQTError.invalidShape(
      op: op, reason: "error count \(error.count) is not a multiple of channels \(channels)")
  }
  try checkAccumulatorBound(op, terms: error.count / channels, maxAbsTerm: 128, reason: "positions")
  var s = [Int32](repeating: 0, count: channels)
  for (k, e) in error.enumerated() { s[k % channels] &+= Int32(e.magnitude) }
  return s
}

/// The `k` highest-scoring indices as a mask; ties go to the lower index.
public func topK(scores: [Int32], k: Int) -> [Bool] {
  let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
  var active = [Bool](repeating: false, count: scores.count)
  for i in order.prefix(max(0, k)) { active[i] = true }
  return active
}

/// Deutel's dynamic k, all in Q16 with floor divisions:
///
///     ε = min(2¹⁶, ⌊loss·2¹⁶ / maxLoss⌋)          (ε = 2¹⁶ when maxLoss ≤ 0)
///     r = min(λmin + ⌊ε·(λmax − λmin) / 2¹⁶⌋, 2¹⁶)
///     k = ⌊r·N / 2¹⁶⌋                            (may be 0: no channel is updated)
///
/// `lossQ16` is the current loss and `maxLossQ16` the largest seen so far (both Q16, ≥ 0);
/// λ are fractions in Q16 (λmin ≤ λmax).
public func dynamicPartialK(
  channels n: Int, lambdaMinQ16: Int32, lambdaMaxQ16: Int32, lossQ16: Int32, maxLossQ16: Int32
) throws -> Int {
  let op = "dynamicPartialK"
  guard lambdaMinQ16 >= 0, lambdaMinQ16 <= lambdaMaxQ16, lossQ16 >= 0, n >= 0 else {
    throw FQTError.invalidParameter(
      op: op, reason: "need 0 ≤ λmin ≤ λmax, loss ≥ 0, N ≥ 0 (got λmin \(lambdaMinQ16), λmax"
        + " \(lambdaMaxQ16), loss \(lossQ16), N \(n))")
  }
  let eps: Int64 =
    maxLossQ16 > 0 ? min(65536, (Int64(lossQ16) << 16) / Int64(maxLossQ16)) : 65536
  let r = min(
    Int64(lambdaMinQ16) + (eps * (Int64(lambdaMaxQ16) - Int64(lambdaMinQ16))) >> 16, 65536)
  return Int((r * Int64(n)) >> 16)
}

/// Static sparse update (MCUNetV3): the ⌊inC·num/den⌋ input channels with the largest weight L2
/// norm (Σ over o, kh, kw of w², compared exactly in int64; ties: lower index) of an OHWI tensor.
/// Ratios in FQT.md are 0, 1/8, 1/4, 1/2, 1. Returns one flag per input channel (pack with
/// `packMask` for the bitmask form).
public func sparseUpdateInputChannels(
  weights: [Int8], outC: Int, inC: Int, ratioNumerator num: Int, ratioDenominator den: Int
) throws -> [Bool] {
  let op = "sparseUpdateInputChannels"
  guard outC > 0, inC > 0, weights.count % (outC * inC) == 0 else {
    throw FQTError.invalidShape(
      op: op, reason: "\(weights.count) weights are not OHWI with O = \(outC), I = \(inC)")
  }
  guard den > 0, num >= 0, num <= den else {
    throw FQTError.invalidParameter(op: op, reason: "ratio \(num)/\(den) is not in [0, 1]")
  }
  var norm = [Int64](repeating: 0, count: inC)
  for (k, w) in weights.enumerated() { norm[k % inC] += Int64(w) * Int64(w) }
  let order = norm.indices.sorted { norm[$0] != norm[$1] ? norm[$0] > norm[$1] : $0 < $1 }
  var active = [Bool](repeating: false, count: inC)
  for i in order.prefix(inC * num / den) { active[i] = true }
  return active
}
