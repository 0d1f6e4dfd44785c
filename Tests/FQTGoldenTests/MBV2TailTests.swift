import Foundation
import XCTest

@testable import FQTGolden

/// Synthetic transfer-learning features for mbv2-tail: ten random class prototypes, each an
/// H×W×C map in [0, 1] (a backbone's post-ReLU features) whose channel c has a random class level
/// L[c] ∈ [0, 1] modulated spatially by U(0.5, 1) (classes differ in their channel profiles, which
/// is what survives the global average pool); samples = prototype + uniform noise ±`noise`,
/// clipped to [0, 1]. Deterministic from the seeds; the prototypes depend only on
/// (`prototypeSeed`, shape).
func syntheticFeatures(
  count: Int, seed: UInt64, h: Int = 7, w: Int = 7, c: Int, noise: Double = 0.5,
  prototypeSeed: UInt64 = 4242
) -> [(x: [Double], label: Int)] {
  var proto = TestRNG(prototypeSeed)
  let prototypes = (0..<10).map { _ -> [Double] in
    let level = (0..<c).map { _ in proto.double() }
    return (0..<(h * w * c)).map { level[$0 % c] * (0.5 + 0.5 * proto.double()) }
  }
  var rng = TestRNG(seed)
  return (0..<count).map { k in
    let label = k % 10
    let x = prototypes[label].map { min(1, max(0, $0 + (rng.double() - 0.5) * 2 * noise)) }
    return (x, label)
  }
}

final class MBV2TailTests: XCTestCase {
  /// The test-sized model: 7×7×16 → 2 × (expand 32 → dw3×3 → project 16 → + skip) → GAP → FC 10.
  /// Layers: 0 expand, 1 dw, 2 project, 3 add(skip 0), 4 expand, 5 dw, 6 project, 7 add(skip 4),
  /// 8 GAP, 9 FC.
  let small = ModelSpec.mbv2Tail(height: 7, width: 7, channels: 16, expansion: 2)

  func testSpecValidatesAndRoundTripsThroughJSON() throws {
    for spec in [ModelSpec.mbv2Tail, small] {
      XCTAssertNoThrow(try spec.validate())
      XCTAssertEqual(try ModelSpec.fromJSON(try spec.jsonData()), spec)
    }
    XCTAssertEqual(ModelSpec.mbv2Tail.name, "mbv2-tail")
    XCTAssertEqual(ModelSpec.mbv2Tail.inputC, 96)
    XCTAssertEqual(ModelSpec.mbv2Tail.layers.count, 10)
    XCTAssertEqual(ModelSpec.mbv2Tail.layers[1].outputCount, 7 * 7 * 192)
    XCTAssertEqual(ModelSpec.mbv2Tail.layers[3], .residualAdd(skipFrom: 0, height: 7, width: 7, channels: 96))
    XCTAssertEqual(ModelSpec.mbv2Tail.layers[7], .residualAdd(skipFrom: 4, height: 7, width: 7, channels: 96))
    let json = String(decoding: try ModelSpec.mbv2Tail.jsonData(), as: UTF8.self)
    XCTAssertTrue(json.contains("\"depthwiseConv2d\""), json)
    XCTAssertTrue(json.contains("\"residualAdd\""), json)
    // The projection is linear (no ReLU): the linear bottleneck of MobileNetV2.
    XCTAssertFalse(ModelSpec.mbv2Tail.layers[2].hasReLU)
    XCTAssertTrue(ModelSpec.mbv2Tail.layers[1].hasReLU)
    // No skip when the block changes the channel count.
    let widen = ModelSpec.mbv2Tail(height: 7, width: 7, channels: 8, expansion: 2, outChannels: 12, blocks: 1)
    XCTAssertFalse(widen.layers.contains { if case .residualAdd = $0 { return true } else { return false } })
    // A depthwise layer with the wrong channel count is rejected.
    var bad = small
    bad.layers[1] = .depthwiseConv2d(
      shape: DepthwiseConv2DShape(inH: 7, inW: 7, channels: 31, kH: 3, kW: 3, padH: 1, padW: 1),
      relu: true)
    XCTAssertThrowsError(try bad.validate()) { XCTAssertTrue("\($0)".contains("layer 1")) }
    // Skips must name an earlier value of the right size, at the input or a parameter layer.
    for (from, words) in [(7, "earlier value"), (1, "elements"), (8, "earlier value")] {
      var b = small
      b.layers[7] = .residualAdd(skipFrom: from, height: 7, width: 7, channels: 16)
      XCTAssertThrowsError(try b.validate(), "skipFrom \(from)") { XCTAssertTrue("\($0)".contains(words), "\($0)") }
    }
    var b = ModelSpec.mbv2Tail(height: 4, width: 4, channels: 4, expansion: 1)
    b.layers.insert(.maxPool(shape: PoolShape(inH: 4, inW: 4, channels: 4, kH: 1, kW: 1, strideH: 1, strideW: 1)), at: 4)
    b.layers[8] = .residualAdd(skipFrom: 4, height: 4, width: 4, channels: 4)
    XCTAssertThrowsError(try b.validate()) { XCTAssertTrue("\($0)".contains("parameter layer"), "\($0)") }
  }

