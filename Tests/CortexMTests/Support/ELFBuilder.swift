// Builds small ELF32 ARM executables in memory for loader tests.

struct ELFBuilder {
  struct Seg { var vaddr: UInt32; var paddr: UInt32; var data: [UInt8]; var memsz: UInt32 }
  var entry: UInt32 = 1
  var segments: [Seg] = []
  var elfClass: UInt8 = 1
  var dataEncoding: UInt8 = 1
  var type: UInt16 = 2
  var machine: UInt16 = 40

  static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
  static func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }

  func build() -> [UInt8] {
    let phoff: UInt32 = 52
    var out: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, elfClass, dataEncoding, 1, 0] + Array(repeating: 0, count: 8)
    out += ELFBuilder.le16(type) + ELFBuilder.le16(machine) + ELFBuilder.le32(1) + ELFBuilder.le32(entry)
    out += ELFBuilder.le32(phoff) + ELFBuilder.le32(0) + ELFBuilder.le32(0x0500_0200)
    out += ELFBuilder.le16(52) + ELFBuilder.le16(32) + ELFBuilder.le16(UInt16(segments.count))
    out += ELFBuilder.le16(40) + ELFBuilder.le16(0) + ELFBuilder.le16(0)
    var dataOffset = phoff + UInt32(32 * segments.count)
    var payload: [UInt8] = []
    for s in segments {
      out += ELFBuilder.le32(1) + ELFBuilder.le32(dataOffset) + ELFBuilder.le32(s.vaddr) + ELFBuilder.le32(s.paddr)
      out += ELFBuilder.le32(UInt32(s.data.count)) + ELFBuilder.le32(s.memsz) + ELFBuilder.le32(5) + ELFBuilder.le32(4)
      payload += s.data
      dataOffset += UInt32(s.data.count)
    }
    return out + payload
  }

  /// A minimal valid program: `movs r0, #status; bx lr` at 0x0 with entry 0x1.
  static func program(status: UInt8) -> ELFBuilder {
    var b = ELFBuilder()
    b.segments = [Seg(vaddr: 0, paddr: 0, data: [status, 0x20, 0x70, 0x47], memsz: 4)]
    return b
  }
}
