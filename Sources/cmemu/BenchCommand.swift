// `cmemu bench`: emulated instructions and cycles per second on fixed workloads, with cycle
// counting and high-water tracking on and tracing off (issue 8). Use a release build:
// `swift run -c release cmemu bench`. Timings are wall-clock on this host; they are
// measurements, never test assertions.

import CortexM
import Foundation
import KernelHarness

enum BenchCommand {
  struct Row {
    var name: String
    var instructions: UInt64
    var cycles: UInt64
    var seconds: Double
    var runs: Int
  }

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }

  /// How `Machine.run` executes: `blocks` is what every command uses (translated blocks over
  /// memoised prices); `memoised` the same loop without blocks; `stepped` installs an empty
  /// per-instruction hook, which sends every instruction through `step()` and the full cycle
  /// model; `noModel` steps and charges 1 cycle per instruction.
  enum Mode { case blocks, memoised, stepped, noModel }

  /// Run a program image to completion `runs` times; returns the time spent inside `run`.
  static func benchProgram(_ path: String, minSeconds: Double, mode: Mode = .blocks) throws -> Row {
    guard let data = FileManager.default.contents(atPath: path) else { throw LoadError("cannot read \(path)") }
    let image = try ProgramImage.parse([UInt8](data), name: path)
    var row = Row(name: URL(fileURLWithPath: path).lastPathComponent, instructions: 0, cycles: 0, seconds: 0, runs: 0)
    repeat {
      let m = Machine()
      m.cycleModelEnabled = mode != .noModel
      m.translatesBlocks = mode == .blocks
      if mode == .stepped { m.onStep = { _, _ in } }
      m.semihosting.write = { _, _ in }
      try m.load(image)
      let start = now()
      let stop = m.run(maxCycles: 20_000_000_000)
      row.seconds += now() - start
      guard case .exited = stop else { throw LoadError("\(path) stopped with \(stop)") }
      row.instructions = m.instructions
      row.cycles = m.cycles
      row.runs += 1
    } while row.seconds < minSeconds || row.runs < 2
    return row
  }

  /// A kernel's default case through the harness (setup and the golden comparison included).
  static func benchKernel(_ name: String, minSeconds: Double) throws -> Row {
    guard let k = KernelRegistry.kernel(named: name) else { throw LoadError("no kernel \(name)") }
    let image = try KernelRegistry.loadImage("kernels/\(name).bin")
    let c = try k.defaultCase()
    var row = Row(name: "kernel \(name)", instructions: 0, cycles: 0, seconds: 0, runs: 0)
    repeat {
      let start = now()
      let r = try KernelRunner.run(image: image, case: c)
      row.seconds += now() - start
      row.instructions = r.instructions
      row.cycles = r.cycles
      row.runs += 1
    } while row.seconds < minSeconds || row.runs < 2
    return row
  }

  static func run(_ o: Options) -> Int32 {
    let minSeconds = Double((try? o.int("--seconds")) ?? 1)
    var rows: [Row] = []
    let programs = ["Vectors/bench/smlad_loop.bin", "Vectors/bench/gemm_int8.bin", "Vectors/programs/bench-O2.elf"]
    #if DEBUG
      print("cmemu bench: this is a debug build; numbers are not representative (use swift run -c release cmemu bench)")
    #endif
    do {
      for p in programs { rows.append(try benchProgram(p, minSeconds: minSeconds)) }
      for k in ["conv2d_fwd", "conv_bwd", "conv_wgrad"] where KernelRegistry.kernel(named: k) != nil {
        rows.append(try benchKernel(k, minSeconds: minSeconds))
      }
    } catch {
      FileHandle.standardError.write(Data("cmemu bench: \(error) (run from the repository root)\n".utf8))
      return ExitStatus.noInput
    }
    print("workload\tinstructions/run\tcycles/run\tM instr/s\tM cycles/s\truns")
    for r in rows {
      let ips = Double(r.instructions) * Double(r.runs) / r.seconds / 1e6
      let cps = Double(r.cycles) * Double(r.runs) / r.seconds / 1e6
      print("\(r.name)\t\(r.instructions)\t\(r.cycles)\t\(String(format: "%.1f", ips))\t\(String(format: "%.1f", cps))\t\(r.runs)")
    }
    if o.flags.contains("--cycle-model-cost") {
      print("\nwhat exact cycles cost (same workloads): translated blocks (every command), the memoised")
      print("loop without blocks, every instruction stepped through the full cycle model, and stepped")
      print("with the model off (1 cycle each)")
      print("workload\tM instr/s blocks\tM instr/s memoised\tM instr/s stepped\tM instr/s stepped, model off")
      func rate(_ r: Row) -> String { String(format: "%.1f", Double(r.instructions) * Double(r.runs) / r.seconds / 1e6) }
      for (p, r) in zip(programs, rows) {
        guard let memoised = try? benchProgram(p, minSeconds: minSeconds, mode: .memoised),
          let stepped = try? benchProgram(p, minSeconds: minSeconds, mode: .stepped),
          let off = try? benchProgram(p, minSeconds: minSeconds, mode: .noModel)
        else { continue }
        print("\(r.name)\t\(rate(r))\t\(rate(memoised))\t\(rate(stepped))\t\(rate(off))")
      }
    }
    return 0
  }
}