  /// Backprop of the Double model (depthwise layers and residual adds) against central differences.
  func testFloatGradientsMatchFiniteDifferences() throws {
    for spec in [
      ModelSpec.mbv2Tail(height: 5, width: 5, channels: 3, expansion: 2),
      ModelSpec.mbv2Tail(height: 5, width: 5, channels: 3, expansion: 2, outChannels: 4, blocks: 1),
    ] {
      var m = try FloatModel<Double>(spec: spec, seed: 3)
      for li in m.biases.indices { for k in m.biases[li].indices { m.biases[li][k] = 0.05 } }
      for (x, label) in syntheticFeatures(count: 2, seed: 1, h: 5, w: 5, c: 3) {
        let (_, gW, gB) = m.gradients(x, label: label)
        func loss(_ f: FloatModel<Double>) -> Double {
          FloatModel<Double>.crossEntropy(f.forward(x).values.last!, label: label).loss
        }
        for li in m.weights.indices where !m.weights[li].isEmpty {
          for k in stride(from: 0, to: m.weights[li].count, by: max(1, m.weights[li].count / 9)) {
            var p = m
            var q = m
            p.weights[li][k] += 1e-5
            q.weights[li][k] -= 1e-5
            let fd = (loss(p) - loss(q)) / 2e-5
            XCTAssertEqual(fd, gW[li][k], accuracy: 1e-6 + 1e-4 * abs(fd), "layer \(li) w[\(k)]")
          }
          for k in [0, m.biases[li].count - 1] {
            var p = m
            var q = m
            p.biases[li][k] += 1e-5
            q.biases[li][k] -= 1e-5
            let fd = (loss(p) - loss(q)) / 2e-5
            XCTAssertEqual(fd, gB[li][k], accuracy: 1e-6 + 1e-4 * abs(fd), "layer \(li) b[\(k)]")
          }
        }
      }
    }
  }

  func quantized(seed: UInt32 = 7) throws -> (QuantizedModel, [(x: [Double], label: Int)]) {
    let fm = try FloatModel<Double>(spec: small, seed: seed)
    let data = syntheticFeatures(count: 20, seed: 2, c: 16)
    return (try QuantizedModel(float: fm, calibration: data.map(\.x)), data)
  }

