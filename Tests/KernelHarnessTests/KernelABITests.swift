// The harness's argument structs match kernels/fqt_kernels.h field for field, the committed
// images are the ones the sources build to, and every registered kernel has its image.

import Foundation
import XCTest

@testable import KernelHarness

final class KernelABITests: XCTestCase {
  /// Field names of `typedef struct { … } fqt_<name>_args;` in the header.
  func headerFields() throws -> [String: [String]] {
    let text = try String(contentsOf: packageRoot.appendingPathComponent("kernels/fqt_kernels.h"), encoding: .utf8)
    var out: [String: [String]] = [:]
    var fields: [String]? = nil
    for raw in text.split(separator: "\n") {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("typedef struct {") { fields = []; continue }
      guard fields != nil else { continue }
      if line.hasPrefix("}") {
        let name = line.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: " ;"))
        out[name] = fields
        fields = nil
        continue
      }
      // "const int8_t *error;        /*  0: … */"
      guard let semi = line.firstIndex(of: ";") else { continue }
      let decl = line[..<semi]
      let name = decl.split(whereSeparator: { $0 == " " || $0 == "*" }).last.map(String.init) ?? ""
      fields!.append(name)
      // The offset comment agrees with the position.
      if let c = line.range(of: "/*") {
        let digits = line[c.upperBound...].trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }
        XCTAssertEqual(Int(digits), (fields!.count - 1) * 4, "offset comment of \(name)")
      }
    }
    return out
  }

  func testArgumentStructsMatchTheHeader() throws {
    let header = try headerFields()
    for k in KernelRegistry.all {
      let c = try k.makeCase(1, ShapeOptions(["h": 5, "w": 5, "cin": 3, "cout": 3, "n": 9, "active": 50]))
      XCTAssertEqual(c.args.map(\.name), header["fqt_\(k.name)_args"], k.name)
    }
  }

  func testEveryKernelHasItsImages() {
    for k in KernelRegistry.all {
      for ext in ["S", "elf", "bin"] {
        let p = packageRoot.appendingPathComponent("kernels/\(k.name).\(ext)").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: p), p)
      }
    }
  }

  /// Tools/build-kernels --check (skipped when the Swift toolchain's clang is not at its usual place).
  func testCommittedImagesAreReproducible() throws {
    let clang = ProcessInfo.processInfo.environment["TOOLCHAIN"].map { $0 + "/clang" } ?? "/opt/swift/usr/bin/clang"
    try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: clang), "no \(clang)")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = [packageRoot.appendingPathComponent("Tools/build-kernels").path, "--check"]
    let pipe = Pipe()
    p.standardError = pipe
    p.standardOutput = Pipe()
    try p.run()
    p.waitUntilExit()
    let err = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    XCTAssertEqual(p.terminationStatus, 0, err)
  }

  /// The ELF and the .bin hold the same code, entry at 0.
  func testElfAndBinAgree() throws {
    for k in KernelRegistry.all {
      let bin = try kernelImage(k.name)
      let elf = try KernelRegistry.loadImage(packageRoot.appendingPathComponent("kernels/\(k.name).elf").path)
      XCTAssertEqual(bin, elf, k.name)
    }
  }
}
