import XCTest
@testable import CortexM

final class LoaderTests: XCTestCase {
  func run(_ bytes: [UInt8]) throws -> StopReason {
    let m = Machine()
    try m.load(try ProgramImage.parse(bytes))
    return m.run(maxCycles: 10_000)
  }

  func expectRejected(_ bytes: [UInt8], mentioning words: String, file: StaticString = #filePath, line: UInt = #line) {
    do {
      let m = Machine()
      try m.load(try ProgramImage.parse(bytes))
      XCTFail("accepted a malformed image", file: file, line: line)
    } catch {
      XCTAssertTrue("\(error)".contains(words), "message '\(error)' should mention '\(words)'", file: file, line: line)
    }
  }

  func testMinimalELFRunsFromEntryAndReturnsStatus() throws {
    XCTAssertEqual(try run(ELFBuilder.program(status: 7).build()), .exited(7))
  }

  func testRawBinRunsFromOffsetZero() throws {
    XCTAssertEqual(try run([5, 0x20, 0x70, 0x47]), .exited(5))
  }

  func testSegmentsLoadAtPhysicalAddresses() throws {
    var b = ELFBuilder.program(status: 0)
    b.segments.append(.init(vaddr: 0x2000_0000, paddr: 0x100, data: [1, 2, 3, 4], memsz: 4))
    let m = Machine()
    try m.load(try ProgramImage.parse(b.build()))
    XCTAssertEqual(m.bus.peek32(0x100), 0x0403_0201, "LMA, as a flash programmer loads it")
  }

  func testBSSIsZeroFilledAndHeapStartsAboveIt() throws {
    var b = ELFBuilder.program(status: 0)
    b.segments.append(.init(vaddr: 0x2000_0000, paddr: 0x2000_0000, data: [9], memsz: 0x101))
    let m = Machine()
    try m.load(try ProgramImage.parse(b.build()))
    XCTAssertEqual(m.semihosting.heapBase, 0x2000_0108)
    XCTAssertEqual(m.semihosting.stackBase, 0x2004_0000)
  }

  func testVectorTableAtLowestAddressBootsLikeHardware() throws {
    // SP = 0x20001000, reset = 0x9 → code at 8: movs r0,#3; bx lr (LR = 0xFFFFFFFF → stops)
    var data = ELFBuilder.le32(0x2000_1000) + ELFBuilder.le32(0x9)
    data += [3, 0x20, 0x70, 0x47]
    var b = ELFBuilder()
    b.entry = 0x9
    b.segments = [.init(vaddr: 0, paddr: 0, data: data, memsz: UInt32(data.count))]
    let m = Machine()
    try m.load(try ProgramImage.parse(b.build()))
    XCTAssertEqual(m.SP, 0x2000_1000)
    XCTAssertEqual(m.pc, 8)
  }

  // MARK: Malformed input: each rejected before running, with a message that says why.

  func testTruncatedHeader() { expectRejected(Array(ELFBuilder.program(status: 0).build().prefix(30)), mentioning: "truncated") }

  func testSixtyFourBitELF() {
    var b = ELFBuilder.program(status: 0)
    b.elfClass = 2
    expectRejected(b.build(), mentioning: "ELF32")
  }

  func testBigEndianELF() {
    var b = ELFBuilder.program(status: 0)
    b.dataEncoding = 2
    expectRejected(b.build(), mentioning: "little-endian")
  }

  func testNotARM() {
    var b = ELFBuilder.program(status: 0)
    b.machine = 62
    expectRejected(b.build(), mentioning: "not ARM")
  }

  func testRelocatableObject() {
    var b = ELFBuilder.program(status: 0)
    b.type = 1
    expectRejected(b.build(), mentioning: "not an executable")
  }

  func testSegmentPastEndOfFile() {
    let bytes = ELFBuilder.program(status: 0).build()
    expectRejected(Array(bytes.dropLast(2)), mentioning: "past the end of the file")
  }

  func testOverlappingSegments() {
    var b = ELFBuilder.program(status: 0)
    b.segments.append(.init(vaddr: 2, paddr: 2, data: [0, 0, 0, 0], memsz: 4))
    expectRejected(b.build(), mentioning: "overlap")
  }

  func testHugeSegment() {
    var b = ELFBuilder.program(status: 0)
    b.segments.append(.init(vaddr: 0x2000_0000, paddr: 0x2000_0000, data: [], memsz: 0x1000_0000))
    expectRejected(b.build(), mentioning: "does not fit")
  }

  func testSegmentWrappingAddressSpace() {
    var b = ELFBuilder.program(status: 0)
    b.segments.append(.init(vaddr: 0xFFFF_FFF0, paddr: 0xFFFF_FFF0, data: [], memsz: 0x100))
    expectRejected(b.build(), mentioning: "wraps")
  }

  func testEntryOutsideMemory() {
    var b = ELFBuilder.program(status: 0)
    b.entry = 0x3000_0001
    expectRejected(b.build(), mentioning: "entry point")
  }

  func testEmptyBin() { expectRejected([], mentioning: "empty") }

  func testBinLargerThanFlash() {
    expectRejected(Array(repeating: 0, count: (1 << 20) + 2), mentioning: "larger than")
  }
}
