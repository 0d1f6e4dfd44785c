// Runs every committed gcc-built program (Vectors/programs/*.elf, built by
// Tools/programs/build.sh) and compares stdout and exit status with QEMU's recorded ones.

import Foundation
import XCTest
@testable import CortexM

final class ProgramCorpusTests: XCTestCase {
  static func programs() -> [URL] {
    let dir = Repo.url("Vectors/programs")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".elf") }.sorted().map { dir.appendingPathComponent($0) }
  }

  /// Run one program; returns (stdout, status) or a description of how it stopped.
  static func run(_ url: URL, maxCycles: UInt64 = 2_000_000_000) throws -> (String, StopReason, Machine) {
    let bytes = [UInt8](try Data(contentsOf: url))
    let m = Machine()
    var out: [UInt8] = []
    m.semihosting.write = { buf, _ in out += buf }
    m.semihosting.readByte = { nil }
    m.semihosting.commandLine = url.lastPathComponent  // as `cmemu run` passes it
    try m.load(try ProgramImage.parse(bytes, name: url.lastPathComponent))
    let stop = m.run(maxCycles: maxCycles)
    return (String(decoding: out, as: UTF8.self), stop, m)
  }

  func testCorpusIsPresent() {
    XCTAssertGreaterThanOrEqual(Self.programs().count, 30)
  }

  func testEveryProgramMatchesQEMU() throws {
    var failures: [String] = []
    for url in Self.programs() {
      let base = url.deletingPathExtension()
      guard let expected = try? String(contentsOf: base.appendingPathExtension("stdout"), encoding: .utf8),
        let statusText = try? String(contentsOf: base.appendingPathExtension("status"), encoding: .utf8),
        let status = Int32(statusText.trimmingCharacters(in: .whitespacesAndNewlines))
      else {
        failures.append("\(url.lastPathComponent): missing .stdout/.status")
        continue
      }
      let (out, stop, m) = try Self.run(url)
      if stop != .exited(status) {
        failures.append("\(url.lastPathComponent): expected exit \(status), got \(stop) \(m.lastFault?.text ?? "")")
      } else if out != expected {
        let firstDiff = zip(out, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(out.count, expected.count)
        failures.append("\(url.lastPathComponent): stdout differs at character \(firstDiff)")
      }
    }
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
  }

  /// With the ELF's mapping symbols, every instruction of every program's code disassembles
  /// (data such as the vector table and literal pools prints as .word).
  func testEveryProgramDisassemblesWithoutUndefinedInstructions() throws {
    for url in Self.programs() {
      let image = try ProgramImage.parse([UInt8](try Data(contentsOf: url)), name: url.lastPathComponent)
      XCTAssertFalse(image.dataRanges.isEmpty, "\(url.lastPathComponent) has mapping symbols")
      for seg in image.segments where seg.address < 0x2000_0000 {
        let listing = Disassembler.listing(bytes: seg.data, base: seg.address, dataRanges: image.dataRanges)
        let bad = listing.filter { $0.contains("<undefined") || $0.contains("UNPREDICTABLE") }
        XCTAssertEqual(bad, [], "\(url.lastPathComponent): \(bad.prefix(5))")
        XCTAssertTrue(listing.first?.contains(".word") ?? false, "the vector table is data")
      }
    }
  }

  func testRunsAreDeterministic() throws {
    guard let url = Self.programs().first(where: { $0.lastPathComponent.hasPrefix("printf-O2") }) else {
      return XCTFail("printf-O2.elf missing")
    }
    let (out1, stop1, m1) = try Self.run(url)
    let (out2, stop2, m2) = try Self.run(url)
    XCTAssertEqual(out1, out2)
    XCTAssertEqual(stop1, stop2)
    XCTAssertEqual(m1.cycles, m2.cycles)
    XCTAssertEqual(m1.instructions, m2.instructions)
    XCTAssertEqual(m1.watermarks.stackBytes, m2.watermarks.stackBytes)
  }
}
