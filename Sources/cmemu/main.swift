// cmemu: the command line. Thin: parses arguments and calls the libraries.

import CortexM
import Foundation
import KernelHarness

let usage = """
  cmemu — a bit-exact, cycle-counting Cortex-M4 emulator for FQT kernels

  Usage:
    cmemu run FILE [options]     run an ELF or .bin; a kernel image (kernels/<name>.bin) is
                                 checked against the golden model
    cmemu disasm FILE            disassemble an ELF's code (or a raw .bin)
    cmemu vectors KERNEL|OP --out DIR [--seed N] [--shape-<name> N] [--format raw,c,npy]
                                 write a vector case (kernels, or the ops requantize, softmax)
    cmemu bench                  emulator speed on fixed workloads (use a release build)
    cmemu train --model M        whole FQT training steps on the emulated MCU (digits-cnn, mbv2-tail)
    cmemu golden-train [--model digits-cnn|mnist-cnn|mbv2-tail] [--method M] [--epochs N]
                                 train in the golden model (accuracy tables)
    cmemu help                   this text

  Options for run:
    --board NAME                 \(Board.presets.map(\.name).joined(separator: ", ")) (default generic-m4)
    --max-cycles N               stop a runaway program after N cycles (default 10_000_000_000)
    --json FILE                  write the report as JSON (atomically)
    --semihosting-root DIR       let the guest open host files below DIR (none by default)
    --max-output BYTES           cap the guest's console output (default 64 MiB)
    --vectored-faults            run the guest's own fault handlers instead of stopping
    --flash-wait-states N        wait states on the code region (approximate)
    --trace FILE                 one line per instruction: cycle, pc, encoding, disassembly, writes, memory
    --profile FILE               per-function cycles, calls, deepest stack (callgrind format)
    --seed N, --case DIR         kernel images: the case to check (DIR: a vector case directory)
    --write-case DIR             kernel images: export the case (case.json, raw tensors, case.h, .npy)

  """ + ExitStatus.help

func fail(_ message: String, _ status: Int32) -> Never {
  FileHandle.standardError.write(Data(("cmemu: " + message + "\n").utf8))
  exit(status)
}

func readFile(_ path: String) -> [UInt8] {
  guard let data = FileManager.default.contents(atPath: path) else {
    fail("cannot read \(path): no such file or not readable", ExitStatus.noInput)
  }
  return [UInt8](data)
}

/// A non-negative integer option (at most `limit`), or nil when absent; a usage error (64) when
/// malformed or out of range, rather than a silent default or a trap on conversion.
func count(_ o: Options, _ name: String, limit: Int = Int.max) -> Int? {
  let v: Int?
  do { v = try o.int(name) } catch { fail("\(error)", ExitStatus.usage) }
  guard let n = v else { return nil }
  guard n >= 0, n <= limit else {
    fail("\(name) must be " + (limit == Int.max ? "a non-negative integer" : "between 0 and \(limit)") + ", got \(n)", ExitStatus.usage)
  }
  return n
}

func boardFrom(_ o: Options) -> Board {
  var board = Board.generic
  if let name = o.values["--board"] {
    guard let b = Board.named(name) else {
      fail("unknown board '\(name)'; known boards: \(Board.presets.map(\.name).joined(separator: ", "))", ExitStatus.usage)
    }
    board = b
  }
  if let ws = count(o, "--flash-wait-states", limit: 1_000) { board.code.waitStates = ws }
  return board
}

