// Runs a StepProgram on ONE emulated Machine, in lockstep with a host run of the same program on
// the golden model, and checks the result against QuantizedModel.trainStep / zoTrainStep.
//
// Per op: the host side runs the golden implementation on its own copy of every buffer (the
// reference trace); the MCU side runs the Thumb-2 kernel (r0 = args struct, LR = exit sentinel,
// SP = top of SRAM, PC = the image's offset in flash) or, where no kernel exists yet, the same
// golden implementation on the tensors in emulated SRAM (reported as "host", untimed). Then every
// buffer the op writes is compared byte for byte, and every other buffer live at that op is
// checked for stray writes. The first difference stops the run with op, kernel, tensor and index.
// After the step, the parameters (and generator state) in SRAM must equal the golden model's
// after its own trainStep/zoTrainStep on the same sample — this also checks that the op
// decomposition here is the golden step.

import CortexM
import FQTGolden
import Foundation

public struct OpRecord: Codable, Sendable {
  public var label: String
  public var kernel: String
  public var layer: Int?
  public var phase: String
  public var kind: OpKind
  public var cycles: UInt64
  public var instructions: UInt64
  public var macs: Int
  public var macPerCycle: Double
  public var stackBytes: Int
  public var arenaBytes: Int
  public var arenaSize: Int
  /// SRAM in use during the op: live buffers + args slot + this call's stack.
  public var liveBytes: Int
  /// Cycle offset of the op's start within the step.
  public var startCycle: UInt64
}

public struct Divergence: Error, Codable, Sendable, CustomStringConvertible {
  public var step: Int
  public var op: String
  public var kernel: String
  public var kind: String
  public var tensor: String
  public var index: Int
  public var expected: Int64
  public var got: Int64
  public var count: Int
  public var what: String
  public var description: String {
    "step \(step): \(what) after \(op) (kernel \(kernel), \(kind)): tensor \(tensor)[\(index)] expected \(expected), got \(got)"
      + " (\(count) element\(count == 1 ? "" : "s") differ)"
  }
}

public struct StepRecord: Codable, Sendable {
  public var step: Int
  public var sample: Int
  public var label: Int
  public var predicted: Int
  public var lossQ16: Int32
  /// Timed cycles of the MCU ops (host ops and glue are not included).
  public var cycles: UInt64
  public var cyclesByPhase: [String: UInt64]
  public var peakLiveBytes: Int
  public var stackBytes: Int
  public var arenaBytes: Int
  public var ops: [OpRecord]
}

public final class TrainSession {
  public let program: StepProgram
  public let plan: MemoryPlan
  public let board: Board
  public let config: TrainConfig
  public let machine: Machine
  public let host: HostStore
  let mcu: MachineStore
  /// Kernels that run on the MCU (images found); others fall back to the host.
  public let kernelImages: [String: [UInt8]]
  public var golden: QuantizedModel
  var goldenRng: XorShift32
  let trainOptions: TrainOptions?
  public var stepsRun = 0
  /// False when the plan does not fit the board: nothing was loaded and `step` refuses to run.
  public private(set) var loaded = false
  public var maxCyclesPerCall: UInt64 = 200_000_000
  let sizes: [String: Int]

  /// `kernelDirectory` holds kernels/<name>.bin; `hostOnly` forces kernels onto the host.
  public init(
    model: QuantizedModel, config: TrainConfig, board: Board, kernelDirectory: URL,
    hostOnly: Set<String> = []
  ) throws {
    self.config = config
    self.board = board
    var sparsePlan: SparseUpdatePlan? = nil
    if config.method == .sparse {
      sparsePlan = try SparseUpdatePlan(model: model, requests: sparseScheme(for: model.spec))
    }
    program = try StepBuilder.build(model: model, config: config, sparsePlan: sparsePlan)
    var images = [String: [UInt8]]()
    for op in program.ops {
      guard let b = op.binding, !hostOnly.contains(b.kernel), images[b.kernel] == nil else { continue }
      let url = kernelDirectory.appendingPathComponent("\(b.kernel).bin")
      if let d = FileManager.default.contents(atPath: url.path) { images[b.kernel] = [UInt8](d) }
    }
    kernelImages = images
    plan = try MemoryPlan(program: program, kernels: images, board: board)
    golden = model
    goldenRng = XorShift32(seed: config.seed ^ 0x5EED_0001)
    trainOptions = config.method == .zo ? nil : config.trainOptions(model: model, sparsePlan: sparsePlan)
    machine = Machine(board: board)
    var addr = [String: UInt32](), sz = [String: Int]()
    for b in plan.buffers {
      addr[b.name] = b.address
      sz[b.name] = b.bytes
    }
    sizes = sz
    mcu = MachineStore(machine: machine, address: addr, sizes: sz)
    host = HostStore(program.buffers)
    // A plan that does not fit the board's memory is never loaded (nor run).
    guard BoardFit(plan: plan, board: board, stackBytes: MemoryPlan.stackEstimate).fits else { return }
    loaded = true
    for (name, off) in plan.kernelOffsets { try machine.bus.load(images[name]!, at: off) }
    for (name, bytes) in program.initial {
      try host.setBytes(name, bytes)
      try mcu.setBytes(name, bytes)
    }
  }

