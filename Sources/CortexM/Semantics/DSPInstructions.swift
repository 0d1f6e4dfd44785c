// The DSP extension of ARMv7E-M (ARMv7-M ARM, DDI 0403E): parallel addition and subtraction
// (§A5.3.13 signed, §A5.3.14 unsigned), the saturating additions and SEL of the miscellaneous
// operations (§A5.3.15), the extend-and-add and 16-bit extends (§A5.3.1 register extends),
// SSAT16/USAT16 (§A5.3.3), PKHBT/PKHTB (§A5.3.11), the DSP multiplies (§A5.3.16) and the DSP
// long multiplies (§A5.3.17). Instruction pages are in §A7.7 (section numbers as in DDI 0403E.e).
//
// One semantics function per instruction page, named after it; local names and order follow
// the pseudocode. The pseudocode computes with unbounded integers; here every intermediate is
// an Int64 (wide enough for all of them), so overflow checks such as SMLAD's
// `if result != SInt(result<31:0>) then APSR.Q = '1'` see the full-precision value.
// Q is sticky: semantics only ever set it. GE is written only by the S*/U* non-saturating,
// non-halving parallel forms.
//
// Encodings that differ only in an assembler-visible bit (SMLA<x><y>'s N and M, SMLAD's X,
// SMMLA's R, PKHBT/PKHTB's tb) are one row per spelling, so each row has a plain template;
// the decode clause still sets the pseudocode's n_high/m_high/m_swap/round/tbform (`extra`).

public enum DSPInstructions {
  public static let encodings: [Encoding] =
    parallelAddSubtract + miscellaneous + extends + saturate16 + pack + multiplies + longMultiplies

  // MARK: - Encodings: parallel addition and subtraction (§A5.3.13, §A5.3.14)

  // 1111 1010 1 op1(3) Rn | 1111 Rd 0 U H Q(op2) Rm. All: if d, n or m IN {13,15} UNPREDICTABLE.
  static let parallelAddSubtract: [Encoding] = [
    // Signed (op2 = 00): GE set.
    Encoding("SADD16 T1", "11111010 1001 nnnn 1111 dddd 0000 mmmm", "sadd16{c} {d}, {n}, {m}", .alu, SADD16, decode: decodeDNM),
    Encoding("SASX T1", "11111010 1010 nnnn 1111 dddd 0000 mmmm", "sasx{c} {d}, {n}, {m}", .alu, SASX, decode: decodeDNM),
    Encoding("SSAX T1", "11111010 1110 nnnn 1111 dddd 0000 mmmm", "ssax{c} {d}, {n}, {m}", .alu, SSAX, decode: decodeDNM),
    Encoding("SSUB16 T1", "11111010 1101 nnnn 1111 dddd 0000 mmmm", "ssub16{c} {d}, {n}, {m}", .alu, SSUB16, decode: decodeDNM),
    Encoding("SADD8 T1", "11111010 1000 nnnn 1111 dddd 0000 mmmm", "sadd8{c} {d}, {n}, {m}", .alu, SADD8, decode: decodeDNM),
    Encoding("SSUB8 T1", "11111010 1100 nnnn 1111 dddd 0000 mmmm", "ssub8{c} {d}, {n}, {m}", .alu, SSUB8, decode: decodeDNM),
    // Signed saturating (op2 = 01).
    Encoding("QADD16 T1", "11111010 1001 nnnn 1111 dddd 0001 mmmm", "qadd16{c} {d}, {n}, {m}", .alu, QADD16, decode: decodeDNM),
    Encoding("QASX T1", "11111010 1010 nnnn 1111 dddd 0001 mmmm", "qasx{c} {d}, {n}, {m}", .alu, QASX, decode: decodeDNM),
    Encoding("QSAX T1", "11111010 1110 nnnn 1111 dddd 0001 mmmm", "qsax{c} {d}, {n}, {m}", .alu, QSAX, decode: decodeDNM),
    Encoding("QSUB16 T1", "11111010 1101 nnnn 1111 dddd 0001 mmmm", "qsub16{c} {d}, {n}, {m}", .alu, QSUB16, decode: decodeDNM),
    Encoding("QADD8 T1", "11111010 1000 nnnn 1111 dddd 0001 mmmm", "qadd8{c} {d}, {n}, {m}", .alu, QADD8, decode: decodeDNM),
    Encoding("QSUB8 T1", "11111010 1100 nnnn 1111 dddd 0001 mmmm", "qsub8{c} {d}, {n}, {m}", .alu, QSUB8, decode: decodeDNM),
    // Signed halving (op2 = 10).
    Encoding("SHADD16 T1", "11111010 1001 nnnn 1111 dddd 0010 mmmm", "shadd16{c} {d}, {n}, {m}", .alu, SHADD16, decode: decodeDNM),
    Encoding("SHASX T1", "11111010 1010 nnnn 1111 dddd 0010 mmmm", "shasx{c} {d}, {n}, {m}", .alu, SHASX, decode: decodeDNM),
    Encoding("SHSAX T1", "11111010 1110 nnnn 1111 dddd 0010 mmmm", "shsax{c} {d}, {n}, {m}", .alu, SHSAX, decode: decodeDNM),
    Encoding("SHSUB16 T1", "11111010 1101 nnnn 1111 dddd 0010 mmmm", "shsub16{c} {d}, {n}, {m}", .alu, SHSUB16, decode: decodeDNM),
    Encoding("SHADD8 T1", "11111010 1000 nnnn 1111 dddd 0010 mmmm", "shadd8{c} {d}, {n}, {m}", .alu, SHADD8, decode: decodeDNM),
    Encoding("SHSUB8 T1", "11111010 1100 nnnn 1111 dddd 0010 mmmm", "shsub8{c} {d}, {n}, {m}", .alu, SHSUB8, decode: decodeDNM),
    // Unsigned (op2 = 00): GE set.
    Encoding("UADD16 T1", "11111010 1001 nnnn 1111 dddd 0100 mmmm", "uadd16{c} {d}, {n}, {m}", .alu, UADD16, decode: decodeDNM),
    Encoding("UASX T1", "11111010 1010 nnnn 1111 dddd 0100 mmmm", "uasx{c} {d}, {n}, {m}", .alu, UASX, decode: decodeDNM),
    Encoding("USAX T1", "11111010 1110 nnnn 1111 dddd 0100 mmmm", "usax{c} {d}, {n}, {m}", .alu, USAX, decode: decodeDNM),
    Encoding("USUB16 T1", "11111010 1101 nnnn 1111 dddd 0100 mmmm", "usub16{c} {d}, {n}, {m}", .alu, USUB16, decode: decodeDNM),
    Encoding("UADD8 T1", "11111010 1000 nnnn 1111 dddd 0100 mmmm", "uadd8{c} {d}, {n}, {m}", .alu, UADD8, decode: decodeDNM),
    Encoding("USUB8 T1", "11111010 1100 nnnn 1111 dddd 0100 mmmm", "usub8{c} {d}, {n}, {m}", .alu, USUB8, decode: decodeDNM),
    // Unsigned saturating (op2 = 01).
    Encoding("UQADD16 T1", "11111010 1001 nnnn 1111 dddd 0101 mmmm", "uqadd16{c} {d}, {n}, {m}", .alu, UQADD16, decode: decodeDNM),
    Encoding("UQASX T1", "11111010 1010 nnnn 1111 dddd 0101 mmmm", "uqasx{c} {d}, {n}, {m}", .alu, UQASX, decode: decodeDNM),
    Encoding("UQSAX T1", "11111010 1110 nnnn 1111 dddd 0101 mmmm", "uqsax{c} {d}, {n}, {m}", .alu, UQSAX, decode: decodeDNM),
    Encoding("UQSUB16 T1", "11111010 1101 nnnn 1111 dddd 0101 mmmm", "uqsub16{c} {d}, {n}, {m}", .alu, UQSUB16, decode: decodeDNM),
    Encoding("UQADD8 T1", "11111010 1000 nnnn 1111 dddd 0101 mmmm", "uqadd8{c} {d}, {n}, {m}", .alu, UQADD8, decode: decodeDNM),
    Encoding("UQSUB8 T1", "11111010 1100 nnnn 1111 dddd 0101 mmmm", "uqsub8{c} {d}, {n}, {m}", .alu, UQSUB8, decode: decodeDNM),
    // Unsigned halving (op2 = 10).
    Encoding("UHADD16 T1", "11111010 1001 nnnn 1111 dddd 0110 mmmm", "uhadd16{c} {d}, {n}, {m}", .alu, UHADD16, decode: decodeDNM),
    Encoding("UHASX T1", "11111010 1010 nnnn 1111 dddd 0110 mmmm", "uhasx{c} {d}, {n}, {m}", .alu, UHASX, decode: decodeDNM),
    Encoding("UHSAX T1", "11111010 1110 nnnn 1111 dddd 0110 mmmm", "uhsax{c} {d}, {n}, {m}", .alu, UHSAX, decode: decodeDNM),
    Encoding("UHSUB16 T1", "11111010 1101 nnnn 1111 dddd 0110 mmmm", "uhsub16{c} {d}, {n}, {m}", .alu, UHSUB16, decode: decodeDNM),
    Encoding("UHADD8 T1", "11111010 1000 nnnn 1111 dddd 0110 mmmm", "uhadd8{c} {d}, {n}, {m}", .alu, UHADD8, decode: decodeDNM),
    Encoding("UHSUB8 T1", "11111010 1100 nnnn 1111 dddd 0110 mmmm", "uhsub8{c} {d}, {n}, {m}", .alu, UHSUB8, decode: decodeDNM),
  ]

