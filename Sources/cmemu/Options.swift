import CortexM
import Foundation

// A small command-line parser (no package dependencies by design).

struct Options {
  var positional: [String] = []
  var values: [String: String] = [:]
  var flags: Set<String> = []

  /// Options that take a value; everything else starting with `--` is a flag.
  static let valued: Set<String> = [
    "--board", "--max-cycles", "--json", "--semihosting-root", "--trace", "--seed", "--case",
    "--max-output", "--flash-wait-states", "--profile", "--steps", "--method", "--model", "--seconds", "--write-case", "--out", "--format",
    "--epochs", "--lr", "--zo-lr", "--queries", "--rounding", "--lambda-min", "--lambda-max", "--data",
    "--zo-layers", "--sparse", "--svg", "--kernels", "--host-only", "--train", "--test", "--noise", "--separation",
  ]

  init(_ args: ArraySlice<String>) throws {
    var it = args.makeIterator()
    while let a = it.next() {
      if a.hasPrefix("--") {
        if let eq = a.firstIndex(of: "=") {
          values[String(a[..<eq])] = String(a[a.index(after: eq)...])
        } else if Options.valued.contains(a) || a.hasPrefix("--shape-") {
          guard let v = it.next() else { throw UsageError("\(a) needs a value") }
          values[a] = v
        } else {
          flags.insert(a)
        }
      } else {
        positional.append(a)
      }
    }
  }

  /// A finite number option, or `def` when absent.
  func double(_ name: String, _ def: Double) throws -> Double {
    guard let v = values[name] else { return def }
    guard let d = Double(v), d.isFinite else { throw UsageError("\(name) expects a number, got '\(v)'") }
    return d
  }

  /// Run a verb's body: usage errors exit 64, anything else it throws (unreadable data, a
  /// failed setup) exits 65, each with one line on stderr.
  static func runVerb(_ verb: String, _ body: () throws -> Int32) -> Int32 {
    do { return try body() } catch let e as UsageError {
      FileHandle.standardError.write(Data("cmemu: \(verb): \(e)\n".utf8))
      return ExitStatus.usage
    } catch {
      FileHandle.standardError.write(Data("cmemu: \(verb): \(error)\n".utf8))
      return ExitStatus.badInput
    }
  }

  func int(_ name: String) throws -> Int? {
    guard let v = values[name] else { return nil }
    guard let n = Int(v.replacingOccurrences(of: "_", with: "")) else { throw UsageError("\(name) expects an integer, got '\(v)'") }
    return n
  }
}

struct UsageError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}