  /// The board fit (with the measured stack once a step ran, the estimate before).
  public func fit(_ b: Board, stackBytes: Int? = nil) -> BoardFit {
    BoardFit(plan: plan, board: b, stackBytes: stackBytes ?? MemoryPlan.stackEstimate)
  }

  /// How each op runs: mcu (kernel image loaded), host (no kernel yet) or glue.
  public func kind(of op: StepOp) -> OpKind {
    if op.isGlue { return .glue }
    if let b = op.binding, kernelImages[b.kernel] != nil { return .mcu }
    return .host
  }

  func compare(_ name: String, step: Int, op: StepOp, what: String) throws {
    let want = try host.bytes(name), got = try mcu.bytes(name)
    if want == got { return }
    let type = program.buffer(name)?.type ?? .u8
    var first = -1, n = 0
    for i in 0..<(want.count / type.size) where type.value(want, i) != type.value(got, i) {
      if first < 0 { first = i }
      n += 1
    }
    throw Divergence(step: step, op: op.label, kernel: op.kernel, kind: kind(of: op).rawValue, tensor: name,
      index: first, expected: type.value(want, first), got: type.value(got, first), count: n, what: what)
  }

  /// One training step on sample (x, label); `step` counts from 1 (the ZO seed uses it).
  public func step(x: [Int8], label: Int, sample: Int = 0) throws -> StepRecord {
    guard loaded else { throw HarnessError("the step does not fit \(board.name): \(fit(board).summary); not run") }
    stepsRun += 1
    let stepNo = stepsRun
    program.writeInputs(host, x, label, UInt32(stepNo))
    program.writeInputs(mcu, x, label, UInt32(stepNo))
    let m = machine
    let top = board.sram.base &+ board.sram.size
    var records = [OpRecord]()
    var clock: UInt64 = 0
    var byPhase = [String: UInt64]()
    var stackMax = 0, arenaMax = 0, peak = 0
    for (i, op) in program.ops.enumerated() {
      try op.golden(host)
      let k = kind(of: op)
      var cycles: UInt64 = 0, instructions: UInt64 = 0
      var stack = 0, arena = 0, arenaSize = 0
      // Live SRAM buffers the op does not write: a kernel must leave them alone.
      var snapshot = [(String, [UInt8])]()
      if k == .mcu {
        let written = Set(op.writes)
        for b in plan.buffers where b.placement == .sram && b.first <= i && i <= b.last && !written.contains(b.name)
          && !b.name.hasPrefix("scratch#")
        {
          snapshot.append((b.name, try mcu.bytes(b.name)))
        }
      }
      if k == .mcu, let b = op.binding {
        let scratchAddr = plan.address(MemoryPlan.scratchName(i)) ?? 0
        arenaSize = b.scratchBytes
        var words = [Int32]()
        for (_, f) in b.args {
          switch f {
          case let .buffer(name, off):
            guard let a = plan.address(name) else { throw HarnessError("\(op.label): no buffer \(name)") }
            words.append(Int32(bitPattern: a &+ UInt32(off)))
          case .null: words.append(0)
          case let .value(v): words.append(v)
          case let .word(name): words.append(try mcu.word(name))
          case let .wordAt(name, index): words.append(try mcu.s32(name)[index])
          case let .maskOrNull(name, channels):
            guard let a = plan.address(name) else { throw HarnessError("\(op.label): no buffer \(name)") }
            let mask = try mcu.u8(name)
            let all = (0..<channels).allSatisfy { mask[$0 / 8] & (1 << ($0 % 8)) != 0 }
            words.append(all ? 0 : Int32(bitPattern: a))
          case .scratch: words.append(Int32(bitPattern: scratchAddr))
          case .scratchSize: words.append(Int32(b.scratchBytes))
          }
        }
        precondition(words.count * 4 <= MemoryPlan.argsSlotBytes)
        try m.bus.load(le32(words), at: plan.argsAddress)
        m.stop = nil
        m.lastFault = nil
        for r in 0..<13 { m.regs[r] = 0 }
        m.regs[0] = plan.argsAddress
        m.ITSTATE = 0
        m.T = true
        m.setSP(top)
        m.regs[14] = Machine.exitSentinel | 1
        m.pc = plan.kernelOffsets[b.kernel]!
        m.nextPC = m.pc
        m.timing.flush()
        m.watermarks.stackLimit = max(board.sram.base + UInt32(plan.sramBytes), top - 16 << 10)
        m.watermarks.heapBase = scratchAddr
        m.watermarks.heapLimit = scratchAddr + UInt32(b.scratchBytes)
        m.watermarks.reset(stackTop: top)
        let c0 = m.cycles, i0 = m.instructions
        let stop = m.run(maxCycles: c0 + maxCyclesPerCall)
        guard case .exited = stop else {
          throw HarnessError("step \(stepNo): \(op.label) did not return: \(stop)" + (m.lastFault.map { "\n  \($0.text)" } ?? ""))
        }
        cycles = m.cycles - c0
        instructions = m.instructions - i0
        stack = Int(m.watermarks.stackBytes)
        arena = Int(m.watermarks.heapBytes)
      } else {
        try op.golden(mcu)
      }
      // Check the op's outputs, then every other live buffer for stray writes.
      for name in op.writes { try compare(name, step: stepNo, op: op, what: "divergence") }
      for (name, before) in snapshot {
        let now = try mcu.bytes(name)
        if now == before { continue }
        let type = program.buffer(name)?.type ?? .u8
        var first = -1, n = 0
        for j in 0..<(now.count / type.size) where type.value(now, j) != type.value(before, j) {
          if first < 0 { first = j }
          n += 1
        }
        throw Divergence(step: stepNo, op: op.label, kernel: op.kernel, kind: k.rawValue, tensor: name, index: first,
          expected: type.value(before, first), got: type.value(now, first), count: n,
          what: "stray write (the kernel does not own this live tensor)")
      }
      let live = plan.liveBytes(at: i) + stack
      peak = max(peak, live)
      stackMax = max(stackMax, stack)
      arenaMax = max(arenaMax, arena)
      records.append(OpRecord(
        label: op.label, kernel: op.kernel, layer: op.layer, phase: op.phase, kind: k, cycles: cycles,
        instructions: instructions, macs: op.macs, macPerCycle: cycles == 0 ? 0 : Double(op.macs) / Double(cycles),
        stackBytes: stack, arenaBytes: arena, arenaSize: arenaSize, liveBytes: live, startCycle: clock))
      clock += cycles
      byPhase[op.phase, default: 0] += cycles
    }
    // The golden model's own step on the same sample.
    let loss: Int32, predicted: Int
    if config.method == .zo {
      let r = try golden.zoTrainStep(input: x, label: label, options: config.zoOptions(),
        seed: zoStepSeed(base: config.seed, step: UInt32(stepNo)))
      (loss, predicted) = (r.lossQ16, r.predicted)
      try checkScalar("loss0", r.lossQ16, stepNo)
      let losses = try mcu.s32("zo_losses")
      for (q, dl) in r.lossDeltas.enumerated() where losses[q] &- r.lossQ16 != dl {
        throw Divergence(step: stepNo, op: "end of step", kernel: "zoTrainStep", kind: "golden", tensor: "zo_losses",
          index: q, expected: Int64(dl), got: Int64(losses[q] &- r.lossQ16), count: 1,
          what: "loss delta differs from zoTrainStep")
      }
    } else {
      let r = try golden.trainStep(input: x, label: label, options: trainOptions!, rng: &goldenRng)
      (loss, predicted) = (r.lossQ16, r.predicted)
      if config.method == .partial { try checkScalar("loss", r.lossQ16, stepNo) }
      try checkScalar("rng", Int32(bitPattern: goldenRng.state), stepNo)
    }
    for p in program.parameterNames {
      let gl = golden.layers[p.layer]!
      try checkFinal(p.weights, gl.weights.map { UInt8(bitPattern: $0) }, stepNo)
      try checkFinal(p.bias, le32(gl.bias), stepNo)
    }
    return StepRecord(
      step: stepNo, sample: sample, label: label, predicted: predicted, lossQ16: loss, cycles: clock,
      cyclesByPhase: byPhase, peakLiveBytes: peak, stackBytes: stackMax, arenaBytes: arenaMax, ops: records)
  }