  // MARK: - Encodings: miscellaneous operations (§A5.3.15), the DSP part

  // 1111 1010 10 op1(2) Rn | 1111 Rd 10 op2(2) Rm. QADD/QSUB/QDADD/QDSUB take Rd, Rm, Rn.
  static let miscellaneous: [Encoding] = [
    Encoding("QADD T1", "11111010 1000 nnnn 1111 dddd 1000 mmmm", "qadd{c} {d}, {m}, {n}", .alu, QADD, decode: decodeDNM),
    Encoding("QDADD T1", "11111010 1000 nnnn 1111 dddd 1001 mmmm", "qdadd{c} {d}, {m}, {n}", .alu, QDADD, decode: decodeDNM),
    Encoding("QSUB T1", "11111010 1000 nnnn 1111 dddd 1010 mmmm", "qsub{c} {d}, {m}, {n}", .alu, QSUB, decode: decodeDNM),
    Encoding("QDSUB T1", "11111010 1000 nnnn 1111 dddd 1011 mmmm", "qdsub{c} {d}, {m}, {n}", .alu, QDSUB, decode: decodeDNM),
    Encoding("SEL T1", "11111010 1010 nnnn 1111 dddd 1000 mmmm", "sel{c} {d}, {n}, {m}", .alu, SEL, decode: decodeDNM),
  ]

  // MARK: - Encodings: register extends (§A5.3.1, op2 = 1xxx)

  // 1111 1010 0 op1(3) Rn | 1111 Rd 1 (0) rotate(2) Rm. The extend-and-add forms with
  // Rn == 1111 are the plain extends: SXTAH → SXTH, UXTAH → UXTH, SXTAB → SXTB, UXTAB → UXTB
  // (another group's rows), SXTAB16 → SXTB16, UXTAB16 → UXTB16 (rows below).
  static let extends: [Encoding] = [
    Encoding("SXTAH T1", "11111010 0000 nnnn 1111 dddd 1(0)rr mmmm", "sxtah{c} {d}, {n}, {m}{shift}", .alu, SXTAH) { f, i in
      decodeExtendAdd(f, &i, see: "SXTH")
    },
    Encoding("UXTAH T1", "11111010 0001 nnnn 1111 dddd 1(0)rr mmmm", "uxtah{c} {d}, {n}, {m}{shift}", .alu, UXTAH) { f, i in
      decodeExtendAdd(f, &i, see: "UXTH")
    },
    Encoding("SXTAB16 T1", "11111010 0010 nnnn 1111 dddd 1(0)rr mmmm", "sxtab16{c} {d}, {n}, {m}{shift}", .alu, SXTAB16) { f, i in
      decodeExtendAdd(f, &i, see: "SXTB16")
    },
    Encoding("UXTAB16 T1", "11111010 0011 nnnn 1111 dddd 1(0)rr mmmm", "uxtab16{c} {d}, {n}, {m}{shift}", .alu, UXTAB16) { f, i in
      decodeExtendAdd(f, &i, see: "UXTB16")
    },
    Encoding("SXTAB T1", "11111010 0100 nnnn 1111 dddd 1(0)rr mmmm", "sxtab{c} {d}, {n}, {m}{shift}", .alu, SXTAB) { f, i in
      decodeExtendAdd(f, &i, see: "SXTB")
    },
    Encoding("UXTAB T1", "11111010 0101 nnnn 1111 dddd 1(0)rr mmmm", "uxtab{c} {d}, {n}, {m}{shift}", .alu, UXTAB) { f, i in
      decodeExtendAdd(f, &i, see: "UXTB")
    },
    // SXTB16/UXTB16 T1: if d IN {13,15} || m IN {13,15} then UNPREDICTABLE.
    Encoding("SXTB16 T1", "11111010 0010 1111 1111 dddd 1(0)rr mmmm", "sxtb16{c} {d}, {m}{shift}", .alu, SXTB16, decode: decodeExtend),
    Encoding("UXTB16 T1", "11111010 0011 1111 1111 dddd 1(0)rr mmmm", "uxtb16{c} {d}, {m}{shift}", .alu, UXTB16, decode: decodeExtend),
  ]

  // MARK: - Encodings: SSAT16, USAT16 (§A5.3.3)

