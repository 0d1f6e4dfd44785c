// Vector cases on disk (DESIGN.md "Test vectors"): a directory with `case.json` (kernel, shape,
// parameters, seed, argument struct, tensor list with sizes and checksums, expected cycles and
// high-water marks, format version), one little-endian raw file per tensor (`x.s8`,
// `expected_y.s8`, …), and the same case as a C header (`case.h`, for firmware unit tests) and
// `.npy` files (for Python users). Writing is atomic: the directory is built under a temporary
// name and renamed into place. Reading validates everything and says what is wrong.

import CortexM
import Foundation

public enum CaseFiles {
  public static let formatVersion = 1

  struct TensorEntry: Codable {
    var name: String
    /// "input", "expected" (an output the kernel must produce) or "initial" (an output's
    /// starting contents).
    var role: String
    var type: ElementType
    var count: Int
    var file: String
    /// FNV-1a 64 of the raw bytes, hexadecimal.
    var fnv1a64: String
  }

  struct ArgEntry: Codable {
    var name: String
    /// "tensor", "null", "value", "scratch", "scratchSize".
    var kind: String
    var tensor: String?
    var value: Int32?
  }

  struct Expected: Codable {
    var cycles: UInt64
    var instructions: UInt64
    var stackBytes: UInt32
    var arenaBytes: Int
  }

  struct CaseJSON: Codable {
    var formatVersion: Int
    var kernel: String
    var label: String
    var seed: UInt32
    var parameters: [String: Int]
    var scratchBytes: Int
    var macs: Int
    var args: [ArgEntry]
    var tensors: [TensorEntry]
    var expected: Expected?
    var provenance: String
  }

  static func fnv1a64(_ bytes: [UInt8]) -> String {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return String(h, radix: 16)
  }

  static func fileName(_ t: TensorBytes, role: String) -> String {
    (role == "expected" ? "expected_" : role == "initial" ? "initial_" : "") + t.name + "." + t.type.rawValue
  }

  // MARK: Writing

