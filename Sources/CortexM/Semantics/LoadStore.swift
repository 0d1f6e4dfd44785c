// Single loads and stores, 16- and 32-bit (ARMv7-M ARM §A5.2.4 load/store single data item,
// §A5.3.7 load word, §A5.3.8 load halfword and memory hints, §A5.3.9 load byte and memory
// hints, §A5.3.10 store single data item, and the load/store parts of §A5.3.6: LDRD/STRD and the
// exclusives). One semantics function per instruction page (§A7.7), shared by its encodings;
// each encoding's decode clause follows the manual, SEE overlaps included.
//
// Policies (DESIGN.md: UNPREDICTABLE raises UsageFault UNDEFINSTR, reported "UNPREDICTABLE"):
// - `t == 15 && InITBlock() && !LastInITBlock()` is a decode-time condition in the manual, but it
//   depends on ITSTATE, which a decode cached per address cannot see: it is checked when the
//   instruction executes (`checkLoadPCInIT`).
// - LDR to the PC from an address with bits<1:0> != '00' is UNPREDICTABLE: we fault before any
//   register (the base included) is written.
// - Loads complete before any register is written (LDRD reads both words first), so a faulting
//   access leaves the registers as they were (precise faults).
// - The unallocated memory hints of §A5.3.8 (LDRH/LDRSH forms with Rt = PC) execute as NOPs, as
//   the manual says ("treat as NOP").

