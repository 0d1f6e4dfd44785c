// Shared test support: a program whose loop is interrupted by SysTick, for tests that compare
// how interrupts land between instructions (stepped, memoised, translated blocks).

@testable import CortexM

/// A machine running `loop` then `bne loop; b .`, with SysTick firing every `reload + 1` cycles.
/// Layout: vector table at 0 (SysTick's handler at 0x100), thread code at 0x40 that arms SysTick
/// (RVR = `reload`, CVR = 0, CSR = 7 via r0–r3) and sets r4 = `iterations`, then `preamble` and
/// the loop (which must count r4 down with SUBS). The handler logs SysTick's current value and the
/// DWT register at 0xE000_1000 + `dwtOffset` through r9 (post-incremented from SRAM + 0x1000).
func sysTickLoopMachine(preamble: [Enc] = [], loop: [Enc], iterations: Int, reload: UInt32, dwtOffset: UInt16,
  board: Board = .generic) -> TestMachine
{
  var words = [UInt32](repeating: 0, count: 16)
  words[0] = 0x2004_0000
  words[15] = 0x101  // SysTick handler at 0x100
  var code: [UInt16] = words.flatMap { [UInt16($0 & 0xFFFF), UInt16($0 >> 16)] }
  code += [str(1, 0, 4), str(3, 0, 8), str(2, 0, 0), movs(4, iterations)].flatMap(\.halfwords)
  code += preamble.flatMap(\.halfwords)
  let head = code.count * 2
  code += loop.flatMap(\.halfwords)
  let here = code.count * 2
  code += bcond(1, head - (here + 4)).halfwords  // bne loop
  code += b(-4).halfwords  // b . : until the run's cycle limit
  code += [UInt16](repeating: 0xBF00, count: (0x100 - code.count * 2) / 2)
  code += [
    ldr(5, 0, 8), ldst8(.str, 5, 9, 4, .post),
    Enc(0xF8DF, 0x5000 | 12),  // ldr.w r5, [pc, #12]: the DWT register's address
    ldr(5, 5, 0), ldst8(.str, 5, 9, 4, .post), bx(14), Enc(0xBF00),
  ].flatMap(\.halfwords)
  code += [0x1000 | dwtOffset, 0xE000]  // .word 0xE0001000 + dwtOffset
  let t = TestMachine(code, board: board)
  t.m.pc = 0x40
  t[0] = 0xE000_E010
  t[1] = reload
  t[2] = 7
  t[3] = 0
  t[9] = 0x2000_1000
  return t
}
