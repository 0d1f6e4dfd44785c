// Whole training steps (issue 7): the Thumb-2 kernels called in order on one emulated Machine give
// the golden model's trainStep / zoTrainStep bit for bit on real digits data, for every method;
// digits-cnn's step fits in 64 KiB of SRAM; a dynamic partial update's backward pass is faster than
// the full one (and kernel by kernel where channels are skipped); a step that does not fit a board
// is not run; a divergence names op, tensor, index.

import CortexM
import FQTGolden
import Foundation
import XCTest

@testable import KernelHarness

final class TrainingStepTests: XCTestCase {
  static var setupCache = [UInt32: DigitsSetup]()

  func setup(seed: UInt32) throws -> DigitsSetup {
    if let s = TrainingStepTests.setupCache[seed] { return s }
    guard let dir = DigitsDataset.locate(root: packageRoot) else { throw XCTSkip("Vectors/data/digits not found") }
    let s = try DigitsSetup(seed: seed, dataDirectory: dir)
    TrainingStepTests.setupCache[seed] = s
    return s
  }

  var kernels: URL { packageRoot.appendingPathComponent("kernels") }

  func run(_ m: TrainMethod, seed: UInt32, steps: Int, board: Board = Board.named("nrf52840")!,
           configure: (inout TrainConfig) -> Void = { _ in }) throws -> MethodResult {
    var cfg = TrainConfig(method: m)
    cfg.seed = seed
    configure(&cfg)
    return try TrainDriver.run(setup: try setup(seed: seed), config: cfg, steps: steps, board: board,
      kernelDirectory: kernels, evaluate: false)
  }

  /// Kernels every method must run on the MCU, and the only ops left on the host.
  static let forwardKernels = ["conv2d_fwd", "maxpool_fwd", "avgpool_fwd", "fc_fwd"]
  static let bpKernels = ["softmax_ce_grad", "relu_mask_bwd", "conv_wgrad", "conv_bwd", "fc_bwd", "requant_grad", "sgd_qas_update"]
  static func expected(_ m: TrainMethod) -> (mcu: [String], host: Set<String>) {
    switch m {
    case .zo: return (forwardKernels + ["ce_loss", "zo_perturb", "zo_accumulate", "sgd_qas_update"], [])
    case .partial: return (forwardKernels + bpKernels + ["ce_loss", "topk_select"], ["maxpool_bwd", "avgpool_bwd", "mask_grad_s32"])
    default: return (forwardKernels + bpKernels, ["maxpool_bwd", "avgpool_bwd", "mask_grad_s32"])
    }
  }

  func checkExact(_ m: TrainMethod, seed: UInt32, steps: Int, configure: (inout TrainConfig) -> Void = { _ in }) throws {
    let r = try run(m, seed: seed, steps: steps, configure: configure)
    XCTAssertNil(r.divergence, "\(m) seed \(seed): \(r.divergence.map { "\($0)" } ?? "")")
    XCTAssertTrue(r.bitExact, "\(m) seed \(seed)")
    XCTAssertEqual(r.steps, steps, "\(m) seed \(seed)")
    XCTAssertGreaterThan(r.cyclesPerStep, 0, "\(m): no kernel ran on the MCU")
    let (mcu, host) = TrainingStepTests.expected(m)
    for k in mcu { XCTAssertTrue(r.kernelsOnMCU.contains(k), "\(m): \(k) did not run on the MCU (\(r.kernelsOnMCU))") }
    XCTAssertEqual(Set(r.opsOnHost), host, "\(m): ops on the host")
    // Every bound call was timed (cycles > 0) and is labelled mcu.
    for op in r.firstStep?.ops ?? [] where op.kind == .mcu { XCTAssertGreaterThan(op.cycles, 0, "\(m): \(op.label)") }
    for op in r.firstStep?.ops ?? [] where op.kind == .host { XCTAssertTrue(host.contains(op.kernel), "\(m): \(op.label) on the host") }
  }

  func testEveryMethodIsBitExactOverSeveralSteps() throws {
    for (m, seed) in [(TrainMethod.sgd, UInt32(11)), (.qas, 12), (.sparse, 13), (.partial, 14), (.zo, 15)] {
      try checkExact(m, seed: seed, steps: m == .zo ? 3 : 6)
    }
  }