  func checkScalar(_ name: String, _ want: Int32, _ step: Int) throws {
    let got = try mcu.word(name)
    if got != want {
      throw Divergence(step: step, op: "end of step", kernel: "trainStep", kind: "golden", tensor: name, index: 0,
        expected: Int64(want), got: Int64(got), count: 1, what: "differs from the golden model's step")
    }
  }

  func checkFinal(_ name: String, _ want: [UInt8], _ step: Int) throws {
    for (side, store) in [("emulated SRAM", mcu as TensorStore), ("host trace", host as TensorStore)] {
      let got = try store.bytes(name)
      if got == want { continue }
      let type = program.buffer(name)!.type
      var first = -1, n = 0
      for i in 0..<(want.count / type.size) where type.value(want, i) != type.value(got, i) {
        if first < 0 { first = i }
        n += 1
      }
      throw Divergence(step: step, op: "end of step", kernel: "trainStep", kind: "golden", tensor: name, index: first,
        expected: type.value(want, first), got: type.value(got, first), count: n,
        what: "\(side) differs from the golden model's trainStep")
    }
  }

  /// The model with the parameters read back from emulated SRAM (for evaluation).
  public func modelFromMCU() throws -> QuantizedModel {
    var q = golden
    for p in program.parameterNames {
      q.layers[p.layer]!.weights = try mcu.s8(p.weights)
      q.layers[p.layer]!.bias = try mcu.s32(p.bias)
    }
    return q
  }
}
