// Direct calls for the most frequently executed semantics. `runMemoised` calls these static
// functions by name, so the compiler can inline them and no closure context is retained and
// released around every instruction (the table call costs about 15 % of run time). The set is
// a speed choice, not a semantic one: each op names the manual page whose rows it serves, the
// function is the one those rows hold in the table, and a test runs every row both ways.

enum DirectOp: UInt8, CaseIterable {
  case none = 0
  case LDR_immediate
  case LDR_register
  case LDR_literal
  case LDRB_immediate
  case LDRB_register
  case LDRH_immediate
  case LDRH_register
  case LDRSB_immediate
  case LDRSH_immediate
  case LDRD_immediate
  case STR_immediate
  case STR_register
  case STRB_immediate
  case STRB_register
  case STRH_immediate
  case STRH_register
  case STRD_immediate
  case ADD_immediate
  case ADD_register
  case ADD_SP_plus_immediate
  case SUB_immediate
  case SUB_register
  case SUB_SP_minus_immediate
  case CMP_immediate
  case CMP_register
  case MOV_immediate
  case MOV_register
  case LSL_immediate
  case LSR_immediate
  case ASR_immediate
  case AND_immediate
  case AND_register
  case ORR_immediate
  case ORR_register
  case EOR_register
  case BIC_immediate
  case RSB_immediate
  case TST_immediate
  case ADC_register
  case SBC_register
  case MVN_register
  case MUL
  case MLA
  case MLS
  case SMULL
  case UMULL
  case SMLAL
  case UMLAL
  case SMLAD
  case SMUAD
  case SMLALD
  case SXTB16
  case SXTAB16
  case SSAT
  case USAT
  case SSAT16
  case SADD16
  case SSUB16
  case QADD16
  case SXTB
  case UXTB
  case SXTH
  case UXTH
  case SXTAB
  case UBFX
  case SBFX
  case BFI
  case B
  case BL

  /// The manual page (row name without its encoding suffix) this op implements.
  var page: String {
    switch self {
    case .none: return ""
    case .LDR_immediate: return "LDR (immediate)"
    case .LDR_register: return "LDR (register)"
    case .LDR_literal: return "LDR (literal)"
    case .LDRB_immediate: return "LDRB (immediate)"
    case .LDRB_register: return "LDRB (register)"
    case .LDRH_immediate: return "LDRH (immediate)"
    case .LDRH_register: return "LDRH (register)"
    case .LDRSB_immediate: return "LDRSB (immediate)"
    case .LDRSH_immediate: return "LDRSH (immediate)"
    case .LDRD_immediate: return "LDRD (immediate)"
    case .STR_immediate: return "STR (immediate)"
    case .STR_register: return "STR (register)"
    case .STRB_immediate: return "STRB (immediate)"
    case .STRB_register: return "STRB (register)"
    case .STRH_immediate: return "STRH (immediate)"
    case .STRH_register: return "STRH (register)"
    case .STRD_immediate: return "STRD (immediate)"
    case .ADD_immediate: return "ADD (immediate)"
    case .ADD_register: return "ADD (register)"
    case .ADD_SP_plus_immediate: return "ADD (SP plus immediate)"
    case .SUB_immediate: return "SUB (immediate)"
    case .SUB_register: return "SUB (register)"
    case .SUB_SP_minus_immediate: return "SUB (SP minus immediate)"
    case .CMP_immediate: return "CMP (immediate)"
    case .CMP_register: return "CMP (register)"
    case .MOV_immediate: return "MOV (immediate)"
    case .MOV_register: return "MOV (register)"
    case .LSL_immediate: return "LSL (immediate)"
    case .LSR_immediate: return "LSR (immediate)"
    case .ASR_immediate: return "ASR (immediate)"
    case .AND_immediate: return "AND (immediate)"
    case .AND_register: return "AND (register)"
    case .ORR_immediate: return "ORR (immediate)"
    case .ORR_register: return "ORR (register)"
    case .EOR_register: return "EOR (register)"
    case .BIC_immediate: return "BIC (immediate)"
    case .RSB_immediate: return "RSB (immediate)"
    case .TST_immediate: return "TST (immediate)"
    case .ADC_register: return "ADC (register)"
    case .SBC_register: return "SBC (register)"
    case .MVN_register: return "MVN (register)"
    case .MUL: return "MUL"
    case .MLA: return "MLA"
    case .MLS: return "MLS"
    case .SMULL: return "SMULL"
    case .UMULL: return "UMULL"
    case .SMLAL: return "SMLAL"
    case .UMLAL: return "UMLAL"
    case .SMLAD: return "SMLAD"
    case .SMUAD: return "SMUAD"
    case .SMLALD: return "SMLALD"
    case .SXTB16: return "SXTB16"
    case .SXTAB16: return "SXTAB16"
    case .SSAT: return "SSAT"
    case .USAT: return "USAT"
    case .SSAT16: return "SSAT16"
    case .SADD16: return "SADD16"
    case .SSUB16: return "SSUB16"
    case .QADD16: return "QADD16"
    case .SXTB: return "SXTB"
    case .UXTB: return "UXTB"
    case .SXTH: return "SXTH"
    case .UXTH: return "UXTH"
    case .SXTAB: return "SXTAB"
    case .UBFX: return "UBFX"
    case .SBFX: return "SBFX"
    case .BFI: return "BFI"
    case .B: return "B"
    case .BL: return "BL"
    }
  }