  /// The kernels bound last (pools, loss, top-k, update, ZO) on more seeds and more steps.
  func testNewlyBoundKernelsAreBitExactOnFreshSeeds() throws {
    for (m, seed) in [(TrainMethod.sgd, UInt32(101)), (.qas, 202), (.sparse, 303), (.partial, 404), (.partial, 405), (.zo, 505)] {
      try checkExact(m, seed: seed, steps: m == .zo ? 4 : 12)
    }
    // The partial update with a narrow λ range (top-k drops most channels) and nearest rounding.
    try checkExact(.partial, seed: 406, steps: 12) { $0.lambdaMin = 0.1; $0.lambdaMax = 0.3; $0.rounding = .nearest }
    try checkExact(.sparse, seed: 304, steps: 8) { $0.rounding = .nearest }
    try checkExact(.zo, seed: 506, steps: 3) { $0.queries = 2 }
  }

  /// ce_loss keeps the running max loss itself: no separate max_loss glue op remains.
  func testCELossKeepsTheMaxLossOnTheMCU() throws {
    let s = try setup(seed: 7)
    var cfg = TrainConfig(method: .partial)
    cfg.seed = 7
    let session = try TrainSession(model: s.model, config: cfg, board: .generic, kernelDirectory: kernels)
    XCTAssertFalse(session.program.ops.contains { $0.label == "max_loss" })
    var seen: Int32 = 0
    for i in 0..<5 {
      let idx = s.order(i)
      let r = try session.step(x: s.trainX[idx], label: s.trainY[idx], sample: idx)
      seen = max(seen, r.lossQ16)
      XCTAssertEqual(try session.mcu.word("max_loss"), seen)
      XCTAssertEqual(r.ops.first { $0.kernel == "ce_loss" }?.kind, .mcu)
      XCTAssertEqual(r.ops.filter { $0.kernel == "topk_select" }.count, 3)
      XCTAssertTrue(r.ops.filter { $0.kernel == "topk_select" }.allSatisfy { $0.kind == .mcu && $0.cycles > 0 })
    }
  }

  func testNearestRoundingIsBitExactToo() throws {
    let r = try run(.qas, seed: 21, steps: 4) { $0.rounding = .nearest }
    XCTAssertNil(r.divergence, "\(r.divergence.map { "\($0)" } ?? "")")
  }

  func testDigitsPeakSRAMIsUnder64KiBAndFitsEveryBoard() throws {
    for m in TrainMethod.allCases {
      let r = try run(m, seed: 3, steps: 1)
      XCTAssertLessThan(r.peakSRAM, 64 << 10, "\(m)")
      XCTAssertGreaterThan(r.stackBytes, 0, "\(m)")
      XCTAssertLessThanOrEqual(r.peakSRAM, r.sramWithoutReuse + r.stackBytes, "\(m)")
      for f in r.boardFit { XCTAssertTrue(f.fits, "\(m): \(f.summary)") }
      XCTAssertGreaterThan(r.flashCode, 0)
    }
  }

  /// Issue 7's criterion: the dynamic partial update's backward pass (λ 0.25–1, the default) is
  /// faster than full QAS's, kernel cycles per step over 40 steps. The first steps sit near the
  /// running maximum loss, where k = N keeps every channel, so a handful of steps would not show
  /// the method's cost; 40 steps of seed 5 save 4.5 % (seed 1, 200 steps: 6.5 %), asserted
  /// with a margin at 3 %. Keeping at most half of the channels (λ 0.25–0.5) must be faster still.
  func testPartialBackwardIsFasterThanFull() throws {
    let steps = 40
    let full = try run(.qas, seed: 5, steps: steps)
    let partial = try run(.partial, seed: 5, steps: steps)
    XCTAssertNil(full.divergence)
    XCTAssertNil(partial.divergence)
    let fb = full.cyclesByPhase["backward"] ?? 0, pb = partial.cyclesByPhase["backward"] ?? 0
    XCTAssertGreaterThan(fb, 0)
    XCTAssertLessThan(pb, fb, "partial backward \(pb) cycles/step vs full \(fb)")
    XCTAssertLessThan(pb, 0.97 * fb, "partial backward saves only \(100 * (1 - pb / fb)) %")
    // Every backward kernel that skips dropped channels is no slower than in the full pass.
    for op in ["conv_wgrad L2", "conv_bwd L2", "conv_wgrad L0"] {
      XCTAssertLessThan(partial.cyclesByOp[op] ?? .infinity, full.cyclesByOp[op] ?? 0, op)
    }
    let half = try run(.partial, seed: 5, steps: steps) { $0.lambdaMin = 0.25; $0.lambdaMax = 0.5 }
    XCTAssertNil(half.divergence)
    XCTAssertLessThan(half.cyclesByPhase["backward"] ?? 0, pb, "keeping at most half of the channels must be faster still")
  }

