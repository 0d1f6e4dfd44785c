// Replays the differential cases that Tools/difftest/difftest.py recorded from Unicorn
// (Vectors/isa/dsp/*.txt): each case is one instruction, the incoming r0–r12, lr and APSR, the
// registers it changed and the outgoing APSR (N Z C V Q GE). No oracle is needed at test time.
// Cases marked `oracle-bug=…` carry the ARM ARM pseudocode's answer, not the oracle's (see
// ORACLE_BUGS in difftest.py and Vectors/isa/dsp/README.md).
//
// CMEMU_DSP_CASES=/path/to/cases.txt replays another file (e.g. a million-case run) instead.

import Foundation
import XCTest
@testable import CortexM

final class DSPVectorTests: XCTestCase {
  struct Case {
    var line: Int
    var raw: UInt32
    var size: Int
    var row: String
    var regs: [UInt32]  // r0..r12, lr
    var apsr: UInt32
    var changed: [(Int, UInt32)]
    var apsrOut: UInt32
    var note: String
  }

  static let registerIndex = Array(0...12) + [14]

  static func load(_ url: URL) -> [Case] {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    var cases: [Case] = []
    for (k, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
      let p = line.split(separator: "\t").map(String.init)
      guard p.count == 7, let raw = UInt32(p[0], radix: 16), let apsr = UInt32(p[3], radix: 16),
        let apsrOut = UInt32(p[5], radix: 16)
      else { continue }
      let regs = p[2].split(separator: ",").compactMap { UInt32($0, radix: 16) }
      guard regs.count == 14 else { continue }
      var changed: [(Int, UInt32)] = []
      if p[4] != "-" {
        for item in p[4].split(separator: ",") {
          let kv = item.split(separator: "=")
          guard kv.count == 2, let v = UInt32(kv[1], radix: 16) else { continue }
          let r = kv[0] == "lr" ? 14 : Int(kv[0].dropFirst()) ?? -1
          changed.append((r, v))
        }
      }
      cases.append(Case(line: k + 1, raw: raw, size: p[0].count / 2, row: p[1], regs: regs, apsr: apsr,
                        changed: changed, apsrOut: apsrOut, note: p[6]))
    }
    return cases
  }

  enum Outcome { case match, mismatch(String), notDecoded }

  /// Run one case on cmemu and compare every register r0–r12, lr and the APSR. `t` is reused
  /// between cases (creating a machine costs more than running an instruction): the code is
  /// reloaded at 0 (which invalidates its decode-cache slot) and the state reset.
  static func replay(_ c: Case, on t: TestMachine) -> Outcome {
    guard case .instruction = Decoder.decode(c.raw, size: c.size) else { return .notDecoded }
    let halfwords: [UInt16] = c.size == 4 ? [UInt16(c.raw >> 16), UInt16(c.raw & 0xFFFF)] : [UInt16(c.raw)]
    var bytes: [UInt8] = []
    for hw in halfwords { bytes += [UInt8(hw & 0xFF), UInt8(hw >> 8)] }
    do { try t.m.bus.load(bytes, at: 0) } catch { return .mismatch("line \(c.line): cannot load code") }
    t.m.pc = 0
    t.m.stop = nil
    t.m.lastFault = nil
    t.m.ITSTATE = 0
    for (k, r) in registerIndex.enumerated() { t[r] = c.regs[k] }
    t.m.APSR = c.apsr
    t.step()
    var expected = c.regs
    for (r, v) in c.changed { if let k = registerIndex.firstIndex(of: r) { expected[k] = v } }
    var diffs: [String] = []
    if let fault = t.m.lastFault { diffs.append("fault \(fault)") }
    for (k, r) in registerIndex.enumerated() where t[r] != expected[k] {
      diffs.append("r\(r) = \(hex(t[r])) expected \(hex(expected[k]))")
    }
    if t.m.APSR != c.apsrOut { diffs.append("APSR = \(hex(t.m.APSR)) expected \(hex(c.apsrOut))") }
    if t.m.pc != UInt32(c.size) { diffs.append("pc = \(hex(t.m.pc))") }
    if diffs.isEmpty { return .match }
    let text = Disassembler.text(raw: c.raw, size: c.size, address: 0)
    return .mismatch("line \(c.line) \(String(c.raw, radix: 16)) \(c.row) `\(text)`: " + diffs.joined(separator: "; "))
  }

  /// Replays a file; every case must decode and match. Returns the number replayed.
  func replayAll(_ url: URL, allowNotDecoded: Bool) throws -> Int {
    let cases = Self.load(url)
    XCTAssertFalse(cases.isEmpty, "no cases in \(url.path)")
    var failures: [String] = []
    var notDecoded: [String: Int] = [:]
    var t = TestMachine([UInt16]())
    for c in cases {
      switch Self.replay(c, on: t) {
      case .match: break
      case .mismatch(let why):
        failures.append(why)
        t = TestMachine([UInt16]())  // a fault may have changed more than the registers
      case .notDecoded: notDecoded[c.row, default: 0] += 1
      }
    }
    XCTAssertEqual(failures.count, 0, "\(failures.count) of \(cases.count) cases differ:\n" + failures.prefix(25).joined(separator: "\n"))
    if !notDecoded.isEmpty {
      let list = notDecoded.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
      if allowNotDecoded {
        throw XCTSkip("\(notDecoded.values.reduce(0, +)) of \(cases.count) cases use encodings cmemu does not decode yet (\(list))")
      }
      XCTFail("cases cmemu does not decode: \(list)")
    }
    return cases.count
  }

  func testUnicornDSPCases() throws {
    if let path = ProcessInfo.processInfo.environment["CMEMU_DSP_CASES"] {
      _ = try replayAll(URL(fileURLWithPath: path), allowNotDecoded: false)
      return
    }
    let n = try replayAll(Repo.url("Vectors/isa/dsp/unicorn-cases.txt"), allowNotDecoded: false)
    XCTAssertGreaterThan(n, 1000)
  }

  /// The data-processing and multiply classes: every case must decode and match.
  func testUnicornCoreCases() throws {
    _ = try replayAll(Repo.url("Vectors/isa/dsp/unicorn-core-cases.txt"), allowNotDecoded: false)
  }

  /// The marked oracle-bug cases are present and carry the pseudocode's Q.
  func testOracleBugCasesAreMarked() {
    let marked = Self.load(Repo.url("Vectors/isa/dsp/unicorn-cases.txt")).filter { $0.note == "oracle-bug=unicorn-smlad-q" }
    XCTAssertFalse(marked.isEmpty)
    for c in marked { XCTAssertTrue(c.row == "SMLAD", "line \(c.line) is \(c.row)") }
  }
}
