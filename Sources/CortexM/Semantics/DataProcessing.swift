// Data-processing instructions, 16- and 32-bit (ARMv7-M ARM §A5.2.1–A5.2.3, §A5.2.5, §A5.3.1,
// §A5.3.3, §A5.3.11, §A5.3.12; instruction pages in §A7.7). One semantics function per
// instruction page, shared by all its encodings; each encoding's decode clause follows the manual.
//
// Policy notes (DESIGN.md: UNPREDICTABLE → UsageFault UNDEFINSTR, reported "UNPREDICTABLE"):
// - decode-time UNPREDICTABLE conditions are returned from the decode clauses;
// - the run-time ones that depend on the IT state (`d == 15 && InITBlock() && !LastInITBlock()`,
//   MOV (register) T2 inside an IT block) are checked by the semantics and throw the same fault.
// - `ThumbExpandImm` of a replicated form with imm8 == 0 is UNPREDICTABLE (§A5.3.2).
//
// Encodings of ThumbExpandImm_C: `extra` bit 0 marks an imm32 whose expansion produced a carry
// (a rotated constant), bit 1 holds that carry; otherwise `carry = APSR.C` (unchanged).
// Bitfield encodings: `imm32` = lsbit, `extra` = width. SSAT/USAT: `imm32` = saturate_to.
// Shift (immediate) aliases: `imm32` = shift_n as well, for the disassembler.

public enum DataProcessing {
  public static let encodings: [Encoding] =
    shiftAddSubtractMoveCompare + dataProcessingRegister + specialData + adrAndSP
    + miscellaneous16 + modifiedImmediate + plainBinaryImmediate + shiftedRegister
    + register32

  // MARK: - 16-bit: shift (immediate), add, subtract, move, compare (§A5.2.1)