  func testQuantizationOfTheBlocks() throws {
    let (qm, _) = try quantized()
    let q = qm.layers.map { $0?.quant }
    // expand and depthwise: ReLU, z_y = −128; project: linear, symmetric (z_y = 0, no clamp at 0).
    for base in [0, 4] {
      XCTAssertEqual(q[base]?.outputZeroPoint, -128)
      XCTAssertEqual(q[base]?.activationMin, -128)
      XCTAssertEqual(q[base + 1]?.inputZeroPoint, -128)
      XCTAssertEqual(q[base + 1]?.outputZeroPoint, -128)
      XCTAssertEqual(q[base + 2]?.outputZeroPoint, 0)
      XCTAssertEqual(q[base + 2]?.activationMin, -128)
      XCTAssertNil(qm.layers[base + 3])
    }
    // The adds: skip = the model input (z = −128) or the previous add (z = 0); output symmetric.
    XCTAssertEqual(Set(qm.residualAdds.keys), [3, 7])
    let a3 = try XCTUnwrap(qm.residualAdds[3])
    let a7 = try XCTUnwrap(qm.residualAdds[7])
    XCTAssertEqual([a3.quant.input1ZeroPoint, a3.quant.input2ZeroPoint, a3.quant.outputZeroPoint], [-128, 0, 0])
    XCTAssertEqual([a7.quant.input1ZeroPoint, a7.quant.input2ZeroPoint, a7.quant.outputZeroPoint], [0, 0, 0])
    XCTAssertEqual(q[4]?.inputZeroPoint, 0)  // block 2 reads the add's output
    // The add's multipliers are TFLite's for (s_skip, s_project) → s_add.
    XCTAssertEqual(
      a7.quant,
      try AddQuantization(
        input1Scale: a3.outputScale, input1ZeroPoint: 0, input2Scale: qm.layers[6]!.outputScale,
        input2ZeroPoint: 0, outputScale: a7.outputScale, outputZeroPoint: 0))
    XCTAssertEqual(qm.layers[4]?.inputScale, a3.outputScale)
    XCTAssertEqual(qm.layers[8 + 1]?.inputScale, a7.outputScale)  // GAP passes the scale through
    // Static error scales: c = 1 at the logits, ·s_W(FC)/49 through the GAP, ·s_W per layer, and
    // unchanged through an add.
    let sw = qm.layers.map { $0?.weightScales.first ?? 0 }
    let cAdd = sw[9] / 49
    XCTAssertEqual(qm.layers[9]?.errorScale, 1)
    XCTAssertEqual(a7.errorScale, cAdd, accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(qm.layers[6]?.errorScale), cAdd, accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(qm.layers[5]?.errorScale), cAdd * sw[6], accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(qm.layers[4]?.errorScale), cAdd * sw[6] * sw[5], accuracy: 1e-15)
    // Where the skip lands (value 4) the block's error is rescaled into c_add: c resets there
    // instead of compounding to cAdd·s_W6·s_W5·s_W4.
    XCTAssertEqual(a3.errorScale, cAdd, accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(qm.layers[2]?.errorScale), cAdd, accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(qm.layers[0]?.errorScale), cAdd * sw[2] * sw[1], accuracy: 1e-15)
    let rho7 = QuantizeMultiplier(sw[6] * sw[5] * sw[4])
    XCTAssertEqual([a7.mainErrorMultiplier, a7.mainErrorShift], [rho7.multiplier, rho7.shift])
    let rho3 = QuantizeMultiplier(sw[2] * sw[1] * sw[0])
    XCTAssertEqual([a3.mainErrorMultiplier, a3.mainErrorShift], [rho3.multiplier, rho3.shift])
  }

  /// The model's forward trace equals the golden ops composed by hand, and the int8 logits track
  /// the float model's.
  func testForwardMatchesHandComposedGoldenOps() throws {
    let (qm, data) = try quantized()
    let fm = try FloatModel<Double>(spec: small, seed: 7)
    guard case let .conv2d(se, _) = small.layers[0], case let .depthwiseConv2d(sd, _) = small.layers[1],
      case let .conv2d(sp, _) = small.layers[2], case let .fullyConnected(sf) = small.layers[9]
    else { return XCTFail("layers") }
    var worst = 0.0
    for (xr, _) in data {
      let x = qm.quantizeInput(xr)
      let tr = try qm.forward(x)
      let p = qm.layers
      var values = [x]
      var masks = [[UInt8]]()
      for base in [0, 4] {
        let input = values[base]
        let e = try conv2d(
          input: input, weights: p[base]!.weights, bias: p[base]!.bias, shape: se, quant: p[base]!.quant)
        let d = try depthwiseConv2d(
          input: e.output, weights: p[base + 1]!.weights, bias: p[base + 1]!.bias, shape: sd,
          quant: p[base + 1]!.quant)
        let pr = try conv2d(
          input: d.output, weights: p[base + 2]!.weights, bias: p[base + 2]!.bias, shape: sp,
          quant: p[base + 2]!.quant)
        let a = try elementwiseAdd(input1: input, input2: pr.output, quant: qm.residualAdds[base + 3]!.quant)
        values += [e.output, d.output, pr.output, a.output]
        masks += [e.mask, d.mask, pr.mask, a.mask]
      }
      let g = try globalAvgPool(input: values[8], inH: 7, inW: 7, channels: 16)
      let l = try fullyConnected(
        input: g, weights: p[9]!.weights, bias: p[9]!.bias, shape: sf, quant: p[9]!.quant)
      XCTAssertEqual(tr.values, values + [g, l.output])
      XCTAssertEqual(tr.masks, masks + [[], l.mask])
      let fl = fm.forward(xr).values.last!
      for (a, b) in zip(fl, l.output) { worst = max(worst, abs(a - Double(b) * p[9]!.outputScale)) }
    }
    XCTAssertGreaterThan(worst, 0)
    XCTAssertLessThan(worst, 0.5)  // logit LSB 12/127 ≈ 0.094: a few LSBs of quantization noise
  }

