// Drives N training steps of one method on a model's training data (`TrainSetup`: the same initial
// model, sample order and generator seeds as `cmemu golden-train`; BP generator seed ^ 0x5EED0001,
// ZO seed per step), a constant learning rate.

import CortexM
import FQTGolden
import Foundation

public enum TrainDriver {
  /// The reference boards of the results table.
  public static let tableBoards = ["nrf52840", "imxrt1062"]

  /// Runs `steps` steps; stops at the first divergence (recorded in the result, not thrown).
  /// Throws only for setup errors. `progress` is called after every step.
  public static func run(
    setup: TrainSetup, config: TrainConfig, steps: Int, board: Board, kernelDirectory: URL,
    hostOnly: Set<String> = [], evaluate: Bool = true, progress: ((Int, StepRecord) -> Void)? = nil
  ) throws -> MethodResult {
    let s = try TrainSession(model: setup.model, config: config, board: board, kernelDirectory: kernelDirectory, hostOnly: hostOnly)
    var r = baseResult(s, setup: setup, steps: steps)
    let fitBefore = s.fit(board)
    if !fitBefore.fits {
      r.bitExact = false
      r.notes.append("not run: the step does not fit \(board.name): \(fitBefore.summary)")
      r.steps = 0
      return r
    }
    if evaluate { r.accuracyBefore = try setup.accuracy(setup.model) }
    var records = [StepRecord]()
    for k in 0..<steps {
      let idx = setup.order(k)
      do {
        let rec = try s.step(x: setup.trainX[idx], label: setup.trainY[idx], sample: idx)
        if records.isEmpty { r.firstStep = rec }
        r.lastStep = rec
        r.stepCycles.append(rec.cycles)
        r.stepLossQ16.append(rec.lossQ16)
        records.append(rec)
        progress?(k + 1, rec)
      } catch let d as Divergence {
        r.bitExact = false
        r.divergence = d
        break
      }
    }
    r.steps = records.count
    finish(&r, s, records)
    if evaluate && r.bitExact { r.accuracyAfter = try setup.accuracy(try s.modelFromMCU()) }
    return r
  }

  static func baseResult(_ s: TrainSession, setup: TrainSetup, steps: Int) -> MethodResult {
    let mcuKernels = Set(s.program.ops.filter { s.kind(of: $0) == .mcu }.map(\.kernel)).sorted()
    var hostOps = [String]()
    for op in s.program.ops where s.kind(of: op) == .host && !hostOps.contains(op.kernel) { hostOps.append(op.kernel) }
    return MethodResult(
      method: s.config.method.rawValue, title: s.config.method.title, model: s.program.model, board: s.board.name,
      clockMHz: s.board.clockHz / 1e6, steps: steps, bitExact: true, divergence: nil, notes: s.program.notes,
      accuracyBefore: nil, accuracyAfter: nil, testImages: setup.testY.count, cyclesPerStep: 0, cyclesMin: 0,
      cyclesMax: 0, cyclesByPhase: [:], msPerStep: [:], peakSRAM: s.plan.sramBytes + MemoryPlan.stackEstimate,
      sramWithoutReuse: s.plan.sramBytesWithoutReuse, stackBytes: 0, arenaBytes: 0, flash: s.plan.flashBytes,
      flashCode: s.plan.flashCodeBytes, flashConstants: s.plan.flashConstantBytes,
      flashParameterImage: s.plan.flashParameterImageBytes, kernelsOnMCU: mcuKernels, opsOnHost: hostOps,
      boardFit: Board.presets.map { s.fit($0) }, memoryPlan: s.plan.buffers, firstStep: nil, lastStep: nil,
      stepCycles: [], stepLossQ16: [])
  }

  static func finish(_ r: inout MethodResult, _ s: TrainSession, _ records: [StepRecord]) {
    guard !records.isEmpty else { return }
    let n = Double(records.count)
    r.cyclesPerStep = Double(records.reduce(0) { $0 + $1.cycles }) / n
    r.cyclesMin = records.map(\.cycles).min()!
    r.cyclesMax = records.map(\.cycles).max()!
    var ph = [String: Double]()
    for rec in records { for (k, v) in rec.cyclesByPhase { ph[k, default: 0] += Double(v) / n } }
    r.cyclesByPhase = ph
    var byOp = [String: Double]()
    for rec in records { for op in rec.ops where op.kind == .mcu { byOp[op.label, default: 0] += Double(op.cycles) / n } }
    r.cyclesByOp = byOp
    r.stackBytes = records.map(\.stackBytes).max()!
    r.arenaBytes = records.map(\.arenaBytes).max()!
    r.peakSRAM = s.plan.sramBytes + r.stackBytes
    for b in [s.board.name] + tableBoards {
      if let bd = Board.named(b) { r.msPerStep[b] = r.cyclesPerStep / bd.clockHz * 1e3 }
    }
    r.boardFit = Board.presets.map { s.fit($0, stackBytes: r.stackBytes) }
  }