  static let shiftAddSubtractMoveCompare: [Encoding] = [
    Encoding("LSL (immediate) T1", "00000iiiiimmmddd", "lsl{s}{c} {d}, {m}, {imm}", .alu, LSL_immediate) { f, i in
      if f.i == 0 { return .see("MOV (register) T2") }
      i.d = f.r("d"); i.m = f.r("m"); i.setflagsOutsideITOnly = true
      (i.shift_t, i.shift_n) = DecodeImmShift(0b00, f.i); i.imm32 = UInt32(i.shift_n)
      return .ok
    },
    Encoding("MOV (register) T2", "0000000000mmmddd", "mov{s}{c} {d}, {m}", .alu, MOV_register) { f, i in
      i.d = f.r("d"); i.m = f.r("m"); i.setflags = true
      i.extra = MOVRegisterT2  // if InITBlock() then UNPREDICTABLE (checked at run time)
      return .ok
    },
    Encoding("LSR (immediate) T1", "00001iiiiimmmddd", "lsr{s}{c} {d}, {m}, {imm}", .alu, LSR_immediate) { f, i in
      i.d = f.r("d"); i.m = f.r("m"); i.setflagsOutsideITOnly = true
      (i.shift_t, i.shift_n) = DecodeImmShift(0b01, f.i); i.imm32 = UInt32(i.shift_n)
      return .ok
    },
    Encoding("ASR (immediate) T1", "00010iiiiimmmddd", "asr{s}{c} {d}, {m}, {imm}", .alu, ASR_immediate) { f, i in
      i.d = f.r("d"); i.m = f.r("m"); i.setflagsOutsideITOnly = true
      (i.shift_t, i.shift_n) = DecodeImmShift(0b10, f.i); i.imm32 = UInt32(i.shift_n)
      return .ok
    },
    Encoding("ADD (register) T1", "0001100mmmnnnddd", "add{s}{c} {d}, {n}, {m}", .alu, ADD_register) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m"); i.setflagsOutsideITOnly = true
      (i.shift_t, i.shift_n) = (.LSL, 0)
      return .ok
    },
    Encoding("SUB (register) T1", "0001101mmmnnnddd", "sub{s}{c} {d}, {n}, {m}", .alu, SUB_register) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m"); i.setflagsOutsideITOnly = true
      (i.shift_t, i.shift_n) = (.LSL, 0)
      return .ok
    },
    Encoding("ADD (immediate) T1", "0001110iiinnnddd", "add{s}{c} {d}, {n}, {imm}", .alu, ADD_immediate) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.setflagsOutsideITOnly = true; i.imm32 = f.i
      return .ok
    },
    Encoding("SUB (immediate) T1", "0001111iiinnnddd", "sub{s}{c} {d}, {n}, {imm}", .alu, SUB_immediate) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.setflagsOutsideITOnly = true; i.imm32 = f.i
      return .ok
    },
    // MARK: MOV (immediate) §A7.7.75
    Encoding("MOV (immediate) T1", "00100dddiiiiiiii", "mov{s}{c} {d}, {imm}", .alu, MOV_immediate) { f, i in
      i.d = f.r("d"); i.setflagsOutsideITOnly = true; i.imm32 = f.i
      i.extra = 0  // carry unchanged (ThumbExpandImm not used)
      return .ok
    },
    Encoding("CMP (immediate) T1", "00101nnniiiiiiii", "cmp{c} {n}, {imm}", .alu, CMP_immediate) { f, i in
      i.n = f.r("n"); i.imm32 = f.i
      return .ok
    },
    Encoding("ADD (immediate) T2", "00110dddiiiiiiii", "add{s}{c} {d}, {imm}", .alu, ADD_immediate) { f, i in
      i.d = f.r("d"); i.n = i.d; i.setflagsOutsideITOnly = true; i.imm32 = f.i
      return .ok
    },
    Encoding("SUB (immediate) T2", "00111dddiiiiiiii", "sub{s}{c} {d}, {imm}", .alu, SUB_immediate) { f, i in
      i.d = f.r("d"); i.n = i.d; i.setflagsOutsideITOnly = true; i.imm32 = f.i
      return .ok
    },
  ]

  // MARK: - 16-bit: data processing (register) (§A5.2.2)

  /// The `Rdn, Rm` shape of §A5.2.2: d = n = Rdn, m = Rm, setflags = !InITBlock(), LSL #0.
  static func rdnRm(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.d = f.r("d"); i.n = i.d; i.m = f.r("m"); i.setflagsOutsideITOnly = true
    (i.shift_t, i.shift_n) = (.LSL, 0)
    return .ok
  }

  /// The `Rn, Rm` compare shape of §A5.2.2 (TST, CMP, CMN T1).
  static func rnRm(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.n = f.r("n"); i.m = f.r("m")
    (i.shift_t, i.shift_n) = (.LSL, 0)
    return .ok
  }

  static let dataProcessingRegister: [Encoding] = [
    Encoding("AND (register) T1", "0100000000mmmddd", "and{s}{c} {d}, {m}", .alu, AND_register, decode: rdnRm),
    Encoding("EOR (register) T1", "0100000001mmmddd", "eor{s}{c} {d}, {m}", .alu, EOR_register, decode: rdnRm),
    Encoding("LSL (register) T1", "0100000010mmmddd", "lsl{s}{c} {d}, {m}", .alu, LSL_register, decode: rdnRm),
    Encoding("LSR (register) T1", "0100000011mmmddd", "lsr{s}{c} {d}, {m}", .alu, LSR_register, decode: rdnRm),
    Encoding("ASR (register) T1", "0100000100mmmddd", "asr{s}{c} {d}, {m}", .alu, ASR_register, decode: rdnRm),
    Encoding("ADC (register) T1", "0100000101mmmddd", "adc{s}{c} {d}, {m}", .alu, ADC_register, decode: rdnRm),
    Encoding("SBC (register) T1", "0100000110mmmddd", "sbc{s}{c} {d}, {m}", .alu, SBC_register, decode: rdnRm),
    Encoding("ROR (register) T1", "0100000111mmmddd", "ror{s}{c} {d}, {m}", .alu, ROR_register, decode: rdnRm),
    Encoding("TST (register) T1", "0100001000mmmnnn", "tst{c} {n}, {m}", .alu, TST_register, decode: rnRm),
    Encoding("RSB (immediate) T1", "0100001001nnnddd", "rsb{s}{c} {d}, {n}, #0", .alu, RSB_immediate) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.setflagsOutsideITOnly = true; i.imm32 = 0
      return .ok
    },
    Encoding("CMP (register) T1", "0100001010mmmnnn", "cmp{c} {n}, {m}", .alu, CMP_register, decode: rnRm),
    Encoding("CMN (register) T1", "0100001011mmmnnn", "cmn{c} {n}, {m}", .alu, CMN_register, decode: rnRm),
    Encoding("ORR (register) T1", "0100001100mmmddd", "orr{s}{c} {d}, {m}", .alu, ORR_register, decode: rdnRm),
    Encoding("MUL T1", "0100001101nnnddd", "mul{s}{c} {d}, {n}, {d}", .multiply, MultiplyDivide.MUL) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.m = i.d; i.setflagsOutsideITOnly = true
      return .ok
    },
    Encoding("BIC (register) T1", "0100001110mmmddd", "bic{s}{c} {d}, {m}", .alu, BIC_register, decode: rdnRm),
    Encoding("MVN (register) T1", "0100001111mmmddd", "mvn{s}{c} {d}, {m}", .alu, MVN_register, decode: rdnRm),
  ]

  // MARK: - 16-bit: special data instructions (§A5.2.3; BX/BLX are in BranchAndControl)

  static let specialData: [Encoding] = [
    Encoding("ADD (register) T2", "01000100dmmmmddd", "add{c} {d}, {m}", .alu, ADD_register) { f, i in
      if f.d == 0b1101 || f.m == 0b1101 { return .see("ADD (SP plus register)") }
      i.d = f.r("d"); i.n = i.d; i.m = f.r("m"); i.setflags = false
      (i.shift_t, i.shift_n) = (.LSL, 0)
      if i.d == 15 { i.timing = .aluPC }
      // if d == 15 && InITBlock() && !LastInITBlock() then UNPREDICTABLE (checked at run time)
      if i.n == 15 && i.m == 15 { return .unpredictable("n and m are both PC") }
      return .ok
    },
    Encoding("ADD (SP plus register) T1", "01000100d1101ddd", "add{c} {d}, sp, {d}", .alu, ADD_SP_plus_register) { f, i in
      i.d = f.r("d"); i.m = i.d; i.setflags = false
      (i.shift_t, i.shift_n) = (.LSL, 0)
      if i.d == 15 { i.timing = .aluPC }
      // if d == 15 && InITBlock() && !LastInITBlock() then UNPREDICTABLE (checked at run time)
      return .ok
    },
    Encoding("ADD (SP plus register) T2", "010001001mmmm101", "add{c} sp, {m}", .alu, ADD_SP_plus_register) { f, i in
      if f.m == 0b1101 { return .see("ADD (SP plus register) T1") }
      i.d = 13; i.m = f.r("m"); i.setflags = false
      (i.shift_t, i.shift_n) = (.LSL, 0)
      return .ok
    },
    Encoding("CMP (register) T2", "01000101nmmmmnnn", "cmp{c} {n}, {m}", .alu, CMP_register) { f, i in
      i.n = f.r("n"); i.m = f.r("m")
      (i.shift_t, i.shift_n) = (.LSL, 0)
      if i.n < 8 && i.m < 8 { return .unpredictable("n and m are both low registers") }
      if i.n == 15 || i.m == 15 { return .unpredictable("n or m is PC") }
      return .ok
    },
    Encoding("MOV (register) T1", "01000110dmmmmddd", "mov{c} {d}, {m}", .alu, MOV_register) { f, i in
      i.d = f.r("d"); i.m = f.r("m"); i.setflags = false
      if i.d == 15 { i.timing = .aluPC }
      // if d == 15 && InITBlock() && !LastInITBlock() then UNPREDICTABLE (checked at run time)
      return .ok
    },
  ]

  // MARK: - 16-bit: ADR, ADD/SUB (SP plus/minus immediate) (§A5.2, §A5.2.5)

  static let adrAndSP: [Encoding] = [
    Encoding("ADR T1", "10100dddiiiiiiii", "adr{c} {d}, {offd}", .alu, ADR) { f, i in
      i.d = f.r("d"); i.imm32 = f.i << 2; i.add = true
      return .ok
    },
    Encoding("ADD (SP plus immediate) T1", "10101dddiiiiiiii", "add{c} {d}, sp, {imm}", .alu, ADD_SP_plus_immediate) { f, i in
      i.d = f.r("d"); i.setflags = false; i.imm32 = f.i << 2
      return .ok
    },
    Encoding("ADD (SP plus immediate) T2", "101100000iiiiiii", "add{c} sp, {imm}", .alu, ADD_SP_plus_immediate) { f, i in
      i.d = 13; i.setflags = false; i.imm32 = f.i << 2
      return .ok
    },
    Encoding("SUB (SP minus immediate) T1", "101100001iiiiiii", "sub{c} sp, {imm}", .alu, SUB_SP_minus_immediate) { f, i in
      i.d = 13; i.setflags = false; i.imm32 = f.i << 2
      return .ok
    },
  ]

  // MARK: - 16-bit: extends and byte reversal (§A5.2.5)

  /// The `Rd, Rm` shape of the §A5.2.5 extends and reversals (rotation 0).
  static func rdRm(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.d = f.r("d"); i.m = f.r("m"); i.shift_n = 0
    return .ok
  }

  static let miscellaneous16: [Encoding] = [
    Encoding("SXTH T1", "1011001000mmmddd", "sxth{c} {d}, {m}", .alu, SXTH, decode: rdRm),
    Encoding("SXTB T1", "1011001001mmmddd", "sxtb{c} {d}, {m}", .alu, SXTB, decode: rdRm),
    Encoding("UXTH T1", "1011001010mmmddd", "uxth{c} {d}, {m}", .alu, UXTH, decode: rdRm),
    Encoding("UXTB T1", "1011001011mmmddd", "uxtb{c} {d}, {m}", .alu, UXTB, decode: rdRm),
    Encoding("REV T1", "1011101000mmmddd", "rev{c} {d}, {m}", .alu, REV, decode: rdRm),
    Encoding("REV16 T1", "1011101001mmmddd", "rev16{c} {d}, {m}", .alu, REV16, decode: rdRm),
    Encoding("REVSH T1", "1011101011mmmddd", "revsh{c} {d}, {m}", .alu, REVSH, decode: rdRm),
  ]

  // MARK: - 32-bit: data processing (modified immediate) (§A5.3.1)

  /// `BadReg(n)`: SP or PC (§A7.1).
  @inline(__always) static func BadReg(_ r: UInt8) -> Bool { r == 13 || r == 15 }

  /// `(imm32, carry) = ThumbExpandImm_C(i:imm3:imm8, APSR.C)` at decode time: the carry is
  /// known unless the constant is unrotated (then `carry = APSR.C`), see the file header.
  static func expandImm_C(_ imm12: UInt32, _ i: inout Instruction) -> DecodeResult {
    if ThumbExpandImmIsUnpredictable(imm12) { return .unpredictable("ThumbExpandImm of a zero byte") }
    let (imm32, carry) = ThumbExpandImm_C(imm12, false)
    i.imm32 = imm32
    i.extra = imm12 >> 10 == 0 ? 0 : (carry ? 0b11 : 0b01)
    return .ok
  }

  /// `imm32 = ThumbExpandImm(i:imm3:imm8)`.
  static func expandImm(_ imm12: UInt32, _ i: inout Instruction) -> DecodeResult {
    if ThumbExpandImmIsUnpredictable(imm12) { return .unpredictable("ThumbExpandImm of a zero byte") }
    i.imm32 = ThumbExpandImm_C(imm12, false).0
    return .ok
  }

  /// `d, n, setflags` of the §A5.3.1 three-operand rows.
  static func dnS(_ f: Fields, _ i: inout Instruction) {
    i.d = f.r("d"); i.n = f.r("n"); i.setflags = f.bit("S")
  }

  static let modifiedImmediate: [Encoding] = [
    Encoding("AND (immediate) T1", "11110i00000Snnnn0iiiddddiiiiiiii", "and{s}{c} {d}, {n}, {imm}", .alu, AND_immediate) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("TST (immediate)") }
      dnS(f, &i)
      if i.d == 13 || (i.d == 15 && !i.setflags) || BadReg(i.n) { return .unpredictable("d is SP or PC, or n is SP or PC") }
      return expandImm_C(f.i, &i)
    },
    Encoding("TST (immediate) T1", "11110i000001nnnn0iii1111iiiiiiii", "tst{c}.w {n}, {imm}", .alu, TST_immediate) { f, i in
      i.n = f.r("n")
      if BadReg(i.n) { return .unpredictable("n is SP or PC") }
      return expandImm_C(f.i, &i)
    },
    Encoding("BIC (immediate) T1", "11110i00001Snnnn0iiiddddiiiiiiii", "bic{s}{c} {d}, {n}, {imm}", .alu, BIC_immediate) { f, i in
      dnS(f, &i)
      if BadReg(i.d) || BadReg(i.n) { return .unpredictable("d or n is SP or PC") }
      return expandImm_C(f.i, &i)
    },
    Encoding("ORR (immediate) T1", "11110i00010Snnnn0iiiddddiiiiiiii", "orr{s}{c} {d}, {n}, {imm}", .alu, ORR_immediate) { f, i in
      if f.n == 0b1111 { return .see("MOV (immediate)") }
      dnS(f, &i)
      if BadReg(i.d) || i.n == 13 { return .unpredictable("d is SP or PC, or n is SP") }
      return expandImm_C(f.i, &i)
    },
    Encoding("MOV (immediate) T2", "11110i00010S11110iiiddddiiiiiiii", "mov{s}{c}.w {d}, {imm}", .alu, MOV_immediate) { f, i in
      i.d = f.r("d"); i.setflags = f.bit("S")
      if BadReg(i.d) { return .unpredictable("d is SP or PC") }
      return expandImm_C(f.i, &i)
    },
    Encoding("ORN (immediate) T1", "11110i00011Snnnn0iiiddddiiiiiiii", "orn{s}{c} {d}, {n}, {imm}", .alu, ORN_immediate) { f, i in
      if f.n == 0b1111 { return .see("MVN (immediate)") }
      dnS(f, &i)
      if BadReg(i.d) || i.n == 13 { return .unpredictable("d is SP or PC, or n is SP") }
      return expandImm_C(f.i, &i)
    },
    Encoding("MVN (immediate) T1", "11110i00011S11110iiiddddiiiiiiii", "mvn{s}{c} {d}, {imm}", .alu, MVN_immediate) { f, i in
      i.d = f.r("d"); i.setflags = f.bit("S")
      if BadReg(i.d) { return .unpredictable("d is SP or PC") }
      return expandImm_C(f.i, &i)
    },
    Encoding("EOR (immediate) T1", "11110i00100Snnnn0iiiddddiiiiiiii", "eor{s}{c} {d}, {n}, {imm}", .alu, EOR_immediate) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("TEQ (immediate)") }
      dnS(f, &i)
      if i.d == 13 || (i.d == 15 && !i.setflags) || BadReg(i.n) { return .unpredictable("d is SP or PC, or n is SP or PC") }
      return expandImm_C(f.i, &i)
    },
    Encoding("TEQ (immediate) T1", "11110i001001nnnn0iii1111iiiiiiii", "teq{c}.w {n}, {imm}", .alu, TEQ_immediate) { f, i in
      i.n = f.r("n")
      if BadReg(i.n) { return .unpredictable("n is SP or PC") }
      return expandImm_C(f.i, &i)
    },
    Encoding("ADD (immediate) T3", "11110i01000Snnnn0iiiddddiiiiiiii", "add{s}{c}.w {d}, {n}, {imm}", .alu, ADD_immediate) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("CMN (immediate)") }
      if f.n == 0b1101 { return .see("ADD (SP plus immediate)") }
      dnS(f, &i)
      if i.d == 13 || (i.d == 15 && !i.setflags) || i.n == 15 { return .unpredictable("d is SP or PC, or n is PC") }
      return expandImm(f.i, &i)
    },
    Encoding("ADD (SP plus immediate) T3", "11110i01000S11010iiiddddiiiiiiii", "add{s}{c}.w {d}, sp, {imm}", .alu, ADD_SP_plus_immediate) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("CMN (immediate)") }
      i.d = f.r("d"); i.setflags = f.bit("S")
      if i.d == 15 && !i.setflags { return .unpredictable("d is PC") }
      return expandImm(f.i, &i)
    },
    Encoding("CMN (immediate) T1", "11110i010001nnnn0iii1111iiiiiiii", "cmn{c}.w {n}, {imm}", .alu, CMN_immediate) { f, i in
      i.n = f.r("n")
      if i.n == 15 { return .unpredictable("n is PC") }
      return expandImm(f.i, &i)
    },
    Encoding("ADC (immediate) T1", "11110i01010Snnnn0iiiddddiiiiiiii", "adc{s}{c} {d}, {n}, {imm}", .alu, ADC_immediate) { f, i in
      dnS(f, &i)
      if BadReg(i.d) || BadReg(i.n) { return .unpredictable("d or n is SP or PC") }
      return expandImm(f.i, &i)
    },
    Encoding("SBC (immediate) T1", "11110i01011Snnnn0iiiddddiiiiiiii", "sbc{s}{c} {d}, {n}, {imm}", .alu, SBC_immediate) { f, i in
      dnS(f, &i)
      if BadReg(i.d) || BadReg(i.n) { return .unpredictable("d or n is SP or PC") }
      return expandImm(f.i, &i)
    },
    Encoding("SUB (immediate) T3", "11110i01101Snnnn0iiiddddiiiiiiii", "sub{s}{c}.w {d}, {n}, {imm}", .alu, SUB_immediate) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("CMP (immediate)") }
      if f.n == 0b1101 { return .see("SUB (SP minus immediate)") }
      dnS(f, &i)
      if i.d == 13 || (i.d == 15 && !i.setflags) || i.n == 15 { return .unpredictable("d is SP or PC, or n is PC") }
      return expandImm(f.i, &i)
    },
    Encoding("SUB (SP minus immediate) T2", "11110i01101S11010iiiddddiiiiiiii", "sub{s}{c}.w {d}, sp, {imm}", .alu, SUB_SP_minus_immediate) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("CMP (immediate)") }
      i.d = f.r("d"); i.setflags = f.bit("S")
      if i.d == 15 && !i.setflags { return .unpredictable("d is PC") }
      return expandImm(f.i, &i)
    },
    Encoding("CMP (immediate) T2", "11110i011011nnnn0iii1111iiiiiiii", "cmp{c}.w {n}, {imm}", .alu, CMP_immediate) { f, i in
      i.n = f.r("n")
      if i.n == 15 { return .unpredictable("n is PC") }
      return expandImm(f.i, &i)
    },
    Encoding("RSB (immediate) T2", "11110i01110Snnnn0iiiddddiiiiiiii", "rsb{s}{c}.w {d}, {n}, {imm}", .alu, RSB_immediate) { f, i in
      dnS(f, &i)
      if BadReg(i.d) || BadReg(i.n) { return .unpredictable("d or n is SP or PC") }
      return expandImm(f.i, &i)
    },
  ]

  // MARK: - 32-bit: data processing (plain binary immediate) (§A5.3.3)

  /// Saturate and bitfield rows: d, n, and `imm3:imm2` (the shift amount or lsbit).
  static func satOrBitfield(_ f: Fields, _ i: inout Instruction) {
    i.d = f.r("d"); i.n = f.r("n")
  }

  static let plainBinaryImmediate: [Encoding] = [
    Encoding("ADD (immediate) T4", "11110i100000nnnn0iiiddddiiiiiiii", "addw{c} {d}, {n}, {imm}", .alu, ADD_immediate) { f, i in
      if f.n == 0b1111 { return .see("ADR") }
      if f.n == 0b1101 { return .see("ADD (SP plus immediate)") }
      i.d = f.r("d"); i.n = f.r("n"); i.setflags = false; i.imm32 = f.i
      if BadReg(i.d) { return .unpredictable("d is SP or PC") }
      return .ok
    },
    Encoding("ADD (SP plus immediate) T4", "11110i10000011010iiiddddiiiiiiii", "addw{c} {d}, sp, {imm}", .alu, ADD_SP_plus_immediate) { f, i in
      i.d = f.r("d"); i.setflags = false; i.imm32 = f.i
      if i.d == 15 { return .unpredictable("d is PC") }
      return .ok
    },
    Encoding("ADR T3", "11110i10000011110iiiddddiiiiiiii", "adr{c}.w {d}, {offd}", .alu, ADR) { f, i in
      i.d = f.r("d"); i.imm32 = f.i; i.add = true
      if BadReg(i.d) { return .unpredictable("d is SP or PC") }
      return .ok
    },
    Encoding("MOV (immediate) T3", "11110j100100kkkk0iiiddddiiiiiiii", "movw{c} {d}, {imm}", .alu, MOV_immediate) { f, i in
      i.d = f.r("d"); i.setflags = false; i.imm32 = f.k << 12 | f.j << 11 | f.i
      i.extra = 0
      if BadReg(i.d) { return .unpredictable("d is SP or PC") }
      return .ok
    },
    Encoding("SUB (immediate) T4", "11110i101010nnnn0iiiddddiiiiiiii", "subw{c} {d}, {n}, {imm}", .alu, SUB_immediate) { f, i in
      if f.n == 0b1111 { return .see("ADR") }
      if f.n == 0b1101 { return .see("SUB (SP minus immediate)") }
      i.d = f.r("d"); i.n = f.r("n"); i.setflags = false; i.imm32 = f.i
      if BadReg(i.d) { return .unpredictable("d is SP or PC") }
      return .ok
    },
    Encoding("SUB (SP minus immediate) T3", "11110i10101011010iiiddddiiiiiiii", "subw{c} {d}, sp, {imm}", .alu, SUB_SP_minus_immediate) { f, i in
      i.d = f.r("d"); i.setflags = false; i.imm32 = f.i
      if i.d == 15 { return .unpredictable("d is PC") }
      return .ok
    },
    Encoding("ADR T2", "11110i10101011110iiiddddiiiiiiii", "adr{c}.w {d}, {offd}", .alu, ADR) { f, i in
      i.d = f.r("d"); i.imm32 = f.i; i.add = false
      if BadReg(i.d) { return .unpredictable("d is SP or PC") }
      return .ok
    },
    Encoding("MOVT T1", "11110j101100kkkk0iiiddddiiiiiiii", "movt{c} {d}, {imm}", .alu, MOVT) { f, i in
      i.d = f.r("d"); i.imm32 = f.k << 12 | f.j << 11 | f.i
      if BadReg(i.d) { return .unpredictable("d is SP or PC") }
      return .ok
    },
    Encoding("SSAT T1", "11110(0)1100h0nnnn0iiiddddii(0)sssss", "ssat{c} {d}, {imm}, {n}{shift}", .alu, SSAT) { f, i in
      if f.h == 1 && f.i == 0 { return .see("SSAT16") }
      satOrBitfield(f, &i); i.imm32 = f.s + 1
      (i.shift_t, i.shift_n) = DecodeImmShift(f.h << 1, f.i)
      if BadReg(i.d) || BadReg(i.n) { return .unpredictable("d or n is SP or PC") }
      return .ok
    },
    Encoding("SBFX T1", "11110(0)110100nnnn0iiiddddii(0)wwwww", "sbfx{c} {d}, {n}, {imm}, {extra}", .alu, SBFX) { f, i in
      satOrBitfield(f, &i); i.imm32 = f.i; i.extra = UInt8(f.w + 1)
      if BadReg(i.d) || BadReg(i.n) { return .unpredictable("d or n is SP or PC") }
      if f.i + f.w > 31 { return .unpredictable("msbit > 31") }
      return .ok
    },
    Encoding("BFI T1", "11110(0)110110nnnn0iiiddddii(0)mmmmm", "bfi{c} {d}, {n}, {immd}, {extrad}", .alu, BFI) { f, i in
      if f.n == 0b1111 { return .see("BFC") }
      satOrBitfield(f, &i); i.imm32 = f.i
      if BadReg(i.d) || i.n == 13 { return .unpredictable("d is SP or PC, or n is SP") }
      if f.m < f.i { return .unpredictable("msbit < lsbit") }
      i.extra = UInt8(f.m - f.i + 1)
      return .ok
    },
    Encoding("BFC T1", "11110(0)11011011110iiiddddii(0)mmmmm", "bfc{c} {d}, {immd}, {extrad}", .alu, BFC) { f, i in
      i.d = f.r("d"); i.imm32 = f.i
      if BadReg(i.d) { return .unpredictable("d is SP or PC") }
      if f.m < f.i { return .unpredictable("msbit < lsbit") }
      i.extra = UInt8(f.m - f.i + 1)
      return .ok
    },
    Encoding("USAT T1", "11110(0)1110h0nnnn0iiiddddii(0)sssss", "usat{c} {d}, {imm}, {n}{shift}", .alu, USAT) { f, i in
      if f.h == 1 && f.i == 0 { return .see("USAT16") }
      satOrBitfield(f, &i); i.imm32 = f.s
      (i.shift_t, i.shift_n) = DecodeImmShift(f.h << 1, f.i)
      if BadReg(i.d) || BadReg(i.n) { return .unpredictable("d or n is SP or PC") }
      return .ok
    },
    Encoding("UBFX T1", "11110(0)111100nnnn0iiiddddii(0)wwwww", "ubfx{c} {d}, {n}, {imm}, {extra}", .alu, UBFX) { f, i in
      satOrBitfield(f, &i); i.imm32 = f.i; i.extra = UInt8(f.w + 1)
      if BadReg(i.d) || BadReg(i.n) { return .unpredictable("d or n is SP or PC") }
      if f.i + f.w > 31 { return .unpredictable("msbit > 31") }
      return .ok
    },
  ]

  // MARK: - 32-bit: data processing (shifted register) (§A5.3.11)

  /// `d, n, m, setflags, (shift_t, shift_n) = DecodeImmShift(type, imm3:imm2)`.
  static func shifted(_ f: Fields, _ i: inout Instruction) {
    i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m"); i.setflags = f.bit("S")
    (i.shift_t, i.shift_n) = DecodeImmShift(f.t, f.i)
  }

  /// `MOV Rd, Rm, <shift> #n` preferred as the shift instructions (§A7.7.77).
  static func shiftImmediate32(_ f: Fields, _ i: inout Instruction, _ type: UInt32) -> DecodeResult {
    i.d = f.r("d"); i.m = f.r("m"); i.setflags = f.bit("S")
    (i.shift_t, i.shift_n) = DecodeImmShift(type, f.i); i.imm32 = UInt32(i.shift_n)
    if BadReg(i.d) || BadReg(i.m) { return .unpredictable("d or m is SP or PC") }
    return .ok
  }

  static let shiftedRegister: [Encoding] = [
    Encoding("AND (register) T2", "11101010000Snnnn(0)iiiddddiittmmmm", "and{s}{c}.w {d}, {n}, {m}{shift}", .alu, AND_register) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("TST (register)") }
      shifted(f, &i)
      if i.d == 13 || (i.d == 15 && !i.setflags) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("TST (register) T2", "111010100001nnnn(0)iii1111iittmmmm", "tst{c}.w {n}, {m}{shift}", .alu, TST_register) { f, i in
      shifted(f, &i)
      if BadReg(i.n) || BadReg(i.m) { return .unpredictable("n or m is SP or PC") }
      return .ok
    },
    Encoding("BIC (register) T2", "11101010001Snnnn(0)iiiddddiittmmmm", "bic{s}{c}.w {d}, {n}, {m}{shift}", .alu, BIC_register) { f, i in
      shifted(f, &i)
      if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("ORR (register) T2", "11101010010Snnnn(0)iiiddddiittmmmm", "orr{s}{c}.w {d}, {n}, {m}{shift}", .alu, ORR_register) { f, i in
      if f.n == 0b1111 { return .see("MOV (register) / shift (immediate)") }
      shifted(f, &i)
      if BadReg(i.d) || i.n == 13 || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("MOV (register) T3", "11101010010S1111(0)000dddd0000mmmm", "mov{s}{c}.w {d}, {m}", .alu, MOV_register) { f, i in
      i.d = f.r("d"); i.m = f.r("m"); i.setflags = f.bit("S")
      if i.setflags && (BadReg(i.d) || BadReg(i.m)) { return .unpredictable("d or m is SP or PC") }
      if !i.setflags && (i.d == 15 || i.m == 15 || (i.d == 13 && i.m == 13)) { return .unpredictable("d or m is PC, or both SP") }
      return .ok
    },
    Encoding("LSL (immediate) T2", "11101010010S1111(0)iiiddddii00mmmm", "lsl{s}{c}.w {d}, {m}, {imm}", .alu, LSL_immediate) { f, i in
      if f.i == 0 { return .see("MOV (register) T3") }
      return shiftImmediate32(f, &i, 0b00)
    },
    Encoding("LSR (immediate) T2", "11101010010S1111(0)iiiddddii01mmmm", "lsr{s}{c}.w {d}, {m}, {imm}", .alu, LSR_immediate) { f, i in
      shiftImmediate32(f, &i, 0b01)
    },
    Encoding("ASR (immediate) T2", "11101010010S1111(0)iiiddddii10mmmm", "asr{s}{c}.w {d}, {m}, {imm}", .alu, ASR_immediate) { f, i in
      shiftImmediate32(f, &i, 0b10)
    },
    Encoding("ROR (immediate) T1", "11101010010S1111(0)iiiddddii11mmmm", "ror{s}{c}.w {d}, {m}, {imm}", .alu, ROR_immediate) { f, i in
      if f.i == 0 { return .see("RRX") }
      return shiftImmediate32(f, &i, 0b11)
    },
    Encoding("RRX T1", "11101010010S1111(0)000dddd0011mmmm", "rrx{s}{c} {d}, {m}", .alu, RRX) { f, i in
      i.d = f.r("d"); i.m = f.r("m"); i.setflags = f.bit("S")
      (i.shift_t, i.shift_n) = (.RRX, 1)
      if BadReg(i.d) || BadReg(i.m) { return .unpredictable("d or m is SP or PC") }
      return .ok
    },
    Encoding("ORN (register) T1", "11101010011Snnnn(0)iiiddddiittmmmm", "orn{s}{c} {d}, {n}, {m}{shift}", .alu, ORN_register) { f, i in
      if f.n == 0b1111 { return .see("MVN (register)") }
      shifted(f, &i)
      if BadReg(i.d) || i.n == 13 || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("MVN (register) T2", "11101010011S1111(0)iiiddddiittmmmm", "mvn{s}{c}.w {d}, {m}{shift}", .alu, MVN_register) { f, i in
      shifted(f, &i)
      if BadReg(i.d) || BadReg(i.m) { return .unpredictable("d or m is SP or PC") }
      return .ok
    },
    Encoding("EOR (register) T2", "11101010100Snnnn(0)iiiddddiittmmmm", "eor{s}{c}.w {d}, {n}, {m}{shift}", .alu, EOR_register) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("TEQ (register)") }
      shifted(f, &i)
      if i.d == 13 || (i.d == 15 && !i.setflags) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("TEQ (register) T1", "111010101001nnnn(0)iii1111iittmmmm", "teq{c}.w {n}, {m}{shift}", .alu, TEQ_register) { f, i in
      shifted(f, &i)
      if BadReg(i.n) || BadReg(i.m) { return .unpredictable("n or m is SP or PC") }
      return .ok
    },
    Encoding("ADD (register) T3", "11101011000Snnnn(0)iiiddddiittmmmm", "add{s}{c}.w {d}, {n}, {m}{shift}", .alu, ADD_register) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("CMN (register)") }
      if f.n == 0b1101 { return .see("ADD (SP plus register)") }
      shifted(f, &i)
      if i.d == 13 || (i.d == 15 && !i.setflags) || i.n == 15 || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("ADD (SP plus register) T3", "11101011000S1101(0)iiiddddiittmmmm", "add{s}{c}.w {d}, sp, {m}{shift}", .alu, ADD_SP_plus_register) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("CMN (register)") }
      shifted(f, &i)
      if i.d == 13 && (i.shift_t != .LSL || i.shift_n > 3) { return .unpredictable("SP destination with a shift other than LSL #0-3") }
      if i.d == 15 || BadReg(i.m) { return .unpredictable("d is PC, or m is SP or PC") }
      return .ok
    },
    Encoding("CMN (register) T2", "111010110001nnnn(0)iii1111iittmmmm", "cmn{c}.w {n}, {m}{shift}", .alu, CMN_register) { f, i in
      shifted(f, &i)
      if i.n == 15 || BadReg(i.m) { return .unpredictable("n is PC, or m is SP or PC") }
      return .ok
    },
    Encoding("ADC (register) T2", "11101011010Snnnn(0)iiiddddiittmmmm", "adc{s}{c}.w {d}, {n}, {m}{shift}", .alu, ADC_register) { f, i in
      shifted(f, &i)
      if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("SBC (register) T2", "11101011011Snnnn(0)iiiddddiittmmmm", "sbc{s}{c}.w {d}, {n}, {m}{shift}", .alu, SBC_register) { f, i in
      shifted(f, &i)
      if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("SUB (register) T2", "11101011101Snnnn(0)iiiddddiittmmmm", "sub{s}{c}.w {d}, {n}, {m}{shift}", .alu, SUB_register) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("CMP (register)") }
      if f.n == 0b1101 { return .see("SUB (SP minus register)") }
      shifted(f, &i)
      if i.d == 13 || (i.d == 15 && !i.setflags) || i.n == 15 || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
    Encoding("SUB (SP minus register) T1", "11101011101S1101(0)iiiddddiittmmmm", "sub{s}{c}.w {d}, sp, {m}{shift}", .alu, SUB_SP_minus_register) { f, i in
      if f.d == 0b1111 && f.bit("S") { return .see("CMP (register)") }
      shifted(f, &i)
      if i.d == 13 && (i.shift_t != .LSL || i.shift_n > 3) { return .unpredictable("SP destination with a shift other than LSL #0-3") }
      if i.d == 15 || BadReg(i.m) { return .unpredictable("d is PC, or m is SP or PC") }
      return .ok
    },
    Encoding("CMP (register) T3", "111010111011nnnn(0)iii1111iittmmmm", "cmp{c}.w {n}, {m}{shift}", .alu, CMP_register) { f, i in
      shifted(f, &i)
      if i.n == 15 || BadReg(i.m) { return .unpredictable("n is PC, or m is SP or PC") }
      return .ok
    },
    Encoding("RSB (register) T1", "11101011110Snnnn(0)iiiddddiittmmmm", "rsb{s}{c} {d}, {n}, {m}{shift}", .alu, RSB_register) { f, i in
      shifted(f, &i)
      if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
      return .ok
    },
  ]

  // MARK: - 32-bit: data processing (register) and miscellaneous operations (§A5.3.12, §A5.3.15)

  /// Register-controlled shifts: d, n, m, setflags; BadReg of any is UNPREDICTABLE.
  static func shiftRegister32(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m"); i.setflags = f.bit("S")
    if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("SP or PC operand") }
    return .ok
  }

  /// Extends: d, m, rotation = UInt(rotate:'000') (kept in shift_n, shown as `ror #`).
  static func extend32(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.d = f.r("d"); i.m = f.r("m"); i.shift_n = UInt8(f["r"] << 3)
    i.shift_t = i.shift_n == 0 ? .LSL : .ROR
    if BadReg(i.d) || BadReg(i.m) { return .unpredictable("d or m is SP or PC") }
    return .ok
  }

  /// REV/REV16/RBIT/REVSH/CLZ T2: `if !Consistent(Rm) then UNPREDICTABLE` (both Rm fields agree).
  static func misc32(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.d = f.r("d"); i.m = f.r("m")
    if f.M != f.m { return .unpredictable("the two Rm fields differ") }
    if BadReg(i.d) || BadReg(i.m) { return .unpredictable("d or m is SP or PC") }
    return .ok
  }

  static let register32: [Encoding] = [
    Encoding("LSL (register) T2", "11111010000Snnnn1111dddd0000mmmm", "lsl{s}{c}.w {d}, {n}, {m}", .alu, LSL_register, decode: shiftRegister32),
    Encoding("LSR (register) T2", "11111010001Snnnn1111dddd0000mmmm", "lsr{s}{c}.w {d}, {n}, {m}", .alu, LSR_register, decode: shiftRegister32),
    Encoding("ASR (register) T2", "11111010010Snnnn1111dddd0000mmmm", "asr{s}{c}.w {d}, {n}, {m}", .alu, ASR_register, decode: shiftRegister32),
    Encoding("ROR (register) T2", "11111010011Snnnn1111dddd0000mmmm", "ror{s}{c}.w {d}, {n}, {m}", .alu, ROR_register, decode: shiftRegister32),
    Encoding("SXTH T2", "11111010000011111111dddd1(0)rrmmmm", "sxth{c}.w {d}, {m}{shift}", .alu, SXTH, decode: extend32),
    Encoding("UXTH T2", "11111010000111111111dddd1(0)rrmmmm", "uxth{c}.w {d}, {m}{shift}", .alu, UXTH, decode: extend32),
    Encoding("SXTB T2", "11111010010011111111dddd1(0)rrmmmm", "sxtb{c}.w {d}, {m}{shift}", .alu, SXTB, decode: extend32),
    Encoding("UXTB T2", "11111010010111111111dddd1(0)rrmmmm", "uxtb{c}.w {d}, {m}{shift}", .alu, UXTB, decode: extend32),
    Encoding("REV T2", "111110101001MMMM1111dddd1000mmmm", "rev{c}.w {d}, {m}", .alu, REV, decode: misc32),
    Encoding("REV16 T2", "111110101001MMMM1111dddd1001mmmm", "rev16{c}.w {d}, {m}", .alu, REV16, decode: misc32),
    Encoding("RBIT T1", "111110101001MMMM1111dddd1010mmmm", "rbit{c} {d}, {m}", .alu, RBIT, decode: misc32),
    Encoding("REVSH T2", "111110101001MMMM1111dddd1011mmmm", "revsh{c}.w {d}, {m}", .alu, REVSH, decode: misc32),
    Encoding("CLZ T1", "111110101011MMMM1111dddd1000mmmm", "clz{c} {d}, {m}", .alu, CLZ, decode: misc32),
  ]

  /// `extra` marker of MOV (register) T2 (`if InITBlock() then UNPREDICTABLE`).
  static let MOVRegisterT2: UInt8 = 0b100
}

