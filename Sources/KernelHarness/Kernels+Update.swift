// Case builders of the update and selection kernels: sgd_qas_update (nearest, stochastic, dynamic
// partial and static sparse), topk_select (dynamic partial update), zo_perturb and zo_accumulate
// (zeroth-order training). Golden ops: sgdUpdateWeights + sgdUpdateBias, channelScores +
// dynamicPartialK + topK, zoPerturbWeights + zoPerturbBias, zoAccumulate.

import FQTGolden

/// int32 values spread over all magnitudes up to `bits` bits, with the int32 extremes when
/// `extreme`.
func wideInt32s(_ r: inout CaseRandom, _ n: Int, bits: Int, extreme: Bool) -> [Int32] {
  (0..<n).map { _ in
    if extreme && r.bool(0.15) { return r.bool() ? Int32.min : Int32.max }
    let b = r.int(0, bits)
    let lim = Int((Int64(1) << Int64(b)) - 1)
    return Int32(r.int(-lim, lim))
  }
}

/// Per-channel update multipliers m = u·2^e (u ∈ [0.1, 1), e ∈ [emin, emax]) as (M, sh).
func randomUpdate(_ r: inout CaseRandom, _ n: Int, emin: Int, emax: Int) -> UpdateMultipliers {
  var ms: [Int32] = [], shs: [Int32] = []
  for _ in 0..<n {
    let real = Double(r.int(1000, 9999)) / 10_000 * pow2(r.int(emin, emax))
    let (m, sh) = QuantizeMultiplier(real)
    ms.append(m)
    shs.append(sh)
  }
  return UpdateMultipliers(multipliers: ms, shifts: shs)
}

func pow2(_ e: Int) -> Double { e >= 0 ? Double(UInt64(1) << UInt64(e)) : 1 / Double(UInt64(1) << UInt64(-e)) }

let sgdQasUpdateKernel = KernelDescriptor(
  name: "sgd_qas_update", summary: "SGD+QAS weight and bias update (nearest or stochastic rounding)",
  options: "cout cin per layout(0 OHWI, 1 depthwise 1HWC) mode(0 nearest, 1 stochastic) f active(%)"
    + " sparse(% input channels, OHWI) weights(0/1) bias(0/1) extreme(0/1)",
  makeCase: { try sgdQasUpdateCase($0, $1) })

let topkSelectKernel = KernelDescriptor(
  name: "topk_select", summary: "dynamic partial update: channel scores Σ|e|, k from the loss, top-k mask",
  options: "h w c lmin lmax (Q16) loss maxloss (Q16) ties(0/1) extreme(0/1)",
  makeCase: { try topkSelectCase($0, $1) })

let zoPerturbKernel = KernelDescriptor(
  name: "zo_perturb", summary: "zeroth-order ±σ Rademacher perturbation of weights and bias (xorshift32)",
  options: "n nb sigw sigb inplace(0/1) extreme(0/1)", makeCase: { try zoPerturbCase($0, $1) })

let zoAccumulateKernel = KernelDescriptor(
  name: "zo_accumulate", summary: "zeroth-order estimate ĝ += ΔL·u, u regenerated from the seed",
  options: "n nb delta", makeCase: { try zoAccumulateCase($0, $1) })

func sgdQasUpdateCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  // Default: digits-cnn's second conv, 16 × 3×3×8 weights and 16 biases, nearest rounding.
  let layout = o.get("layout", 0)
  let outC = o.get("cout", 16)
  let inC = o.get("cin", 8)
  let per = o.get("per", layout == 0 ? 9 * inC : 9)
  guard outC >= 1, inC >= 1, per >= 1 else { throw HarnessError("invalid update shape") }
  let mode = o.get("mode", 0)
  let withW = o.get("weights", 1) != 0, withB = o.get("bias", 1) != 0
  let ext = o.get("extreme", 0) != 0
  var r = CaseRandom(seed: seed)
  let n = outC * per
  let w = r.int8s(n, extremes: extremes(o))
  let gw = wideInt32s(&r, n, bits: 31, extreme: ext)
  var b = r.int32s(outC, in: -2_000_000_000...2_000_000_000)
  if ext { for i in b.indices where r.bool(0.3) { b[i] = r.bool() ? Int32.max - Int32(r.int(0, 5)) : Int32.min + Int32(r.int(0, 5)) } }
  let gb = wideInt32s(&r, outC, bits: 31, extreme: ext)
  let f = Int32(o.get("f", r.int(0, 12)))
  let uw = randomUpdate(&r, outC, emin: -30, emax: 5)
  let ub = randomUpdate(&r, outC, emin: -30, emax: 5)
  let act = activeMask(&r, o, outC)
  var actIn: [UInt8]? = nil
  let sparsePct = o.get("sparse", 100)
  if sparsePct < 100 && layout == 0 && withW {
    guard per % inC == 0 else { throw HarnessError("per \(per) is not a multiple of cin \(inC)") }
    actIn = r.mask(inC, p: Double(sparsePct) / 100)
  }
  let state = r.next() | 1
  var rng = XorShift32(seed: state)
  let rm: RoundingMode = mode == 0 ? .nearest : .stochastic
  let al = activeList(act, outC)
  let w2 = withW
    ? try sgdUpdateWeights(
      weights: w, gradient: gw, channels: outC, layout: layout == 0 ? .outputChannelOuter : .channelInner,
      update: uw, gradientExponent: f, mode: rm, rng: &rng, activeChannels: al,
      activeInputChannels: activeList(actIn, inC)) : w
  let b2 = withB
    ? try sgdUpdateBias(bias: b, gradient: gb, update: ub, gradientExponent: f, mode: rm, rng: &rng, activeChannels: al)
    : b
  var inputs = [TensorBytes("grad_weights", s32: gw), TensorBytes("grad_bias", s32: gb),
                TensorBytes("w_multipliers", s32: uw.multipliers), TensorBytes("w_shifts", s32: uw.shifts),
                TensorBytes("b_multipliers", s32: ub.multipliers), TensorBytes("b_shifts", s32: ub.shifts)]
  if let a = act { inputs.append(TensorBytes("active", u8: a)) }
  if let a = actIn { inputs.append(TensorBytes("active_in", u8: a)) }
  var outputs: [TensorBytes] = []
  if withW { outputs.append(TensorBytes("weights", s8: w2)) }
  if withB { outputs.append(TensorBytes("bias", s32: b2)) }
  outputs.append(TensorBytes("rng_state", u32: [rng.state]))
  var c = KernelCase(
    kernel: "sgd_qas_update",
    label: "\(outC) channels × \(per)" + (layout == 0 ? " (OHWI)" : " (1HWC)") + ", f \(f), "
      + (mode == 0 ? "nearest" : "stochastic") + activeNote(o, act)
      + (actIn == nil ? "" : ", \(sparsePct)% input channels") + (withW ? "" : ", bias only") + (withB ? "" : ", no bias"),
    seed: seed,
    args: [("weights", withW ? .tensor("weights") : .null), ("grad_weights", .tensor("grad_weights")),
           ("bias", withB ? .tensor("bias") : .null), ("grad_bias", .tensor("grad_bias")),
           ("channels", v(outC)), ("per_channel", v(per)), ("layout", v(layout)),
           ("w_multipliers", .tensor("w_multipliers")), ("w_shifts", .tensor("w_shifts")),
           ("b_multipliers", .tensor("b_multipliers")), ("b_shifts", .tensor("b_shifts")),
           ("grad_exp", .value(f)), ("mode", v(mode)), ("rng_state", .tensor("rng_state")),
           ("active", act == nil ? .null : .tensor("active")),
           ("active_in", actIn == nil ? .null : .tensor("active_in")), ("in_c", v(inC)),
           ("scratch", .scratch), ("scratch_size", .scratchSize)],
    inputs: inputs, outputs: outputs, scratchBytes: actIn == nil ? 0 : (per + 3) & ~3, macs: 0)
  if withW { c.initialOutputs["weights"] = w.map { UInt8(bitPattern: $0) } }
  if withB { c.initialOutputs["bias"] = le32(b) }
  c.initialOutputs["rng_state"] = le32([Int32(bitPattern: state)])
  c.parameters = ["cout": outC, "cin": inC, "per": per, "layout": layout, "mode": mode]
  return c
}

func topkSelectCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  // Default: digits-cnn's second conv error, 4×4×16, λ ∈ [1/4, 1].
  let h = o.get("h", 4), w = o.get("w", 4), ch = o.get("c", 16)
  guard h >= 0, w >= 0, ch >= 1 else { throw HarnessError("invalid error shape \(h)×\(w)×\(ch)") }
  var r = CaseRandom(seed: seed)
  let n = h * w * ch
  let e = o.get("ties", 0) != 0 ? r.int8s(n, in: -1...1) : r.int8s(n, extremes: extremes(o), zeros: 0.3)
  let lmin = Int32(o.get("lmin", r.int(0, 65536)))
  let lmax = Int32(o.get("lmax", r.int(Int(lmin), 65536)))
  let loss = Int32(o.get("loss", r.int(0, 300_000)))
  // (the random default only when no max loss is given: it needs loss ≤ 600,000)
  let maxLoss = Int32(o.values["maxloss"] ?? (r.bool(0.1) ? 0 : r.int(Int(loss), 600_000)))
  let scores = try channelScores(error: e, channels: ch)
  let k = try dynamicPartialK(
    channels: ch, lambdaMinQ16: lmin, lambdaMaxQ16: lmax, lossQ16: loss, maxLossQ16: maxLoss)
  let active = packMask(topK(scores: scores, k: k))
  var c = KernelCase(
    kernel: "topk_select",
    label: "\(h)×\(w)×\(ch) error, λ [\(lmin), \(lmax)], loss \(loss) of \(maxLoss) → k \(k)", seed: seed,
    args: [("error", .tensor("error")), ("positions", v(h * w)), ("channels", v(ch)),
           ("lambda_min", .value(lmin)), ("lambda_max", .value(lmax)), ("loss", .value(loss)),
           ("max_loss", .value(maxLoss)), ("active", .tensor("active")), ("k_out", .tensor("k_out")),
           ("scratch", .scratch), ("scratch_size", .scratchSize)],
    inputs: [TensorBytes("error", s8: e)],
    outputs: [TensorBytes("active", u8: active), TensorBytes("k_out", s32: [Int32(k)])],
    scratchBytes: 4 * ch, macs: 0)
  c.parameters = ["h": h, "w": w, "c": ch, "k": k]
  return c
}

func zoPerturbCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  // Default: digits-cnn's second conv, 1152 weights and 16 biases, σ_w = 1, σ_b = 100.
  let n = o.get("n", 1152), nb = o.get("nb", 16)
  guard n >= 0, nb >= 0 else { throw HarnessError("invalid counts") }
  let ext = o.get("extreme", 0) != 0
  var r = CaseRandom(seed: seed)
  let w = r.int8s(n, extremes: extremes(o))
  var b = r.int32s(nb, in: -2_000_000_000...2_000_000_000)
  if ext { for i in b.indices where r.bool(0.5) { b[i] = r.bool() ? Int32.max - Int32(r.int(0, 200)) : Int32.min + Int32(r.int(0, 200)) } }
  let sw = Int32(o.get("sigw", ext ? r.int(1, 300) : 1))
  let sb = Int32(o.get("sigb", ext ? r.int(1, 2_000_000_000) : 100))
  let state = r.next() | 1
  var rng = XorShift32(seed: state)
  let w2 = zoPerturbWeights(w, sigma: sw, rng: &rng)
  let b2 = zoPerturbBias(b, sigma: sb, rng: &rng)
  let inplace = o.get("inplace", 0) != 0
  var c = KernelCase(
    kernel: "zo_perturb", label: "\(n) weights (σ \(sw)), \(nb) biases (σ \(sb))" + (inplace ? ", in place" : ""),
    seed: seed,
    args: [("weights", .tensor(inplace ? "weights_out" : "weights")), ("weights_out", .tensor("weights_out")),
           ("weight_count", v(n)), ("sigma_w", .value(sw)),
           ("bias", .tensor(inplace ? "bias_out" : "bias")), ("bias_out", .tensor("bias_out")),
           ("bias_count", v(nb)), ("sigma_b", .value(sb)), ("rng_state", .tensor("rng_state"))],
    inputs: inplace ? [] : [TensorBytes("weights", s8: w), TensorBytes("bias", s32: b)],
    outputs: [TensorBytes("weights_out", s8: w2), TensorBytes("bias_out", s32: b2),
              TensorBytes("rng_state", u32: [rng.state])],
    scratchBytes: 0, macs: 0)
  if inplace {
    c.initialOutputs["weights_out"] = w.map { UInt8(bitPattern: $0) }
    c.initialOutputs["bias_out"] = le32(b)
  }
  c.initialOutputs["rng_state"] = le32([Int32(bitPattern: state)])
  c.parameters = ["n": n, "nb": nb]
  return c
}

func zoAccumulateCase(_ seed: UInt32, _ o: ShapeOptions) throws -> KernelCase {
  let n = o.get("n", 1152), nb = o.get("nb", 16)
  guard n >= 0, nb >= 0 else { throw HarnessError("invalid counts") }
  var r = CaseRandom(seed: seed)
  var gw = r.int32s(n, in: -50_000_000...50_000_000)
  var gb = r.int32s(nb, in: -50_000_000...50_000_000)
  let delta = Int32(o.get("delta", r.int(-2_000_000, 2_000_000)))
  let state = r.next() | 1
  var rng = XorShift32(seed: state)
  let gw0 = gw, gb0 = gb
  try zoAccumulate(&gw, lossDelta: delta, rng: &rng)
  try zoAccumulate(&gb, lossDelta: delta, rng: &rng)
  var c = KernelCase(
    kernel: "zo_accumulate", label: "\(n) weight and \(nb) bias estimates, ΔL \(delta)", seed: seed,
    args: [("grad_weights", .tensor("grad_weights")), ("weight_count", v(n)),
           ("grad_bias", .tensor("grad_bias")), ("bias_count", v(nb)), ("loss_delta", .value(delta)),
           ("rng_state", .tensor("rng_state"))],
    inputs: [],
    outputs: [TensorBytes("grad_weights", s32: gw), TensorBytes("grad_bias", s32: gb),
              TensorBytes("rng_state", u32: [rng.state])],
    scratchBytes: 0, macs: 0)
  c.initialOutputs["grad_weights"] = le32(gw0)
  c.initialOutputs["grad_bias"] = le32(gb0)
  c.initialOutputs["rng_state"] = le32([Int32(bitPattern: state)])
  c.parameters = ["n": n, "nb": nb]
  return c
}
