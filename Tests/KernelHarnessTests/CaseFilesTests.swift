// Vector cases on disk: every kernel's default case survives a write/read round trip and
// replays bit-exact with the same cycles; the committed example case replays; corrupt cases
// are rejected with a message that says what is wrong.

import CortexM
import FQTGolden
import Foundation
import XCTest

@testable import KernelHarness

final class CaseFilesTests: XCTestCase {
  func tempDir() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("cmemu-case-\(UUID().uuidString)").path
  }

  func testEveryKernelsDefaultCaseRoundTripsAndReplays() throws {
    for k in KernelRegistry.all {
      let c = try k.makeCase(KernelRegistry.defaultSeed, ShapeOptions(["h": 6, "w": 6]))
      let image = try kernelImage(k.name)
      let first = try KernelRunner.run(image: image, case: c)
      let dir = tempDir()
      defer { try? FileManager.default.removeItem(atPath: dir) }
      try CaseFiles.write(c, result: first, to: dir, provenance: "test")
      let (back, cycles, _) = try CaseFiles.read(dir)
      XCTAssertEqual(back.kernel, k.name)
      XCTAssertEqual(cycles, first.cycles)
      let again = try KernelRunner.run(image: image, case: back)
      XCTAssertTrue(again.passed, "\(k.name): \(again.summary)")
      XCTAssertEqual(again.cycles, first.cycles, k.name)
      for f in ["case.json", "case.h"] {
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/" + f), "\(k.name): \(f)")
      }
    }
  }

  /// Every kernel has a committed vector set (Vectors/kernels/<name>/case, written by
  /// `cmemu vectors <name> --out …`): it replays bit-exact with its recorded cycles.
  func testEveryKernelsCommittedCaseReplaysWithItsRecordedCycles() throws {
    for k in KernelRegistry.all {
      let dir = packageRoot.appendingPathComponent("Vectors/kernels/\(k.name)/case").path
      let (c, cycles, stack) = try CaseFiles.read(dir)
      XCTAssertEqual(c.kernel, k.name)
      let r = try KernelRunner.run(image: try kernelImage(k.name), case: c)
      XCTAssertTrue(r.passed, r.summary)
      XCTAssertEqual(r.cycles, cycles, "\(k.name)'s cycles changed: re-export on purpose with cmemu vectors \(k.name) --out \(dir)")
      XCTAssertEqual(r.stackBytes, stack, k.name)
    }
  }

  func testNpyHeaderIsValid() {
    let bytes = CaseFiles.npy(TensorBytes("x", s8: [1, -2, 3]))
    XCTAssertEqual(Array(bytes.prefix(6)), [0x93] + Array("NUMPY".utf8))
    let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    XCTAssertEqual((10 + headerLength) % 64, 0, "the data starts 64-byte aligned")
    let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
    XCTAssertTrue(header.contains("'descr': '|i1'") && header.contains("'shape': (3,)"))
    XCTAssertEqual(Array(bytes.suffix(3)), [1, 0xFE, 3])
  }

  func corruptCopy(_ edit: (String) throws -> Void) throws -> String {
    let k = try XCTUnwrap(KernelRegistry.kernel(named: "fc_fwd"))
    let c = try k.makeCase(3, ShapeOptions())
    let dir = tempDir()
    try CaseFiles.write(c, result: nil, to: dir, provenance: "test")
    try edit(dir)
    return dir
  }

  func expectRejected(_ dir: String, mentioning words: String, file: StaticString = #filePath, line: UInt = #line) {
    defer { try? FileManager.default.removeItem(atPath: dir) }
    XCTAssertThrowsError(try CaseFiles.read(dir), file: file, line: line) { error in
      XCTAssertTrue("\(error)".contains(words), "'\(error)' should mention '\(words)'", file: file, line: line)
    }
  }

  func testBadJSONIsRejected() throws {
    expectRejected(try corruptCopy { try "{ not json".write(toFile: $0 + "/case.json", atomically: true, encoding: .utf8) },
      mentioning: "not a valid vector case")
  }

  func testWrongTensorSizeIsRejected() throws {
    expectRejected(try corruptCopy { dir in
      let path = dir + "/input.s8"
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      try data.dropLast().write(to: URL(fileURLWithPath: path))
    }, mentioning: "bytes, but case.json says")
  }

  func testChecksumMismatchIsRejected() throws {
    expectRejected(try corruptCopy { dir in
      let url = URL(fileURLWithPath: dir + "/input.s8")
      var data = try Data(contentsOf: url)
      data[0] ^= 0x40
      try data.write(to: url)
    }, mentioning: "checksum mismatch")
  }

  func testMissingTensorFileIsRejected() throws {
    expectRejected(try corruptCopy { try FileManager.default.removeItem(atPath: $0 + "/input.s8") }, mentioning: "is missing")
  }

  func testRewritingACaseReplacesItWhole() throws {
    let dir = tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let k = try XCTUnwrap(KernelRegistry.kernel(named: "fc_fwd"))
    try CaseFiles.write(try k.makeCase(1, ShapeOptions()), result: nil, to: dir, provenance: "one")
    try CaseFiles.write(try k.makeCase(2, ShapeOptions()), result: nil, to: dir, provenance: "two")
    XCTAssertEqual(try CaseFiles.read(dir).0.seed, 2)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: (dir as NSString).deletingLastPathComponent)
      .filter { $0.contains(URL(fileURLWithPath: dir).lastPathComponent + ".") }
    XCTAssertEqual(leftovers, [], "no temporary or backup directories are left behind")
  }

  func testGoldenOpCasesRoundTripAndHoldTheGoldenResults() throws {
    for name in GoldenOpCases.names {
      let c = try XCTUnwrap(try GoldenOpCases.make(name, seed: 9, shape: ShapeOptions()))
      let dir = tempDir()
      defer { try? FileManager.default.removeItem(atPath: dir) }
      try CaseFiles.write(c, result: nil, to: dir, provenance: "test", formats: ["raw"])
      let (back, cycles, _) = try CaseFiles.read(dir)
      XCTAssertNil(cycles)
      XCTAssertEqual(back.outputs.map(\.bytes), c.outputs.map(\.bytes), name)
      XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/case.h"), "--format raw writes no header")
    }
    // One hand-checked requantize value: x = 2^20 with M = 2^30 (0.5), shift 0 → 2^19.
    XCTAssertEqual(requantize(1 << 20, multiplier: 1 << 30, shift: 0), 1 << 19)
  }
}

