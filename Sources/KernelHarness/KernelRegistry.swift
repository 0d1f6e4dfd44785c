// The registry of FQT kernels: which image names are kernels, and how to check them.

import CortexM
import Foundation

public struct KernelDescriptor: Sendable {
  public var name: String
}

public enum KernelRegistry {
  public static var all: [KernelDescriptor] { [] }

  /// The kernel an image path names (kernels/<name>.bin or .elf), if any.
  public static func kernel(forImagePath path: String) -> KernelDescriptor? {
    let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return all.first { $0.name == base }
  }
}

public enum KernelCommand {
  /// Run a kernel image against its golden op; returns the exit status (0 match, 1 mismatch).
  public static func run(_ k: KernelDescriptor, imagePath: String, options: [String: String], flags: Set<String>) -> Int32 {
    return 70
  }
}
