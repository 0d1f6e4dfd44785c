// Zeroth-order training (Zhao et al. 2024, "Poor Man's Training on MCUs"): Rademacher ±1-LSB
// perturbations from xorshift32, forward-difference estimates accumulated in int32 with the
// perturbation regenerated from the seed, and the SGD-style update. FQT.md "Zeroth-order".

/// The Rademacher sign of one draw: u = 1 − 2·(x & 1) ∈ {+1, −1}.
@inline(__always)
public func rademacher(_ x: UInt32) -> Int32 { 1 - 2 * Int32(x & 1) }

/// W' = sat8(W + σ·u) with one draw per element in flat (OHWI) order. FQT.md: σ_w = 1 LSB.
public func zoPerturbWeights(_ w: [Int8], sigma: Int32, rng: inout XorShift32) -> [Int8] {
  w.map { saturateInt8(Int64($0) + Int64(sigma) * Int64(rademacher(rng.next()))) }
}

/// b' = sat32(b + σ·u), one draw per element. FQT.md: σ_b = 100 LSB.
public func zoPerturbBias(_ b: [Int32], sigma: Int32, rng: inout XorShift32) -> [Int32] {
  b.map { saturateInt32(Int64($0) + Int64(sigma) * Int64(rademacher(rng.next()))) }
}

/// ĝ[k] += ΔL·u[k] for one query, regenerating u from `rng` (which must be in the state the
/// perturbation started from). ΔL = L_q − L_0 (Q16). Throws if any sum leaves int32.
public func zoAccumulate(_ g: inout [Int32], lossDelta: Int32, rng: inout XorShift32) throws {
  for k in g.indices {
    let v = Int64(g[k]) + Int64(lossDelta) * Int64(rademacher(rng.next()))
    guard v >= Int64(Int32.min) && v <= Int64(Int32.max) else {
      throw FQTError.overflowRisk(
        op: "zoAccumulate", worstCase: abs(v),
        reason: "element \(k): the estimate Σ(L_q − L_0)·u exceeds int32; use fewer queries or"
          + " a coarser loss")
    }
    g[k] = Int32(v)
  }
}

/// The update multiplier of a zeroth-order step, in units of the parameter's own LSB, for a loss in
/// Q16: m = lr/(n·σ) · n/(n + d − 1) · 2⁻¹⁶ (n queries, σ in LSB, d perturbed elements). Apply it
/// with `sgdUpdateWeights` / `sgdUpdateBias` and `gradientExponent: 0`.
public func zoUpdateMultipliers(
  learningRate lr: Double, queries n: Int, sigma: Int32, dimension d: Int, channels: Int
) throws -> UpdateMultipliers {
  guard n >= 1, sigma >= 1, d >= 1, channels >= 1, lr > 0, lr.isFinite else {
    throw FQTError.invalidParameter(
      op: "zoUpdateMultipliers",
      reason: "need lr > 0, n ≥ 1, σ ≥ 1, d ≥ 1 (got \(lr), \(n), \(sigma), \(d))")
  }
  let m = lr / (Double(n) * Double(sigma)) * Double(n) / Double(n + d - 1) / 65536
  return UpdateMultipliers(reals: [Double](repeating: m, count: channels))
}
