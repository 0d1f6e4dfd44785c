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
  /// The test-sized block: 7×7×16 → expand 32 → dw3×3 → project 16 → GAP → FC 10.
  let small = ModelSpec.mbv2Tail(height: 7, width: 7, channels: 16, expansion: 2)

  func testSpecValidatesAndRoundTripsThroughJSON() throws {
    for spec in [ModelSpec.mbv2Tail, small] {
      XCTAssertNoThrow(try spec.validate())
      XCTAssertEqual(try ModelSpec.fromJSON(try spec.jsonData()), spec)
    }
    XCTAssertEqual(ModelSpec.mbv2Tail.name, "mbv2-tail")
    XCTAssertEqual(ModelSpec.mbv2Tail.inputC, 96)
    XCTAssertEqual(ModelSpec.mbv2Tail.layers[1].outputCount, 7 * 7 * 192)
    let json = String(decoding: try ModelSpec.mbv2Tail.jsonData(), as: UTF8.self)
    XCTAssertTrue(json.contains("\"depthwiseConv2d\""), json)
    // The projection is linear (no ReLU): the linear bottleneck of MobileNetV2.
    XCTAssertFalse(ModelSpec.mbv2Tail.layers[2].hasReLU)
    XCTAssertTrue(ModelSpec.mbv2Tail.layers[1].hasReLU)
    // A depthwise layer with the wrong channel count is rejected.
    var bad = small
    bad.layers[1] = .depthwiseConv2d(
      shape: DepthwiseConv2DShape(inH: 7, inW: 7, channels: 31, kH: 3, kW: 3, padH: 1, padW: 1),
      relu: true)
    XCTAssertThrowsError(try bad.validate()) { XCTAssertTrue("\($0)".contains("layer 1")) }
  }

  /// Backprop of the Double model (including the depthwise layer) against central differences.
  func testFloatGradientsMatchFiniteDifferences() throws {
    let spec = ModelSpec.mbv2Tail(height: 5, width: 5, channels: 3, expansion: 2, outChannels: 4)
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

  func quantized(seed: UInt32 = 7) throws -> (QuantizedModel, [(x: [Double], label: Int)]) {
    let fm = try FloatModel<Double>(spec: small, seed: seed)
    let data = syntheticFeatures(count: 20, seed: 2, c: 16)
    return (try QuantizedModel(float: fm, calibration: data.map(\.x)), data)
  }

  func testQuantizationOfTheBlock() throws {
    let (qm, _) = try quantized()
    let q = qm.layers.map { $0?.quant }
    // expand and depthwise: ReLU, z_y = −128; project: linear, symmetric (z_y = 0, no clamp at 0).
    XCTAssertEqual(q[0]?.outputZeroPoint, -128)
    XCTAssertEqual(q[0]?.activationMin, -128)
    XCTAssertEqual(q[1]?.inputZeroPoint, -128)
    XCTAssertEqual(q[1]?.outputZeroPoint, -128)
    XCTAssertEqual(q[2]?.outputZeroPoint, 0)
    XCTAssertEqual(q[2]?.activationMin, -128)
    XCTAssertEqual(q[4]?.inputZeroPoint, 0)  // GAP passes z = 0 through to the FC
    XCTAssertNil(qm.layers[3])
    // Static error scales: c = 1 at the logits, ·s_W(FC)/49 through the GAP, ·s_W per layer.
    let sw = qm.layers.map { $0?.weightScales.first ?? 0 }
    XCTAssertEqual(qm.layers[4]?.errorScale, 1)
    XCTAssertEqual(try XCTUnwrap(qm.layers[2]?.errorScale), sw[4] / 49, accuracy: 1e-15)
    XCTAssertEqual(try XCTUnwrap(qm.layers[1]?.errorScale), sw[4] / 49 * sw[2], accuracy: 1e-15)
    XCTAssertEqual(
      try XCTUnwrap(qm.layers[0]?.errorScale), sw[4] / 49 * sw[2] * sw[1], accuracy: 1e-15)
  }

  /// The model's forward trace equals the golden ops composed by hand, and the int8 logits track
  /// the float model's.
  func testForwardMatchesHandComposedGoldenOps() throws {
    let (qm, data) = try quantized()
    let fm = try FloatModel<Double>(spec: small, seed: 7)
    guard case let .conv2d(se, _) = small.layers[0], case let .depthwiseConv2d(sd, _) = small.layers[1],
      case let .conv2d(sp, _) = small.layers[2], case let .fullyConnected(sf) = small.layers[4]
    else { return XCTFail("layers") }
    var worst = 0.0
    for (xr, _) in data {
      let x = qm.quantizeInput(xr)
      let tr = try qm.forward(x)
      let p = qm.layers
      let e = try conv2d(input: x, weights: p[0]!.weights, bias: p[0]!.bias, shape: se, quant: p[0]!.quant)
      let d = try depthwiseConv2d(
        input: e.output, weights: p[1]!.weights, bias: p[1]!.bias, shape: sd, quant: p[1]!.quant)
      let pr = try conv2d(
        input: d.output, weights: p[2]!.weights, bias: p[2]!.bias, shape: sp, quant: p[2]!.quant)
      let g = try globalAvgPool(input: pr.output, inH: 7, inW: 7, channels: 16)
      let l = try fullyConnected(
        input: g, weights: p[4]!.weights, bias: p[4]!.bias, shape: sf, quant: p[4]!.quant)
      XCTAssertEqual(tr.values, [x, e.output, d.output, pr.output, g, l.output])
      XCTAssertEqual(tr.masks, [e.mask, d.mask, pr.mask, [], l.mask])
      let fl = fm.forward(xr).values.last!
      for (a, b) in zip(fl, l.output) { worst = max(worst, abs(a - Double(b) * p[4]!.outputScale)) }
    }
    XCTAssertGreaterThan(worst, 0)
    XCTAssertLessThan(worst, 0.5)  // logit LSB 12/127 ≈ 0.094: a few LSBs of quantization noise
  }

  /// One QAS step (nearest rounding) equals the backward pass and updates composed by hand from
  /// the golden ops, in FQT.md's order.
  func testTrainStepMatchesHandComposedBackward() throws {
    let (q0, data) = try quantized()
    guard case let .conv2d(se, _) = small.layers[0], case let .depthwiseConv2d(sd, _) = small.layers[1],
      case let .conv2d(sp, _) = small.layers[2], case let .fullyConnected(sf) = small.layers[4]
    else { return XCTFail("layers") }
    let opt = TrainOptions(learningRate: 0.05)
    var model = q0
    var rng = XorShift32(seed: 1)
    var changed = Set<Int>()
    for (xr, label) in data.prefix(4) {
      let before = model
      let x = before.quantizeInput(xr)
      let report = try model.trainStep(input: x, label: label, options: opt, rng: &rng)

      // By hand.
      var p = before.layers
      var r = XorShift32(seed: 1)  // unused by nearest rounding
      let tr = try before.forward(x)
      let probs = try softmax(input: tr.values[5], rows: 1, rowSize: 10, parameters: before.softmaxParameters)
      XCTAssertEqual(
        report.lossQ16,
        try crossEntropyLossQ16(logits: tr.values[5], label: label, parameters: before.softmaxParameters))
      let err = try softmaxCrossEntropyError(probabilities: probs, label: label)
      var f = err.exponent
      var fs = [Int32]()
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
      fs.append(f)
      var e = try applyMask(err.values, mask: tr.masks[4])
      var gX = try fullyConnectedInputGrad(error: e, weights: p[4]!.weights, shape: sf)
      try update(
        4, try fullyConnectedWeightGrad(error: e, input: tr.values[4], inputZeroPoint: 0, shape: sf), e,
        layout: .outputChannelOuter)
      var (v, sh) = requantGrad(gX)
      f -= sh
      fs.append(f)
      e = try globalAvgPoolInputGrad(error: v, inH: 7, inW: 7)
      // Project (linear; its own mask only flags saturation).
      fs.append(f)
      e = try applyMask(e, mask: tr.masks[2])
      gX = try conv2dInputGrad(error: e, weights: p[2]!.weights, shape: sp)
      try update(
        2, try conv2dWeightGrad(error: e, input: tr.values[2], inputZeroPoint: -128, shape: sp), e,
        layout: .outputChannelOuter)
      (v, sh) = requantGrad(try applyMask(gX, mask: tr.masks[1]))
      f -= sh
      // Depthwise.
      fs.append(f)
      e = try applyMask(v, mask: tr.masks[1])
      gX = try depthwiseConv2dInputGrad(error: e, weights: p[1]!.weights, shape: sd)
      try update(
        1, try depthwiseConv2dWeightGrad(error: e, input: tr.values[1], inputZeroPoint: -128, shape: sd),
        e, layout: .channelInner)
      (v, sh) = requantGrad(try applyMask(gX, mask: tr.masks[0]))
      f -= sh
      // Expand (first layer: no input gradient).
      fs.append(f)
      e = try applyMask(v, mask: tr.masks[0])
      try update(
        0, try conv2dWeightGrad(error: e, input: x, inputZeroPoint: -128, shape: se), e,
        layout: .outputChannelOuter)

      XCTAssertEqual(model.layers, p)
      XCTAssertEqual(report.errorExponents, [fs[4], fs[3], fs[2], fs[1], fs[0]])
      for li in [0, 1, 2, 4] where model.layers[li] != before.layers[li] { changed.insert(li) }
    }
    XCTAssertEqual(changed, [0, 1, 2, 4])  // every parameter layer moved (not vacuous)
  }

  /// QAS training on the synthetic separable problem learns (chance = 0.1), close to the float
  /// reference of the same network and schedule; plain int8 SGD is reported beside it.
  func testQASTrainingLearnsSyntheticFeatures() throws {
    let spec = ModelSpec.mbv2Tail(height: 7, width: 7, channels: 8, expansion: 2)
    let train = syntheticFeatures(count: 200, seed: 5, c: 8)
    let test = syntheticFeatures(count: 100, seed: 6, c: 8)
    let lr = 0.1
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
        requests: [.frozen, .weights(ratioNumerator: 1, ratioDenominator: 2), .frozen, .frozen, .biasOnly]))
    let plan = try SparseUpdatePlan(
      model: q0,
      requests: [.frozen, .weights(ratioNumerator: 1, ratioDenominator: 1), .biasOnly, .frozen, .biasOnly])
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
