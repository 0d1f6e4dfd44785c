// Determinism (issue 9 §5): the same image gives the same output, exit status, cycles,
// instructions, high-water marks and report on every run — including two machines run
// interleaved in one process (no shared mutable state between machines).

import Foundation
import XCTest
@testable import CortexM

final class DeterminismTests: XCTestCase {
  struct Outcome: Equatable {
    var stop: StopReason?
    var output: [UInt8]
    var cycles: UInt64
    var instructions: UInt64
    var stackBytes: UInt32
    var heapBytes: UInt32
    var registers: [UInt32]
    var report: Data
  }

  final class Captured { var bytes: [UInt8] = [] }

  func machine(_ file: String) throws -> (Machine, Captured) {
    let bytes = [UInt8](try Data(contentsOf: Repo.url("Vectors/programs/\(file)")))
    let m = Machine()
    let out = Captured()
    m.semihosting.write = { buf, _ in out.bytes += Array(buf) }
    m.semihosting.readByte = { nil }
    try m.load(try ProgramImage.parse(bytes, name: file))
    return (m, out)
  }

  func outcome(_ m: Machine, _ out: Captured) throws -> Outcome {
    var report = RunReport(program: "p", machine: m)
    report.milliseconds = 0  // derived from cycles; zeroed only to keep Data comparison exact
    return Outcome(stop: m.stop, output: out.bytes, cycles: m.cycles, instructions: m.instructions,
      stackBytes: m.watermarks.stackBytes, heapBytes: m.watermarks.heapBytes,
      registers: (0..<16).map { m.regs[$0] }, report: try report.json())
  }

  func testSameProgramTwiceGivesIdenticalResults() throws {
    for file in ["heap-O2.elf", "printf-Os.elf", "recursion-O0.elf"] {
      let (a, outA) = try machine(file)
      _ = a.run(maxCycles: 200_000_000)
      let (b, outB) = try machine(file)
      _ = b.run(maxCycles: 200_000_000)
      let first = try outcome(a, outA), second = try outcome(b, outB)
      XCTAssertEqual(first, second, file)
      guard case .exited? = first.stop else { return XCTFail("\(file) did not exit: \(String(describing: first.stop))") }
      XCTAssertFalse(first.output.isEmpty, "\(file) printed something")
      XCTAssertGreaterThan(first.stackBytes, 0, file)
    }
  }

  func testInterleavedMachinesDoNotInfluenceEachOther() throws {
    let file = "heap-O2.elf"
    let (alone, outAlone) = try machine(file)
    _ = alone.run(maxCycles: 200_000_000)
    let (a, outA) = try machine(file)
    let (b, outB) = try machine(file)
    while a.stop == nil || b.stop == nil {
      for _ in 0..<997 where a.stop == nil { a.step() }
      for _ in 0..<1_009 where b.stop == nil { b.step() }
    }
    let reference = try outcome(alone, outAlone)
    XCTAssertEqual(try outcome(a, outA), reference)
    XCTAssertEqual(try outcome(b, outB), reference)
  }
}
