// swift-tools-version:5.9
// libFuzzer targets for cmemu (issue 9). A tool, not the product: it depends on the root
// package by path and leaves the root Package.swift alone. Build and run with ./run.sh.
import PackageDescription

let package = Package(
  name: "cmemu-fuzz",
  dependencies: [.package(name: "cmemu", path: "../..")],
  targets: [
    // Declares LLVMFuzzerRunDriver for the executables' main.
    .target(name: "FuzzDriver"),
    // Random Thumb-2 instruction streams with random register, flag and memory state.
    .executableTarget(name: "FuzzInstructions",
      dependencies: ["FuzzDriver", .product(name: "CortexM", package: "cmemu")]),
    // ELF / raw .bin parsing, loading and a short run.
    .executableTarget(name: "FuzzLoader",
      dependencies: ["FuzzDriver", .product(name: "CortexM", package: "cmemu")]),
  ]
)