func runProgram(_ path: String, _ o: Options) -> Int32 {
  let board = boardFrom(o)
  let bytes = readFile(path)
  let name = URL(fileURLWithPath: path).lastPathComponent
  let image: ProgramImage
  do { image = try ProgramImage.parse(bytes, board: board, name: name) } catch {
    fail("\(error)", ExitStatus.badInput)
  }
  let m = Machine(board: board)
  m.vectoredFaults = o.flags.contains("--vectored-faults")
  m.semihosting.rootDirectory = o.values["--semihosting-root"]
  m.semihosting.commandLine = ([name] + o.positional.dropFirst(2)).joined(separator: " ")
  if let cap = count(o, "--max-output") { m.semihosting.maxOutputBytes = cap }
  do { try m.load(image) } catch { fail("\(name): \(error)", ExitStatus.badInput) }
  let maxCycles = UInt64(count(o, "--max-cycles") ?? 10_000_000_000)
  var tracer: Tracer? = nil
  var profiler: Profiler? = nil
  if let path = o.values["--trace"] {
    do { tracer = try Tracer(machine: m, path: path) } catch { fail("\(error)", ExitStatus.cannotWrite) }
  } else if o.values["--profile"] != nil {
    profiler = Profiler(machine: m, symbols: image.symbols)
  }
  let stop = m.run(maxCycles: maxCycles)
  if let t = tracer {
    do { try t.finish() } catch { fail("\(error)", ExitStatus.cannotWrite) }
  }
  if let p = profiler, let path = o.values["--profile"] {
    do { try AtomicFile.write(p.callgrind(program: name, machine: m), to: path) } catch { fail("\(error)", ExitStatus.cannotWrite) }
    FileHandle.standardError.write(Data((p.table() + "\n").utf8))
  }
  fflush(stdout)
  let report = RunReport(program: name, machine: m)
  if let fault = m.lastFault { FileHandle.standardError.write(Data((fault.text + "\n").utf8)) }
  if stop == .cycleLimit {
    FileHandle.standardError.write(Data(("cmemu: \(name) did not finish within --max-cycles \(maxCycles) "
      + "(pc=0x\(hex(m.pc)), \(m.instructions) instructions); a runaway loop? Raise --max-cycles if it is just long.\n").utf8))
  }
  if m.semihosting.outputTruncated {
    FileHandle.standardError.write(Data("cmemu: guest output exceeded --max-output and was truncated\n".utf8))
  }
  FileHandle.standardError.write(Data((report.summary + "\n").utf8))
  if let json = o.values["--json"] {
    do { try AtomicFile.write(try report.json(), to: json) } catch { fail("\(error)", ExitStatus.cannotWrite) }
  }
  if case .exited(let status) = stop { return status }
  return ExitStatus.forStop(stop) ?? ExitStatus.usageFault
}

func disassemble(_ path: String, _ o: Options) -> Int32 {
  let board = boardFrom(o)
  let bytes = readFile(path)
  let name = URL(fileURLWithPath: path).lastPathComponent
  let image: ProgramImage
  do { image = try ProgramImage.parse(bytes, board: board, name: name) } catch { fail("\(error)", ExitStatus.badInput) }
  var symbols: [UInt32: String] = [:]
  for s in image.symbols where s.isFunction { symbols[s.address] = s.name }
  for seg in image.segments where board.code.base <= seg.address && seg.address < board.code.base &+ board.code.size {
    for line in Disassembler.listing(bytes: seg.data, base: seg.address, symbols: symbols, dataRanges: image.dataRanges) {
      print(line)
    }
  }
  return 0
}

let args = CommandLine.arguments
guard args.count >= 2 else {
  print(usage)
  exit(ExitStatus.usage)
}
let options: Options
do { options = try Options(args.dropFirst(2)) } catch { fail("\(error)\n\n\(usage)", ExitStatus.usage) }
switch args[1] {
case "run":
  guard let file = options.positional.first else { fail("run needs a FILE\n\n\(usage)", ExitStatus.usage) }
  if let kernel = KernelRegistry.kernel(forImagePath: file) {
    exit(KernelCommand.run(kernel, imagePath: file, options: options.values, flags: options.flags))
  }
  exit(runProgram(file, options))
case "disasm":
  guard let file = options.positional.first else { fail("disasm needs a FILE", ExitStatus.usage) }
  exit(disassemble(file, options))
case "golden-train":
  exit(GoldenTrainCommand.run(options))
case "train":
  exit(TrainCommand.run(options))
case "vectors":
  exit(VectorsCommand.run(options))
case "bench":
  exit(BenchCommand.run(options))
case "help", "--help", "-h":
  print(usage)
  exit(0)
default:
  fail("unknown command '\(args[1])'\n\n\(usage)", ExitStatus.usage)
}