public enum LoadStore {
  public static let encodings: [Encoding] = [
    // MARK: LDR (immediate) §A7.7.42
    Encoding("LDR (immediate) T1", "01101iiiiinnnttt", "ldr{c} {t}, {mem}", .load, LDR_immediate) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i << 2
      i.index = true; i.add = true; i.wback = false
      return .ok
    },
    Encoding("LDR (immediate) T2", "10011tttiiiiiiii", "ldr{c} {t}, {mem}", .load, LDR_immediate) { f, i in
      i.t = f.r("t"); i.n = 13; i.imm32 = f.i << 2
      i.index = true; i.add = true; i.wback = false
      return .ok
    },
    Encoding("LDR (immediate) T3", "111110001101nnnnttttiiiiiiiiiiii", "ldr{c}.w {t}, {mem}", .load, LDR_immediate) { f, i in
      if f.n == 15 { return .see("LDR (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      return .ok
    },
    Encoding("LDR (immediate) T4", "111110000101nnnntttt1PUWiiiiiiii", "ldr{c} {t}, {memd}", .load, LDR_immediate) { f, i in
      if f.n == 15 { return .see("LDR (literal)") }
      if f.P == 1 && f.U == 1 && f.W == 0 { return .see("LDRT") }
      if f.n == 13 && f.P == 0 && f.U == 1 && f.W == 1 && f.i == 4 { return .see("POP") }
      if f.P == 0 && f.W == 0 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.wback && i.n == i.t { return .unpredictable("writeback to the loaded register") }
      return .ok
    },
    // POP (single register) is LDR SP post-indexed by 4 (§A7.7.98 T3); llvm-objdump prints it so.
    Encoding("POP T3", "1111100001011101tttt101100000100", "ldr{c} {t}, [sp], #4", .load, LoadStoreMultiple.POP) { f, i in
      i.n = 13; i.t = f.r("t"); i.registers = 1 << UInt16(i.t); i.extra = 1  // UnalignedAllowed
      if i.t == 13 { return .unpredictable("t is SP") }
      return .ok
    },

    // MARK: LDR (literal) §A7.7.43
    Encoding("LDR (literal) T1", "01001tttiiiiiiii", "ldr{c} {t}, {lit}", .load, LDR_literal) { f, i in
      i.t = f.r("t"); i.n = 15; i.imm32 = f.i << 2; i.add = true
      return .ok
    },
    Encoding("LDR (literal) T2", "11111000U1011111ttttiiiiiiiiiiii", "ldr{c}.w {t}, {lit}", .load, LDR_literal) { f, i in
      i.t = f.r("t"); i.n = 15; i.imm32 = f.i; i.add = f.bit("U")
      return .ok
    },

    // MARK: LDR (register) §A7.7.44
    Encoding("LDR (register) T1", "0101100mmmnnnttt", "ldr{c} {t}, {memr}", .load, LDR_register) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = 0
      return .ok
    },
    Encoding("LDR (register) T2", "111110000101nnnntttt000000iimmmm", "ldr{c}.w {t}, {memr}", .load, LDR_register) { f, i in
      if f.n == 15 { return .see("LDR (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.m == 13 || i.m == 15 { return .unpredictable("m is SP or PC") }
      return .ok
    },

    // MARK: LDRT §A7.7.66
    Encoding("LDRT T1", "111110000101nnnntttt1110iiiiiiii", "ldrt{c} {t}, {memd}", .load, LDRT) { f, i in
      if f.n == 15 { return .see("LDR (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false  // postindex = FALSE
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },

    // MARK: LDRB (immediate) §A7.7.45
    Encoding("LDRB (immediate) T1", "01111iiiiinnnttt", "ldrb{c} {t}, {mem}", .load, LDRB_immediate) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      return .ok
    },
    Encoding("LDRB (immediate) T2", "111110001001nnnnttttiiiiiiiiiiii", "ldrb{c}.w {t}, {mem}", .load, LDRB_immediate) { f, i in
      if f.t == 15 { return .see("PLD") }
      if f.n == 15 { return .see("LDRB (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 { return .unpredictable("t is SP") }
      return .ok
    },
    Encoding("LDRB (immediate) T3", "111110000001nnnntttt1PUWiiiiiiii", "ldrb{c} {t}, {memd}", .load, LDRB_immediate) { f, i in
      if f.t == 15 && f.P == 1 && f.U == 0 && f.W == 0 { return .see("PLD") }
      if f.n == 15 { return .see("LDRB (literal)") }
      if f.P == 1 && f.U == 1 && f.W == 0 { return .see("LDRBT") }
      if f.P == 0 && f.W == 0 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.t == 13 || (i.t == 15 && i.wback) || (i.wback && i.n == i.t) {
        return .unpredictable("t is SP, or PC with writeback, or writeback to the loaded register")
      }
      return .ok
    },

    // MARK: LDRB (literal) §A7.7.46
    Encoding("LDRB (literal) T1", "11111000U0011111ttttiiiiiiiiiiii", "ldrb{c}.w {t}, {lit}", .load, LDRB_literal) { f, i in
      if f.t == 15 { return .see("PLD") }
      i.t = f.r("t"); i.n = 15; i.imm32 = f.i; i.add = f.bit("U")
      if i.t == 13 { return .unpredictable("t is SP") }
      return .ok
    },

    // MARK: LDRB (register) §A7.7.47
    Encoding("LDRB (register) T1", "0101110mmmnnnttt", "ldrb{c} {t}, {memr}", .load, LDRB_register) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = 0
      return .ok
    },
    Encoding("LDRB (register) T2", "111110000001nnnntttt000000iimmmm", "ldrb{c}.w {t}, {memr}", .load, LDRB_register) { f, i in
      if f.t == 15 { return .see("PLD") }
      if f.n == 15 { return .see("LDRB (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.t == 13 || i.m == 13 || i.m == 15 { return .unpredictable("t is SP, or m is SP or PC") }
      return .ok
    },

    // MARK: LDRBT §A7.7.48
    Encoding("LDRBT T1", "111110000001nnnntttt1110iiiiiiii", "ldrbt{c} {t}, {memd}", .load, LDRBT) { f, i in
      if f.n == 15 { return .see("LDRB (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },

    // MARK: LDRH (immediate) §A7.7.54
    Encoding("LDRH (immediate) T1", "10001iiiiinnnttt", "ldrh{c} {t}, {mem}", .load, LDRH_immediate) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i << 1
      i.index = true; i.add = true; i.wback = false
      return .ok
    },
    Encoding("LDRH (immediate) T2", "111110001011nnnnttttiiiiiiiiiiii", "ldrh{c}.w {t}, {mem}", .load, LDRH_immediate) { f, i in
      if f.t == 15 { return .see("unallocated memory hint") }
      if f.n == 15 { return .see("LDRH (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 { return .unpredictable("t is SP") }
      return .ok
    },
    Encoding("LDRH (immediate) T3", "111110000011nnnntttt1PUWiiiiiiii", "ldrh{c} {t}, {memd}", .load, LDRH_immediate) { f, i in
      if f.n == 15 { return .see("LDRH (literal)") }
      if f.t == 15 && f.P == 1 && f.U == 0 && f.W == 0 { return .see("unallocated memory hint") }
      if f.P == 1 && f.U == 1 && f.W == 0 { return .see("LDRHT") }
      if f.P == 0 && f.W == 0 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.t == 13 || (i.t == 15 && i.wback) || (i.wback && i.n == i.t) {
        return .unpredictable("t is SP, or PC with writeback, or writeback to the loaded register")
      }
      return .ok
    },

    // MARK: LDRH (literal) §A7.7.55
    Encoding("LDRH (literal) T1", "11111000U0111111ttttiiiiiiiiiiii", "ldrh{c}.w {t}, {lit}", .load, LDRH_literal) { f, i in
      if f.t == 15 { return .see("unallocated memory hint") }
      i.t = f.r("t"); i.n = 15; i.imm32 = f.i; i.add = f.bit("U")
      if i.t == 13 { return .unpredictable("t is SP") }
      return .ok
    },

    // MARK: LDRH (register) §A7.7.56
    Encoding("LDRH (register) T1", "0101101mmmnnnttt", "ldrh{c} {t}, {memr}", .load, LDRH_register) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = 0
      return .ok
    },
    Encoding("LDRH (register) T2", "111110000011nnnntttt000000iimmmm", "ldrh{c}.w {t}, {memr}", .load, LDRH_register) { f, i in
      if f.n == 15 { return .see("LDRH (literal)") }
      if f.t == 15 { return .see("unallocated memory hint") }
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.t == 13 || i.m == 13 || i.m == 15 { return .unpredictable("t is SP, or m is SP or PC") }
      return .ok
    },

    // MARK: LDRHT §A7.7.57
    Encoding("LDRHT T1", "111110000011nnnntttt1110iiiiiiii", "ldrht{c} {t}, {memd}", .load, LDRHT) { f, i in
      if f.n == 15 { return .see("LDRH (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },

    // MARK: LDRSB (immediate) §A7.7.58
    Encoding("LDRSB (immediate) T1", "111110011001nnnnttttiiiiiiiiiiii", "ldrsb{c}.w {t}, {mem}", .load, LDRSB_immediate) { f, i in
      if f.t == 15 { return .see("PLI") }
      if f.n == 15 { return .see("LDRSB (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 { return .unpredictable("t is SP") }
      return .ok
    },
    Encoding("LDRSB (immediate) T2", "111110010001nnnntttt1PUWiiiiiiii", "ldrsb{c} {t}, {memd}", .load, LDRSB_immediate) { f, i in
      if f.t == 15 && f.P == 1 && f.U == 0 && f.W == 0 { return .see("PLI") }
      if f.n == 15 { return .see("LDRSB (literal)") }
      if f.P == 1 && f.U == 1 && f.W == 0 { return .see("LDRSBT") }
      if f.P == 0 && f.W == 0 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.t == 13 || (i.t == 15 && i.wback) || (i.wback && i.n == i.t) {
        return .unpredictable("t is SP, or PC with writeback, or writeback to the loaded register")
      }
      return .ok
    },

    // MARK: LDRSB (literal) §A7.7.59
    Encoding("LDRSB (literal) T1", "11111001U0011111ttttiiiiiiiiiiii", "ldrsb{c}.w {t}, {lit}", .load, LDRSB_literal) { f, i in
      if f.t == 15 { return .see("PLI") }
      i.t = f.r("t"); i.n = 15; i.imm32 = f.i; i.add = f.bit("U")
      if i.t == 13 { return .unpredictable("t is SP") }
      return .ok
    },

    // MARK: LDRSB (register) §A7.7.60
    Encoding("LDRSB (register) T1", "0101011mmmnnnttt", "ldrsb{c} {t}, {memr}", .load, LDRSB_register) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = 0
      return .ok
    },
    Encoding("LDRSB (register) T2", "111110010001nnnntttt000000iimmmm", "ldrsb{c}.w {t}, {memr}", .load, LDRSB_register) { f, i in
      if f.t == 15 { return .see("PLI") }
      if f.n == 15 { return .see("LDRSB (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.t == 13 || i.m == 13 || i.m == 15 { return .unpredictable("t is SP, or m is SP or PC") }
      return .ok
    },

    // MARK: LDRSBT §A7.7.61
    Encoding("LDRSBT T1", "111110010001nnnntttt1110iiiiiiii", "ldrsbt{c} {t}, {memd}", .load, LDRSBT) { f, i in
      if f.n == 15 { return .see("LDRSB (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },

    // MARK: LDRSH (immediate) §A7.7.62
    Encoding("LDRSH (immediate) T1", "111110011011nnnnttttiiiiiiiiiiii", "ldrsh{c}.w {t}, {mem}", .load, LDRSH_immediate) { f, i in
      if f.n == 15 { return .see("LDRSH (literal)") }
      if f.t == 15 { return .see("unallocated memory hint") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 { return .unpredictable("t is SP") }
      return .ok
    },
    Encoding("LDRSH (immediate) T2", "111110010011nnnntttt1PUWiiiiiiii", "ldrsh{c} {t}, {memd}", .load, LDRSH_immediate) { f, i in
      if f.n == 15 { return .see("LDRSH (literal)") }
      if f.t == 15 && f.P == 1 && f.U == 0 && f.W == 0 { return .see("unallocated memory hint") }
      if f.P == 1 && f.U == 1 && f.W == 0 { return .see("LDRSHT") }
      if f.P == 0 && f.W == 0 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.t == 13 || (i.t == 15 && i.wback) || (i.wback && i.n == i.t) {
        return .unpredictable("t is SP, or PC with writeback, or writeback to the loaded register")
      }
      return .ok
    },

    // MARK: LDRSH (literal) §A7.7.63
    Encoding("LDRSH (literal) T1", "11111001U0111111ttttiiiiiiiiiiii", "ldrsh{c}.w {t}, {lit}", .load, LDRSH_literal) { f, i in
      if f.t == 15 { return .see("unallocated memory hint") }
      i.t = f.r("t"); i.n = 15; i.imm32 = f.i; i.add = f.bit("U")
      if i.t == 13 { return .unpredictable("t is SP") }
      return .ok
    },

    // MARK: LDRSH (register) §A7.7.64
    Encoding("LDRSH (register) T1", "0101111mmmnnnttt", "ldrsh{c} {t}, {memr}", .load, LDRSH_register) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = 0
      return .ok
    },
    Encoding("LDRSH (register) T2", "111110010011nnnntttt000000iimmmm", "ldrsh{c}.w {t}, {memr}", .load, LDRSH_register) { f, i in
      if f.n == 15 { return .see("LDRSH (literal)") }
      if f.t == 15 { return .see("unallocated memory hint") }
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.t == 13 || i.m == 13 || i.m == 15 { return .unpredictable("t is SP, or m is SP or PC") }
      return .ok
    },

    // MARK: LDRSHT §A7.7.65
    Encoding("LDRSHT T1", "111110010011nnnntttt1110iiiiiiii", "ldrsht{c} {t}, {memd}", .load, LDRSHT) { f, i in
      if f.n == 15 { return .see("LDRSH (literal)") }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },

    // MARK: Unallocated memory hints §A5.3.8 (LDRH/LDRSH space with Rt = PC: "treat as NOP")
    Encoding("Unallocated memory hint", "1111100SU011nnnn1111ooooooxxxxxx", "nop{c}.w", .hint, UnallocatedMemoryHint) { f, i in
      // op1 = S:U. Literal forms (Rn = PC), imm12 forms (op1 = x1), and the imm8-negative
      // (op2 = 1100xx) and register (op2 = 000000) forms are hints; the rest belong to LDRH/LDRSH.
      let op2 = f.o
      guard f.n == 15 || f.U == 1 || op2 == 0 || op2 >> 2 == 0b1100 else { return .see("LDRH/LDRSH") }
      return .ok
    },

    // MARK: PLD (immediate) §A7.7.93, PLD (literal) §A7.7.94, PLD (register) §A7.7.95
    Encoding("PLD (immediate) T1", "111110001001nnnn1111iiiiiiiiiiii", "pld{c} {mem}", .hint, PLD_immediate) { f, i in
      if f.n == 15 { return .see("PLD (literal)") }
      i.n = f.r("n"); i.imm32 = f.i; i.add = true; i.index = true
      return .ok
    },
    Encoding("PLD (immediate) T2", "111110000001nnnn11111100iiiiiiii", "pld{c} {memd}", .hint, PLD_immediate) { f, i in
      if f.n == 15 { return .see("PLD (literal)") }
      i.n = f.r("n"); i.imm32 = f.i; i.add = false; i.index = true
      return .ok
    },
    Encoding("PLD (literal) T1", "11111000U00111111111iiiiiiiiiiii", "pld{c} {lit}", .hint, PLD_literal) { f, i in
      i.n = 15; i.imm32 = f.i; i.add = f.bit("U")
      return .ok
    },
    Encoding("PLD (register) T1", "111110000001nnnn1111000000iimmmm", "pld{c} {memr}", .hint, PLD_register) { f, i in
      if f.n == 15 { return .see("PLD (literal)") }
      i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.m == 13 || i.m == 15 { return .unpredictable("m is SP or PC") }
      return .ok
    },

    // MARK: PLI (immediate, literal) §A7.7.96, PLI (register) §A7.7.97
    Encoding("PLI (immediate, literal) T1", "111110011001nnnn1111iiiiiiiiiiii", "pli{c} {mem}", .hint, PLI_immediate) { f, i in
      if f.n == 15 { return .see("PLI (immediate, literal) T3") }
      i.n = f.r("n"); i.imm32 = f.i; i.add = true; i.index = true
      return .ok
    },
    Encoding("PLI (immediate, literal) T2", "111110010001nnnn11111100iiiiiiii", "pli{c} {memd}", .hint, PLI_immediate) { f, i in
      if f.n == 15 { return .see("PLI (immediate, literal) T3") }
      i.n = f.r("n"); i.imm32 = f.i; i.add = false; i.index = true
      return .ok
    },
    Encoding("PLI (immediate, literal) T3", "11111001U00111111111iiiiiiiiiiii", "pli{c} {lit}", .hint, PLI_immediate) { f, i in
      i.n = 15; i.imm32 = f.i; i.add = f.bit("U"); i.index = true
      return .ok
    },
    Encoding("PLI (register) T1", "111110010001nnnn1111000000iimmmm", "pli{c} {memr}", .hint, PLI_register) { f, i in
      if f.n == 15 { return .see("PLI (immediate, literal)") }
      i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.m == 13 || i.m == 15 { return .unpredictable("m is SP or PC") }
      return .ok
    },

    // MARK: STR (immediate) §A7.7.158
    Encoding("STR (immediate) T1", "01100iiiiinnnttt", "str{c} {t}, {mem}", .store, STR_immediate) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i << 2
      i.index = true; i.add = true; i.wback = false
      return .ok
    },
    Encoding("STR (immediate) T2", "10010tttiiiiiiii", "str{c} {t}, {mem}", .store, STR_immediate) { f, i in
      i.t = f.r("t"); i.n = 13; i.imm32 = f.i << 2
      i.index = true; i.add = true; i.wback = false
      return .ok
    },
    Encoding("STR (immediate) T3", "111110001100nnnnttttiiiiiiiiiiii", "str{c}.w {t}, {mem}", .store, STR_immediate) { f, i in
      if f.n == 15 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 15 { return .unpredictable("t is PC") }
      return .ok
    },
    Encoding("STR (immediate) T4", "111110000100nnnntttt1PUWiiiiiiii", "str{c} {t}, {memd}", .store, STR_immediate) { f, i in
      if f.P == 1 && f.U == 1 && f.W == 0 { return .see("STRT") }
      if f.n == 13 && f.P == 1 && f.U == 0 && f.W == 1 && f.i == 4 { return .see("PUSH") }
      if f.n == 15 || (f.P == 0 && f.W == 0) { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.t == 15 || (i.wback && i.n == i.t) { return .unpredictable("t is PC, or writeback to the stored register") }
      return .ok
    },
    // PUSH (single register) is STR SP pre-indexed by -4 (§A7.7.99 T3); llvm-objdump prints it so.
    Encoding("PUSH T3", "1111100001001101tttt110100000100", "str{c} {t}, [sp, #-4]!", .store, LoadStoreMultiple.PUSH) { f, i in
      i.n = 13; i.t = f.r("t"); i.registers = 1 << UInt16(i.t); i.extra = 1  // UnalignedAllowed
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },

    // MARK: STR (register) §A7.7.159
    Encoding("STR (register) T1", "0101000mmmnnnttt", "str{c} {t}, {memr}", .storeRegOffset, STR_register) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = 0
      return .ok
    },
    Encoding("STR (register) T2", "111110000100nnnntttt000000iimmmm", "str{c}.w {t}, {memr}", .storeRegOffset, STR_register) { f, i in
      if f.n == 15 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.t == 15 || i.m == 13 || i.m == 15 { return .unpredictable("t is PC, or m is SP or PC") }
      return .ok
    },

    // MARK: STRT §A7.7.170
    Encoding("STRT T1", "111110000100nnnntttt1110iiiiiiii", "strt{c} {t}, {memd}", .store, STRT) { f, i in
      if f.n == 15 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },

    // MARK: STRB (immediate) §A7.7.160
    Encoding("STRB (immediate) T1", "01110iiiiinnnttt", "strb{c} {t}, {mem}", .store, STRB_immediate) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      return .ok
    },
    Encoding("STRB (immediate) T2", "111110001000nnnnttttiiiiiiiiiiii", "strb{c}.w {t}, {mem}", .store, STRB_immediate) { f, i in
      if f.n == 15 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },
    Encoding("STRB (immediate) T3", "111110000000nnnntttt1PUWiiiiiiii", "strb{c} {t}, {memd}", .store, STRB_immediate) { f, i in
      if f.P == 1 && f.U == 1 && f.W == 0 { return .see("STRBT") }
      if f.n == 15 || (f.P == 0 && f.W == 0) { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.t == 13 || i.t == 15 || (i.wback && i.n == i.t) {
        return .unpredictable("t is SP or PC, or writeback to the stored register")
      }
      return .ok
    },

    // MARK: STRB (register) §A7.7.161
    Encoding("STRB (register) T1", "0101010mmmnnnttt", "strb{c} {t}, {memr}", .storeRegOffset, STRB_register) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = 0
      return .ok
    },
    Encoding("STRB (register) T2", "111110000000nnnntttt000000iimmmm", "strb{c}.w {t}, {memr}", .storeRegOffset, STRB_register) { f, i in
      if f.n == 15 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.t == 13 || i.t == 15 || i.m == 13 || i.m == 15 { return .unpredictable("t or m is SP or PC") }
      return .ok
    },

    // MARK: STRBT §A7.7.162
    Encoding("STRBT T1", "111110000000nnnntttt1110iiiiiiii", "strbt{c} {t}, {memd}", .store, STRBT) { f, i in
      if f.n == 15 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },

    // MARK: STRH (immediate) §A7.7.167
    Encoding("STRH (immediate) T1", "10000iiiiinnnttt", "strh{c} {t}, {mem}", .store, STRH_immediate) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i << 1
      i.index = true; i.add = true; i.wback = false
      return .ok
    },
    Encoding("STRH (immediate) T2", "111110001010nnnnttttiiiiiiiiiiii", "strh{c}.w {t}, {mem}", .store, STRH_immediate) { f, i in
      if f.n == 15 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },
    Encoding("STRH (immediate) T3", "111110000010nnnntttt1PUWiiiiiiii", "strh{c} {t}, {memd}", .store, STRH_immediate) { f, i in
      if f.P == 1 && f.U == 1 && f.W == 0 { return .see("STRHT") }
      if f.n == 15 || (f.P == 0 && f.W == 0) { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.t == 13 || i.t == 15 || (i.wback && i.n == i.t) {
        return .unpredictable("t is SP or PC, or writeback to the stored register")
      }
      return .ok
    },

    // MARK: STRH (register) §A7.7.168
    Encoding("STRH (register) T1", "0101001mmmnnnttt", "strh{c} {t}, {memr}", .storeRegOffset, STRH_register) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = 0
      return .ok
    },
    Encoding("STRH (register) T2", "111110000010nnnntttt000000iimmmm", "strh{c}.w {t}, {memr}", .storeRegOffset, STRH_register) { f, i in
      if f.n == 15 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.m = f.r("m"); i.shift_t = .LSL; i.shift_n = UInt8(f.i)
      if i.t == 13 || i.t == 15 || i.m == 13 || i.m == 15 { return .unpredictable("t or m is SP or PC") }
      return .ok
    },

    // MARK: STRHT §A7.7.169
    Encoding("STRHT T1", "111110000010nnnntttt1110iiiiiiii", "strht{c} {t}, {memd}", .store, STRHT) { f, i in
      if f.n == 15 { return .undefined }
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i
      i.index = true; i.add = true; i.wback = false
      if i.t == 13 || i.t == 15 { return .unpredictable("t is SP or PC") }
      return .ok
    },

    // MARK: LDRD (immediate) §A7.7.49, LDRD (literal) §A7.7.50, STRD (immediate) §A7.7.163
    Encoding("LDRD (immediate) T1", "1110100PU1W1nnnnttttssssiiiiiiii", "ldrd{c} {t}, {t2}, {memd}", .loadDouble, LDRD_immediate) { f, i in
      if f.P == 0 && f.W == 0 { return .see("load/store exclusive, table branch") }
      if f.n == 15 { return .see("LDRD (literal)") }
      i.t = f.r("t"); i.t2 = f.r("s"); i.n = f.r("n"); i.imm32 = f.i << 2
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.wback && (i.n == i.t || i.n == i.t2) { return .unpredictable("writeback to a loaded register") }
      if i.t == 13 || i.t == 15 || i.t2 == 13 || i.t2 == 15 || i.t == i.t2 {
        return .unpredictable("t or t2 is SP or PC, or t == t2")
      }
      return .ok
    },
    Encoding("LDRD (literal) T1", "1110100PU1W11111ttttssssiiiiiiii", "ldrd{c} {t}, {t2}, {litd}", .loadDouble, LDRD_literal) { f, i in
      if f.P == 0 && f.W == 0 { return .see("load/store exclusive, table branch") }
      i.t = f.r("t"); i.t2 = f.r("s"); i.n = 15; i.imm32 = f.i << 2; i.add = f.bit("U")
      if i.t == 13 || i.t == 15 || i.t2 == 13 || i.t2 == 15 || i.t == i.t2 {
        return .unpredictable("t or t2 is SP or PC, or t == t2")
      }
      if f.W == 1 { return .unpredictable("writeback to the PC") }
      return .ok
    },
    Encoding("STRD (immediate) T1", "1110100PU1W0nnnnttttssssiiiiiiii", "strd{c} {t}, {t2}, {memd}", .storeDouble, STRD_immediate) { f, i in
      if f.P == 0 && f.W == 0 { return .see("load/store exclusive, table branch") }
      i.t = f.r("t"); i.t2 = f.r("s"); i.n = f.r("n"); i.imm32 = f.i << 2
      i.index = f.bit("P"); i.add = f.bit("U"); i.wback = f.bit("W")
      if i.wback && (i.n == i.t || i.n == i.t2) { return .unpredictable("writeback to a stored register") }
      if i.n == 15 || i.t == 13 || i.t == 15 || i.t2 == 13 || i.t2 == 15 {
        return .unpredictable("n is PC, or t or t2 is SP or PC")
      }
      return .ok
    },

    // MARK: LDREX §A7.7.51, LDREXB §A7.7.52, LDREXH §A7.7.53
    Encoding("LDREX T1", "111010000101nnnntttt(1)(1)(1)(1)iiiiiiii", "ldrex{c} {t}, {mem}", .exclusive, LDREX) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i << 2; i.index = true; i.add = true
      if i.t == 13 || i.t == 15 || i.n == 15 { return .unpredictable("t is SP or PC, or n is PC") }
      return .ok
    },
    Encoding("LDREXB T1", "111010001101nnnntttt(1)(1)(1)(1)0100(1)(1)(1)(1)", "ldrexb{c} {t}, {mem}", .exclusive, LDREXB) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.index = true; i.add = true
      if i.t == 13 || i.t == 15 || i.n == 15 { return .unpredictable("t is SP or PC, or n is PC") }
      return .ok
    },
    Encoding("LDREXH T1", "111010001101nnnntttt(1)(1)(1)(1)0101(1)(1)(1)(1)", "ldrexh{c} {t}, {mem}", .exclusive, LDREXH) { f, i in
      i.t = f.r("t"); i.n = f.r("n"); i.index = true; i.add = true
      if i.t == 13 || i.t == 15 || i.n == 15 { return .unpredictable("t is SP or PC, or n is PC") }
      return .ok
    },

    // MARK: STREX §A7.7.164, STREXB §A7.7.165, STREXH §A7.7.166
    Encoding("STREX T1", "111010000100nnnnttttddddiiiiiiii", "strex{c} {d}, {t}, {mem}", .exclusive, STREX) { f, i in
      i.d = f.r("d"); i.t = f.r("t"); i.n = f.r("n"); i.imm32 = f.i << 2; i.index = true; i.add = true
      if i.d == 13 || i.d == 15 || i.t == 13 || i.t == 15 || i.n == 15 {
        return .unpredictable("d or t is SP or PC, or n is PC")
      }
      if i.d == i.n || i.d == i.t { return .unpredictable("d is n or t") }
      return .ok
    },
    Encoding("STREXB T1", "111010001100nnnntttt(1)(1)(1)(1)0100dddd", "strexb{c} {d}, {t}, {mem}", .exclusive, STREXB) { f, i in
      i.d = f.r("d"); i.t = f.r("t"); i.n = f.r("n"); i.index = true; i.add = true
      if i.d == 13 || i.d == 15 || i.t == 13 || i.t == 15 || i.n == 15 {
        return .unpredictable("d or t is SP or PC, or n is PC")
      }
      if i.d == i.n || i.d == i.t { return .unpredictable("d is n or t") }
      return .ok
    },
    Encoding("STREXH T1", "111010001100nnnntttt(1)(1)(1)(1)0101dddd", "strexh{c} {d}, {t}, {mem}", .exclusive, STREXH) { f, i in
      i.d = f.r("d"); i.t = f.r("t"); i.n = f.r("n"); i.index = true; i.add = true
      if i.d == 13 || i.d == 15 || i.t == 13 || i.t == 15 || i.n == 15 {
        return .unpredictable("d or t is SP or PC, or n is PC")
      }
      if i.d == i.n || i.d == i.t { return .unpredictable("d is n or t") }
      return .ok
    },
  ]

  // MARK: - Shared checks

  /// The decode-time condition `t == 15 && InITBlock() && !LastInITBlock()` (a load of the PC must
  /// be the last instruction of an IT block). It depends on ITSTATE, which a decode cached per
  /// address cannot see, so it is checked when the instruction executes.
  @inline(__always)
  static func checkLoadPCInIT(_ m: Machine, _ loadsPC: Bool) throws(Fault) {
    if loadsPC && m.InITBlock && !m.LastInITBlock {
      throw Fault(.unpredictable, "a load of the PC inside an IT block that is not its last instruction")
    }
  }

  /// `if address<1:0> == '00' then LoadWritePC(data) else UNPREDICTABLE`: checked before any
  /// register is written, so the UNPREDICTABLE case faults precisely.
  @inline(__always)
  static func checkPCLoadAddress(_ address: UInt32) throws(Fault) {
    if address & 3 != 0 {
      throw Fault(.unpredictable, address: address, "load of the PC from 0x\(hex(address)), which is not word-aligned")
    }
  }

  // MARK: - LDR

  /// LDR (immediate) §A7.7.42.
  @_transparent
  static func LDR_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    try checkLoadPCInIT(m, i.t == 15)
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    let data = try m.MemU(address, 4)
    if i.t == 15 { try checkPCLoadAddress(address) }
    if i.wback { m.setR(i.n, offset_addr) }
    if i.t == 15 {
      m.LoadWritePC(data)
    } else {
      m.setR(i.t, data)
    }
  }

  /// LDR (literal) §A7.7.43.
  @_transparent
  static func LDR_literal(_ m: Machine, _ i: Instruction) throws(Fault) {
    try checkLoadPCInIT(m, i.t == 15)
    let base = m.alignedPC
    let address = i.add ? base &+ i.imm32 : base &- i.imm32
    let data = try m.MemU(address, 4)
    if i.t == 15 {
      try checkPCLoadAddress(address)
      m.LoadWritePC(data)
    } else {
      m.setR(i.t, data)
    }
  }

  /// LDR (register) §A7.7.44.
  @_transparent
  static func LDR_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    try checkLoadPCInIT(m, i.t == 15)
    let offset = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let address = m.R(i.n) &+ offset
    let data = try m.MemU(address, 4)
    if i.t == 15 {
      try checkPCLoadAddress(address)
      m.LoadWritePC(data)
    } else {
      m.setR(i.t, data)
    }
  }

  /// LDRT §A7.7.66: `address = R[n] + imm32; data = MemU_unpriv[address,4]; R[t] = data`.
  static func LDRT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    let data = try m.MemU_unpriv(address, 4)
    m.setR(i.t, data)
  }

  // MARK: - LDRB, LDRSB

  /// LDRB (immediate) §A7.7.45.
  @_transparent
  static func LDRB_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    m.setR(i.t, try m.MemU(address, 1))  // ZeroExtend(MemU[address,1], 32)
    if i.wback { m.setR(i.n, offset_addr) }
  }

  /// LDRB (literal) §A7.7.46.
  static func LDRB_literal(_ m: Machine, _ i: Instruction) throws(Fault) {
    let base = m.alignedPC
    let address = i.add ? base &+ i.imm32 : base &- i.imm32
    m.setR(i.t, try m.MemU(address, 1))
  }

  /// LDRB (register) §A7.7.47.
  @_transparent
  static func LDRB_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let address = m.R(i.n) &+ offset
    m.setR(i.t, try m.MemU(address, 1))
  }

  /// LDRBT §A7.7.48.
  static func LDRBT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    m.setR(i.t, try m.MemU_unpriv(address, 1))
  }

  /// LDRSB (immediate) §A7.7.58.
  @_transparent
  static func LDRSB_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    m.setR(i.t, SignExtend(try m.MemU(address, 1), 8))
    if i.wback { m.setR(i.n, offset_addr) }
  }

  /// LDRSB (literal) §A7.7.59.
  static func LDRSB_literal(_ m: Machine, _ i: Instruction) throws(Fault) {
    let base = m.alignedPC
    let address = i.add ? base &+ i.imm32 : base &- i.imm32
    m.setR(i.t, SignExtend(try m.MemU(address, 1), 8))
  }

  /// LDRSB (register) §A7.7.60.
  static func LDRSB_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let address = m.R(i.n) &+ offset
    m.setR(i.t, SignExtend(try m.MemU(address, 1), 8))
  }

  /// LDRSBT §A7.7.61.
  static func LDRSBT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    m.setR(i.t, SignExtend(try m.MemU_unpriv(address, 1), 8))
  }

  // MARK: - LDRH, LDRSH

  /// LDRH (immediate) §A7.7.54.
  @_transparent
  static func LDRH_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    let data = try m.MemU(address, 2)
    if i.wback { m.setR(i.n, offset_addr) }
    m.setR(i.t, data)  // ZeroExtend(data, 32)
  }

  /// LDRH (literal) §A7.7.55.
  static func LDRH_literal(_ m: Machine, _ i: Instruction) throws(Fault) {
    let base = m.alignedPC
    let address = i.add ? base &+ i.imm32 : base &- i.imm32
    let data = try m.MemU(address, 2)
    m.setR(i.t, data)
  }

  /// LDRH (register) §A7.7.56.
  @_transparent
  static func LDRH_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let address = m.R(i.n) &+ offset
    let data = try m.MemU(address, 2)
    m.setR(i.t, data)
  }

  /// LDRHT §A7.7.57.
  static func LDRHT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    let data = try m.MemU_unpriv(address, 2)
    m.setR(i.t, data)
  }

  /// LDRSH (immediate) §A7.7.62.
  @_transparent
  static func LDRSH_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    let data = try m.MemU(address, 2)
    if i.wback { m.setR(i.n, offset_addr) }
    m.setR(i.t, SignExtend(data, 16))
  }