  /// One QAS step (nearest rounding) equals the backward pass and updates composed by hand from
  /// the golden ops, in FQT.md's order, including the skip's error merged at block 2's input.
  func testTrainStepMatchesHandComposedBackward() throws {
    let (q0, data) = try quantized()
    guard case let .conv2d(se, _) = small.layers[0], case let .depthwiseConv2d(sd, _) = small.layers[1],
      case let .conv2d(sp, _) = small.layers[2], case let .fullyConnected(sf) = small.layers[9]
    else { return XCTFail("layers") }
    let opt = TrainOptions(learningRate: 0.05)
    var model = q0
    var rng = XorShift32(seed: 1)
    var changed = Set<Int>()
    var skipMattered = false
    for (xr, label) in data.prefix(4) {
      let before = model
      let x = before.quantizeInput(xr)
      let report = try model.trainStep(input: x, label: label, options: opt, rng: &rng)

      // By hand.
      var p = before.layers
      var r = XorShift32(seed: 1)  // unused by nearest rounding
      let tr = try before.forward(x)
      let probs = try softmax(input: tr.values[10], rows: 1, rowSize: 10, parameters: before.softmaxParameters)
      XCTAssertEqual(
        report.lossQ16,
        try crossEntropyLossQ16(logits: tr.values[10], label: label, parameters: before.softmaxParameters))
      let err = try softmaxCrossEntropyError(probabilities: probs, label: label)
      var f = err.exponent
      var fs = [Int32?](repeating: nil, count: 10)
      func update(_ li: Int, _ gW: [Int32], _ e: [Int8], layout: WeightLayout) throws {
        let (uw, ub) = before.updateMultipliers(p[li]!, opt)
        p[li]!.weights = try sgdUpdateWeights(
          weights: p[li]!.weights, gradient: gW, channels: p[li]!.bias.count, layout: layout,
          update: uw, gradientExponent: f, rng: &r)
        p[li]!.bias = try sgdUpdateBias(
          bias: p[li]!.bias, gradient: try biasGrad(error: e, channels: p[li]!.bias.count),
          update: ub, gradientExponent: f, rng: &r)
      }
      // FC (its input is the GAP output: no mask below it).
      fs[9] = f
      var e = try applyMask(err.values, mask: tr.masks[9])
      let gFC = try fullyConnectedInputGrad(error: e, weights: p[9]!.weights, shape: sf)
      try update(
        9, try fullyConnectedWeightGrad(error: e, input: tr.values[9], inputZeroPoint: 0, shape: sf), e,
        layout: .outputChannelOuter)
      var (v, sh) = requantGrad(gFC)
      f -= sh
      fs[8] = f
      e = try globalAvgPoolInputGrad(error: v, inH: 7, inW: 7)
      // A block from its add down to its expand; `skip` = the error its skip received.
      func block(_ base: Int, inputGrad: Bool) throws -> (e: [Int8], f: Int32)? {
        fs[base + 3] = f
        e = try applyMask(e, mask: tr.masks[base + 3])  // the add's clamp mask
        let skip = (e, f)
        // Project (linear; its own mask only flags saturation).
        fs[base + 2] = f
        e = try applyMask(e, mask: tr.masks[base + 2])
        var gX = try conv2dInputGrad(error: e, weights: p[base + 2]!.weights, shape: sp)
        try update(
          base + 2,
          try conv2dWeightGrad(error: e, input: tr.values[base + 2], inputZeroPoint: -128, shape: sp), e,
          layout: .outputChannelOuter)
        (v, sh) = requantGrad(try applyMask(gX, mask: tr.masks[base + 1]))
        f -= sh
        // Depthwise.
        fs[base + 1] = f
        e = try applyMask(v, mask: tr.masks[base + 1])
        gX = try depthwiseConv2dInputGrad(error: e, weights: p[base + 1]!.weights, shape: sd)
        try update(
          base + 1,
          try depthwiseConv2dWeightGrad(
            error: e, input: tr.values[base + 1], inputZeroPoint: -128, shape: sd),
          e, layout: .channelInner)
        (v, sh) = requantGrad(try applyMask(gX, mask: tr.masks[base]))
        f -= sh
        // Expand: its input is the model input (block 1, no input gradient) or an add (no ReLU
        // mask below), where the skip's error joins.
        fs[base] = f
        e = try applyMask(v, mask: tr.masks[base])
        let zx: Int32 = base == 0 ? -128 : 0
        if inputGrad {
          gX = try conv2dInputGrad(error: e, weights: p[base]!.weights, shape: se)
        }
        try update(
          base, try conv2dWeightGrad(error: e, input: tr.values[base], inputZeroPoint: zx, shape: se), e,
          layout: .outputChannelOuter)
        guard inputGrad else { return nil }
        let a = before.residualAdds[base + 3]!
        let (merged, fMerged) = try residualErrorSum(
          main: gX, accumulatorExponent: f, skip: skip.0, skipExponent: skip.1,
          multiplier: a.mainErrorMultiplier, shift: a.mainErrorShift)
        let (withoutSkip, _) = try residualErrorSum(
          main: gX, accumulatorExponent: f, skip: [Int8](repeating: 0, count: gX.count),
          skipExponent: skip.1, multiplier: a.mainErrorMultiplier, shift: a.mainErrorShift)
        if requantGrad(merged).values != requantGrad(withoutSkip).values { skipMattered = true }
        (v, sh) = requantGrad(merged)
        f = fMerged - sh
        e = v
        return (e, f)
      }
      _ = try block(4, inputGrad: true)
      _ = try block(0, inputGrad: false)

      XCTAssertEqual(model.layers, p)
      XCTAssertEqual(report.errorExponents, fs)
      for li in [0, 1, 2, 4, 5, 6, 9] where model.layers[li] != before.layers[li] { changed.insert(li) }
    }
    XCTAssertEqual(changed, [0, 1, 2, 4, 5, 6, 9])  // every parameter layer moved (not vacuous)
    XCTAssertTrue(skipMattered)  // the merged skip changed block 1's error
  }

