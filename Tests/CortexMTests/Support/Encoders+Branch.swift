// Typed encoders for branches, IT and system instructions.

@testable import CortexM

/// `b<cond> label` (B T1): `offset` is the byte displacement from this instruction's PC + 4.
func bcond(_ cond: Int, _ offset: Int) -> Enc { Enc(UInt16(0xD000 | cond << 8 | ((offset >> 1) & 0xFF))) }
/// `b label` (B T2).
func b(_ offset: Int) -> Enc { Enc(UInt16(0xE000 | ((offset >> 1) & 0x7FF))) }
/// `bl label` (BL T1), offset from PC + 4.
func bl(_ offset: Int) -> Enc {
  let imm = UInt32(bitPattern: Int32(offset)) >> 1
  let S = (imm >> 23) & 1, I1 = (imm >> 22) & 1, I2 = (imm >> 21) & 1
  let J1 = (~(I1 ^ S)) & 1, J2 = (~(I2 ^ S)) & 1
  return Enc(UInt16(0xF000 | S << 10 | ((imm >> 11) & 0x3FF)), UInt16(0xD000 | J1 << 13 | J2 << 11 | (imm & 0x7FF)))
}
func bx(_ m: Int) -> Enc { Enc(UInt16(0x4700 | m << 3)) }
func blx(_ m: Int) -> Enc { Enc(UInt16(0x4780 | m << 3)) }
/// `cbz/cbnz Rn, label` with a forward offset from PC + 4.
func cbz(_ n: Int, _ offset: Int, nonzero: Bool = false) -> Enc {
  let imm = offset >> 1
  return Enc(UInt16(0xB100 | (nonzero ? 0x800 : 0) | ((imm >> 5) & 1) << 9 | (imm & 0x1F) << 3 | n))
}
/// `it<mask> firstcond` given the raw 4-bit mask.
func it(_ firstcond: Int, mask: Int) -> Enc { Enc(UInt16(0xBF00 | firstcond << 4 | mask)) }
func tbb(_ n: Int, _ m: Int) -> Enc { Enc(UInt16(0xE8D0 | n), UInt16(0xF000 | m)) }
func tbh(_ n: Int, _ m: Int) -> Enc { Enc(UInt16(0xE8D0 | n), UInt16(0xF010 | m)) }
func svc(_ imm: Int) -> Enc { Enc(UInt16(0xDF00 | imm)) }
func bkpt(_ imm: Int) -> Enc { Enc(UInt16(0xBE00 | imm)) }
func udf(_ imm: Int) -> Enc { Enc(UInt16(0xDE00 | imm)) }
func nop() -> Enc { Enc(0xBF00) }
func mrs(_ d: Int, _ sysm: Int) -> Enc { Enc(0xF3EF, UInt16(0x8000 | d << 8 | sysm)) }
func msr(_ sysm: Int, _ n: Int, mask: Int = 2) -> Enc { Enc(UInt16(0xF380 | n), UInt16(0x8000 | mask << 10 | sysm)) }
func cpsid(i: Bool) -> Enc { Enc(UInt16(0xB672)) }
func cpsie(i: Bool) -> Enc { Enc(UInt16(0xB662)) }
func dsb() -> Enc { Enc(0xF3BF, 0x8F4F) }
func isb() -> Enc { Enc(0xF3BF, 0x8F6F) }
