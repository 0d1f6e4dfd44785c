// mbv2-tail's whole training steps on the emulated M4 (issue 7, "Models: digits-cnn and mbv2-tail"):
// pointwise expand + ReLU → depthwise 3×3 + ReLU → linear pointwise project → GAP → FC, every
// method bit for bit against QuantizedModel.trainStep / zoTrainStep, the depthwise layer on its
// own kernels (dwconv_fwd, dwconv_bwd, sgd_qas_update layout 1). A small shape keeps the suite fast;
// one step runs at the full 7×7×96 size on the nRF52840's 256 KiB.

import CortexM
import FQTGolden
import Foundation
import XCTest

@testable import KernelHarness

final class MBV2TailStepTests: XCTestCase {
  /// 5×5×8 → 2 × (expand 16 → dw 3×3 → project 8 → + skip) → GAP → FC 10.
  static let small = ModelSpec.mbv2Tail(height: 5, width: 5, channels: 8, expansion: 2)
  /// Layer indices of the small model: the blocks' depthwise layers, and the last block's first layer.
  static let depthwiseLayers = small.layers.indices.filter { if case .depthwiseConv2d = small.layers[$0] { return true } else { return false } }
  static let lastDW = depthwiseLayers.last!
  static var setupCache = [UInt32: TrainSetup]()

  func setup(seed: UInt32) throws -> TrainSetup {
    if let s = MBV2TailStepTests.setupCache[seed] { return s }
    let s = try TrainSetup.mbv2Tail(seed: seed, spec: MBV2TailStepTests.small, train: 60, test: 30)
    MBV2TailStepTests.setupCache[seed] = s
    return s
  }

  var kernels: URL { packageRoot.appendingPathComponent("kernels") }

  func run(_ m: TrainMethod, seed: UInt32, steps: Int, setup: TrainSetup? = nil, evaluate: Bool = false,
           board: Board = Board.named("nrf52840")!, configure: (inout TrainConfig) -> Void = { _ in }) throws -> MethodResult {
    var cfg = TrainConfig(method: m)
    cfg.seed = seed
    cfg.learningRate = MBV2TailData.defaultLearningRate
    configure(&cfg)
    return try TrainDriver.run(setup: try setup ?? self.setup(seed: seed), config: cfg, steps: steps, board: board,
      kernelDirectory: kernels, evaluate: evaluate)
  }

  /// Bit-exact over `steps`, every kernel of the model on the MCU, only the known host ops left.
  func checkExact(_ m: TrainMethod, seed: UInt32, steps: Int, configure: (inout TrainConfig) -> Void = { _ in }) throws {
    let r = try run(m, seed: seed, steps: steps, configure: configure)
    XCTAssertNil(r.divergence, "\(m) seed \(seed): \(r.divergence.map { "\($0)" } ?? "")")
    XCTAssertTrue(r.bitExact, "\(m) seed \(seed)")
    XCTAssertEqual(r.steps, steps, "\(m) seed \(seed)")
    var mcu = ["conv2d_fwd", "dwconv_fwd", "avgpool_fwd", "fc_fwd", "sgd_qas_update"]
    if m == .zo {
      mcu += ["ce_loss", "zo_perturb", "zo_accumulate"]
      XCTAssertEqual(r.opsOnHost, ["elementwise_add"], "zo: ops on the host")
    } else {
      mcu += ["softmax_ce_grad", "relu_mask_bwd", "conv_wgrad", "conv_bwd", "fc_bwd", "requant_grad", "dwconv_bwd"]
      if m == .partial { mcu += ["ce_loss", "topk_select"] }
      // The int32 input gradients of the project and depthwise layers are masked on the host
      // (mask_grad_s32, no kernel) as digits-cnn's is; avgpool_bwd and the residual add (forward,
      // and the skip's merge into g_x) have no kernel either. Sparse stops at the last block's
      // expand layer, below which the skip would land.
      let host: Set<String> = m == .sparse
        ? ["elementwise_add", "avgpool_bwd", "mask_grad_s32"]
        : ["elementwise_add", "avgpool_bwd", "mask_grad_s32", "residual_error_sum"]
      XCTAssertEqual(Set(r.opsOnHost), host, "\(m): ops on the host")
    }
    for k in mcu { XCTAssertTrue(r.kernelsOnMCU.contains(k), "\(m): \(k) did not run on the MCU (\(r.kernelsOnMCU))") }
    let ops = r.firstStep?.ops ?? []
    for op in ops where op.kind == .mcu { XCTAssertGreaterThan(op.cycles, 0, "\(m): \(op.label)") }
    // The depthwise layer's update runs on the MCU (layout 1) unless the method freezes it.
    let dw = MBV2TailStepTests.lastDW
    XCTAssertTrue(ops.contains { $0.label == "sgd_qas_update L\(dw)" && $0.kind == .mcu }, "\(m): L\(dw) update")
  }