  /// QAS training on the synthetic separable problem learns (chance = 0.1), close to the float
  /// reference of the same network and schedule; plain int8 SGD is reported beside it.
  func testQASTrainingLearnsSyntheticFeatures() throws {
    let spec = ModelSpec.mbv2Tail(height: 7, width: 7, channels: 8, expansion: 2)
    let train = syntheticFeatures(count: 200, seed: 5, c: 8)
    let test = syntheticFeatures(count: 100, seed: 6, c: 8)
    let lr = 0.03
    var fm = try FloatModel<Float>(spec: spec, seed: 21)
    var qas = try QuantizedModel(
      float: try FloatModel<Double>(spec: spec, seed: 21), calibration: train.prefix(30).map(\.x))
    var plain = qas
    var rng = XorShift32(seed: 99)
    var epochLoss = [Double]()
    for _ in 0..<5 {
      var total = 0.0
      for (x, l) in train {
        fm.sgdStep(x.map(Float.init), label: l, learningRate: Float(lr))
        total += Double(
          try qas.trainStep(
            input: qas.quantizeInput(x), label: l,
            options: TrainOptions(learningRate: lr, rounding: .stochastic), rng: &rng
          ).lossQ16) / 65536
        _ = try plain.trainStep(
          input: plain.quantizeInput(x), label: l,
          options: TrainOptions(learningRate: lr, qas: false, rounding: .stochastic), rng: &rng)
      }
      epochLoss.append(total / Double(train.count))
    }
    func acc(_ f: ([Double]) throws -> Int) rethrows -> Double {
      Double(try test.filter { try f($0.x) == $0.label }.count) / Double(test.count)
    }
    let accFloat = acc { fm.predict($0.map(Float.init)) }
    let accQAS = try acc { try qas.predict(qas.quantizeInput($0)) }
    let accPlain = try acc { try plain.predict(plain.quantizeInput($0)) }
    print(
      "mbv2-tail 7×7×8 synthetic, 5 epochs: float32 \(accFloat), int8 QAS \(accQAS), int8 plain"
        + " \(accPlain); QAS mean loss per epoch \(epochLoss)")
    XCTAssertLessThan(epochLoss.last!, epochLoss.first! * 0.7)
    XCTAssertGreaterThan(accQAS, 0.8)
    XCTAssertGreaterThanOrEqual(accQAS, accFloat - 0.1)
    // Without QAS the update multipliers lr·s_x·s_W·c underflow, as for digits-cnn.
    XCTAssertLessThan(accPlain, accQAS - 0.3)
  }