  /// Row name → op, for the decoder (rows of other pages get `.none`).
  static func forRow(named name: String) -> DirectOp {
    let page = name.split(separator: " ").dropLast().joined(separator: " ")
    return byPage[page] ?? .none
  }

  private static let byPage: [String: DirectOp] = Dictionary(
    uniqueKeysWithValues: allCases.dropFirst().map { ($0.page, $0) })
}

extension Machine {
  /// The semantics of `ip`, called directly when it has a `DirectOp`, else through the table.
  @_transparent
  func executeDirect(_ ip: UnsafeMutablePointer<Instruction>) throws(Fault) {
    switch ip.pointee.direct {
    case .none: try semanticsTable[Int(ip.pointee.semantics)].run(self, ip.pointee)
    case .LDR_immediate: try LoadStore.LDR_immediate(self, ip.pointee)
    case .LDR_register: try LoadStore.LDR_register(self, ip.pointee)
    case .LDR_literal: try LoadStore.LDR_literal(self, ip.pointee)
    case .LDRB_immediate: try LoadStore.LDRB_immediate(self, ip.pointee)
    case .LDRB_register: try LoadStore.LDRB_register(self, ip.pointee)
    case .LDRH_immediate: try LoadStore.LDRH_immediate(self, ip.pointee)
    case .LDRH_register: try LoadStore.LDRH_register(self, ip.pointee)
    case .LDRSB_immediate: try LoadStore.LDRSB_immediate(self, ip.pointee)
    case .LDRSH_immediate: try LoadStore.LDRSH_immediate(self, ip.pointee)
    case .LDRD_immediate: try LoadStore.LDRD_immediate(self, ip.pointee)
    case .STR_immediate: try LoadStore.STR_immediate(self, ip.pointee)
    case .STR_register: try LoadStore.STR_register(self, ip.pointee)
    case .STRB_immediate: try LoadStore.STRB_immediate(self, ip.pointee)
    case .STRB_register: try LoadStore.STRB_register(self, ip.pointee)
    case .STRH_immediate: try LoadStore.STRH_immediate(self, ip.pointee)
    case .STRH_register: try LoadStore.STRH_register(self, ip.pointee)
    case .STRD_immediate: try LoadStore.STRD_immediate(self, ip.pointee)
    case .ADD_immediate: try DataProcessing.ADD_immediate(self, ip.pointee)
    case .ADD_register: try DataProcessing.ADD_register(self, ip.pointee)
    case .ADD_SP_plus_immediate: try DataProcessing.ADD_SP_plus_immediate(self, ip.pointee)
    case .SUB_immediate: try DataProcessing.SUB_immediate(self, ip.pointee)
    case .SUB_register: try DataProcessing.SUB_register(self, ip.pointee)
    case .SUB_SP_minus_immediate: try DataProcessing.SUB_SP_minus_immediate(self, ip.pointee)
    case .CMP_immediate: try DataProcessing.CMP_immediate(self, ip.pointee)
    case .CMP_register: try DataProcessing.CMP_register(self, ip.pointee)
    case .MOV_immediate: try DataProcessing.MOV_immediate(self, ip.pointee)
    case .MOV_register: try DataProcessing.MOV_register(self, ip.pointee)
    case .LSL_immediate: try DataProcessing.LSL_immediate(self, ip.pointee)
    case .LSR_immediate: try DataProcessing.LSR_immediate(self, ip.pointee)
    case .ASR_immediate: try DataProcessing.ASR_immediate(self, ip.pointee)
    case .AND_immediate: try DataProcessing.AND_immediate(self, ip.pointee)
    case .AND_register: try DataProcessing.AND_register(self, ip.pointee)
    case .ORR_immediate: try DataProcessing.ORR_immediate(self, ip.pointee)
    case .ORR_register: try DataProcessing.ORR_register(self, ip.pointee)
    case .EOR_register: try DataProcessing.EOR_register(self, ip.pointee)
    case .BIC_immediate: try DataProcessing.BIC_immediate(self, ip.pointee)
    case .RSB_immediate: try DataProcessing.RSB_immediate(self, ip.pointee)
    case .TST_immediate: try DataProcessing.TST_immediate(self, ip.pointee)
    case .ADC_register: try DataProcessing.ADC_register(self, ip.pointee)
    case .SBC_register: try DataProcessing.SBC_register(self, ip.pointee)
    case .MVN_register: try DataProcessing.MVN_register(self, ip.pointee)
    case .MUL: try MultiplyDivide.MUL(self, ip.pointee)
    case .MLA: try MultiplyDivide.MLA(self, ip.pointee)
    case .MLS: try MultiplyDivide.MLS(self, ip.pointee)
    case .SMULL: try MultiplyDivide.SMULL(self, ip.pointee)
    case .UMULL: try MultiplyDivide.UMULL(self, ip.pointee)
    case .SMLAL: try MultiplyDivide.SMLAL(self, ip.pointee)
    case .UMLAL: try MultiplyDivide.UMLAL(self, ip.pointee)
    case .SMLAD: try DSPInstructions.SMLAD(self, ip.pointee)
    case .SMUAD: try DSPInstructions.SMUAD(self, ip.pointee)
    case .SMLALD: try DSPInstructions.SMLALD(self, ip.pointee)
    case .SXTB16: try DSPInstructions.SXTB16(self, ip.pointee)
    case .SXTAB16: try DSPInstructions.SXTAB16(self, ip.pointee)
    case .SSAT: try DataProcessing.SSAT(self, ip.pointee)
    case .USAT: try DataProcessing.USAT(self, ip.pointee)
    case .SSAT16: try DSPInstructions.SSAT16(self, ip.pointee)
    case .SADD16: try DSPInstructions.SADD16(self, ip.pointee)
    case .SSUB16: try DSPInstructions.SSUB16(self, ip.pointee)
    case .QADD16: try DSPInstructions.QADD16(self, ip.pointee)
    case .SXTB: try DataProcessing.SXTB(self, ip.pointee)
    case .UXTB: try DataProcessing.UXTB(self, ip.pointee)
    case .SXTH: try DataProcessing.SXTH(self, ip.pointee)
    case .UXTH: try DataProcessing.UXTH(self, ip.pointee)
    case .SXTAB: try DSPInstructions.SXTAB(self, ip.pointee)
    case .UBFX: try DataProcessing.UBFX(self, ip.pointee)
    case .SBFX: try DataProcessing.SBFX(self, ip.pointee)
    case .BFI: try DataProcessing.BFI(self, ip.pointee)
    case .B: try BranchAndControl.B(self, ip.pointee)
    case .BL: try BranchAndControl.BL(self, ip.pointee)
    }
  }
}