  /// Write `c` (and the measured `result`, for expected cycles) to `directory`, atomically.
  public static func write(_ c: KernelCase, result: KernelRunResult?, to directory: String, provenance: String) throws {
    let url = URL(fileURLWithPath: directory).standardizedFileURL
    let parent = url.deletingLastPathComponent()
    let temp = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    let fm = FileManager.default
    try? fm.removeItem(at: temp)
    try fm.createDirectory(at: temp, withIntermediateDirectories: true)
    do {
      var tensors: [TensorEntry] = []
      var all: [(TensorBytes, String)] = c.inputs.map { ($0, "input") } + c.outputs.map { ($0, "expected") }
      for o in c.outputs { if let b = c.initialOutputs[o.name] { all.append((TensorBytes(o.name, o.type, b), "initial")) } }
      for (t, role) in all {
        let file = fileName(t, role: role)
        try Data(t.bytes).write(to: temp.appendingPathComponent(file))
        try Data(npy(t)).write(to: temp.appendingPathComponent((file as NSString).deletingPathExtension + ".npy"))
        tensors.append(TensorEntry(name: t.name, role: role, type: t.type, count: t.count, file: file, fnv1a64: fnv1a64(t.bytes)))
      }
      let args: [ArgEntry] = c.args.map { a in
        switch a.field {
        case .tensor(let n): return ArgEntry(name: a.name, kind: "tensor", tensor: n, value: nil)
        case .null: return ArgEntry(name: a.name, kind: "null", tensor: nil, value: nil)
        case .value(let v): return ArgEntry(name: a.name, kind: "value", tensor: nil, value: v)
        case .scratch: return ArgEntry(name: a.name, kind: "scratch", tensor: nil, value: nil)
        case .scratchSize: return ArgEntry(name: a.name, kind: "scratchSize", tensor: nil, value: Int32(c.scratchBytes))
        }
      }
      let expected = result.map { Expected(cycles: $0.cycles, instructions: $0.instructions, stackBytes: $0.stackBytes, arenaBytes: $0.arenaBytes) }
      let json = CaseJSON(formatVersion: formatVersion, kernel: c.kernel, label: c.label, seed: c.seed, parameters: c.parameters,
        scratchBytes: c.scratchBytes, macs: c.macs, args: args, tensors: tensors, expected: expected, provenance: provenance)
      let enc = JSONEncoder()
      enc.outputFormatting = [.prettyPrinted, .sortedKeys]
      try enc.encode(json).write(to: temp.appendingPathComponent("case.json"))
      try Data(cHeader(c, json).utf8).write(to: temp.appendingPathComponent("case.h"))
    } catch {
      try? fm.removeItem(at: temp)
      throw HarnessError("cannot write the case to \(directory): \(error)")
    }
    // Swap into place: the old directory (if any) is replaced only once the new one is complete.
    let old = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(getpid())")
    if fm.fileExists(atPath: url.path) { try fm.moveItem(at: url, to: old) }
    do { try fm.moveItem(at: temp, to: url) } catch {
      if fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: url) }
      throw HarnessError("cannot write the case to \(directory): \(error)")
    }
    try? fm.removeItem(at: old)
  }

  /// A NumPy .npy (format 1.0) of one tensor, flat, little-endian.
  static func npy(_ t: TensorBytes) -> [UInt8] {
    let descr = t.type == .s32 ? "<i4" : t.type == .s8 ? "|i1" : "|u1"
    var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(t.count),), }"
    let total = 10 + header.utf8.count + 1
    header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
    let len = UInt16(header.utf8.count)
    return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(len & 0xFF), UInt8(len >> 8)] + Array(header.utf8) + t.bytes
  }

  static func cHeader(_ c: KernelCase, _ j: CaseJSON) -> String {
    let guardName = "FQT_CASE_\(c.kernel.uppercased())_H"
    var s = "/* Generated by cmemu from kernel \(c.kernel), \(c.label), seed \(c.seed). \(j.provenance) */\n"
    s += "#ifndef \(guardName)\n#define \(guardName)\n#include <stdint.h>\n\n"
    if let e = j.expected {
      s += "#define CASE_EXPECTED_CYCLES \(e.cycles)u /* Cortex-M4 model, zero wait states */\n"
      s += "#define CASE_EXPECTED_STACK_BYTES \(e.stackBytes)u\n"
    }
    s += "#define CASE_SCRATCH_BYTES \(c.scratchBytes)u\n\n"
    for t in j.tensors {
      guard let bytes = (t.role == "input" ? c.inputs : c.outputs).first(where: { $0.name == t.name })?.bytes else { continue }
      let tb = TensorBytes(t.name, t.type, t.role == "initial" ? (c.initialOutputs[t.name] ?? bytes) : bytes)
      let ctype = t.type == .s32 ? "int32_t" : t.type == .s8 ? "int8_t" : "uint8_t"
      let cname = (t.role == "expected" ? "expected_" : t.role == "initial" ? "initial_" : "") + t.name
      let values = (0..<tb.count).map { String(t.type.value(tb.bytes, $0)) }
      s += "static const \(ctype) \(cname)[\(max(tb.count, 1))] __attribute__((aligned(4))) = {"
      for (k, v) in values.enumerated() { s += (k % 16 == 0 ? "\n  " : " ") + v + "," }
      s += values.isEmpty ? "0};\n\n" : "\n};\n\n"
    }
    return s + "#endif\n"
  }

  // MARK: Reading

  /// Read and validate a case directory: returns the case and the recorded expectations.
  public static func read(_ directory: String) throws -> (KernelCase, cycles: UInt64?, stackBytes: UInt32?) {
    let dir = URL(fileURLWithPath: directory)
    guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent("case.json").path) else {
      throw HarnessError("\(directory): no case.json (a vector case is a directory with case.json and one file per tensor)")
    }
    let j: CaseJSON
    do { j = try JSONDecoder().decode(CaseJSON.self, from: data) } catch {
      throw HarnessError("\(directory)/case.json is not a valid vector case: \(error)")
    }
    guard j.formatVersion == formatVersion else {
      throw HarnessError("\(directory)/case.json has format version \(j.formatVersion); this cmemu reads version \(formatVersion)")
    }
    var inputs: [TensorBytes] = [], outputs: [TensorBytes] = [], initial: [String: [UInt8]] = [:]
    for t in j.tensors {
      guard !t.file.contains("/"), !t.file.hasPrefix(".") else {
        throw HarnessError("\(directory)/case.json: tensor file '\(t.file)' must be a plain name inside the case directory")
      }
      guard let raw = FileManager.default.contents(atPath: dir.appendingPathComponent(t.file).path) else {
        throw HarnessError("\(directory): tensor file \(t.file) (tensor \(t.name)) is missing")
      }
      let bytes = [UInt8](raw)
      guard t.count >= 0, bytes.count == t.count * t.type.size else {
        throw HarnessError("\(directory)/\(t.file): \(bytes.count) bytes, but case.json says \(t.count) \(t.type.rawValue) elements (\(t.count * t.type.size) bytes)")
      }
      guard fnv1a64(bytes) == t.fnv1a64 else {
        throw HarnessError("\(directory)/\(t.file): checksum mismatch (file \(fnv1a64(bytes)), case.json \(t.fnv1a64)); the file was changed or corrupted")
      }
      switch t.role {
      case "input": inputs.append(TensorBytes(t.name, t.type, bytes))
      case "expected": outputs.append(TensorBytes(t.name, t.type, bytes))
      case "initial": initial[t.name] = bytes
      default: throw HarnessError("\(directory)/case.json: tensor \(t.name) has unknown role '\(t.role)'")
      }
    }
    let names = Set(inputs.map(\.name) + outputs.map(\.name))
    var args: [(name: String, field: ArgField)] = []
    for a in j.args {
      switch a.kind {
      case "tensor":
        guard let n = a.tensor, names.contains(n) else {
          throw HarnessError("\(directory)/case.json: argument \(a.name) names tensor '\(a.tensor ?? "")', which the case does not have")
        }
        args.append((a.name, .tensor(n)))
      case "null": args.append((a.name, .null))
      case "value":
        guard let v = a.value else { throw HarnessError("\(directory)/case.json: argument \(a.name) has no value") }
        args.append((a.name, .value(v)))
      case "scratch": args.append((a.name, .scratch))
      case "scratchSize": args.append((a.name, .scratchSize))
      default: throw HarnessError("\(directory)/case.json: argument \(a.name) has unknown kind '\(a.kind)'")
      }
    }
    guard j.scratchBytes >= 0, j.scratchBytes <= 1 << 20 else {
      throw HarnessError("\(directory)/case.json: scratchBytes \(j.scratchBytes) is out of range")
    }
    var c = KernelCase(kernel: j.kernel, label: j.label, seed: j.seed, args: args, inputs: inputs, outputs: outputs,
      scratchBytes: j.scratchBytes, macs: j.macs)
    c.initialOutputs = initial
    c.parameters = j.parameters
    return (c, j.expected?.cycles, j.expected?.stackBytes)
  }
}
