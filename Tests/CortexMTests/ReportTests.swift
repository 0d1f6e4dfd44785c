// The run report (keys, determinism), the callgrind profiler and the tracer.

import Foundation
import XCTest
@testable import CortexM

final class ReportTests: XCTestCase {
  func load(_ name: String) throws -> (Machine, ProgramImage) {
    let bytes = [UInt8](try Data(contentsOf: Repo.url("Vectors/programs/\(name).elf")))
    let image = try ProgramImage.parse(bytes, name: "\(name).elf")
    let m = Machine()
    m.semihosting.write = { _, _ in }
    m.semihosting.readByte = { nil }
    try m.load(image)
    return (m, image)
  }

  func testRunReportJSONKeys() throws {
    let (m, _) = try load("printf-O2")
    XCTAssertEqual(m.run(maxCycles: 100_000_000), .exited(0))
    let json = try RunReport(program: "printf-O2.elf", machine: m).json()
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    for key in ["program", "board", "outcome", "exitStatus", "instructions", "cycles", "cpi",
      "stackHighWaterBytes", "heapHighWaterBytes", "milliseconds"]
    {
      XCTAssertNotNil(object[key], "missing key \(key)")
    }
    XCTAssertEqual(object["outcome"] as? String, "exited")
    XCTAssertEqual(object["exitStatus"] as? Int, 0)
    XCTAssertEqual((object["cycles"] as? NSNumber)?.uint64Value, m.cycles)
    XCTAssertEqual((object["instructions"] as? NSNumber)?.uint64Value, m.instructions)
    XCTAssertEqual(object["board"] as? String, "generic-m4")
    XCTAssertNil(object["fault"], "no fault key on a clean exit")
  }

  func testTwoRunsGiveIdenticalReports() throws {
    var reports: [Data] = []
    for _ in 0..<2 {
      let (m, _) = try load("timing-O2")
      _ = m.run(maxCycles: 100_000_000)
      reports.append(try RunReport(program: "timing-O2.elf", machine: m).json())
    }
    XCTAssertEqual(reports[0], reports[1])
  }

  func testProfilerInclusiveCyclesCountRecursionOnceAndEntryIsTotal() throws {
    let (m, image) = try load("recursion-O2")
    let profiler = Profiler(machine: m, symbols: image.symbols)
    XCTAssertEqual(m.run(maxCycles: 100_000_000), .exited(0))
    var inclusive: [String: UInt64] = [:]
    for row in profiler.table().split(separator: "\n").dropFirst() {
      let f = row.split(separator: "\t")
      inclusive[String(f[0])] = UInt64(f[2])
    }
    XCTAssertEqual(inclusive["Reset_Handler"], m.cycles, "the entry function's inclusive cycles are the total")
    for (name, cycles) in inclusive {
      XCTAssertLessThanOrEqual(cycles, m.cycles, "\(name): a recursive function's nested frames are counted once")
    }
    XCTAssertNotNil(inclusive["fib"])
  }

  func testProfilerCallgrindHasFunctionsCallsAndEveryCycle() throws {
    // timing.c: main calls each of the 35 snippets once; call_bx and call_blx call leaf_bx,
    // call_add calls leaf_add, call_frame calls leaf_frame.
    let (m, image) = try load("timing-O2")
    let profiler = Profiler(machine: m, symbols: image.symbols)
    XCTAssertEqual(m.run(maxCycles: 100_000_000), .exited(0))
    let text = profiler.callgrind(program: "timing-O2.elf", machine: m)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    XCTAssertTrue(lines.contains("events: Cycles Instructions"))
    for fn in ["main", "empty", "call_frame", "leaf_frame", "leaf_bx", "printf"] {
      XCTAssertTrue(lines.contains("fn=\(fn)"), "no fn=\(fn)")
    }
    /// `calls=N` of the edge caller → callee.
    func calls(_ caller: String, _ callee: String) -> Int? {
      guard let start = lines.firstIndex(of: "fn=\(caller)") else { return nil }
      var k = start + 1
      while k < lines.count, !lines[k].hasPrefix("fn=") {
        if lines[k] == "cfn=\(callee)", k + 1 < lines.count, lines[k + 1].hasPrefix("calls=") {
          return Int(lines[k + 1].dropFirst(6).split(separator: " ")[0])
        }
        k += 1
      }
      return nil
    }
    XCTAssertEqual(calls("main", "empty"), 1)
    XCTAssertEqual(calls("main", "call_frame"), 1)
    XCTAssertEqual(calls("call_frame", "leaf_frame"), 1)
    XCTAssertEqual(calls("call_bx", "leaf_bx"), 1)
    XCTAssertEqual(calls("call_blx", "leaf_bx"), 1)
    XCTAssertGreaterThanOrEqual(calls("main", "printf") ?? 0, 35)
    // Every cycle is attributed: the exclusive costs (the line after each fn=) sum to the total.
    var exclusive: UInt64 = 0, instructions: UInt64 = 0
    for (k, line) in lines.enumerated() where line.hasPrefix("fn=") {
      let parts = lines[k + 1].split(separator: " ")
      exclusive += UInt64(parts[1])!
      instructions += UInt64(parts[2])!
    }
    XCTAssertEqual(exclusive, m.cycles)
    XCTAssertEqual(instructions, m.instructions)
    XCTAssertTrue(lines.contains("summary: \(m.cycles) \(m.instructions)"))
  }

  func testTracerWritesOneLinePerInstruction() throws {
    let t = TestMachine([movs(0, 5), movs(1, 7), adds(2, 0, 1), b(-2)])
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cmemu-trace-\(getpid()).txt").path
    let tracer = try Tracer(machine: t.m, path: path)
    t.step(10)
    try tracer.finish()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.first?.hasPrefix("#"), true, "a header line")
    XCTAssertEqual(lines.count - 1, 10)
    XCTAssertEqual(UInt64(lines.count - 1), t.m.instructions)
    // cycle count at the start of each instruction, pc, encoding, disassembly, writes
    let third = lines[3].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(third[0], "2")
    XCTAssertTrue(third[1].hasSuffix("4"))
    XCTAssertTrue(third[3].hasPrefix("adds"), third[3])
    XCTAssertTrue(third[4].contains("r2=0000000c") || third[4].contains("r2=0xc") || third[4].contains("r2="), third[4])
  }
}
