// Board presets: core clock and memory map (DESIGN.md "Boards").

public struct MemoryRegionSpec: Sendable {
  public enum Kind: Sendable { case code, sram }
  public var name: String
  public var base: UInt32
  public var size: UInt32
  public var kind: Kind
  /// Wait states added to each data access and non-sequential fetch (approximate model).
  public var waitStates: Int

  public init(name: String, base: UInt32, size: UInt32, kind: Kind, waitStates: Int = 0) {
    self.name = name; self.base = base; self.size = size; self.kind = kind; self.waitStates = waitStates
  }
}

public struct Board: Sendable {
  public var name: String
  public var core: String
  public var clockHz: Double
  public var code: MemoryRegionSpec
  public var sram: MemoryRegionSpec
  /// Further SRAM regions (e.g. the i.MX RT's OCRAM), counted for fit reports.
  public var notes: String

  public static let generic = Board(
    name: "generic-m4", core: "Cortex-M4", clockHz: 64e6,
    code: .init(name: "flash", base: 0x0000_0000, size: 1 << 20, kind: .code),
    sram: .init(name: "sram", base: 0x2000_0000, size: 256 << 10, kind: .sram),
    notes: "1 MiB code at 0x0, 256 KiB SRAM at 0x20000000, zero wait states")

  public static let presets: [Board] = [
    generic,
    Board(name: "nrf52840", core: "Cortex-M4F", clockHz: 64e6,
      code: .init(name: "flash", base: 0, size: 1 << 20, kind: .code),
      sram: .init(name: "sram", base: 0x2000_0000, size: 256 << 10, kind: .sram),
      notes: "nRF52840: 64 MHz, 1 MiB flash, 256 KiB RAM"),
    Board(name: "stm32f746", core: "Cortex-M7 (timed with the M4 model)", clockHz: 216e6,
      code: .init(name: "flash", base: 0, size: 1 << 20, kind: .code),
      sram: .init(name: "sram", base: 0x2000_0000, size: 320 << 10, kind: .sram),
      notes: "STM32F746: 216 MHz, 1 MiB flash, 320 KiB SRAM; cycles from the M4 model"),
    Board(name: "imxrt1062", core: "Cortex-M7 (timed with the M4 model)", clockHz: 600e6,
      code: .init(name: "itcm", base: 0, size: 512 << 10, kind: .code),
      sram: .init(name: "dtcm", base: 0x2000_0000, size: 512 << 10, kind: .sram),
      notes: "i.MX RT1062: 600 MHz, 512 KiB TCM + 512 KiB OCRAM; cycles from the M4 model"),
  ]

  public static func named(_ name: String) -> Board? { presets.first { $0.name == name } }
}
