import Foundation
import XCTest
@testable import CortexM

final class SemihostingTests: XCTestCase {
  /// A machine that executes one `bkpt #0xab` with r0 = op and r1 = param, capturing output.
  final class Host {
    let t = TestMachine([bkpt(0xAB), bx(14)])
    var out: [UInt8] = []
    var err: [UInt8] = []
    init() {
      t.m.semihosting.write = { [unowned self] buf, toStderr in
        if toStderr { self.err += buf } else { self.out += buf }
      }
    }
    func call(_ op: UInt32, _ param: UInt32) -> UInt32 {
      t.m.pc = 0
      t[0] = op
      t[1] = param
      t.step()
      return t[0]
    }
    func put(_ bytes: [UInt8], at a: UInt32) { try! t.m.bus.load(bytes, at: a) }
    func putWords(_ words: [UInt32], at a: UInt32) { put(words.flatMap(ELFBuilder.le32), at: a) }
    func string(_ s: String, at a: UInt32) { put(Array(s.utf8) + [0], at: a) }
  }

  func testWrite0AndWriteC() {
    let h = Host()
    h.string("hello", at: sramBase)
    _ = h.call(0x04, sramBase)
    h.put([0x21], at: sramBase + 0x10)
    _ = h.call(0x03, sramBase + 0x10)
    XCTAssertEqual(String(decoding: h.out, as: UTF8.self), "hello!")
  }

  func testOpenConsoleAndWriteReturnsBytesNotWritten() {
    let h = Host()
    h.string(":tt", at: sramBase)
    h.putWords([sramBase, 4, 3], at: sramBase + 0x10)  // mode 4 = "w": stdout
    let handle = h.call(0x01, sramBase + 0x10)
    XCTAssertNotEqual(Int32(bitPattern: handle), -1)
    h.string("abc", at: sramBase + 0x20)
    h.putWords([handle, sramBase + 0x20, 3], at: sramBase + 0x30)
    XCTAssertEqual(h.call(0x05, sramBase + 0x30), 0)
    XCTAssertEqual(String(decoding: h.out, as: UTF8.self), "abc")
  }

  func testFeaturesFileAdvertisesExitExtended() {
    let h = Host()
    h.string(":semihosting-features", at: sramBase)
    h.putWords([sramBase, 0, 21], at: sramBase + 0x40)
    let handle = h.call(0x01, sramBase + 0x40)
    h.putWords([handle, sramBase + 0x80, 5], at: sramBase + 0x50)
    XCTAssertEqual(h.call(0x06, sramBase + 0x50), 0, "all 5 bytes read")
    XCTAssertEqual(h.t.m.bus.peek(sramBase + 0x80, count: 5), [0x53, 0x48, 0x46, 0x42, 0x03])
  }

  func testExitExtendedCarriesStatus() {
    let h = Host()
    h.putWords([0x20026, 42], at: sramBase)
    _ = h.call(0x20, sramBase)
    XCTAssertEqual(h.t.m.stop, .exited(42))
  }

  func testExitWithApplicationExitIsZeroAndOtherReasonsOne() {
    let h = Host()
    _ = h.call(0x18, 0x20026)
    XCTAssertEqual(h.t.m.stop, .exited(0))
    let h2 = Host()
    _ = h2.call(0x18, 0x20023)  // RunTimeErrorUnknown
    XCTAssertEqual(h2.t.m.stop, .exited(1))
  }

  func testHeapInfoHandsOutHeapAboveImageAndStackAtTopOfSRAM() {
    let h = Host()
    h.t.m.semihosting.heapBase = 0x2000_1000
    h.t.m.semihosting.heapLimit = 0x2003_0000
    h.t.m.semihosting.stackBase = 0x2004_0000
    h.t.m.semihosting.stackLimit = 0x2003_0000
    h.putWords([sramBase + 0x100], at: sramBase)
    _ = h.call(0x16, sramBase)
    XCTAssertEqual(h.t.peek32(sramBase + 0x100), 0x2000_1000)
    XCTAssertEqual(h.t.peek32(sramBase + 0x108), 0x2004_0000)
  }

  func testSystemIsRefused() {
    let h = Host()
    h.string("rm -rf /", at: sramBase)
    h.putWords([sramBase, 8], at: sramBase + 0x20)
    XCTAssertEqual(Int32(bitPattern: h.call(0x12, sramBase + 0x20)), -1)
  }

  func testHostFilesRefusedWithoutRoot() {
    let h = Host()
    h.string("/etc/passwd", at: sramBase)
    h.putWords([sramBase, 0, 11], at: sramBase + 0x20)
    XCTAssertEqual(Int32(bitPattern: h.call(0x01, sramBase + 0x20)), -1)
  }

  func testSandboxAllowsFilesBelowRootOnly() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmemu-sh-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "data!".write(to: dir.appendingPathComponent("in.txt"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link").path, withDestinationPath: "/etc/passwd")
    func open(_ name: String) -> Int32 {
      let h = Host()
      h.t.m.semihosting.rootDirectory = dir.path
      h.string(name, at: sramBase)
      h.putWords([sramBase, 0, UInt32(name.utf8.count)], at: sramBase + 0x80)
      return Int32(bitPattern: h.call(0x01, sramBase + 0x80))
    }
    XCTAssertGreaterThan(open("in.txt"), 0)
    XCTAssertEqual(open("../in.txt"), -1)
    XCTAssertEqual(open("/etc/passwd"), -1)
    XCTAssertEqual(open("link"), -1, "symbolic links are refused")
  }

  func testOutputIsBoundedByMaxOutput() {
    let h = Host()
    h.t.m.semihosting.maxOutputBytes = 3
    h.string("hello", at: sramBase)
    _ = h.call(0x04, sramBase)
    XCTAssertEqual(h.out.count, 3)
    XCTAssertTrue(h.t.m.semihosting.outputTruncated)
  }

  func testClockIsDerivedFromCycles() {
    let h = Host()
    h.t.m.cycles = 64_000_000  // one second at 64 MHz
    XCTAssertEqual(h.call(0x10, 0), 100)
  }
}