// MARK: - Semantics (§A7.7), alphabetical as in the manual

extension DataProcessing {
  /// `carry` of the ThumbExpandImm_C encodings (see the file header).
  @inline(__always) static func expandedCarry(_ m: Machine, _ i: Instruction) -> Bool {
    i.extra & 1 != 0 ? i.extra & 2 != 0 : m.C
  }

  /// `if d == 15 && InITBlock() && !LastInITBlock() then UNPREDICTABLE` (16-bit PC writers).
  @inline(__always) static func checkPCWriteInIT(_ m: Machine, _ i: Instruction) throws(Fault) {
    if i.d == 15 && m.InITBlock && !m.LastInITBlock {
      throw Fault(.unpredictable, "a write to the PC inside an IT block that is not its last instruction")
    }
  }

  /// ADC (immediate) §A7.7.1.
  @_transparent
  static func ADC_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), i.imm32, m.C)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// ADC (register) §A7.7.2.
  @_transparent
  static func ADC_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let shifted = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), shifted, m.C)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// ADD (immediate) §A7.7.3.
  @_transparent
  static func ADD_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), i.imm32, false)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// ADD (register) §A7.7.4: `if d == 15 then ALUWritePC(result)`.
  @_transparent
  static func ADD_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    try checkPCWriteInIT(m, i)
    let shifted = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), shifted, false)
    if i.d == 15 {
      m.ALUWritePC(result)  // setflags is always FALSE
    } else {
      m.setR(i.d, result)
      if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
    }
  }

  /// ADD (SP plus immediate) §A7.7.5.
  @_transparent
  static func ADD_SP_plus_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, carry, overflow) = AddWithCarry(m.SP, i.imm32, false)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// ADD (SP plus register) §A7.7.6: `if d == 15 then ALUWritePC(result)`.
  static func ADD_SP_plus_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    try checkPCWriteInIT(m, i)
    let shifted = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, carry, overflow) = AddWithCarry(m.SP, shifted, false)
    if i.d == 15 {
      m.ALUWritePC(result)
    } else {
      m.setR(i.d, result)
      if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
    }
  }

  /// ADR §A7.7.7: `result = if add then (Align(PC,4) + imm32) else (Align(PC,4) - imm32)`.
  @_transparent
  static func ADR(_ m: Machine, _ i: Instruction) throws(Fault) {
    let result = i.add ? m.alignedPC &+ i.imm32 : m.alignedPC &- i.imm32
    m.setR(i.d, result)
  }

  /// AND (immediate) §A7.7.8.
  @_transparent
  static func AND_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let carry = expandedCarry(m, i)
    let result = m.R(i.n) & i.imm32
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// AND (register) §A7.7.9.
  @_transparent
  static func AND_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (shifted, carry) = Shift_C(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let result = m.R(i.n) & shifted
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// The shift (immediate) pages: `(result, carry) = Shift_C(R[m], shift_t, shift_n, APSR.C)`.
  @_transparent
  static func shiftImmediate(_ m: Machine, _ i: Instruction) {
    let (result, carry) = Shift_C(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// The shift (register) pages: `shift_n = UInt(R[m]<7:0>); Shift_C(R[n], type, shift_n, APSR.C)`.
  @inline(__always) static func shiftRegister(_ m: Machine, _ i: Instruction, _ type: SRType) {
    let shift_n = m.R(i.m) & 0xFF
    let (result, carry) = Shift_C(m.R(i.n), type, shift_n, m.C)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// ASR (immediate) §A7.7.10.
  @_transparent
  static func ASR_immediate(_ m: Machine, _ i: Instruction) throws(Fault) { shiftImmediate(m, i) }

  /// ASR (register) §A7.7.11.
  @_transparent
  static func ASR_register(_ m: Machine, _ i: Instruction) throws(Fault) { shiftRegister(m, i, .ASR) }

  /// BFC §A7.7.13: `R[d]<msbit:lsbit> = Replicate('0', msbit-lsbit+1)`.
  static func BFC(_ m: Machine, _ i: Instruction) throws(Fault) {
    let lsbit = i.imm32
    let mask = fieldMask(width: UInt32(i.extra)) << lsbit
    m.setR(i.d, m.R(i.d) & ~mask)
  }

  /// BFI §A7.7.14: `R[d]<msbit:lsbit> = R[n]<(msbit-lsbit):0>`.
  @_transparent
  static func BFI(_ m: Machine, _ i: Instruction) throws(Fault) {
    let lsbit = i.imm32
    let mask = fieldMask(width: UInt32(i.extra)) << lsbit
    m.setR(i.d, (m.R(i.d) & ~mask) | ((m.R(i.n) << lsbit) & mask))
  }

  /// Ones in bits [width-1:0] (width 1…32).
  @inline(__always) static func fieldMask(width: UInt32) -> UInt32 {
    width >= 32 ? 0xFFFF_FFFF : (UInt32(1) << width) &- 1
  }

  /// BIC (immediate) §A7.7.15.
  @_transparent
  static func BIC_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let carry = expandedCarry(m, i)
    let result = m.R(i.n) & ~i.imm32
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// BIC (register) §A7.7.16.
  @_transparent
  static func BIC_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (shifted, carry) = Shift_C(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let result = m.R(i.n) & ~shifted
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// CLZ §A7.7.24.
  @_transparent
  static func CLZ(_ m: Machine, _ i: Instruction) throws(Fault) {
    let result = CountLeadingZeroBits(m.R(i.m))
    m.setR(i.d, result)
  }

  /// CMN (immediate) §A7.7.25.
  static func CMN_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), i.imm32, false)
    m.setNZ(result); m.C = carry; m.V = overflow
  }

  /// CMN (register) §A7.7.26.
  static func CMN_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let shifted = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), shifted, false)
    m.setNZ(result); m.C = carry; m.V = overflow
  }

  /// CMP (immediate) §A7.7.27.
  @_transparent
  static func CMP_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), ~i.imm32, true)
    m.setNZ(result); m.C = carry; m.V = overflow
  }

  /// CMP (register) §A7.7.28.
  @_transparent
  static func CMP_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let shifted = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), ~shifted, true)
    m.setNZ(result); m.C = carry; m.V = overflow
  }

  /// EOR (immediate) §A7.7.34.
  @_transparent
  static func EOR_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let carry = expandedCarry(m, i)
    let result = m.R(i.n) ^ i.imm32
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// EOR (register) §A7.7.35.
  @_transparent
  static func EOR_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (shifted, carry) = Shift_C(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let result = m.R(i.n) ^ shifted
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// LSL (immediate) §A7.7.67.
  @_transparent
  static func LSL_immediate(_ m: Machine, _ i: Instruction) throws(Fault) { shiftImmediate(m, i) }

  /// LSL (register) §A7.7.68.
  @_transparent
  static func LSL_register(_ m: Machine, _ i: Instruction) throws(Fault) { shiftRegister(m, i, .LSL) }

  /// LSR (immediate) §A7.7.69.
  @_transparent
  static func LSR_immediate(_ m: Machine, _ i: Instruction) throws(Fault) { shiftImmediate(m, i) }

  /// LSR (register) §A7.7.70.
  @_transparent
  static func LSR_register(_ m: Machine, _ i: Instruction) throws(Fault) { shiftRegister(m, i, .LSR) }

  /// MOV (immediate) §A7.7.75: `result = imm32; R[d] = result; if setflags then N, Z (C = carry)`.
  /// `extra` bit 0 marks encodings whose imm32 came from ThumbExpandImm_C with a carry to set;
  /// bit 1 holds that carry.
  @_transparent
  static func MOV_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let result = i.imm32
    m.setR(i.d, result)
    if m.setsFlags(i) {
      m.setNZ(result)
      if i.extra & 1 != 0 { m.C = i.extra & 2 != 0 }
    }
  }

  /// MOV (register) §A7.7.76: `if d == 15 then ALUWritePC(result)`.
  @_transparent
  static func MOV_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    if i.extra == MOVRegisterT2 && m.InITBlock {
      throw Fault(.unpredictable, "MOVS (register) T2 inside an IT block")
    }
    try checkPCWriteInIT(m, i)
    let result = m.R(i.m)
    if i.d == 15 {
      m.ALUWritePC(result)  // setflags is always FALSE
    } else {
      m.setR(i.d, result)
      if m.setsFlags(i) { m.setNZ(result) }
    }
  }

  /// MOVT §A7.7.78: `R[d]<31:16> = imm16` (R[d]<15:0> unchanged).
  @_transparent
  static func MOVT(_ m: Machine, _ i: Instruction) throws(Fault) {
    m.setR(i.d, (i.imm32 << 16) | (m.R(i.d) & 0xFFFF))
  }

  /// MVN (immediate) §A7.7.84.
  @_transparent
  static func MVN_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let carry = expandedCarry(m, i)
    let result = ~i.imm32
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// MVN (register) §A7.7.85.
  @_transparent
  static func MVN_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (shifted, carry) = Shift_C(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let result = ~shifted
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// ORN (immediate) §A7.7.88.
  static func ORN_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let carry = expandedCarry(m, i)
    let result = m.R(i.n) | ~i.imm32
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// ORN (register) §A7.7.89.
  static func ORN_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (shifted, carry) = Shift_C(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let result = m.R(i.n) | ~shifted
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// ORR (immediate) §A7.7.90.
  @_transparent
  static func ORR_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let carry = expandedCarry(m, i)
    let result = m.R(i.n) | i.imm32
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// ORR (register) §A7.7.91.
  @_transparent
  static func ORR_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (shifted, carry) = Shift_C(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let result = m.R(i.n) | shifted
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry }
  }

  /// RBIT §A7.7.110: `result<31-i> = R[m]<i>` for i = 0…31.
  static func RBIT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let operand = m.R(i.m)
    var result: UInt32 = 0
    for k: UInt32 in 0..<32 { result |= ((operand >> k) & 1) << (31 - k) }
    m.setR(i.d, result)
  }

  /// REV §A7.7.111.
  static func REV(_ m: Machine, _ i: Instruction) throws(Fault) {
    m.setR(i.d, m.R(i.m).byteSwapped)
  }

  /// REV16 §A7.7.112: the bytes of each halfword swapped.
  static func REV16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let x = m.R(i.m)
    let result = ((x & 0x00FF_00FF) << 8) | ((x >> 8) & 0x00FF_00FF)
    m.setR(i.d, result)
  }

  /// REVSH §A7.7.113: `result<31:8> = SignExtend(R[m]<7:0>, 24); result<7:0> = R[m]<15:8>`.
  static func REVSH(_ m: Machine, _ i: Instruction) throws(Fault) {
    let x = m.R(i.m)
    let result = (SignExtend(x.bits(7, 0), 8) << 8) | x.bits(15, 8)
    m.setR(i.d, result)
  }

  /// ROR (immediate) §A7.7.114.
  static func ROR_immediate(_ m: Machine, _ i: Instruction) throws(Fault) { shiftImmediate(m, i) }

  /// ROR (register) §A7.7.115.
  static func ROR_register(_ m: Machine, _ i: Instruction) throws(Fault) { shiftRegister(m, i, .ROR) }

  /// RRX §A7.7.116: `Shift_C(R[m], SRType_RRX, 1, APSR.C)`.
  static func RRX(_ m: Machine, _ i: Instruction) throws(Fault) { shiftImmediate(m, i) }

  /// RSB (immediate) §A7.7.117: `AddWithCarry(NOT(R[n]), imm32, '1')`.
  @_transparent
  static func RSB_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, carry, overflow) = AddWithCarry(~m.R(i.n), i.imm32, true)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// RSB (register) §A7.7.118.
  @_transparent
  static func RSB_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let shifted = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, carry, overflow) = AddWithCarry(~m.R(i.n), shifted, true)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// SBC (immediate) §A7.7.122.
  @_transparent
  static func SBC_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), ~i.imm32, m.C)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// SBC (register) §A7.7.123.
  @_transparent
  static func SBC_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let shifted = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), ~shifted, m.C)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// SBFX §A7.7.124: `R[d] = SignExtend(R[n]<msbit:lsbit>, 32)`.
  @_transparent
  static func SBFX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let lsbit = i.imm32
    let widthminus1 = UInt32(i.extra) &- 1
    let msbit = lsbit + widthminus1
    m.setR(i.d, SignExtend(m.R(i.n).bits(Int(msbit), Int(lsbit)), Int(widthminus1) + 1))
  }

  /// SSAT §A7.7.150: `(result, sat) = SignedSatQ(SInt(operand), saturate_to); if sat then APSR.Q = '1'`.
  @_transparent
  static func SSAT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let operand = Shift(m.R(i.n), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, sat) = SignedSatQ(Int64(operand.s), Int(i.imm32))
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if sat { m.Q = true }
  }

  /// SUB (immediate) §A7.7.171.
  @_transparent
  static func SUB_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), ~i.imm32, true)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// SUB (register) §A7.7.172.
  @_transparent
  static func SUB_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let shifted = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, carry, overflow) = AddWithCarry(m.R(i.n), ~shifted, true)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// SUB (SP minus immediate) §A7.7.173.
  @_transparent
  static func SUB_SP_minus_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, carry, overflow) = AddWithCarry(m.SP, ~i.imm32, true)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// SUB (SP minus register) §A7.7.174.
  static func SUB_SP_minus_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let shifted = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, carry, overflow) = AddWithCarry(m.SP, ~shifted, true)
    m.setR(i.d, result)
    if m.setsFlags(i) { m.setNZ(result); m.C = carry; m.V = overflow }
  }

  /// SXTB §A7.7.179: `rotated = ROR(R[m], rotation); R[d] = SignExtend(rotated<7:0>, 32)`.
  @_transparent
  static func SXTB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, SignExtend(rotated.bits(7, 0), 8))
  }

  /// SXTH §A7.7.181.
  @_transparent
  static func SXTH(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, SignExtend(rotated.bits(15, 0), 16))
  }

  /// TEQ (immediate) §A7.7.183.
  static func TEQ_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let carry = expandedCarry(m, i)
    let result = m.R(i.n) ^ i.imm32
    m.setNZ(result); m.C = carry
  }

  /// TEQ (register) §A7.7.184.
  static func TEQ_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (shifted, carry) = Shift_C(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let result = m.R(i.n) ^ shifted
    m.setNZ(result); m.C = carry
  }

  /// TST (immediate) §A7.7.185.
  @_transparent
  static func TST_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let carry = expandedCarry(m, i)
    let result = m.R(i.n) & i.imm32
    m.setNZ(result); m.C = carry
  }

  /// TST (register) §A7.7.186.
  @_transparent
  static func TST_register(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (shifted, carry) = Shift_C(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let result = m.R(i.n) & shifted
    m.setNZ(result); m.C = carry
  }

  /// UBFX §A7.7.190: `R[d] = ZeroExtend(R[n]<msbit:lsbit>, 32)`.
  @_transparent
  static func UBFX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let lsbit = i.imm32
    let widthminus1 = UInt32(i.extra) &- 1
    let msbit = lsbit + widthminus1
    m.setR(i.d, m.R(i.n).bits(Int(msbit), Int(lsbit)))
  }

  /// USAT §A7.7.210: `(result, sat) = UnsignedSatQ(SInt(operand), saturate_to)`.
  @_transparent
  static func USAT(_ m: Machine, _ i: Instruction) throws(Fault) {
    let operand = Shift(m.R(i.n), i.shift_t, UInt32(i.shift_n), m.C)
    let (result, sat) = UnsignedSatQ(Int64(operand.s), Int(i.imm32))
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if sat { m.Q = true }
  }

  /// UXTB §A7.7.218.
  @_transparent
  static func UXTB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, rotated.bits(7, 0))
  }

  /// UXTH §A7.7.220.
  @_transparent
  static func UXTH(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, rotated.bits(15, 0))
  }
}
