// Loading programs: ELF32 little-endian ARM executables (PT_LOAD segments at their physical
// addresses, entry, symbols) and raw `.bin` images at the board's code base. Malformed input
// is rejected with a `LoadError` that says what is wrong and where, before anything runs.

public struct LoadError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ d: String) { description = d }
}

public struct Segment: Sendable {
  /// The load (physical) address, where the bytes are placed.
  public var address: UInt32
  /// The run-time (virtual) address; startup code copies .data there itself.
  public var virtualAddress: UInt32 = 0
  public var data: [UInt8]
  /// Bytes occupied in memory (≥ data.count; the rest is zero-filled .bss).
  public var memorySize: UInt32
}

public struct Symbol: Sendable {
  public var name: String
  public var address: UInt32
  public var size: UInt32
  public var isFunction: Bool
}

/// A program ready to load: segments, entry, symbols.
public struct ProgramImage: Sendable {
  public var segments: [Segment]
  public var entry: UInt32
  public var symbols: [Symbol]
  public var isELF: Bool

  /// Parse an ELF (by magic) or treat the bytes as a raw image at `board`'s code base.
  public static func parse(_ bytes: [UInt8], board: Board = .generic, name: String = "image") throws -> ProgramImage {
    if bytes.count >= 4 && bytes[0] == 0x7F && bytes[1] == 0x45 && bytes[2] == 0x4C && bytes[3] == 0x46 {
      return try parseELF(bytes, name: name)
    }
    guard !bytes.isEmpty else { throw LoadError("\(name): the file is empty (0 bytes); nothing to run") }
    guard bytes.count <= Int(board.code.size) else {
      throw LoadError("\(name): the raw image is \(bytes.count) bytes, larger than \(board.name)'s \(board.code.size)-byte code memory")
    }
    guard bytes.count >= 2 else { throw LoadError("\(name): a raw image of 1 byte cannot hold a Thumb instruction") }
    return ProgramImage(segments: [Segment(address: board.code.base, virtualAddress: board.code.base, data: bytes, memorySize: UInt32(bytes.count))],
      entry: board.code.base | 1, symbols: [], isELF: false)
  }

  static func parseELF(_ b: [UInt8], name: String) throws -> ProgramImage {
    func u16(_ o: Int) throws -> UInt32 {
      guard o >= 0, o + 2 <= b.count else { throw LoadError("\(name): truncated ELF (needs byte \(o + 2), file has \(b.count))") }
      return UInt32(b[o]) | UInt32(b[o + 1]) << 8
    }
    func u32(_ o: Int) throws -> UInt32 {
      guard o >= 0, o + 4 <= b.count else { throw LoadError("\(name): truncated ELF (needs byte \(o + 4), file has \(b.count))") }
      return UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }
    guard b.count >= 52 else { throw LoadError("\(name): truncated ELF header (\(b.count) of 52 bytes)") }
    guard b[4] != 2 else { throw LoadError("\(name): ELF class 2 is not ELF32 (64-bit ELF files are not Cortex-M programs)") }
    guard b[4] == 1 else { throw LoadError("\(name): ELF class \(b[4]) is invalid (not ELF32); the file is corrupt or not an ELF") }
    guard b[5] == 1 else { throw LoadError("\(name): ELF data encoding \(b[5]) is not little-endian; Cortex-M4 images are little-endian") }
    let type = try u16(16)
    guard type == 2 else { throw LoadError("\(name): ELF type \(type) is not an executable (ET_EXEC); link the program first") }
    let machine = try u16(18)
    guard machine == 40 else { throw LoadError("\(name): ELF machine \(machine) is not ARM (40)") }
    let entry = try u32(24)
    let phoff = Int(try u32(28))
    let shoff = Int(try u32(32))
    let phentsize = Int(try u16(42)), phnum = Int(try u16(44))
    let shentsize = Int(try u16(46)), shnum = Int(try u16(48))
    guard phnum > 0 else { throw LoadError("\(name): the ELF has no program headers, so nothing to load") }
    guard phentsize >= 32 else { throw LoadError("\(name): program header size \(phentsize) is too small") }
    guard phoff + phnum * phentsize <= b.count else {
      throw LoadError("\(name): program headers at offset \(phoff) run past the end of the file (\(b.count) bytes)")
    }
    var segments: [Segment] = []
    for k in 0..<phnum {
      let h = phoff + k * phentsize
      guard try u32(h) == 1 else { continue }  // PT_LOAD
      let offset = try u32(h + 4), vaddr = try u32(h + 8), paddr = try u32(h + 12)
      let filesz = try u32(h + 16), memsz = try u32(h + 20)
      guard filesz <= memsz else { throw LoadError("\(name): segment \(k) has p_filesz \(filesz) > p_memsz \(memsz)") }
      guard UInt64(offset) + UInt64(filesz) <= UInt64(b.count) else {
        throw LoadError("\(name): segment \(k) (offset \(offset), \(filesz) bytes) runs past the end of the file (\(b.count) bytes)")
      }
      guard UInt64(paddr) + UInt64(memsz) <= 0x1_0000_0000 else {
        throw LoadError("\(name): segment \(k) at 0x\(hex(paddr)) with \(memsz) bytes wraps past the end of the address space")
      }
      guard memsz > 0 else { continue }
      segments.append(Segment(address: paddr, virtualAddress: vaddr, data: Array(b[Int(offset)..<Int(offset + filesz)]), memorySize: memsz))
    }
    guard !segments.isEmpty else { throw LoadError("\(name): the ELF has no non-empty PT_LOAD segment") }
    let sorted = segments.sorted { $0.address < $1.address }
    for (x, y) in zip(sorted, sorted.dropFirst()) where UInt64(x.address) + UInt64(x.memorySize) > UInt64(y.address) {
      throw LoadError("\(name): segments at 0x\(hex(x.address)) (\(x.memorySize) bytes) and 0x\(hex(y.address)) overlap")
    }
    var symbols: [Symbol] = []
    if shoff != 0 && shnum > 0 && shentsize >= 40 && shoff + shnum * shentsize <= b.count {
      for k in 0..<shnum {
        let h = shoff + k * shentsize
        guard try u32(h + 4) == 2 else { continue }  // SHT_SYMTAB
        let symOff = Int(try u32(h + 16)), symSize = Int(try u32(h + 20))
        let link = Int(try u32(h + 24))
        guard link < shnum else { continue }
        let strOff = Int(try u32(shoff + link * shentsize + 16))
        let strSize = Int(try u32(shoff + link * shentsize + 20))
        guard symOff + symSize <= b.count, strOff + strSize <= b.count else { continue }
        var s = symOff
        while s + 16 <= symOff + symSize {
          let nameOff = Int(try u32(s)), value = try u32(s + 4), size = try u32(s + 8)
          let info = b[s + 12]
          s += 16
          let kind = info & 0xF
          guard kind == 1 || kind == 2 || kind == 0, nameOff < strSize else { continue }
          var end = strOff + nameOff
          while end < strOff + strSize && b[end] != 0 { end += 1 }
          let symName = String(decoding: b[(strOff + nameOff)..<end], as: UTF8.self)
          guard !symName.isEmpty, !symName.hasPrefix("$") else { continue }
          symbols.append(Symbol(name: symName, address: kind == 2 ? value & ~1 : value, size: size, isFunction: kind == 2))
        }
      }
    }
    return ProgramImage(segments: segments, entry: entry, symbols: symbols, isELF: true)
  }