  // The sh == 1, imm3:imm2 == 00000 corner of SSAT/USAT T1 (whose rows SEE these).
  static let saturate16: [Encoding] = [
    Encoding("SSAT16 T1", "11110(0)11 0010 nnnn 0000 dddd 00(0)(0) iiii", "ssat16{c} {d}, {imm}, {n}", .alu, SSAT16) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.imm32 = f.i + 1  // saturate_to = UInt(sat_imm)+1
      return BadReg(i.d) || BadReg(i.n) ? .unpredictable("d or n is SP or PC") : .ok
    },
    Encoding("USAT16 T1", "11110(0)11 1010 nnnn 0000 dddd 00(0)(0) iiii", "usat16{c} {d}, {imm}, {n}", .alu, USAT16) { f, i in
      i.d = f.r("d"); i.n = f.r("n"); i.imm32 = f.i  // saturate_to = UInt(sat_imm)
      return BadReg(i.d) || BadReg(i.n) ? .unpredictable("d or n is SP or PC") : .ok
    },
  ]

  // MARK: - Encodings: PKHBT, PKHTB (§A5.3.11, op = 0110)

  // 1110 1010 110 S Rn | (0) imm3 Rd imm2 tb T Rm; one row per tb (the two spellings).
  static let pack: [Encoding] = [
    Encoding("PKHBT T1", "11101010 110S nnnn (0)iii dddd ii0T mmmm", "pkhbt{c} {d}, {n}, {m}{shift}", .alu, PKHBT_PKHTB) { f, i in
      decodePKH(f, &i, tbform: false)
    },
    Encoding("PKHTB T1", "11101010 110S nnnn (0)iii dddd ii1T mmmm", "pkhtb{c} {d}, {n}, {m}{shift}", .alu, PKHBT_PKHTB) { f, i in
      decodePKH(f, &i, tbform: true)
    },
  ]

  // MARK: - Encodings: multiply, multiply accumulate and absolute difference (§A5.3.16)

  // 1111 1011 0 op1(3) Rn | Ra Rd 00 op2(2) Rm. The accumulating forms with Ra == 1111 are the
  // non-accumulating ones ("SEE SMULBB" etc.); both are rows here.
  static let multiplies: [Encoding] = [
    // SMLA<x><y> / SMUL<x><y>: op1 = 001, op2 = N:M.
    Encoding("SMLABB T1", "11111011 0001 nnnn aaaa dddd 0000 mmmm", "smlabb{c} {d}, {n}, {m}, {a}", .multiply, SMLAxy) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 0b00, see: "SMULBB")
    },
    Encoding("SMLABT T1", "11111011 0001 nnnn aaaa dddd 0001 mmmm", "smlabt{c} {d}, {n}, {m}, {a}", .multiply, SMLAxy) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 0b10, see: "SMULBT")
    },
    Encoding("SMLATB T1", "11111011 0001 nnnn aaaa dddd 0010 mmmm", "smlatb{c} {d}, {n}, {m}, {a}", .multiply, SMLAxy) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 0b01, see: "SMULTB")
    },
    Encoding("SMLATT T1", "11111011 0001 nnnn aaaa dddd 0011 mmmm", "smlatt{c} {d}, {n}, {m}, {a}", .multiply, SMLAxy) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 0b11, see: "SMULTT")
    },
    Encoding("SMULBB T1", "11111011 0001 nnnn 1111 dddd 0000 mmmm", "smulbb{c} {d}, {n}, {m}", .multiply, SMULxy) { f, i in
      decodeMultiply(f, &i, extra: 0b00)
    },
    Encoding("SMULBT T1", "11111011 0001 nnnn 1111 dddd 0001 mmmm", "smulbt{c} {d}, {n}, {m}", .multiply, SMULxy) { f, i in
      decodeMultiply(f, &i, extra: 0b10)
    },
    Encoding("SMULTB T1", "11111011 0001 nnnn 1111 dddd 0010 mmmm", "smultb{c} {d}, {n}, {m}", .multiply, SMULxy) { f, i in
      decodeMultiply(f, &i, extra: 0b01)
    },
    Encoding("SMULTT T1", "11111011 0001 nnnn 1111 dddd 0011 mmmm", "smultt{c} {d}, {n}, {m}", .multiply, SMULxy) { f, i in
      decodeMultiply(f, &i, extra: 0b11)
    },
    // SMLAD(X) / SMUAD(X): op1 = 010, op2 = 0:M.
    Encoding("SMLAD T1", "11111011 0010 nnnn aaaa dddd 0000 mmmm", "smlad{c} {d}, {n}, {m}, {a}", .multiply, SMLAD) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 0, see: "SMUAD")
    },
    Encoding("SMLADX T1", "11111011 0010 nnnn aaaa dddd 0001 mmmm", "smladx{c} {d}, {n}, {m}, {a}", .multiply, SMLAD) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 1, see: "SMUADX")
    },
    Encoding("SMUAD T1", "11111011 0010 nnnn 1111 dddd 0000 mmmm", "smuad{c} {d}, {n}, {m}", .multiply, SMUAD) { f, i in
      decodeMultiply(f, &i, extra: 0)
    },
    Encoding("SMUADX T1", "11111011 0010 nnnn 1111 dddd 0001 mmmm", "smuadx{c} {d}, {n}, {m}", .multiply, SMUAD) { f, i in
      decodeMultiply(f, &i, extra: 1)
    },
    // SMLAW<y> / SMULW<y>: op1 = 011, op2 = 0:M.
    Encoding("SMLAWB T1", "11111011 0011 nnnn aaaa dddd 0000 mmmm", "smlawb{c} {d}, {n}, {m}, {a}", .multiply, SMLAWy) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 0, see: "SMULWB")
    },
    Encoding("SMLAWT T1", "11111011 0011 nnnn aaaa dddd 0001 mmmm", "smlawt{c} {d}, {n}, {m}, {a}", .multiply, SMLAWy) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 1, see: "SMULWT")
    },
    Encoding("SMULWB T1", "11111011 0011 nnnn 1111 dddd 0000 mmmm", "smulwb{c} {d}, {n}, {m}", .multiply, SMULWy) { f, i in
      decodeMultiply(f, &i, extra: 0)
    },
    Encoding("SMULWT T1", "11111011 0011 nnnn 1111 dddd 0001 mmmm", "smulwt{c} {d}, {n}, {m}", .multiply, SMULWy) { f, i in
      decodeMultiply(f, &i, extra: 1)
    },
    // SMLSD(X) / SMUSD(X): op1 = 100, op2 = 0:M.
    Encoding("SMLSD T1", "11111011 0100 nnnn aaaa dddd 0000 mmmm", "smlsd{c} {d}, {n}, {m}, {a}", .multiply, SMLSD) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 0, see: "SMUSD")
    },
    Encoding("SMLSDX T1", "11111011 0100 nnnn aaaa dddd 0001 mmmm", "smlsdx{c} {d}, {n}, {m}, {a}", .multiply, SMLSD) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 1, see: "SMUSDX")
    },
    Encoding("SMUSD T1", "11111011 0100 nnnn 1111 dddd 0000 mmmm", "smusd{c} {d}, {n}, {m}", .multiply, SMUSD) { f, i in
      decodeMultiply(f, &i, extra: 0)
    },
    Encoding("SMUSDX T1", "11111011 0100 nnnn 1111 dddd 0001 mmmm", "smusdx{c} {d}, {n}, {m}", .multiply, SMUSD) { f, i in
      decodeMultiply(f, &i, extra: 1)
    },
    // SMMLA(R) / SMMUL(R): op1 = 101, op2 = 0:R.
    Encoding("SMMLA T1", "11111011 0101 nnnn aaaa dddd 0000 mmmm", "smmla{c} {d}, {n}, {m}, {a}", .multiply, SMMLA) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 0, see: "SMMUL")
    },
    Encoding("SMMLAR T1", "11111011 0101 nnnn aaaa dddd 0001 mmmm", "smmlar{c} {d}, {n}, {m}, {a}", .multiply, SMMLA) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 1, see: "SMMULR")
    },
    Encoding("SMMUL T1", "11111011 0101 nnnn 1111 dddd 0000 mmmm", "smmul{c} {d}, {n}, {m}", .multiply, SMMUL) { f, i in
      decodeMultiply(f, &i, extra: 0)
    },
    Encoding("SMMULR T1", "11111011 0101 nnnn 1111 dddd 0001 mmmm", "smmulr{c} {d}, {n}, {m}", .multiply, SMMUL) { f, i in
      decodeMultiply(f, &i, extra: 1)
    },
    // SMMLS(R): op1 = 110, op2 = 0:R. No SEE: Ra == 1111 is UNPREDICTABLE (a IN {13,15}).
    Encoding("SMMLS T1", "11111011 0110 nnnn aaaa dddd 0000 mmmm", "smmls{c} {d}, {n}, {m}, {a}", .multiply, SMMLS) { f, i in
      decodeSMMLS(f, &i, round: false)
    },
    Encoding("SMMLSR T1", "11111011 0110 nnnn aaaa dddd 0001 mmmm", "smmlsr{c} {d}, {n}, {m}, {a}", .multiply, SMMLS) { f, i in
      decodeSMMLS(f, &i, round: true)
    },
    // USADA8 / USAD8: op1 = 111, op2 = 00 (single-cycle on the M4: priced as ALU).
    Encoding("USADA8 T1", "11111011 0111 nnnn aaaa dddd 0000 mmmm", "usada8{c} {d}, {n}, {m}, {a}", .alu, USADA8) { f, i in
      decodeMultiplyAccumulate(f, &i, extra: 0, see: "USAD8")
    },
    Encoding("USAD8 T1", "11111011 0111 nnnn 1111 dddd 0000 mmmm", "usad8{c} {d}, {n}, {m}", .alu, USAD8) { f, i in
      decodeMultiply(f, &i, extra: 0)
    },
  ]

  // MARK: - Encodings: long multiply, the DSP part (§A5.3.17)

  // 1111 1011 1 op1(3) Rn | RdLo RdHi op2(4) Rm.
  static let longMultiplies: [Encoding] = [
    Encoding("SMLALBB T1", "11111011 1100 nnnn llll hhhh 1000 mmmm", "smlalbb{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMLALxy) { f, i in
      decodeLong(f, &i, extra: 0b00)
    },
    Encoding("SMLALBT T1", "11111011 1100 nnnn llll hhhh 1001 mmmm", "smlalbt{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMLALxy) { f, i in
      decodeLong(f, &i, extra: 0b10)
    },
    Encoding("SMLALTB T1", "11111011 1100 nnnn llll hhhh 1010 mmmm", "smlaltb{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMLALxy) { f, i in
      decodeLong(f, &i, extra: 0b01)
    },
    Encoding("SMLALTT T1", "11111011 1100 nnnn llll hhhh 1011 mmmm", "smlaltt{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMLALxy) { f, i in
      decodeLong(f, &i, extra: 0b11)
    },
    Encoding("SMLALD T1", "11111011 1100 nnnn llll hhhh 1100 mmmm", "smlald{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMLALD) { f, i in
      decodeLong(f, &i, extra: 0)
    },
    Encoding("SMLALDX T1", "11111011 1100 nnnn llll hhhh 1101 mmmm", "smlaldx{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMLALD) { f, i in
      decodeLong(f, &i, extra: 1)
    },
    Encoding("SMLSLD T1", "11111011 1101 nnnn llll hhhh 1100 mmmm", "smlsld{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMLSLD) { f, i in
      decodeLong(f, &i, extra: 0)
    },
    Encoding("SMLSLDX T1", "11111011 1101 nnnn llll hhhh 1101 mmmm", "smlsldx{c} {dLo}, {dHi}, {n}, {m}", .multiply, SMLSLD) { f, i in
      decodeLong(f, &i, extra: 1)
    },
    Encoding("UMAAL T1", "11111011 1110 nnnn llll hhhh 0110 mmmm", "umaal{c} {dLo}, {dHi}, {n}, {m}", .multiply, UMAAL) { f, i in
      decodeLong(f, &i, extra: 0)
    },
  ]

  // MARK: - Decode clauses

  /// `BadReg(n)`: n IN {13,15}.
  @inline(__always) static func BadReg(_ r: UInt8) -> Bool { r == 13 || r == 15 }

  /// d = UInt(Rd); n = UInt(Rn); m = UInt(Rm);
  /// if d IN {13,15} || n IN {13,15} || m IN {13,15} then UNPREDICTABLE.
  static func decodeDNM(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m")
    if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("d, n or m is SP or PC") }
    return .ok
  }

  /// SXTAB/SXTAH/SXTAB16 and the UXTA* T1: if Rn == '1111' then SEE the plain extend;
  /// rotation = UInt(rotate:'000'); if d IN {13,15} || n == 13 || m IN {13,15} UNPREDICTABLE.
  static func decodeExtendAdd(_ f: Fields, _ i: inout Instruction, see: String) -> DecodeResult {
    if f.n == 0b1111 { return .see(see) }
    i.n = f.r("n")
    let result = decodeExtend(f, &i)
    if case .ok = result, i.n == 13 { return .unpredictable("n is SP") }
    return result
  }

  /// SXTB16/UXTB16 T1: d = UInt(Rd); m = UInt(Rm); rotation = UInt(rotate:'000');
  /// if d IN {13,15} || m IN {13,15} then UNPREDICTABLE.
  /// The rotation is kept in shift_n; shift_t is ROR when it is non-zero (for the template).
  static func decodeExtend(_ f: Fields, _ i: inout Instruction) -> DecodeResult {
    i.d = f.r("d"); i.m = f.r("m")
    i.shift_n = UInt8(f.r("r") << 3)
    i.shift_t = i.shift_n == 0 ? .LSL : .ROR
    if BadReg(i.d) || BadReg(i.m) { return .unpredictable("d or m is SP or PC") }
    return .ok
  }

  /// PKHBT/PKHTB T1: if S == '1' || T == '1' then UNDEFINED; tbform = (tb == '1');
  /// (shift_t, shift_n) = DecodeImmShift(tb:'0', imm3:imm2);
  /// if d IN {13,15} || n IN {13,15} || m IN {13,15} then UNPREDICTABLE.
  /// `extra` bit 0 holds tbform.
  static func decodePKH(_ f: Fields, _ i: inout Instruction, tbform: Bool) -> DecodeResult {
    if f.S == 1 || f.T == 1 { return .undefined }
    i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m")
    i.extra = tbform ? 1 : 0
    (i.shift_t, i.shift_n) = DecodeImmShift(tbform ? 0b10 : 0b00, f.i)
    if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("d, n or m is SP or PC") }
    return .ok
  }

  /// The accumulating multiplies (SMLA<x><y>, SMLAD, SMLAW<y>, SMLSD, SMMLA, USADA8):
  /// if Ra == '1111' then SEE the non-accumulating form; d = UInt(Rd); n = UInt(Rn);
  /// m = UInt(Rm); a = UInt(Ra);
  /// if d IN {13,15} || n IN {13,15} || m IN {13,15} || a == 13 then UNPREDICTABLE.
  /// `extra` holds the row's n_high (bit 0) and m_high (bit 1), or m_swap/round (bit 0).
  static func decodeMultiplyAccumulate(_ f: Fields, _ i: inout Instruction, extra: UInt8, see: String) -> DecodeResult {
    if f.a == 0b1111 { return .see(see) }
    i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m"); i.a = f.r("a")
    i.extra = extra
    if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) || i.a == 13 { return .unpredictable("d, n or m is SP or PC, or a is SP") }
    return .ok
  }

  /// The non-accumulating multiplies (SMUL<x><y>, SMUAD, SMULW<y>, SMUSD, SMMUL, USAD8):
  /// if d IN {13,15} || n IN {13,15} || m IN {13,15} then UNPREDICTABLE.
  static func decodeMultiply(_ f: Fields, _ i: inout Instruction, extra: UInt8) -> DecodeResult {
    i.extra = extra
    return decodeDNM(f, &i)
  }

  /// SMMLS(R) T1: if d IN {13,15} || n IN {13,15} || m IN {13,15} || a IN {13,15} then
  /// UNPREDICTABLE.
  static func decodeSMMLS(_ f: Fields, _ i: inout Instruction, round: Bool) -> DecodeResult {
    i.d = f.r("d"); i.n = f.r("n"); i.m = f.r("m"); i.a = f.r("a")
    i.extra = round ? 1 : 0
    if BadReg(i.d) || BadReg(i.n) || BadReg(i.m) || BadReg(i.a) { return .unpredictable("d, n, m or a is SP or PC") }
    return .ok
  }

  /// The DSP long multiplies: dLo = UInt(RdLo); dHi = UInt(RdHi); n = UInt(Rn); m = UInt(Rm);
  /// if dLo IN {13,15} || dHi IN {13,15} || n IN {13,15} || m IN {13,15} then UNPREDICTABLE;
  /// if dHi == dLo then UNPREDICTABLE.
  static func decodeLong(_ f: Fields, _ i: inout Instruction, extra: UInt8) -> DecodeResult {
    i.dLo = f.r("l"); i.dHi = f.r("h"); i.n = f.r("n"); i.m = f.r("m")
    i.extra = extra
    if BadReg(i.dLo) || BadReg(i.dHi) || BadReg(i.n) || BadReg(i.m) { return .unpredictable("dLo, dHi, n or m is SP or PC") }
    if i.dHi == i.dLo { return .unpredictable("dHi == dLo") }
    return .ok
  }

  // MARK: - Lane helpers (the pseudocode's SInt/UInt of a bit field, and lane packing)

  /// `SInt(x<hi:lo>)`.
  @inline(__always) static func SInt(_ x: UInt32, _ hi: Int, _ lo: Int) -> Int64 {
    Int64(SignExtend(x.bits(hi, lo), hi - lo + 1).s)
  }
  /// `UInt(x<hi:lo>)`.
  @inline(__always) static func UInt(_ x: UInt32, _ hi: Int, _ lo: Int) -> Int64 { Int64(x.bits(hi, lo)) }
  /// `SInt(x)` of a whole register.
  @inline(__always) static func SInt(_ x: UInt32) -> Int64 { Int64(x.s) }

  /// `R[d]<31:16> = hi<15:0>; R[d]<15:0> = lo<15:0>`.
  @inline(__always) static func halves(_ hi: Int64, _ lo: Int64) -> UInt32 {
    (UInt32(truncatingIfNeeded: hi) & 0xFFFF) << 16 | (UInt32(truncatingIfNeeded: lo) & 0xFFFF)
  }
  /// `R[d]<31:24> = b4<7:0>; … R[d]<7:0> = b1<7:0>`.
  @inline(__always) static func bytes(_ b4: Int64, _ b3: Int64, _ b2: Int64, _ b1: Int64) -> UInt32 {
    (UInt32(truncatingIfNeeded: b4) & 0xFF) << 24 | (UInt32(truncatingIfNeeded: b3) & 0xFF) << 16
      | (UInt32(truncatingIfNeeded: b2) & 0xFF) << 8 | (UInt32(truncatingIfNeeded: b1) & 0xFF)
  }
  /// `APSR.GE<3:2> = if hi then '11' else '00'; APSR.GE<1:0> = if lo then '11' else '00'`.
  @inline(__always) static func GE16(_ hi: Bool, _ lo: Bool) -> UInt32 { (hi ? 0b1100 : 0) | (lo ? 0b0011 : 0) }
  /// `APSR.GE<3> = g4; … APSR.GE<0> = g1`.
  @inline(__always) static func GE8(_ g4: Bool, _ g3: Bool, _ g2: Bool, _ g1: Bool) -> UInt32 {
    (g4 ? 8 : 0) | (g3 ? 4 : 0) | (g2 ? 2 : 0) | (g1 ? 1 : 0)
  }

  // MARK: - Semantics: signed parallel addition and subtraction

  /// SADD16 §A7.7.121.
  @_transparent
  static func SADD16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = SInt(Rn, 15, 0) &+ SInt(Rm, 15, 0)
    let sum2 = SInt(Rn, 31, 16) &+ SInt(Rm, 31, 16)
    m.setR(i.d, halves(sum2, sum1))
    m.GE = GE16(sum2 >= 0, sum1 >= 0)
  }

  /// SASX §A7.7.123.
  static func SASX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff = SInt(Rn, 15, 0) &- SInt(Rm, 31, 16)
    let sum = SInt(Rn, 31, 16) &+ SInt(Rm, 15, 0)
    m.setR(i.d, halves(sum, diff))
    m.GE = GE16(sum >= 0, diff >= 0)
  }

  /// SSAX §A7.7.154.
  static func SSAX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum = SInt(Rn, 15, 0) &+ SInt(Rm, 31, 16)
    let diff = SInt(Rn, 31, 16) &- SInt(Rm, 15, 0)
    m.setR(i.d, halves(diff, sum))
    m.GE = GE16(diff >= 0, sum >= 0)
  }

  /// SSUB16 §A7.7.155.
  @_transparent
  static func SSUB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = SInt(Rn, 15, 0) &- SInt(Rm, 15, 0)
    let diff2 = SInt(Rn, 31, 16) &- SInt(Rm, 31, 16)
    m.setR(i.d, halves(diff2, diff1))
    m.GE = GE16(diff2 >= 0, diff1 >= 0)
  }

  /// SADD8 §A7.7.122.
  static func SADD8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = SInt(Rn, 7, 0) &+ SInt(Rm, 7, 0)
    let sum2 = SInt(Rn, 15, 8) &+ SInt(Rm, 15, 8)
    let sum3 = SInt(Rn, 23, 16) &+ SInt(Rm, 23, 16)
    let sum4 = SInt(Rn, 31, 24) &+ SInt(Rm, 31, 24)
    m.setR(i.d, bytes(sum4, sum3, sum2, sum1))
    m.GE = GE8(sum4 >= 0, sum3 >= 0, sum2 >= 0, sum1 >= 0)
  }

  /// SSUB8 §A7.7.156.
  @_transparent
  static func SSUB8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = SInt(Rn, 7, 0) &- SInt(Rm, 7, 0)
    let diff2 = SInt(Rn, 15, 8) &- SInt(Rm, 15, 8)
    let diff3 = SInt(Rn, 23, 16) &- SInt(Rm, 23, 16)
    let diff4 = SInt(Rn, 31, 24) &- SInt(Rm, 31, 24)
    m.setR(i.d, bytes(diff4, diff3, diff2, diff1))
    m.GE = GE8(diff4 >= 0, diff3 >= 0, diff2 >= 0, diff1 >= 0)
  }

  // MARK: - Semantics: signed saturating parallel addition and subtraction (no Q, no GE)

  /// QADD16 §A7.7.102.
  @_transparent
  static func QADD16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = SInt(Rn, 15, 0) &+ SInt(Rm, 15, 0)
    let sum2 = SInt(Rn, 31, 16) &+ SInt(Rm, 31, 16)
    m.setR(i.d, halves(SignedSat(sum2, 16), SignedSat(sum1, 16)))
  }

  /// QASX §A7.7.104.
  static func QASX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff = SInt(Rn, 15, 0) &- SInt(Rm, 31, 16)
    let sum = SInt(Rn, 31, 16) &+ SInt(Rm, 15, 0)
    m.setR(i.d, halves(SignedSat(sum, 16), SignedSat(diff, 16)))
  }

  /// QSAX §A7.7.107.
  static func QSAX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum = SInt(Rn, 15, 0) &+ SInt(Rm, 31, 16)
    let diff = SInt(Rn, 31, 16) &- SInt(Rm, 15, 0)
    m.setR(i.d, halves(SignedSat(diff, 16), SignedSat(sum, 16)))
  }

  /// QSUB16 §A7.7.109.
  static func QSUB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = SInt(Rn, 15, 0) &- SInt(Rm, 15, 0)
    let diff2 = SInt(Rn, 31, 16) &- SInt(Rm, 31, 16)
    m.setR(i.d, halves(SignedSat(diff2, 16), SignedSat(diff1, 16)))
  }

  /// QADD8 §A7.7.103.
  static func QADD8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = SInt(Rn, 7, 0) &+ SInt(Rm, 7, 0)
    let sum2 = SInt(Rn, 15, 8) &+ SInt(Rm, 15, 8)
    let sum3 = SInt(Rn, 23, 16) &+ SInt(Rm, 23, 16)
    let sum4 = SInt(Rn, 31, 24) &+ SInt(Rm, 31, 24)
    m.setR(i.d, bytes(SignedSat(sum4, 8), SignedSat(sum3, 8), SignedSat(sum2, 8), SignedSat(sum1, 8)))
  }

  /// QSUB8 §A7.7.110.
  static func QSUB8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = SInt(Rn, 7, 0) &- SInt(Rm, 7, 0)
    let diff2 = SInt(Rn, 15, 8) &- SInt(Rm, 15, 8)
    let diff3 = SInt(Rn, 23, 16) &- SInt(Rm, 23, 16)
    let diff4 = SInt(Rn, 31, 24) &- SInt(Rm, 31, 24)
    m.setR(i.d, bytes(SignedSat(diff4, 8), SignedSat(diff3, 8), SignedSat(diff2, 8), SignedSat(diff1, 8)))
  }

  // MARK: - Semantics: signed halving parallel addition and subtraction

  /// SHADD16 §A7.7.130: `R[d]<15:0> = sum1<16:1>; R[d]<31:16> = sum2<16:1>`.
  static func SHADD16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = SInt(Rn, 15, 0) &+ SInt(Rm, 15, 0)
    let sum2 = SInt(Rn, 31, 16) &+ SInt(Rm, 31, 16)
    m.setR(i.d, halves(sum2 >> 1, sum1 >> 1))
  }

  /// SHASX §A7.7.132.
  static func SHASX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff = SInt(Rn, 15, 0) &- SInt(Rm, 31, 16)
    let sum = SInt(Rn, 31, 16) &+ SInt(Rm, 15, 0)
    m.setR(i.d, halves(sum >> 1, diff >> 1))
  }

  /// SHSAX §A7.7.133.
  static func SHSAX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum = SInt(Rn, 15, 0) &+ SInt(Rm, 31, 16)
    let diff = SInt(Rn, 31, 16) &- SInt(Rm, 15, 0)
    m.setR(i.d, halves(diff >> 1, sum >> 1))
  }

  /// SHSUB16 §A7.7.134.
  static func SHSUB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = SInt(Rn, 15, 0) &- SInt(Rm, 15, 0)
    let diff2 = SInt(Rn, 31, 16) &- SInt(Rm, 31, 16)
    m.setR(i.d, halves(diff2 >> 1, diff1 >> 1))
  }

  /// SHADD8 §A7.7.131: `R[d]<7:0> = sum1<8:1>` etc.
  static func SHADD8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = SInt(Rn, 7, 0) &+ SInt(Rm, 7, 0)
    let sum2 = SInt(Rn, 15, 8) &+ SInt(Rm, 15, 8)
    let sum3 = SInt(Rn, 23, 16) &+ SInt(Rm, 23, 16)
    let sum4 = SInt(Rn, 31, 24) &+ SInt(Rm, 31, 24)
    m.setR(i.d, bytes(sum4 >> 1, sum3 >> 1, sum2 >> 1, sum1 >> 1))
  }

  /// SHSUB8 §A7.7.135.
  static func SHSUB8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = SInt(Rn, 7, 0) &- SInt(Rm, 7, 0)
    let diff2 = SInt(Rn, 15, 8) &- SInt(Rm, 15, 8)
    let diff3 = SInt(Rn, 23, 16) &- SInt(Rm, 23, 16)
    let diff4 = SInt(Rn, 31, 24) &- SInt(Rm, 31, 24)
    m.setR(i.d, bytes(diff4 >> 1, diff3 >> 1, diff2 >> 1, diff1 >> 1))
  }

  // MARK: - Semantics: unsigned parallel addition and subtraction

  /// UADD16 §A7.7.190: `GE<1:0> = if sum1 >= 0x10000 then '11' else '00'`.
  static func UADD16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = UInt(Rn, 15, 0) &+ UInt(Rm, 15, 0)
    let sum2 = UInt(Rn, 31, 16) &+ UInt(Rm, 31, 16)
    m.setR(i.d, halves(sum2, sum1))
    m.GE = GE16(sum2 >= 0x10000, sum1 >= 0x10000)
  }

  /// UASX §A7.7.192.
  static func UASX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff = UInt(Rn, 15, 0) &- UInt(Rm, 31, 16)
    let sum = UInt(Rn, 31, 16) &+ UInt(Rm, 15, 0)
    m.setR(i.d, halves(sum, diff))
    m.GE = GE16(sum >= 0x10000, diff >= 0)
  }

  /// USAX §A7.7.215.
  static func USAX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum = UInt(Rn, 15, 0) &+ UInt(Rm, 31, 16)
    let diff = UInt(Rn, 31, 16) &- UInt(Rm, 15, 0)
    m.setR(i.d, halves(diff, sum))
    m.GE = GE16(diff >= 0, sum >= 0x10000)
  }

  /// USUB16 §A7.7.216.
  static func USUB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = UInt(Rn, 15, 0) &- UInt(Rm, 15, 0)
    let diff2 = UInt(Rn, 31, 16) &- UInt(Rm, 31, 16)
    m.setR(i.d, halves(diff2, diff1))
    m.GE = GE16(diff2 >= 0, diff1 >= 0)
  }

  /// UADD8 §A7.7.191: `GE<k> = if sum(k+1) >= 0x100 then '1' else '0'`.
  static func UADD8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = UInt(Rn, 7, 0) &+ UInt(Rm, 7, 0)
    let sum2 = UInt(Rn, 15, 8) &+ UInt(Rm, 15, 8)
    let sum3 = UInt(Rn, 23, 16) &+ UInt(Rm, 23, 16)
    let sum4 = UInt(Rn, 31, 24) &+ UInt(Rm, 31, 24)
    m.setR(i.d, bytes(sum4, sum3, sum2, sum1))
    m.GE = GE8(sum4 >= 0x100, sum3 >= 0x100, sum2 >= 0x100, sum1 >= 0x100)
  }

  /// USUB8 §A7.7.217.
  static func USUB8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = UInt(Rn, 7, 0) &- UInt(Rm, 7, 0)
    let diff2 = UInt(Rn, 15, 8) &- UInt(Rm, 15, 8)
    let diff3 = UInt(Rn, 23, 16) &- UInt(Rm, 23, 16)
    let diff4 = UInt(Rn, 31, 24) &- UInt(Rm, 31, 24)
    m.setR(i.d, bytes(diff4, diff3, diff2, diff1))
    m.GE = GE8(diff4 >= 0, diff3 >= 0, diff2 >= 0, diff1 >= 0)
  }

  // MARK: - Semantics: unsigned saturating parallel addition and subtraction

  /// UQADD16 §A7.7.205.
  static func UQADD16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = UInt(Rn, 15, 0) &+ UInt(Rm, 15, 0)
    let sum2 = UInt(Rn, 31, 16) &+ UInt(Rm, 31, 16)
    m.setR(i.d, halves(UnsignedSat(sum2, 16), UnsignedSat(sum1, 16)))
  }

  /// UQASX §A7.7.207.
  static func UQASX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff = UInt(Rn, 15, 0) &- UInt(Rm, 31, 16)
    let sum = UInt(Rn, 31, 16) &+ UInt(Rm, 15, 0)
    m.setR(i.d, halves(UnsignedSat(sum, 16), UnsignedSat(diff, 16)))
  }

  /// UQSAX §A7.7.208.
  static func UQSAX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum = UInt(Rn, 15, 0) &+ UInt(Rm, 31, 16)
    let diff = UInt(Rn, 31, 16) &- UInt(Rm, 15, 0)
    m.setR(i.d, halves(UnsignedSat(diff, 16), UnsignedSat(sum, 16)))
  }

  /// UQSUB16 §A7.7.209.
  static func UQSUB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = UInt(Rn, 15, 0) &- UInt(Rm, 15, 0)
    let diff2 = UInt(Rn, 31, 16) &- UInt(Rm, 31, 16)
    m.setR(i.d, halves(UnsignedSat(diff2, 16), UnsignedSat(diff1, 16)))
  }

  /// UQADD8 §A7.7.206.
  static func UQADD8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = UInt(Rn, 7, 0) &+ UInt(Rm, 7, 0)
    let sum2 = UInt(Rn, 15, 8) &+ UInt(Rm, 15, 8)
    let sum3 = UInt(Rn, 23, 16) &+ UInt(Rm, 23, 16)
    let sum4 = UInt(Rn, 31, 24) &+ UInt(Rm, 31, 24)
    m.setR(i.d, bytes(UnsignedSat(sum4, 8), UnsignedSat(sum3, 8), UnsignedSat(sum2, 8), UnsignedSat(sum1, 8)))
  }

  /// UQSUB8 §A7.7.210.
  static func UQSUB8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = UInt(Rn, 7, 0) &- UInt(Rm, 7, 0)
    let diff2 = UInt(Rn, 15, 8) &- UInt(Rm, 15, 8)
    let diff3 = UInt(Rn, 23, 16) &- UInt(Rm, 23, 16)
    let diff4 = UInt(Rn, 31, 24) &- UInt(Rm, 31, 24)
    m.setR(i.d, bytes(UnsignedSat(diff4, 8), UnsignedSat(diff3, 8), UnsignedSat(diff2, 8), UnsignedSat(diff1, 8)))
  }

  // MARK: - Semantics: unsigned halving parallel addition and subtraction

  /// UHADD16 §A7.7.196.
  static func UHADD16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = UInt(Rn, 15, 0) &+ UInt(Rm, 15, 0)
    let sum2 = UInt(Rn, 31, 16) &+ UInt(Rm, 31, 16)
    m.setR(i.d, halves(sum2 >> 1, sum1 >> 1))
  }

  /// UHASX §A7.7.198.
  static func UHASX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff = UInt(Rn, 15, 0) &- UInt(Rm, 31, 16)
    let sum = UInt(Rn, 31, 16) &+ UInt(Rm, 15, 0)
    m.setR(i.d, halves(sum >> 1, diff >> 1))
  }

  /// UHSAX §A7.7.199.
  static func UHSAX(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum = UInt(Rn, 15, 0) &+ UInt(Rm, 31, 16)
    let diff = UInt(Rn, 31, 16) &- UInt(Rm, 15, 0)
    m.setR(i.d, halves(diff >> 1, sum >> 1))
  }

  /// UHSUB16 §A7.7.200.
  static func UHSUB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = UInt(Rn, 15, 0) &- UInt(Rm, 15, 0)
    let diff2 = UInt(Rn, 31, 16) &- UInt(Rm, 31, 16)
    m.setR(i.d, halves(diff2 >> 1, diff1 >> 1))
  }

  /// UHADD8 §A7.7.197.
  static func UHADD8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let sum1 = UInt(Rn, 7, 0) &+ UInt(Rm, 7, 0)
    let sum2 = UInt(Rn, 15, 8) &+ UInt(Rm, 15, 8)
    let sum3 = UInt(Rn, 23, 16) &+ UInt(Rm, 23, 16)
    let sum4 = UInt(Rn, 31, 24) &+ UInt(Rm, 31, 24)
    m.setR(i.d, bytes(sum4 >> 1, sum3 >> 1, sum2 >> 1, sum1 >> 1))
  }

  /// UHSUB8 §A7.7.201.
  static func UHSUB8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let diff1 = UInt(Rn, 7, 0) &- UInt(Rm, 7, 0)
    let diff2 = UInt(Rn, 15, 8) &- UInt(Rm, 15, 8)
    let diff3 = UInt(Rn, 23, 16) &- UInt(Rm, 23, 16)
    let diff4 = UInt(Rn, 31, 24) &- UInt(Rm, 31, 24)
    m.setR(i.d, bytes(diff4 >> 1, diff3 >> 1, diff2 >> 1, diff1 >> 1))
  }

  // MARK: - Semantics: saturating arithmetic and SEL

  /// QADD §A7.7.101: `(R[d], sat) = SignedSatQ(SInt(R[m]) + SInt(R[n]), 32); if sat then APSR.Q = '1'`.
  @_transparent
  static func QADD(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, sat) = SignedSatQ(SInt(m.R(i.m)) &+ SInt(m.R(i.n)), 32)
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if sat { m.Q = true }
  }

  /// QSUB §A7.7.108: `SignedSatQ(SInt(R[m]) - SInt(R[n]), 32)`.
  @_transparent
  static func QSUB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (result, sat) = SignedSatQ(SInt(m.R(i.m)) &- SInt(m.R(i.n)), 32)
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if sat { m.Q = true }
  }

  /// QDADD §A7.7.105: `(doubled, sat1) = SignedSatQ(2 * SInt(R[n]), 32);
  /// (R[d], sat2) = SignedSatQ(SInt(R[m]) + SInt(doubled), 32); if sat1 || sat2 then APSR.Q = '1'`.
  static func QDADD(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (doubled, sat1) = SignedSatQ(2 &* SInt(m.R(i.n)), 32)
    let (result, sat2) = SignedSatQ(SInt(m.R(i.m)) &+ doubled, 32)
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if sat1 || sat2 { m.Q = true }
  }

  /// QDSUB §A7.7.106: as QDADD with `SInt(R[m]) - SInt(doubled)`.
  static func QDSUB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let (doubled, sat1) = SignedSatQ(2 &* SInt(m.R(i.n)), 32)
    let (result, sat2) = SignedSatQ(SInt(m.R(i.m)) &- doubled, 32)
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if sat1 || sat2 { m.Q = true }
  }

  /// SEL §A7.7.128: each byte from R[n] where its GE bit is set, else from R[m].
  @_transparent
  static func SEL(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    var result: UInt32 = 0
    for k in 0..<4 {
      let lane: UInt32 = 0xFF << UInt32(8 * k)
      result |= (m.GE.bit(k) ? Rn : Rm) & lane
    }
    m.setR(i.d, result)
  }

  /// SSAT16 §A7.7.153: `(result1, sat1) = SignedSatQ(SInt(R[n]<15:0>), saturate_to); … 
  /// R[d]<15:0> = SignExtend(result1, 16); … if sat1 || sat2 then APSR.Q = '1'`.
  @_transparent
  static func SSAT16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let saturate_to = Int(i.imm32)
    let Rn = m.R(i.n)
    let (result1, sat1) = SignedSatQ(SInt(Rn, 15, 0), saturate_to)
    let (result2, sat2) = SignedSatQ(SInt(Rn, 31, 16), saturate_to)
    m.setR(i.d, halves(result2, result1))
    if sat1 || sat2 { m.Q = true }
  }

  /// USAT16 §A7.7.214: `UnsignedSatQ(SInt(R[n]<15:0>), saturate_to)`, zero-extended lanes.
  static func USAT16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let saturate_to = Int(i.imm32)
    let Rn = m.R(i.n)
    let (result1, sat1) = UnsignedSatQ(SInt(Rn, 15, 0), saturate_to)
    let (result2, sat2) = UnsignedSatQ(SInt(Rn, 31, 16), saturate_to)
    m.setR(i.d, halves(result2, result1))
    if sat1 || sat2 { m.Q = true }
  }

  // MARK: - Semantics: packing and extending

  /// PKHBT, PKHTB §A7.7.93: `operand2 = Shift(R[m], shift_t, shift_n, APSR.C);
  /// R[d]<15:0> = if tbform then operand2<15:0> else R[n]<15:0>;
  /// R[d]<31:16> = if tbform then R[n]<31:16> else operand2<31:16>`.
  @_transparent
  static func PKHBT_PKHTB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let tbform = i.extra & 1 != 0
    let operand2 = Shift(m.R(i.m), i.shift_t, UInt32(i.shift_n), m.C)
    let Rn = m.R(i.n)
    let low = tbform ? operand2 & 0xFFFF : Rn & 0xFFFF
    let high = tbform ? Rn & 0xFFFF_0000 : operand2 & 0xFFFF_0000
    m.setR(i.d, high | low)
  }

  /// SXTAB §A7.7.179: `rotated = ROR(R[m], rotation); R[d] = R[n] + SignExtend(rotated<7:0>, 32)`.
  @_transparent
  static func SXTAB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, m.R(i.n) &+ SignExtend(rotated.bits(7, 0), 8))
  }

  /// SXTAH §A7.7.181: `R[d] = R[n] + SignExtend(rotated<15:0>, 32)`.
  @_transparent
  static func SXTAH(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, m.R(i.n) &+ SignExtend(rotated.bits(15, 0), 16))
  }

  /// SXTAB16 §A7.7.180: `R[d]<15:0> = R[n]<15:0> + SignExtend(rotated<7:0>, 16);
  /// R[d]<31:16> = R[n]<31:16> + SignExtend(rotated<23:16>, 16)`.
  @_transparent
  static func SXTAB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    let Rn = m.R(i.n)
    m.setR(i.d, halves(UInt(Rn, 31, 16) &+ SInt(rotated, 23, 16), UInt(Rn, 15, 0) &+ SInt(rotated, 7, 0)))
  }

  /// SXTB16 §A7.7.183: `R[d]<15:0> = SignExtend(rotated<7:0>, 16);
  /// R[d]<31:16> = SignExtend(rotated<23:16>, 16)`.
  @_transparent
  static func SXTB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, halves(SInt(rotated, 23, 16), SInt(rotated, 7, 0)))
  }

  /// UXTAB §A7.7.218: `R[d] = R[n] + ZeroExtend(rotated<7:0>, 32)`.
  @_transparent
  static func UXTAB(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, m.R(i.n) &+ rotated.bits(7, 0))
  }

  /// UXTAH §A7.7.220: `R[d] = R[n] + ZeroExtend(rotated<15:0>, 32)`.
  @_transparent
  static func UXTAH(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, m.R(i.n) &+ rotated.bits(15, 0))
  }

  /// UXTAB16 §A7.7.219: `R[d]<15:0> = R[n]<15:0> + ZeroExtend(rotated<7:0>, 16);
  /// R[d]<31:16> = R[n]<31:16> + ZeroExtend(rotated<23:16>, 16)`.
  @_transparent
  static func UXTAB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    let Rn = m.R(i.n)
    m.setR(i.d, halves(UInt(Rn, 31, 16) &+ UInt(rotated, 23, 16), UInt(Rn, 15, 0) &+ UInt(rotated, 7, 0)))
  }

  /// UXTB16 §A7.7.222: `R[d]<15:0> = ZeroExtend(rotated<7:0>, 16);
  /// R[d]<31:16> = ZeroExtend(rotated<23:16>, 16)`.
  @_transparent
  static func UXTB16(_ m: Machine, _ i: Instruction) throws(Fault) {
    let rotated = ROR(m.R(i.m), UInt32(i.shift_n))
    m.setR(i.d, rotated & 0x00FF_00FF)
  }

  // MARK: - Semantics: halfword multiplies

  /// SMLABB, SMLABT, SMLATB, SMLATT §A7.7.136:
  /// `operand1 = if n_high then R[n]<31:16> else R[n]<15:0>; operand2 likewise for m;
  /// result = SInt(operand1) * SInt(operand2) + SInt(R[a]); R[d] = result<31:0>;
  /// if result != SInt(result<31:0>) then APSR.Q = '1'`.
  @_transparent
  static func SMLAxy(_ m: Machine, _ i: Instruction) throws(Fault) {
    let n_high = i.extra & 1 != 0, m_high = i.extra & 2 != 0
    let operand1 = n_high ? SInt(m.R(i.n), 31, 16) : SInt(m.R(i.n), 15, 0)
    let operand2 = m_high ? SInt(m.R(i.m), 31, 16) : SInt(m.R(i.m), 15, 0)
    let result = operand1 &* operand2 &+ SInt(m.R(i.a))
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if result != Int64(Int32(truncatingIfNeeded: result)) { m.Q = true }
  }

  /// SMULBB, SMULBT, SMULTB, SMULTT §A7.7.148:
  /// `result = SInt(operand1) * SInt(operand2); R[d] = result<31:0>` (cannot overflow).
  @_transparent
  static func SMULxy(_ m: Machine, _ i: Instruction) throws(Fault) {
    let n_high = i.extra & 1 != 0, m_high = i.extra & 2 != 0
    let operand1 = n_high ? SInt(m.R(i.n), 31, 16) : SInt(m.R(i.n), 15, 0)
    let operand2 = m_high ? SInt(m.R(i.m), 31, 16) : SInt(m.R(i.m), 15, 0)
    let result = operand1 &* operand2
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
  }

  /// SMLAWB, SMLAWT §A7.7.141: `result = SInt(R[n]) * SInt(operand2) + (SInt(R[a]) << 16);
  /// R[d] = result<47:16>; if (result >> 16) != SInt(R[d]) then APSR.Q = '1'`.
  static func SMLAWy(_ m: Machine, _ i: Instruction) throws(Fault) {
    let m_high = i.extra & 1 != 0
    let operand2 = m_high ? SInt(m.R(i.m), 31, 16) : SInt(m.R(i.m), 15, 0)
    let result = SInt(m.R(i.n)) &* operand2 &+ (SInt(m.R(i.a)) << 16)
    let Rd = UInt32(truncatingIfNeeded: result >> 16)
    m.setR(i.d, Rd)
    if (result >> 16) != SInt(Rd) { m.Q = true }
  }

  /// SMULWB, SMULWT §A7.7.150: `product = SInt(R[n]) * SInt(operand2); R[d] = product<47:16>`.
  static func SMULWy(_ m: Machine, _ i: Instruction) throws(Fault) {
    let m_high = i.extra & 1 != 0
    let operand2 = m_high ? SInt(m.R(i.m), 31, 16) : SInt(m.R(i.m), 15, 0)
    let product = SInt(m.R(i.n)) &* operand2
    m.setR(i.d, UInt32(truncatingIfNeeded: product >> 16))
  }

  /// SMLALBB, SMLALBT, SMLALTB, SMLALTT §A7.7.139:
  /// `result = SInt(operand1) * SInt(operand2) + SInt(R[dHi]:R[dLo]);
  /// R[dHi] = result<63:32>; R[dLo] = result<31:0>`.
  @_transparent
  static func SMLALxy(_ m: Machine, _ i: Instruction) throws(Fault) {
    let n_high = i.extra & 1 != 0, m_high = i.extra & 2 != 0
    let operand1 = n_high ? SInt(m.R(i.n), 31, 16) : SInt(m.R(i.n), 15, 0)
    let operand2 = m_high ? SInt(m.R(i.m), 31, 16) : SInt(m.R(i.m), 15, 0)
    let result = operand1 &* operand2 &+ accumulator(m, i)
    m.setR(i.dHi, UInt32(truncatingIfNeeded: result >> 32))
    m.setR(i.dLo, UInt32(truncatingIfNeeded: result))
  }

  /// `SInt(R[dHi]:R[dLo])`.
  @inline(__always) static func accumulator(_ m: Machine, _ i: Instruction) -> Int64 {
    Int64(bitPattern: UInt64(m.R(i.dHi)) << 32 | UInt64(m.R(i.dLo)))
  }

  // MARK: - Semantics: dual 16-bit multiplies

  /// SMLAD, SMLADX §A7.7.137: `operand2 = if m_swap then ROR(R[m],16) else R[m];
  /// product1 = SInt(R[n]<15:0>) * SInt(operand2<15:0>);
  /// product2 = SInt(R[n]<31:16>) * SInt(operand2<31:16>);
  /// result = product1 + product2 + SInt(R[a]); R[d] = result<31:0>;
  /// if result != SInt(result<31:0>) then APSR.Q = '1'`.
  @_transparent
  static func SMLAD(_ m: Machine, _ i: Instruction) throws(Fault) {
    let m_swap = i.extra & 1 != 0
    let operand2 = m_swap ? ROR(m.R(i.m), 16) : m.R(i.m)
    let Rn = m.R(i.n)
    let product1 = SInt(Rn, 15, 0) &* SInt(operand2, 15, 0)
    let product2 = SInt(Rn, 31, 16) &* SInt(operand2, 31, 16)
    let result = product1 &+ product2 &+ SInt(m.R(i.a))
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if result != Int64(Int32(truncatingIfNeeded: result)) { m.Q = true }
  }

  /// SMUAD, SMUADX §A7.7.147: `result = product1 + product2; R[d] = result<31:0>;
  /// if result != SInt(result<31:0>) then APSR.Q = '1'` (only 0x8000 × 0x8000 twice).
  @_transparent
  static func SMUAD(_ m: Machine, _ i: Instruction) throws(Fault) {
    let m_swap = i.extra & 1 != 0
    let operand2 = m_swap ? ROR(m.R(i.m), 16) : m.R(i.m)
    let Rn = m.R(i.n)
    let product1 = SInt(Rn, 15, 0) &* SInt(operand2, 15, 0)
    let product2 = SInt(Rn, 31, 16) &* SInt(operand2, 31, 16)
    let result = product1 &+ product2
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if result != Int64(Int32(truncatingIfNeeded: result)) { m.Q = true }
  }

  /// SMLSD, SMLSDX §A7.7.142: `result = product1 - product2 + SInt(R[a]); R[d] = result<31:0>;
  /// if result != SInt(result<31:0>) then APSR.Q = '1'`.
  static func SMLSD(_ m: Machine, _ i: Instruction) throws(Fault) {
    let m_swap = i.extra & 1 != 0
    let operand2 = m_swap ? ROR(m.R(i.m), 16) : m.R(i.m)
    let Rn = m.R(i.n)
    let product1 = SInt(Rn, 15, 0) &* SInt(operand2, 15, 0)
    let product2 = SInt(Rn, 31, 16) &* SInt(operand2, 31, 16)
    let result = product1 &- product2 &+ SInt(m.R(i.a))
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
    if result != Int64(Int32(truncatingIfNeeded: result)) { m.Q = true }
  }

  /// SMUSD, SMUSDX §A7.7.151: `result = product1 - product2; R[d] = result<31:0>`
  /// (signed overflow cannot occur).
  static func SMUSD(_ m: Machine, _ i: Instruction) throws(Fault) {
    let m_swap = i.extra & 1 != 0
    let operand2 = m_swap ? ROR(m.R(i.m), 16) : m.R(i.m)
    let Rn = m.R(i.n)
    let product1 = SInt(Rn, 15, 0) &* SInt(operand2, 15, 0)
    let product2 = SInt(Rn, 31, 16) &* SInt(operand2, 31, 16)
    let result = product1 &- product2
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
  }

  /// SMLALD, SMLALDX §A7.7.140: `result = product1 + product2 + SInt(R[dHi]:R[dLo]);
  /// R[dHi] = result<63:32>; R[dLo] = result<31:0>`.
  @_transparent
  static func SMLALD(_ m: Machine, _ i: Instruction) throws(Fault) {
    let m_swap = i.extra & 1 != 0
    let operand2 = m_swap ? ROR(m.R(i.m), 16) : m.R(i.m)
    let Rn = m.R(i.n)
    let product1 = SInt(Rn, 15, 0) &* SInt(operand2, 15, 0)
    let product2 = SInt(Rn, 31, 16) &* SInt(operand2, 31, 16)
    let result = product1 &+ product2 &+ accumulator(m, i)
    m.setR(i.dHi, UInt32(truncatingIfNeeded: result >> 32))
    m.setR(i.dLo, UInt32(truncatingIfNeeded: result))
  }

  /// SMLSLD, SMLSLDX §A7.7.143: `result = product1 - product2 + SInt(R[dHi]:R[dLo])`.
  static func SMLSLD(_ m: Machine, _ i: Instruction) throws(Fault) {
    let m_swap = i.extra & 1 != 0
    let operand2 = m_swap ? ROR(m.R(i.m), 16) : m.R(i.m)
    let Rn = m.R(i.n)
    let product1 = SInt(Rn, 15, 0) &* SInt(operand2, 15, 0)
    let product2 = SInt(Rn, 31, 16) &* SInt(operand2, 31, 16)
    let result = product1 &- product2 &+ accumulator(m, i)
    m.setR(i.dHi, UInt32(truncatingIfNeeded: result >> 32))
    m.setR(i.dLo, UInt32(truncatingIfNeeded: result))
  }

  // MARK: - Semantics: most-significant-word multiplies, UMAAL, USAD8

  /// SMMLA, SMMLAR §A7.7.144: `result = (SInt(R[a]) << 32) + SInt(R[n]) * SInt(R[m]);
  /// if round then result = result + 0x80000000; R[d] = result<63:32>`.
  /// (Arithmetic modulo 2^64 keeps bits 63:32 exact.)
  static func SMMLA(_ m: Machine, _ i: Instruction) throws(Fault) {
    let round = i.extra & 1 != 0
    var result = (SInt(m.R(i.a)) << 32) &+ SInt(m.R(i.n)) &* SInt(m.R(i.m))
    if round { result = result &+ 0x8000_0000 }
    m.setR(i.d, UInt32(truncatingIfNeeded: result >> 32))
  }

  /// SMMLS, SMMLSR §A7.7.145: `result = (SInt(R[a]) << 32) - SInt(R[n]) * SInt(R[m]);
  /// if round then result = result + 0x80000000; R[d] = result<63:32>`.
  static func SMMLS(_ m: Machine, _ i: Instruction) throws(Fault) {
    let round = i.extra & 1 != 0
    var result = (SInt(m.R(i.a)) << 32) &- SInt(m.R(i.n)) &* SInt(m.R(i.m))
    if round { result = result &+ 0x8000_0000 }
    m.setR(i.d, UInt32(truncatingIfNeeded: result >> 32))
  }

  /// SMMUL, SMMULR §A7.7.146: `result = SInt(R[n]) * SInt(R[m]);
  /// if round then result = result + 0x80000000; R[d] = result<63:32>`.
  @_transparent
  static func SMMUL(_ m: Machine, _ i: Instruction) throws(Fault) {
    let round = i.extra & 1 != 0
    var result = SInt(m.R(i.n)) &* SInt(m.R(i.m))
    if round { result = result &+ 0x8000_0000 }
    m.setR(i.d, UInt32(truncatingIfNeeded: result >> 32))
  }

  /// UMAAL §A7.7.202: `result = UInt(R[n]) * UInt(R[m]) + UInt(R[dHi]) + UInt(R[dLo]);
  /// R[dHi] = result<63:32>; R[dLo] = result<31:0>` (at most 2^64 - 1: exact in UInt64).
  static func UMAAL(_ m: Machine, _ i: Instruction) throws(Fault) {
    let result = UInt64(m.R(i.n)) &* UInt64(m.R(i.m)) &+ UInt64(m.R(i.dHi)) &+ UInt64(m.R(i.dLo))
    m.setR(i.dHi, UInt32(truncatingIfNeeded: result >> 32))
    m.setR(i.dLo, UInt32(truncatingIfNeeded: result))
  }

  /// `Abs(UInt(R[n]<hi:lo>) - UInt(R[m]<hi:lo>))` for one byte lane.
  @inline(__always) static func absdiff(_ Rn: UInt32, _ Rm: UInt32, _ hi: Int, _ lo: Int) -> Int64 {
    let diff = UInt(Rn, hi, lo) &- UInt(Rm, hi, lo)
    return diff < 0 ? 0 &- diff : diff
  }

  /// USAD8 §A7.7.211: `result = absdiff1 + absdiff2 + absdiff3 + absdiff4; R[d] = result<31:0>`.
  static func USAD8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let absdiff1 = absdiff(Rn, Rm, 7, 0)
    let absdiff2 = absdiff(Rn, Rm, 15, 8)
    let absdiff3 = absdiff(Rn, Rm, 23, 16)
    let absdiff4 = absdiff(Rn, Rm, 31, 24)
    let result = absdiff1 &+ absdiff2 &+ absdiff3 &+ absdiff4
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
  }

  /// USADA8 §A7.7.212: `result = UInt(R[a]) + absdiff1 + absdiff2 + absdiff3 + absdiff4`.
  static func USADA8(_ m: Machine, _ i: Instruction) throws(Fault) {
    let Rn = m.R(i.n), Rm = m.R(i.m)
    let absdiff1 = absdiff(Rn, Rm, 7, 0)
    let absdiff2 = absdiff(Rn, Rm, 15, 8)
    let absdiff3 = absdiff(Rn, Rm, 23, 16)
    let absdiff4 = absdiff(Rn, Rm, 31, 24)
    let result = Int64(m.R(i.a)) &+ absdiff1 &+ absdiff2 &+ absdiff3 &+ absdiff4
    m.setR(i.d, UInt32(truncatingIfNeeded: result))
  }
}
