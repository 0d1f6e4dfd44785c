// Fuzz target (c): vector-case parsing. The input is used as case.json inside a directory that
// also holds the committed fc_fwd example's tensor files, so mutations of names, sizes, roles,
// checksums and arguments reach the validation paths; a case that parses is replayed for a
// bounded number of cycles. Nothing may trap or hang.

import CortexM
import Foundation
import KernelHarness

let caseDirectory: String = {
  let dir = NSTemporaryDirectory() + "cmemu-fuzz-case-\(getpid())"
  let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../../Vectors/kernels/fc_fwd/case").standardizedFileURL.path
  try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  for f in (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? [] where f != "case.json" {
    try? FileManager.default.copyItem(atPath: source + "/" + f, toPath: dir + "/" + f)
  }
  return dir
}()

let image: [UInt8] = {
  let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../../kernels/fc_fwd.bin").standardizedFileURL.path
  return [UInt8](FileManager.default.contents(atPath: path) ?? Data())
}()

func fuzzCases(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Data(bytes: data, count: size)
  guard (try? bytes.write(to: URL(fileURLWithPath: caseDirectory + "/case.json"))) != nil else { return 0 }
  guard let (c, _, _) = try? CaseFiles.read(caseDirectory) else { return 0 }
  _ = try? KernelRunner.run(image: image, case: c, maxCycles: 1_000_000)
  return 0
}
