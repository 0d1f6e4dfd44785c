// Stack and heap high-water marks (DESIGN.md): stack = the larger of (initial SP − lowest SP)
// and (initial SP − lowest address written in the stack region); heap = highest address written
// in the HEAPINFO heap, above its base.

import XCTest
@testable import CortexM

final class WatermarkTests: XCTestCase {
  let top: UInt32 = 0x2000_2000

  /// A machine whose stack region is [top − 0x800, top) and heap [0x2000_0100, 0x2000_1000).
  func machine(_ code: [Enc]) -> TestMachine {
    let t = TestMachine(code)
    t.m.watermarks.stackLimit = top - 0x800
    t.m.watermarks.heapBase = 0x2000_0100
    t.m.watermarks.heapLimit = 0x2000_1000
    t.m.setSP(top)
    t.m.watermarks.reset(stackTop: top)
    return t
  }

  func testLowestSPCounts() {
    // sub sp, #16; add sp, #16: 16 bytes below the initial SP, even after SP comes back
    let t = machine([subSP(16), addSP(16)])
    t.step(2)
    XCTAssertEqual(t.m.SP, top)
    XCTAssertEqual(t.m.watermarks.stackBytes, 16)
  }

  func testWriteBelowSPCounts() {
    // sub sp, #16; str r0, [sp, #-24] writes at top − 40 without moving SP there: 40
    let t = machine([subSP(16), ldst8(.str, 0, 13, -24)])
    t.step(2)
    XCTAssertEqual(t.m.watermarks.lowestSP, top - 16)
    XCTAssertEqual(t.m.watermarks.lowestStackWrite, top - 40)
    XCTAssertEqual(t.m.watermarks.stackBytes, 40)
  }

  func testPushCountsByBoth() {
    // push {r4-r7, lr}: SP and the lowest write are both top − 20
    let t = machine([push([4, 5, 6, 7, 14])])
    t.step()
    XCTAssertEqual(t.m.watermarks.stackBytes, 20)
  }

  func testHeapHighestWrite() {
    // str r0, [r1, #100]: end 0x104 above base; strb r0, [r1, #200] → 201; a lower write keeps 201
    let t = machine([str(0, 1, 100), ldst12(.strb, 0, 1, 200), str(0, 1, 0)])
    t[1] = 0x2000_0100
    t.step(1)
    XCTAssertEqual(t.m.watermarks.heapBytes, 104)
    t.step(2)
    XCTAssertEqual(t.m.watermarks.heapBytes, 201)
    XCTAssertEqual(t.m.watermarks.stackBytes, 0, "heap writes are not stack writes")
  }

  func testWritesOutsideBothRegionsCountForNeither() {
    // .data/.bss below the heap base
    let t = machine([str(0, 1, 0)])
    t[1] = 0x2000_0000
    t.step()
    XCTAssertEqual(t.m.watermarks.heapBytes, 0)
    XCTAssertEqual(t.m.watermarks.stackBytes, 0)
  }

  func testResetStartsANewWindow() {
    let t = machine([subSP(64), addSP(64), subSP(8)])
    t.step(2)
    XCTAssertEqual(t.m.watermarks.stackBytes, 64)
    t.m.watermarks.reset(stackTop: t.m.SP)
    t.step()
    XCTAssertEqual(t.m.watermarks.stackBytes, 8)
  }

  // MARK: Whole programs (the loader sets the regions from HEAPINFO)

  func program(_ name: String) throws -> Machine {
    let (_, stop, m) = try ProgramCorpusTests.run(Repo.url("Vectors/programs/\(name).elf"))
    XCTAssertEqual(stop, .exited(0))
    return m
  }

  func testHeapProgramUsesTheHeapAndLittleStack() throws {
    let m = try program("heap-O2")
    // heap.c allocates 48 KiB blocks: at least that much heap, and newlib's .data/.bss copy
    // (below the heap) is not counted as stack.
    XCTAssertGreaterThan(m.watermarks.heapBytes, 48 << 10)
    XCTAssertLessThan(m.watermarks.heapBytes, m.watermarks.heapLimit - m.watermarks.heapBase + 1)
    XCTAssertGreaterThan(m.watermarks.stackBytes, 0)
    XCTAssertLessThan(m.watermarks.stackBytes, 8 << 10)
    // the heap starts at the end of .bss (p_vaddr + p_memsz), not at the SRAM base
    XCTAssertGreaterThan(m.watermarks.heapBase, 0x2000_0000)
  }

  func testDeepRecursionShowsInTheStackMark() throws {
    // recursion.c recurses 2000 deep (≈112 KiB of stack at -O0): deeper than the 64 KiB reserve
    let m = try program("recursion-O0")
    XCTAssertGreaterThan(m.watermarks.stackBytes, 100 << 10)
    XCTAssertLessThan(m.watermarks.stackBytes, 200 << 10)
  }
}