  /// The function symbol containing `address`, for reports and profiles.
  public func function(containing address: UInt32) -> Symbol? {
    symbols.filter { $0.isFunction && address >= $0.address && address < $0.address &+ max($0.size, 1) }.first
  }
}

extension Machine {
  /// Load an image and set up the boot state (DESIGN.md "Boot"): a vector table at the lowest
  /// loaded address boots like hardware; otherwise start at the entry with SP at the top of SRAM
  /// and LR at the exit sentinel. Also sets the semihosting heap and the watermark regions.
  public func load(_ image: ProgramImage) throws {
    for s in image.segments {
      // Check the fit before zero-filling: a huge p_memsz must not allocate gigabytes.
      guard bus.code.contains(s.address, s.memorySize) || bus.sram.contains(s.address, s.memorySize),
        s.data.count <= Int(s.memorySize)
      else {
        throw LoadError("segment at 0x\(hex(s.address)) (\(s.memorySize) bytes) does not fit \(board.name)'s memory "
          + "(code 0x\(hex(board.code.base))+\(board.code.size), SRAM 0x\(hex(board.sram.base))+\(board.sram.size))")
      }
      var data = s.data
      data += Array(repeating: 0, count: Int(s.memorySize) - data.count)
      do { try bus.load(data, at: s.address) } catch { throw LoadError(error.detail) }
    }
    let sramTop = board.sram.base &+ board.sram.size
    // The image's SRAM footprint (highest p_vaddr + p_memsz in SRAM: the end of .bss) ends the
    // static data; the heap starts above it.
    var footprint = board.sram.base
    for s in image.segments where bus.sram.contains(s.virtualAddress, 1) {
      footprint = max(footprint, s.virtualAddress &+ s.memorySize)
    }
    let heapBase = (footprint &+ 7) & ~7
    let stackReserve = min(UInt32(64 << 10), (sramTop &- heapBase) / 2) & ~7
    semihosting.heapBase = heapBase
    semihosting.heapLimit = sramTop &- stackReserve
    semihosting.stackBase = sramTop
    semihosting.stackLimit = sramTop &- stackReserve
    watermarks.heapBase = heapBase
    watermarks.heapLimit = semihosting.heapLimit
    // The stack may grow below its reserve into free SRAM; writes there count as stack when
    // they are near SP and as heap otherwise (Watermarks.noteWrite).
    watermarks.stackLimit = heapBase
    let lowest = image.segments.map(\.address).min() ?? 0
    if let sp = bus.peek32(lowest), let reset = bus.peek32(lowest &+ 4), image.isELF || lowest == board.code.base,
      reset & 1 == 1, bus.code.contains(reset & ~1, 2) || bus.sram.contains(reset & ~1, 2),
      sp > board.sram.base, sp <= sramTop, sp & 3 == 0
    {
      system.VTOR = lowest
      regs[13] = sp
      pc = reset & ~1
      regs[14] = 0xFFFF_FFFF
      watermarks.reset(stackTop: sp)
    } else {
      guard bus.code.contains(image.entry & ~1, 2) || bus.sram.contains(image.entry & ~1, 2) else {
        throw LoadError("entry point 0x\(hex(image.entry)) is outside \(board.name)'s memory")
      }
      regs[13] = sramTop
      pc = image.entry & ~1
      regs[14] = Machine.exitSentinel | 1
      watermarks.reset(stackTop: sramTop)
    }
    T = true
    nextPC = pc
  }
}