  /// LDRSH (literal) §A7.7.63.
  static func LDRSH_literal(_ m: Machine, _ i: Instruction) throws(Fault) {
    let base = m.alignedPC
    let address = i.add ? base &+ i.imm32 : base &- i.imm32
    let data = try m.MemU(address, 2)
    m.setR(i.t, SignExtend(data, 16))
  }

  /// LDRSH (register) §A7.7.64.
  static func LDRSH_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let address = m.R(i.n) &+ offset
    let data = try m.MemU(address, 2)
    m.setR(i.t, SignExtend(data, 16))
  }

  /// LDRSHT §A7.7.65.
  static func LDRSHT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    let data = try m.MemU_unpriv(address, 2)
    m.setR(i.t, SignExtend(data, 16))
  }

  // MARK: - Memory hints

  /// Unallocated memory hint (§A5.3.8, "treat as NOP").
  static func UnallocatedMemoryHint(_ m: Machine, _ i: Instruction) throws(Fault) {}

  /// PLD (immediate) §A7.7.93: `Hint_PreloadData(address)`: no architectural effect, no access.
  static func PLD_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {}

  /// PLD (literal) §A7.7.94: `Hint_PreloadData(address)`.
  static func PLD_literal(_ m: Machine, _ i: Instruction) throws(Fault) {}

  /// PLD (register) §A7.7.95: `Hint_PreloadData(address)`.
  static func PLD_register(_ m: Machine, _ i: Instruction) throws(Fault) {}

  /// PLI (immediate, literal) §A7.7.96: `Hint_PreloadInstr(address)`.
  static func PLI_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {}

  /// PLI (register) §A7.7.97: `Hint_PreloadInstr(address)`.
  static func PLI_register(_ m: Machine, _ i: Instruction) throws(Fault) {}

  // MARK: - STR, STRB, STRH

  /// STR (immediate) §A7.7.158.
  @_transparent
  static func STR_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    try m.MemU(address, 4, write: m.R(i.t))
    if i.wback { m.setR(i.n, offset_addr) }
  }

  /// STR (register) §A7.7.159.
  @_transparent
  static func STR_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let address = m.R(i.n) &+ offset
    let data = m.R(i.t)
    try m.MemU(address, 4, write: data)
  }

  /// STRT §A7.7.170.
  static func STRT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    let data = m.R(i.t)
    try m.MemU_unpriv(address, 4, write: data)
  }

  /// STRB (immediate) §A7.7.160.
  @_transparent
  static func STRB_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    try m.MemU(address, 1, write: m.R(i.t) & 0xFF)
    if i.wback { m.setR(i.n, offset_addr) }
  }

  /// STRB (register) §A7.7.161.
  @_transparent
  static func STRB_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let address = m.R(i.n) &+ offset
    try m.MemU(address, 1, write: m.R(i.t) & 0xFF)
  }

  /// STRBT §A7.7.162.
  static func STRBT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    try m.MemU_unpriv(address, 1, write: m.R(i.t) & 0xFF)
  }

  /// STRH (immediate) §A7.7.167.
  @_transparent
  static func STRH_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    try m.MemU(address, 2, write: m.R(i.t) & 0xFFFF)
    if i.wback { m.setR(i.n, offset_addr) }
  }

  /// STRH (register) §A7.7.168.
  @_transparent
  static func STRH_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let address = m.R(i.n) &+ offset
    try m.MemU(address, 2, write: m.R(i.t) & 0xFFFF)
  }

  /// STRHT §A7.7.169.
  static func STRHT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    try m.MemU_unpriv(address, 2, write: m.R(i.t) & 0xFFFF)
  }

  // MARK: - LDRD, STRD

  /// LDRD (immediate) §A7.7.49. Both words are read before R[t] is written (precise faults);
  /// the accesses happen in the manual's order.
  @_transparent
  static func LDRD_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    let data = try m.MemA(address, 4)
    let data2 = try m.MemA(address &+ 4, 4)
    m.setR(i.t, data)
    m.setR(i.t2, data2)
    if i.wback { m.setR(i.n, offset_addr) }
  }

  /// LDRD (literal) §A7.7.50: `address = Align(PC,4) ± imm32`.
  static func LDRD_literal(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = i.add ? m.alignedPC &+ i.imm32 : m.alignedPC &- i.imm32
    let data = try m.MemA(address, 4)
    let data2 = try m.MemA(address &+ 4, 4)
    m.setR(i.t, data)
    m.setR(i.t2, data2)
  }

  /// STRD (immediate) §A7.7.163.
  @_transparent
  static func STRD_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let offset_addr = i.add ? m.R(i.n) &+ i.imm32 : m.R(i.n) &- i.imm32
    let address = i.index ? offset_addr : m.R(i.n)
    try m.MemA(address, 4, write: m.R(i.t))
    try m.MemA(address &+ 4, 4, write: m.R(i.t2))
    if i.wback { m.setR(i.n, offset_addr) }
  }

  // MARK: - Exclusives (§A3.4: the local monitor)

  /// `SetExclusiveMonitors(address, size)`: tag the local monitor with `address`.
  @inline(__always)
  static func SetExclusiveMonitors(_ m: Machine, _ address: UInt32, _ size: UInt32) {
    m.exclusiveAddress = address
  }

  /// `ExclusiveMonitorsPass(address, size)`: a misaligned address faults (UsageFault UNALIGNED)
  /// whatever the monitor's state; the store may go ahead only if the local monitor is tagged
  /// with `address`. The monitor returns to Open Access either way.
  @inline(__always)
  static func ExclusiveMonitorsPass(_ m: Machine, _ address: UInt32, _ size: UInt32) throws(Fault) -> Bool {
    if address & (size &- 1) != 0 {
      throw Fault(.unaligned, address: address, "\(size)-byte exclusive store at 0x\(hex(address)) must be aligned")
    }
    let passed = m.exclusiveAddress == address
    m.exclusiveAddress = nil
    return passed
  }

  /// LDREX §A7.7.51.
  static func LDREX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    SetExclusiveMonitors(m, address, 4)
    m.setR(i.t, try m.MemA(address, 4))
  }

  /// LDREXB §A7.7.52.
  static func LDREXB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n)
    SetExclusiveMonitors(m, address, 1)
    m.setR(i.t, try m.MemA(address, 1))  // ZeroExtend(MemA[address,1], 32)
  }

  /// LDREXH §A7.7.53.
  static func LDREXH(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n)
    SetExclusiveMonitors(m, address, 2)
    m.setR(i.t, try m.MemA(address, 2))  // ZeroExtend(MemA[address,2], 32)
  }

  /// STREX §A7.7.164: `R[d] = 0` when the store was done, 1 otherwise.
  static func STREX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n) &+ i.imm32
    if try ExclusiveMonitorsPass(m, address, 4) {
      try m.MemA(address, 4, write: m.R(i.t))
      m.setR(i.d, 0)
    } else {
      m.setR(i.d, 1)
    }
  }

  /// STREXB §A7.7.165.
  static func STREXB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n)
    if try ExclusiveMonitorsPass(m, address, 1) {
      try m.MemA(address, 1, write: m.R(i.t) & 0xFF)
      m.setR(i.d, 0)
    } else {
      m.setR(i.d, 1)
    }
  }

  /// STREXH §A7.7.166.
  static func STREXH(_ m: Machine, _ i: Instruction) throws(Fault) {
    let address = m.R(i.n)
    if try ExclusiveMonitorsPass(m, address, 2) {
      try m.MemA(address, 2, write: m.R(i.t) & 0xFFFF)
      m.setR(i.d, 0)
    } else {
      m.setR(i.d, 1)
    }
  }
}