  func testEveryMethodIsBitExactOnASmallMBV2Tail() throws {
    for (m, seed) in [(TrainMethod.sgd, UInt32(31)), (.qas, 32), (.sparse, 33), (.partial, 34), (.zo, 35)] {
      try checkExact(m, seed: seed, steps: m == .zo ? 3 : 6)
    }
    try checkExact(.qas, seed: 36, steps: 4) { $0.rounding = .nearest }
    try checkExact(.zo, seed: 37, steps: 2) { $0.queries = 2; $0.zoLayers = [MBV2TailStepTests.lastDW, MBV2TailStepTests.small.layers.count - 1] }
  }

  /// A narrow λ range drops channels, so dwconv_bwd and sgd_qas_update (layout 1) get a real
  /// active mask (not NULL) on the depthwise layer.
  func testPartialUpdateSkipsDepthwiseChannelsExactly() throws {
    let s = try setup(seed: 41)
    var cfg = TrainConfig(method: .partial)
    cfg.seed = 41
    cfg.lambdaMin = 0.1
    cfg.lambdaMax = 0.3
    let session = try TrainSession(model: s.model, config: cfg, board: Board.named("nrf52840")!, kernelDirectory: kernels)
    // The golden step alongside, for the channels it keeps (the MCU's active buffers are reused by
    // the memory plan once the layer is done; the session's bit-exact check covers the rest).
    var golden = s.model
    var rng = XorShift32(seed: 41 ^ 0x5EED_0001)
    let opts = cfg.trainOptions(model: s.model, sparsePlan: nil)
    var dropped = 0
    for k in 0..<5 {
      let idx = s.order(k)
      let rec = try session.step(x: s.trainX[idx], label: s.trainY[idx], sample: idx)
      for dw in MBV2TailStepTests.depthwiseLayers {
        XCTAssertTrue(rec.ops.contains { $0.label == "dwconv_bwd L\(dw)" && $0.kind == .mcu && $0.cycles > 0 })
      }
      let report = try golden.trainStep(input: s.trainX[idx], label: s.trainY[idx], options: opts, rng: &rng)
      XCTAssertEqual(rec.lossQ16, report.lossQ16)
      let active = try XCTUnwrap(report.activeChannels[MBV2TailStepTests.lastDW])
      XCTAssertEqual(active.count, 16)
      dropped += active.filter { !$0 }.count
      // k = ⌊min(λ, 1)·16⌋ with λ ≤ 0.3: at most 4 of the 16 depthwise channels are kept.
      XCTAssertLessThanOrEqual(active.filter { $0 }.count, 4)
    }
    XCTAssertGreaterThan(dropped, 0)
  }

  /// Issue 7 criterion 5 for mbv2-tail: the accuracy after N emulated steps is the golden model's
  /// after the same N trainStep calls (samples, order and generator made here, not by the driver).
  func testAccuracyAfterTrainingEqualsTheGoldenModel() throws {
    let seed: UInt32 = 43
    let s = try setup(seed: seed)
    let steps = 12
    let r = try run(.qas, seed: seed, steps: steps, evaluate: true)
    XCTAssertNil(r.divergence)
    var golden = s.model
    var rng = XorShift32(seed: seed ^ 0x5EED_0001)
    let opts = TrainOptions(learningRate: MBV2TailData.defaultLearningRate, qas: true, rounding: .stochastic)
    for k in 0..<steps {
      let i = s.order(k)
      _ = try golden.trainStep(input: s.trainX[i], label: s.trainY[i], options: opts, rng: &rng)
    }
    var ok = 0
    for (x, y) in zip(s.testX, s.testY) where try golden.predict(x) == y { ok += 1 }
    XCTAssertEqual(r.accuracyAfter, Double(ok) / Double(s.testY.count))
    XCTAssertNotNil(r.accuracyBefore)
  }

