// scikit-learn's digits data set as committed in Vectors/data/digits/ (Tools/data/fetch-digits.sh):
// images.u8 (N×64, values 0–16), labels.u8 (N, 0–9), split.u8 (N, 0 = train, 1 = test).

import Foundation

public struct DigitsDataset: Equatable {
  /// One 8×8 image (row-major, values 0–16) and its class.
  public struct Sample: Equatable {
    public var pixels: [UInt8]
    public var label: Int
    /// The model's real input: pixel / 16 ∈ [0, 1].
    public func input<T: BinaryFloatingPoint>(_: T.Type = T.self) -> [T] {
      pixels.map { T($0) / 16 }
    }
  }

  public var train: [Sample]
  public var test: [Sample]

  /// Reads the three files from `directory`; throws a clear error if one is missing, has the
  /// wrong length or holds an out-of-range value.
  public init(directory: URL) throws {
    let op = "DigitsDataset"
    func read(_ name: String) throws -> [UInt8] {
      let url = directory.appendingPathComponent(name)
      guard let d = FileManager.default.contents(atPath: url.path) else {
        throw FQTError.invalidParameter(
          op: op, reason: "cannot read \(url.path) (run Tools/data/fetch-digits.sh)")
      }
      return [UInt8](d)
    }
    let images = try read("images.u8")
    let labels = try read("labels.u8")
    let split = try read("split.u8")
    let n = labels.count
    guard n > 0 else { throw FQTError.invalidShape(op: op, reason: "labels.u8 is empty") }
    try checkLength(op, "images.u8", images.count, n * 64)
    try checkLength(op, "split.u8", split.count, n)
    if let bad = images.firstIndex(where: { $0 > 16 }) {
      throw FQTError.invalidParameter(op: op, reason: "images.u8[\(bad)] = \(images[bad]) > 16")
    }
    if let bad = labels.firstIndex(where: { $0 > 9 }) {
      throw FQTError.invalidParameter(op: op, reason: "labels.u8[\(bad)] = \(labels[bad]) > 9")
    }
    if let bad = split.firstIndex(where: { $0 > 1 }) {
      throw FQTError.invalidParameter(op: op, reason: "split.u8[\(bad)] = \(split[bad]) > 1")
    }
    train = []
    test = []
    for i in 0..<n {
      let s = Sample(pixels: Array(images[(i * 64)..<(i * 64 + 64)]), label: Int(labels[i]))
      if split[i] == 0 { train.append(s) } else { test.append(s) }
    }
  }

  /// Vectors/data/digits under `root` (a checkout of the package), or found by walking up from
  /// the current directory and from this source file.
  public static func locate(root: URL? = nil) -> URL? {
    var starts = [URL]()
    if let r = root { starts.append(r) }
    starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
    for s in starts {
      var d = s
      for _ in 0..<8 {
        let c = d.appendingPathComponent("Vectors/data/digits")
        if FileManager.default.fileExists(atPath: c.appendingPathComponent("labels.u8").path) {
          return c
        }
        d = d.deletingLastPathComponent()
      }
    }
    return nil
  }
}
