// The committed malformed-input corpus (Vectors/malformed/, made by Tools/fuzz/make-malformed.py):
// every file is rejected by ProgramImage.parse or Machine.load with a one-line LoadError that
// says what is wrong — never accepted, never a crash. Tools/fuzz/malformed-cli.sh checks the
// same files through `cmemu run` (exit status 65).

import XCTest
@testable import CortexM

final class MalformedCorpusTests: XCTestCase {
  /// What each file's message must mention (nil: any clear rejection will do).
  static let expected: [String: String?] = [
    "truncated-header.elf": "truncated ELF header",
    "truncated-phdrs.elf": "program headers",
    "truncated-segment.elf": "past the end of the file",
    "offset-past-eof.elf": "past the end of the file",
    "phoff-past-eof.elf": "past the end of the file",
    "overlapping-segments.elf": "overlap",
    "huge-segment.elf": "does not fit",
    "segment-wraps-address-space.elf": "wraps past the end of the address space",
    "segment-outside-memory.elf": "does not fit",
    "filesz-above-memsz.elf": "p_filesz",
    "entry-outside-memory.elf": "entry point 0x90000001 is outside",
    "no-load-segments.elf": "no non-empty PT_LOAD",
    "no-program-headers.elf": "no program headers",
    "small-phentsize.elf": "too small",
    "big-endian.elf": "not little-endian",
    "elf64.elf": "not ELF32",
    "x86.elf": "not ARM",
    "relocatable.elf": "not an executable",
    "garbage.elf": "is invalid (not ELF32)",
    "empty.bin": "empty",
    "one-byte.bin": "1 byte",
    "larger-than-flash.bin": "larger than",
  ]

  func testEveryCorpusFileIsRejectedWithAClearMessage() throws {
    let dir = Repo.url("Vectors/malformed")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    XCTAssertGreaterThanOrEqual(names.count, 20)
    XCTAssertEqual(Set(names), Set(Self.expected.keys), "every corpus file has an expectation here")
    for name in names {
      let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
      for board in Board.presets {
        do {
          let image = try ProgramImage.parse(bytes, board: board, name: name)
          let m = Machine(board: board)
          try m.load(image)
          XCTFail("\(name) (\(board.name)): accepted a malformed image")
        } catch let e as LoadError {
          let message = e.description
          XCTAssertFalse(message.isEmpty, name)
          XCTAssertFalse(message.contains("\n"), "\(name): one line: \(message)")
          XCTAssertLessThan(message.count, 300, "\(name): short: \(message)")
          if case let words?? = Self.expected[name] {
            XCTAssertTrue(message.contains(words), "\(name) on \(board.name): '\(message)' should mention '\(words)'")
          }
        } catch {
          XCTFail("\(name): rejected with \(type(of: error)) rather than LoadError: \(error)")
        }
      }
    }
  }
}

import Foundation