  /// The sparse scheme of mbv2-tail: the last block's expand bias only (its weights stay in flash),
  /// depthwise full, project on ½ of its input channels, FC full; block 1, the adds and GAP frozen
  /// (golden-train's scheme).
  func testSparseSchemeUpdatesTheLastBlock() throws {
    let scheme = try sparseScheme(for: MBV2TailStepTests.small)
    XCTAssertEqual(scheme, [SparseUpdatePlan.Request](repeating: .frozen, count: 4) + [
      .biasOnly, .weights(ratioNumerator: 1, ratioDenominator: 1), .weights(ratioNumerator: 1, ratioDenominator: 2),
      .frozen, .frozen, .weights(ratioNumerator: 1, ratioDenominator: 1),
    ])
    let s = try setup(seed: 44)
    let session = try TrainSession(model: s.model, config: TrainConfig(method: .sparse), board: .generic, kernelDirectory: kernels)
    let placement = Dictionary(uniqueKeysWithValues: session.plan.buffers.map { ($0.name, $0.placement) })
    XCTAssertEqual(placement["W0"], .flash)
    XCTAssertEqual(placement["B0"], .flash)
    XCTAssertEqual(placement["W4"], .flash)
    XCTAssertEqual(placement["B4"], .sram)
    XCTAssertEqual(placement["W5"], .sram)
    XCTAssertEqual(placement["activeIn6"], .flash)  // 8 of the project layer's 16 input channels
    XCTAssertEqual(unpackMask(try session.host.u8("activeIn6"), 16).filter { $0 }.count, 8)
    // A model without a scheme is refused with a message that names the supported ones.
    XCTAssertThrowsError(try sparseScheme(for: .mnistCNN)) { e in
      XCTAssertTrue("\(e)".contains("digits-cnn and mbv2-tail"), "\(e)")
    }
  }

  /// The shared data definition: the same samples for every training seed, labels k mod 10, shaped
  /// by the model.
  func testSyntheticFeaturesAreSharedAndShapedByTheModel() throws {
    let a = try TrainSetup.mbv2Tail(seed: 1, spec: MBV2TailStepTests.small, train: 20, test: 10)
    let (train, test) = try MBV2TailData.samples(for: MBV2TailStepTests.small, train: 20, test: 10)
    XCTAssertEqual(a.trainY, (0..<20).map { $0 % 10 })
    XCTAssertEqual(a.testY, test.map(\.label))
    XCTAssertEqual(a.trainX, train.map { a.model.quantizeInput($0.x) })
    XCTAssertEqual(a.trainX[0].count, 5 * 5 * 8)
    XCTAssertNotEqual(train[0].x, test[0].x)
    XCTAssertThrowsError(try MBV2TailData.samples(for: MBV2TailStepTests.small, train: 0, test: 10))
  }

  /// One step at FQT.md's size (7×7×96, two blocks of → 192 → 96 + skip): bit-exact. Its plan needs
  /// more than the nRF52840's 256 KiB (the int32 g_W and g_x of a 192×96 layer, the conv arenas and
  /// both blocks' weights), so it runs on the STM32F746's 320 KiB and is reported as not fitting
  /// the nRF52840.
  func testFullSizeStepIsBitExact() throws {
    let s = try TrainSetup.mbv2Tail(seed: 45, train: 10, test: 10)
    let r = try run(.qas, seed: 45, steps: 1, setup: s, board: Board.named("stm32f746")!)
    XCTAssertNil(r.divergence, "\(r.divergence.map { "\($0)" } ?? "")")
    XCTAssertEqual(r.steps, 1)
    XCTAssertLessThanOrEqual(r.peakSRAM, 320 << 10)
    XCTAssertEqual(r.boardFit.first { $0.board == "nrf52840" }?.fits, r.peakSRAM <= 256 << 10)
    let ops = r.firstStep?.ops ?? []
    for label in ["dwconv_fwd L1", "dwconv_bwd L5", "sgd_qas_update L1", "conv_bwd L2", "conv_wgrad L0", "requant_grad L4"] {
      XCTAssertTrue(ops.contains { $0.label == label && $0.kind == .mcu && $0.cycles > 0 }, label)
    }
    // dwconv_fwd: 7·7·192 outputs of 9 taps minus the padding (24 border positions lose taps).
    XCTAssertEqual(ops.first { $0.label == "dwconv_fwd L1" }?.macs, (5 * 5 * 9 + 4 * 5 * 6 + 4 * 4) * 192)
  }
}