  /// The other update modes run on a model with a depthwise layer (1HWC layout).
  func testPartialZOAndSparseOnDepthwise() throws {
    let (q0, data) = try quantized()
    var m = q0
    var rng = XorShift32(seed: 3)
    let part = TrainOptions(
      learningRate: 0.5, rounding: .stochastic,
      partial: PartialUpdateOptions(lambdaMinQ16: 16384, lambdaMaxQ16: 32768))
    for (x, l) in data.prefix(4) {
      let before = m
      let r = try m.trainStep(input: m.quantizeInput(x), label: l, options: part, rng: &rng)
      // Depthwise channel c owns weights k with k % C == c: only active channels move.
      let active = try XCTUnwrap(r.activeChannels[1])
      let (a, b) = (before.layers[1]!, m.layers[1]!)
      for k in a.weights.indices where a.weights[k] != b.weights[k] {
        XCTAssertTrue(active[k % 32], "dw weight \(k)")
      }
      for c in 0..<32 where a.bias[c] != b.bias[c] { XCTAssertTrue(active[c], "dw bias \(c)") }
    }
    XCTAssertNotEqual(m.layers[1], q0.layers[1])

    var z = q0
    let zr = try z.zoTrainStep(
      input: z.quantizeInput(data[0].x), label: data[0].label,
      options: ZOOptions(learningRate: 0.1, queries: 2), seed: 5)
    XCTAssertEqual(zr.dimension, q0.layers.compactMap { $0 }.reduce(0) { $0 + $1.weights.count + $1.bias.count })

    XCTAssertThrowsError(
      try SparseUpdatePlan(
        model: q0,
        requests: [.frozen, .weights(ratioNumerator: 1, ratioDenominator: 2)] + [SparseUpdatePlan.Request](repeating: .frozen, count: 7) + [.biasOnly]))
    let plan = try SparseUpdatePlan(
      model: q0,
      requests: [.frozen, .weights(ratioNumerator: 1, ratioDenominator: 1), .biasOnly, .frozen]
        + [.weights(ratioNumerator: 1, ratioDenominator: 2), .frozen, .biasOnly, .frozen, .frozen, .biasOnly])
    var s = q0
    for (x, l) in data.prefix(3) {
      let r = try s.trainStep(
        input: s.quantizeInput(x), label: l, options: TrainOptions(learningRate: 0.5, sparse: plan),
        rng: &rng)
      XCTAssertEqual(r.lowestLayerReached, 1)
    }
    XCTAssertEqual(s.layers[0], q0.layers[0])
    XCTAssertEqual(s.layers[2]?.weights, q0.layers[2]?.weights)
    XCTAssertNotEqual(s.layers[1]?.weights, q0.layers[1]?.weights)
    XCTAssertNotEqual(s.layers[4]?.weights, q0.layers[4]?.weights)  // reached through the add
    XCTAssertEqual(s.layers[5], q0.layers[5])
  }

  /// The FQT.md size (7×7×96 → 192 → 96) passes every accumulator bound: one QAS step runs.
  func testFullSizeStepRuns() throws {
    let data = syntheticFeatures(count: 2, seed: 8, c: 96)
    var qm = try QuantizedModel(
      float: try FloatModel<Double>(spec: .mbv2Tail, seed: 1), calibration: data.map(\.x))
    var rng = XorShift32(seed: 2)
    let q0 = qm
    for (x, l) in data {
      _ = try qm.trainStep(
        input: qm.quantizeInput(x), label: l, options: TrainOptions(learningRate: 0.1), rng: &rng)
    }
    XCTAssertNotEqual(qm.layers[0], q0.layers[0])
  }
}