final class KernelStopStatusTests: XCTestCase {
  /// A kernel image that faults gets the same exit status as a program with that fault
  /// (formerly derived by matching text, which sent DIVBYZERO and NOCP to the wrong code).
  func testFaultingKernelImagesReportTheirFaultStatus() throws {
    let c = try XCTUnwrap(KernelRegistry.kernel(named: "fc_fwd")).makeCase(1, ShapeOptions())
    // udf #0
    XCTAssertEqual(try KernelRunner.run(image: [0x00, 0xDE], case: c).stopStatus, ExitStatus.undefinedInstruction)
    // vadd.f32 s0, s0, s0 (FPU off → NOCP)
    XCTAssertEqual(try KernelRunner.run(image: [0x30, 0xEE, 0x00, 0x0A], case: c).stopStatus, ExitStatus.noCoprocessor)
    // b . (runaway) with a small cycle budget
    XCTAssertEqual(try KernelRunner.run(image: [0xFE, 0xE7], case: c, maxCycles: 1000).stopStatus, ExitStatus.cycleLimit)
    // movs r0, #0xE1; lsls r0, r0, #24; ldr r1, [r0] — a load from unmapped 0xE1000000
    XCTAssertEqual(try KernelRunner.run(image: [0xE1, 0x20, 0x00, 0x06, 0x01, 0x68], case: c).stopStatus, ExitStatus.busFault)
    let returned = try KernelRunner.run(image: try kernelImage("fc_fwd"), case: c)
    XCTAssertNil(returned.stopStatus)
  }
}