  func testMemoryPlanNeverOverlapsLiveBuffers() throws {
    let s = try setup(seed: 1)
    for m in TrainMethod.allCases {
      let session = try TrainSession(model: s.model, config: TrainConfig(method: m), board: .generic, kernelDirectory: kernels)
      let sram = session.plan.buffers.filter { $0.placement == .sram && $0.last >= $0.first }
      for (i, a) in sram.enumerated() {
        XCTAssertEqual(a.address % 4, 0, a.name)
        for b in sram[(i + 1)...] where !(a.last < b.first || b.last < a.first) {
          let disjoint = a.address + UInt32(a.bytes) <= b.address || b.address + UInt32(b.bytes) <= a.address
          XCTAssertTrue(disjoint, "\(m): \(a.name) and \(b.name) are live together but overlap")
        }
      }
      XCTAssertLessThan(session.plan.sramBytes, session.plan.sramBytesWithoutReuse, "\(m): no reuse")
    }
  }

  func testStepThatDoesNotFitIsNotRun() throws {
    var tiny = Board.named("nrf52840")!
    tiny.name = "tiny-4k"
    tiny.sram.size = 4 << 10
    let r = try run(.qas, seed: 1, steps: 3, board: tiny)
    XCTAssertEqual(r.steps, 0)
    XCTAssertTrue(r.notes.contains { $0.hasPrefix("not run") }, "\(r.notes)")
    XCTAssertFalse(r.boardFit.first { $0.board == "nrf52840" }.map { !$0.fits } ?? true)
  }

  func testDivergenceNamesOpTensorAndIndex() throws {
    let s = try setup(seed: 1)
    let session = try TrainSession(model: s.model, config: TrainConfig(method: .qas), board: .generic, kernelDirectory: kernels)
    // Corrupt one weight in emulated SRAM only: the first kernel reading it must diverge.
    let w = session.plan.address("W2")!
    let old = session.machine.bus.peek(w + 5, count: 1)![0]
    try session.machine.bus.load([old ^ 0x40], at: w + 5)
    XCTAssertThrowsError(try session.step(x: s.trainX[0], label: s.trainY[0])) { e in
      guard let d = e as? Divergence else { return XCTFail("\(e)") }
      XCTAssertEqual(d.op, "conv2d_fwd L2")
      XCTAssertEqual(d.kind, "mcu")
      XCTAssertTrue(["y2", "mask2"].contains(d.tensor), d.description)
      XCTAssertGreaterThanOrEqual(d.index, 0)
    }
  }

  func testNewKernelsFallBackToTheHostExactly() throws {
    var cfg = TrainConfig(method: .partial)
    cfg.seed = 8
    let off: Set<String> = ["maxpool_fwd", "ce_loss", "topk_select", "sgd_qas_update", "softmax_ce_grad"]
    let r = try TrainDriver.run(setup: try setup(seed: 8), config: cfg, steps: 3, board: .generic,
      kernelDirectory: kernels, hostOnly: off, evaluate: false)
    XCTAssertNil(r.divergence)
    XCTAssertTrue(off.isSubset(of: Set(r.opsOnHost)), "\(r.opsOnHost)")
    XCTAssertTrue(off.isDisjoint(with: Set(r.kernelsOnMCU)))
  }

  func testHostFallbackIsMarkedAndStillExact() throws {
    var cfg = TrainConfig(method: .qas)
    cfg.seed = 2
    let r = try TrainDriver.run(setup: try setup(seed: 2), config: cfg, steps: 2, board: .generic,
      kernelDirectory: kernels, hostOnly: ["conv_bwd"], evaluate: false)
    XCTAssertNil(r.divergence)
    XCTAssertTrue(r.opsOnHost.contains("conv_bwd"))
    XCTAssertFalse(r.kernelsOnMCU.contains("conv_bwd"))
    XCTAssertEqual(r.firstStep?.ops.first { $0.label == "conv_bwd L2" }?.cycles, 0)
  }
}
