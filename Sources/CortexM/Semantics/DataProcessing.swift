// Data-processing instructions, 16- and 32-bit (ARMv7-M ARM §A5.2.1–A5.2.3, §A5.3.1, §A5.3.3,
// §A5.3.11; instruction pages in §A7.7). One semantics function per instruction page, shared by
// all its encodings; each encoding's decode clause follows the manual.

public enum DataProcessing {
  public static let encodings: [Encoding] = [
    // MARK: MOV (immediate) §A7.7.75
    Encoding("MOV (immediate) T1", "00100dddiiiiiiii", "mov{s}{c} {d}, {imm}", .alu, MOV_immediate) { f, i in
      i.d = f.r("d"); i.setflagsOutsideITOnly = true; i.imm32 = f.i
      i.extra = 0  // carry unchanged (ThumbExpandImm not used)
      return .ok
    },
  ]

  /// MOV (immediate) §A7.7.75: `result = imm32; R[d] = result; if setflags then N, Z (C = carry)`.
  /// `extra` bit 0 marks encodings whose imm32 came from ThumbExpandImm_C with a carry to set;
  /// bit 1 holds that carry.
  static func MOV_immediate(_ m: Machine, _ i: Instruction) throws(Fault) {
    let result = i.imm32
    m.setR(i.d, result)
    if m.setsFlags(i) {
      m.setNZ(result)
      if i.extra & 1 != 0 { m.C = i.extra & 2 != 0 }
    }
  }
}
