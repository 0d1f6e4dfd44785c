// The report printed after every run (stderr) and written by `--json`.

import Foundation

public struct RunReport: Codable, Sendable {
  public var program: String
  public var board: String
  public var outcome: String
  public var exitStatus: Int32?
  public var instructions: UInt64
  public var cycles: UInt64
  public var cpi: Double
  public var stackHighWaterBytes: UInt32
  public var heapHighWaterBytes: UInt32
  public var fault: String?
  public var milliseconds: Double

  public init(program: String, machine m: Machine) {
    self.program = program
    board = m.board.name
    instructions = m.instructions
    cycles = m.cycles
    cpi = m.instructions == 0 ? 0 : Double(m.cycles) / Double(m.instructions)
    stackHighWaterBytes = m.watermarks.stackBytes
    heapHighWaterBytes = m.watermarks.heapBytes
    milliseconds = Double(m.cycles) / m.board.clockHz * 1000
    switch m.stop {
    case .exited(let s)?: outcome = "exited"; exitStatus = s
    case .fault?: outcome = "fault"
    case .cycleLimit?: outcome = "cycle-limit"
    case .breakpoint(let b)?: outcome = "breakpoint #\(b)"
    case .semihostingError?: outcome = "semihosting-error"
    case nil: outcome = "running"
    }
    fault = m.lastFault?.text
  }

  /// The short human-readable summary.
  public var summary: String {
    var s = "cmemu: \(program): \(outcome)"
    if let e = exitStatus { s += " with status \(e)" }
    s += "; \(instructions) instructions, \(cycles) cycles (CPI \(String(format: "%.3f", cpi)), "
    s += "\(String(format: "%.3f", milliseconds)) ms at \(board)); stack high-water \(stackHighWaterBytes) B, heap high-water \(heapHighWaterBytes) B"
    return s
  }

  public func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }
}

/// Files are written atomically: a temporary file in the same directory, then rename(2), so an
/// interrupted write leaves the previous file intact.
public enum AtomicFile {
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    do {
      try data.write(to: temp)
      if rename(temp.path, url.path) != 0 {
        let err = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temp)
        throw LoadError("cannot write \(path): \(err)")
      }
    } catch let e as LoadError {
      throw e
    } catch {
      try? FileManager.default.removeItem(at: temp)
      throw LoadError("cannot write \(path): \(error.localizedDescription)")
    }
  }

  public static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }
}

/// Exit statuses of `cmemu` (documented in `--help`). Guest programs' own statuses pass through.
public enum ExitStatus {
  public static let usage: Int32 = 64
  public static let badInput: Int32 = 65
  public static let noInput: Int32 = 66
  public static let cannotWrite: Int32 = 73
  public static let undefinedInstruction: Int32 = 80
  public static let unaligned: Int32 = 81
  public static let busFault: Int32 = 82
  public static let memManage: Int32 = 83
  public static let stackOverflow: Int32 = 84
  public static let divideByZero: Int32 = 85
  public static let usageFault: Int32 = 86
  public static let noCoprocessor: Int32 = 87
  public static let cycleLimit: Int32 = 88
  public static let breakpoint: Int32 = 89

  public static func forFault(_ k: FaultKind) -> Int32 {
    switch k {
    case .undefinedInstruction, .unpredictable: return undefinedInstruction
    case .unaligned: return unaligned
    case .busFault: return busFault
    case .memManage: return memManage
    case .stackOverflow: return stackOverflow
    case .divideByZero: return divideByZero
    case .invalidState, .invalidExceptionReturn: return usageFault
    case .noCoprocessor: return noCoprocessor
    }
  }

  /// The exit status for a run that ended other than by the guest exiting (nil when it exited:
  /// then the guest's own status, or a kernel check's 0/1, applies). One mapping for every verb.
  public static func forStop(_ stop: StopReason) -> Int32? {
    switch stop {
    case .exited: return nil
    case .fault(let kind): return forFault(kind)
    case .cycleLimit: return cycleLimit
    case .breakpoint: return breakpoint
    case .semihostingError: return badInput
    }
  }

  public static let help = """
    Exit statuses:
      the guest's own status   a program that exits through semihosting (as QEMU does)
      0 / 1                    a kernel image: bit-exact match / mismatch with the golden model
      64  usage error          65  malformed ELF/bin or vector case   66  input file unreadable
      73  an output file could not be written
      80  undefined or UNPREDICTABLE instruction   81  unaligned access (UsageFault UNALIGNED)
      82  BusFault (unmapped access)   83  MemManage (forbidden access, execute-never)
      84  stack overflow (SP below SRAM)   85  divide by zero with CCR.DIV_0_TRP
      86  other UsageFault (INVSTATE, INVPC)   87  coprocessor/FPU instruction (NOCP)
      88  --max-cycles reached (runaway program)   89  BKPT (not semihosting) halted the run
    """
}