  /// The text report of one method.
  public static func text(_ r: MethodResult, opTable: Bool = true) -> String {
    var s = "== \(r.model), \(r.title) (--method \(r.method)), \(r.steps) step\(r.steps == 1 ? "" : "s") on \(r.board) (\(Int(r.clockMHz)) MHz)\n"
    for n in r.notes { s += "   \(n)\n" }
    if let st = r.firstStep, opTable {
      s += "   step 1 (sample \(st.sample), label \(st.label)), per call:\n"
      s += "   " + pad("op", 26) + pad("runs on", 22) + lpad("cycles", 9) + lpad("µs", 9) + lpad("MAC/cyc", 9) + lpad("stack", 7) + lpad("arena", 12) + lpad("SRAM live", 10) + "\n"
      for op in st.ops where op.kind != .glue {
        let us = Double(op.cycles) / r.clockMHz
        s += "   " + pad(op.label, 26) + pad(op.kind == .mcu ? "MCU (Thumb-2 kernel)" : "host (no kernel yet)", 22)
          + lpad(op.kind == .mcu ? "\(op.cycles)" : "—", 9) + lpad(op.kind == .mcu ? String(format: "%.1f", us) : "—", 9)
          + lpad(op.macs > 0 && op.kind == .mcu ? String(format: "%.3f", op.macPerCycle) : "", 9)
          + lpad(op.kind == .mcu ? "\(op.stackBytes)" : "", 7)
          + lpad(op.kind == .mcu && op.arenaSize > 0 ? "\(op.arenaBytes)/\(op.arenaSize)" : "", 12) + lpad("\(op.liveBytes)", 10) + "\n"
      }
      let glue = st.ops.filter { $0.kind == .glue }.map(\.label)
      if !glue.isEmpty { s += "   glue (scalar C between calls, untimed): \(glue.joined(separator: "; "))\n" }
    }
    if let d = r.divergence { s += "   DIVERGENCE: \(d)\n" }
    if r.steps > 0 {
      s += "   bit-exact with the golden model: \(r.bitExact ? "yes, every tensor of every step" : "NO")\n"
      s += String(format: "   cycles/step (MCU ops): mean %.0f (min %d, max %d)", r.cyclesPerStep, r.cyclesMin, r.cyclesMax)
      s += "; by phase: " + r.cyclesByPhase.sorted { $0.key < $1.key }.map { String(format: "%@ %.0f", $0.key, $0.value) }.joined(separator: ", ") + "\n"
      if let ops = r.firstStep?.ops, case let back = ops.filter({ $0.phase == "backward" && r.cyclesByOp[$0.label] != nil }),
        !back.isEmpty
      {
        s += "   backward, mean cycles/step by op: "
          + back.map { String(format: "%@ %.0f", $0.label, r.cyclesByOp[$0.label]!) }.joined(separator: ", ") + "\n"
      }
      s += "   ms/step: " + r.msPerStep.sorted { $0.key < $1.key }.map { String(format: "%@ %.3f", $0.key, $0.value) }.joined(separator: ", ")
        + " (imxrt1062 / stm32f746: cycles from the Cortex-M4 model)\n"
    }
    s += "   SRAM: peak \(r.peakSRAM) B = args 128 + plan \(r.peakSRAM - 128 - r.stackBytes) + stack \(r.stackBytes) (without liveness reuse: \(r.sramWithoutReuse + r.stackBytes) B); max arena \(r.arenaBytes) B\n"
    s += "   flash: \(r.flash) B = code \(r.flashCode) + constants \(r.flashConstants) + initial parameter image \(r.flashParameterImage)\n"
    s += "   on the MCU: \(r.kernelsOnMCU.joined(separator: ", "))\n"
    s += "   host (no kernel yet): \(r.opsOnHost.isEmpty ? "none" : r.opsOnHost.joined(separator: ", "))\n"
    for f in r.boardFit { s += "   board \(f.summary)\n" }
    if let a = r.accuracyBefore {
      s += String(format: "   held-out accuracy (%d images): %.4f before", r.testImages ?? 0, a)
      if let b = r.accuracyAfter { s += String(format: ", %.4f after %d steps", b, r.steps) }
      s += " (parameters read back from emulated SRAM, evaluated with the golden forward)\n"
    }
    return s
  }

  public static func table(_ rs: [MethodResult]) -> String {
    var s = "| method | steps | bit-exact | acc. before → after | cycles/step | ms/step @64 MHz (nRF52840) | ms/step @600 MHz (i.MX RT1062, M4 model) | peak SRAM | flash | host ops (no kernel yet) |\n"
    s += "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    for r in rs {
      let acc = r.accuracyBefore.map { a in String(format: "%.3f → ", a) + (r.accuracyAfter.map { String(format: "%.3f", $0) } ?? "—") } ?? "—"
      s += "| \(r.method) | \(r.steps) | \(r.bitExact ? "yes" : "NO") | \(acc) | \(String(format: "%.0f", r.cyclesPerStep)) | "
        + String(format: "%.3f | %.4f", r.msPerStep["nrf52840"] ?? 0, r.msPerStep["imxrt1062"] ?? 0)
        + " | \(r.peakSRAM) B | \(r.flash) B | \(r.opsOnHost.joined(separator: ", ")) |\n"
    }
    return s
  }

  static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
  static func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? " " + s : String(repeating: " ", count: n - s.count) + s }

  /// kernels/ found by walking up from the current directory and from this source file.
  public static func locateKernels() -> URL? {
    var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
    starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
    for s in starts {
      var d = s
      for _ in 0..<8 {
        let c = d.appendingPathComponent("kernels")
        if FileManager.default.fileExists(atPath: c.appendingPathComponent("conv2d_fwd.bin").path) { return c }
        d = d.deletingLastPathComponent()
      }
    }
    return nil
  }
}
