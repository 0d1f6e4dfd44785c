// Typed encoders for data-processing instructions (build encodings the way the manual lays
// them out, so tests read like assembly).

@testable import CortexM

/// `movs Rd, #imm8` (MOV immediate T1).
func movs(_ d: Int, _ imm8: Int) -> Enc { Enc(UInt16(0x2000 | d << 8 | imm8)) }
