// Locating committed vectors from tests (no oracle needed at test time).

import Foundation
@testable import CortexM

enum Repo {
  /// The package root, found from this file's location.
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}

/// One line of Vectors/isa/encodings.txt: llvm-objdump's bytes and disassembly.
struct EncodingVector {
  var raw: UInt32
  var size: Int
  var text: String
  var line: Int
}

enum ISAVectors {
  static func load() -> [EncodingVector] {
    guard let data = try? String(contentsOf: Repo.url("Vectors/isa/encodings.txt"), encoding: .utf8) else { return [] }
    var out: [EncodingVector] = []
    for (k, line) in data.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let parts = line.split(separator: "\t")
      guard parts.count == 3, let size = Int(parts[1]) else { continue }
      let hexText = parts[0].replacingOccurrences(of: " ", with: "")
      guard let raw = UInt32(hexText, radix: 16) else { continue }
      out.append(EncodingVector(raw: raw, size: size, text: String(parts[2]), line: k + 1))
    }
    return out
  }

  /// Vectors whose mnemonic (first word, condition and width suffixes included) satisfies `filter`,
  /// with what cmemu's decoder and disassembler make of them. IT context is followed as in a listing.
  static func mismatches(_ filter: (String) -> Bool) -> [String] {
    var problems: [String] = []
    var itstate: UInt8 = 0
    var address: UInt32 = 0  // the vectors are one section assembled at 0, in address order
    for v in load() {
      defer { address &+= UInt32(v.size) }
      let mnemonic = String(v.text.split(separator: " ").first ?? "")
      let cond: UInt8? = itstate & 0xF != 0 ? itstate >> 4 : nil
      if itstate & 0xF != 0 {
        itstate = itstate & 0x7 == 0 ? 0 : (itstate & 0xE0) | ((itstate << 1) & 0x1F)
      } else if v.size == 2 && v.raw & 0xFF00 == 0xBF00 && v.raw & 0xF != 0 {
        itstate = UInt8(v.raw & 0xFF)
      }
      guard filter(mnemonic) else { continue }
      let ours = Disassembler.text(raw: v.raw, size: v.size, address: address, itCondition: cond)
      if ours != v.text { problems.append("line \(v.line): llvm '\(v.text)' cmemu '\(ours)'") }
    }
    return problems
  }
}
