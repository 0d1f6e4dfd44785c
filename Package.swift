// swift-tools-version:5.9
// cmemu: a bit-exact, cycle-counting Cortex-M4 emulator and the FQT kernels it verifies.
// Zero package dependencies by design (see shared/DESIGN.md).
import PackageDescription

let optimise: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
  name: "cmemu",
  products: [
    .executable(name: "cmemu", targets: ["cmemu"]),
    .library(name: "CortexM", targets: ["CortexM"]),
    .library(name: "FQTGolden", targets: ["FQTGolden"]),
    .library(name: "KernelHarness", targets: ["KernelHarness"]),
  ],
  targets: [
    .target(name: "CortexM", swiftSettings: optimise),
    .target(name: "FQTGolden"),
    .target(name: "KernelHarness", dependencies: ["CortexM", "FQTGolden"]),
    .executableTarget(name: "cmemu", dependencies: ["CortexM", "FQTGolden", "KernelHarness"]),
    .testTarget(name: "CortexMTests", dependencies: ["CortexM"]),
    .testTarget(name: "FQTGoldenTests", dependencies: ["FQTGolden"]),
    .testTarget(name: "KernelHarnessTests", dependencies: ["KernelHarness", "CortexM", "FQTGolden"]),
  ]
)
