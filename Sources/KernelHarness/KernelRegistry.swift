// The registry of FQT kernels: which image names are kernels, and how to check them.

import CortexM
import FQTGolden
import Foundation

/// One kernel: its image name (kernels/<name>.bin), its case builder and its shape options.
public struct KernelDescriptor: Sendable {
  public var name: String
  public var summary: String
  /// The `--shape-<name>` options the case builder reads (documentation).
  public var options: String
  /// Builds the deterministic case for a seed and shape options (golden outputs included).
  public var makeCase: @Sendable (_ seed: UInt32, _ options: ShapeOptions) throws -> KernelCase

  public init(
    name: String, summary: String, options: String,
    makeCase: @escaping @Sendable (_ seed: UInt32, _ options: ShapeOptions) throws -> KernelCase
  ) {
    self.name = name
    self.summary = summary
    self.options = options
    self.makeCase = makeCase
  }

  /// The default case: seed 1, default shape.
  public func defaultCase() throws -> KernelCase { try makeCase(KernelRegistry.defaultSeed, ShapeOptions()) }
}

public enum KernelRegistry {
  public static let defaultSeed: UInt32 = 1
  public static var all: [KernelDescriptor] { builtins }

  /// The kernel an image path names (kernels/<name>.bin or .elf), if any.
  public static func kernel(forImagePath path: String) -> KernelDescriptor? {
    let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return all.first { $0.name == base }
  }

  public static func kernel(named name: String) -> KernelDescriptor? { all.first { $0.name == name } }

  /// The flat image of a kernel file: a .bin as is; an .elf's segment at the code base.
  public static func loadImage(_ path: String, board: Board = .generic) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw HarnessError("cannot read \(path): no such file or not readable")
    }
    let bytes = [UInt8](data)
    if path.hasSuffix(".elf") {
      let image = try ProgramImage.parse(bytes, board: board, name: path)
      guard let seg = image.segments.first(where: { $0.address == board.code.base }) else {
        throw HarnessError("\(path): no segment at the code base 0x\(hex(board.code.base))")
      }
      return seg.data
    }
    return bytes
  }
}

public enum KernelCommand {
  /// Run a kernel image against its golden op; returns the exit status (0 match, 1 mismatch,
  /// ExitStatus codes ≥ 64 for usage errors, unreadable files, faults and the cycle limit).
  ///
  /// Options: `--seed N`, `--shape-<name> N` (see the kernel's options), `--json FILE`,
  /// `--board NAME`, `--max-cycles N`.
  public static func run(_ k: KernelDescriptor, imagePath: String, options: [String: String], flags: Set<String>) -> Int32 {
    func fail(_ message: String, _ status: Int32) -> Int32 {
      FileHandle.standardError.write(Data(("cmemu: " + message + "\n").utf8))
      return status
    }
    var seed = KernelRegistry.defaultSeed
    if let s = options["--seed"] {
      guard let n = UInt32(s.replacingOccurrences(of: "_", with: "")) else {
        return fail("--seed expects a non-negative 32-bit integer, got '\(s)'", ExitStatus.usage)
      }
      seed = n
    }
    var shape = ShapeOptions()
    for (key, value) in options where key.hasPrefix("--shape-") {
      guard let n = Int(value) else { return fail("\(key) expects an integer, got '\(value)'", ExitStatus.usage) }
      shape.values[String(key.dropFirst("--shape-".count))] = n
    }
    var board = Board.generic
    if let name = options["--board"] {
      guard let b = Board.named(name) else { return fail("unknown board '\(name)'", ExitStatus.usage) }
      board = b
    }
    let maxCycles = options["--max-cycles"].flatMap { UInt64($0.replacingOccurrences(of: "_", with: "")) } ?? 2_000_000_000
    let image: [UInt8]
    do { image = try KernelRegistry.loadImage(imagePath, board: board) } catch {
      return fail("\(error)", ExitStatus.noInput)
    }
    var c: KernelCase
    var recordedCycles: UInt64? = nil
    if let dir = options["--case"] {
      do { (c, recordedCycles, _) = try CaseFiles.read(dir) } catch { return fail("\(error)", ExitStatus.badInput) }
      guard c.kernel == k.name else {
        return fail("\(dir) is a case for kernel \(c.kernel), not \(k.name)", ExitStatus.badInput)
      }
    } else {
      do { c = try k.makeCase(seed, shape) } catch {
        return fail("\(k.name): \(error) (shape options: \(k.options))", ExitStatus.usage)
      }
    }
    let result: KernelRunResult
    do { result = try KernelRunner.run(image: image, case: c, board: board, maxCycles: maxCycles) } catch {
      return fail("\(k.name): \(error)", ExitStatus.badInput)
    }
    print(result.summary)
    if let expected = recordedCycles, expected != result.cycles, result.stop == "exited" {
      print("  CYCLES DIFFER from the case's recorded \(expected) (measured \(result.cycles))")
    }
    if let out = options["--write-case"] {
      do {
        try CaseFiles.write(c, result: result, to: out, provenance: "cmemu run \(imagePath), Cortex-M4 model, board \(board.name)")
        print("  case written to \(out) (case.json, raw tensors, case.h, .npy)")
      } catch { return fail("\(error)", ExitStatus.cannotWrite) }
    }
    if let json = options["--json"] {
      do { try AtomicFile.write(try result.json(), to: json) } catch { return fail("\(error)", ExitStatus.cannotWrite) }
    }
    if let status = result.stopStatus { return status }
    if let expected = recordedCycles, expected != result.cycles { return 1 }
    return result.passed ? 0 : 1
  }

}
