// `cmemu vectors KERNEL|OP --seed N [--shape-<name> N] --out DIR [--format raw,c,npy]`: write a
// vector case (DESIGN.md): case.json + raw little-endian tensors, a C header for firmware unit
// tests, .npy for Python. Kernel cases are run on the emulated M4 first so that the expected
// cycles and high-water marks are recorded too. OP is a golden op without a kernel
// (requantize, softmax).

import CortexM
import Foundation
import KernelHarness

enum VectorsCommand {
  static func run(_ o: Options) -> Int32 {
    func fail(_ message: String, _ status: Int32) -> Int32 {
      FileHandle.standardError.write(Data(("cmemu vectors: " + message + "\n").utf8))
      return status
    }
    guard let what = o.positional.first, let out = o.values["--out"] else {
      return fail("usage: cmemu vectors KERNEL|OP --out DIR [--seed N] [--shape-<name> N] [--format raw,c,npy]; "
        + "kernels: \(KernelRegistry.all.map(\.name).joined(separator: ", ")); ops: \(GoldenOpCases.names.joined(separator: ", "))", ExitStatus.usage)
    }
    let name = URL(fileURLWithPath: what).deletingPathExtension().lastPathComponent
    let seed = UInt32(o.values["--seed"] ?? "") ?? KernelRegistry.defaultSeed
    var shape = ShapeOptions()
    for (key, value) in o.values where key.hasPrefix("--shape-") {
      guard let n = Int(value) else { return fail("\(key) expects an integer, got '\(value)'", ExitStatus.usage) }
      shape.values[String(key.dropFirst("--shape-".count))] = n
    }
    var formats: Set<String> = ["raw", "c", "npy"]
    if let f = o.values["--format"] {
      formats = Set(f.split(separator: ",").map(String.init))
      guard formats.isSubset(of: ["raw", "c", "npy"]) else { return fail("--format takes raw, c, npy (comma-separated)", ExitStatus.usage) }
      formats.insert("raw")  // case.json refers to the raw tensors: always written
    }
    do {
      if let k = KernelRegistry.kernel(named: name) {
        let c = try k.makeCase(seed, shape)
        let image = try KernelRegistry.loadImage("kernels/\(name).bin")
        let result = try KernelRunner.run(image: image, case: c)
        guard result.passed else { return fail("the kernel does not reproduce its golden case: \(result.summary)", 1) }
        try CaseFiles.write(c, result: result, to: out, provenance: "cmemu vectors \(name) --seed \(seed); golden model FQTGolden; cycles from the Cortex-M4 model", formats: formats)
        print("\(name): \(c.label), seed \(seed): \(result.cycles) cycles → \(out)")
      } else if let c = try GoldenOpCases.make(name, seed: seed, shape: shape) {
        try CaseFiles.write(c, result: nil, to: out, provenance: "cmemu vectors \(name) --seed \(seed); golden model FQTGolden", formats: formats)
        print("\(name): \(c.label), seed \(seed) → \(out)")
      } else {
        return fail("unknown kernel or op '\(name)'", ExitStatus.usage)
      }
    } catch {
      return fail("\(error)", ExitStatus.cannotWrite)
    }
    return 0
  }
}
