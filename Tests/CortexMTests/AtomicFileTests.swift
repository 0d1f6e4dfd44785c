// Nothing lost (issue 9 §6): AtomicFile.write replaces a file in one rename(2); when the write
// fails the previous file is left intact and no temporary file is left behind.

import Foundation
import XCTest
@testable import CortexM

final class AtomicFileTests: XCTestCase {
  var dir: URL!

  override func setUpWithError() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmemu-atomic-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    chmod(dir.path, 0o755)
    try? FileManager.default.removeItem(at: dir)
  }

  func entries(_ d: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: d.path).sorted() }

  func testWriteReplacesContentsAndLeavesNoTemporary() throws {
    let path = dir.appendingPathComponent("report.json").path
    try AtomicFile.write("old\n", to: path)
    try AtomicFile.write("new\n", to: path)
    XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new\n")
    XCTAssertEqual(try entries(dir), ["report.json"])
  }

  func testTargetIsADirectory() throws {
    // rename(2) cannot replace a non-empty directory: the write fails, the directory and its
    // contents stay, and no temporary file is left next to it.
    let target = dir.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
    try "keep".write(to: target.appendingPathComponent("inner"), atomically: false, encoding: .utf8)
    XCTAssertThrowsError(try AtomicFile.write("data", to: target.path)) { error in
      XCTAssertTrue("\(error)".contains("cannot write \(target.path)"), "\(error)")
    }
    XCTAssertEqual(try entries(dir), ["out"])
    XCTAssertEqual(try String(contentsOf: target.appendingPathComponent("inner"), encoding: .utf8), "keep")
  }

  func testDirectoryNotWritableKeepsPreviousFile() throws {
    let path = dir.appendingPathComponent("vectors.bin").path
    try AtomicFile.write("previous", to: path)
    XCTAssertEqual(chmod(dir.path, 0o555), 0)
    defer { chmod(dir.path, 0o755) }
    if access(dir.path, W_OK) == 0 {
      throw XCTSkip("running with privileges that ignore directory permissions (root); see testTargetIsADirectory")
    }
    XCTAssertThrowsError(try AtomicFile.write("replacement", to: path))
    XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "previous")
    XCTAssertEqual(try entries(dir), ["vectors.bin"])
  }

  func testMissingDirectoryFailsCleanly() throws {
    let path = dir.appendingPathComponent("no/such/dir/report.json").path
    XCTAssertThrowsError(try AtomicFile.write("x", to: path)) { error in
      XCTAssertTrue(error is LoadError, "a LoadError with a message, not a raw Foundation error")
    }
    XCTAssertEqual(try entries(dir), [])
  }

  func testReadOnlyPreviousFileIsReplacedWhole() throws {
    // The previous file's own permissions do not matter: the new contents arrive by rename.
    let path = dir.appendingPathComponent("trace.txt").path
    try AtomicFile.write(String(repeating: "a", count: 100_000), to: path)
    chmod(path, 0o444)
    try AtomicFile.write("b", to: path)
    XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "b")
    XCTAssertEqual(try entries(dir), ["trace.txt"])
  }
}
