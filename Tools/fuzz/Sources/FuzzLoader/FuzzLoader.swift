// libFuzzer target: ELF / raw .bin parsing and loading, then a short run (≤ 10k cycles).
// The first byte picks the board; the rest is the file. Every input must either load or be
// rejected with a LoadError; nothing may trap, crash or hang.

import CortexM
#if canImport(Glibc)
  import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size >= 1 else { return 0 }
  let board = Board.presets[Int(data[0]) % Board.presets.count]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let image: ProgramImage
  do { image = try ProgramImage.parse(bytes, board: board, name: "fuzz.elf") } catch {
    _ = "\(error)"
    return 0
  }
  _ = image.function(containing: image.entry)
  // What `cmemu disasm` does with the same file (bounded to 4 KiB per segment).
  var symbols: [UInt32: String] = [:]
  for s in image.symbols where s.isFunction { symbols[s.address] = s.name }
  for seg in image.segments { _ = Disassembler.listing(bytes: Array(seg.data.prefix(4096)), base: seg.address, symbols: symbols) }
  let m = Machine(board: board)
  m.semihosting.write = { _, _ in }
  m.semihosting.readByte = { nil }
  m.vectoredFaults = data[0] & 0x80 != 0
  do { try m.load(image) } catch {
    _ = "\(error)"
    return 0
  }
  _ = m.run(maxCycles: 10_000)
  if let f = m.lastFault { _ = f.text }
  _ = RunReport(program: "fuzz", machine: m).summary
  return 0
}
