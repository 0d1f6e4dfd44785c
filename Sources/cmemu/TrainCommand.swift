// `cmemu train`: whole FQT training steps on the emulated MCU (issue 7).
//
//   cmemu train --model digits-cnn|mbv2-tail [--method sgd|qas|sparse|partial|zo|all] [--steps N]
//               [--board B] [--seed S] [--json FILE] [--svg FILE] [--lr X] [--zo-lr X] [--queries N]
//               [--zo-layers all|0,2,4] [--rounding nearest|stochastic] [--lambda-min X]
//               [--lambda-max X] [--data DIR] [--kernels DIR] [--host-only k1,k2] [--no-eval]
//               [--train N] [--test N]   (mbv2-tail: synthetic samples, MBV2TailData)
//
// digits-cnn trains on the scikit-learn digits; mbv2-tail (7×7×96, FQTGolden's ModelSpec.mbv2Tail)
// on the synthetic class-conditional feature maps that golden-train uses for it.
//
// Exit status: 0 every step bit-exact; 1 a divergence (first op, tensor, index printed);
// 3 the step does not fit the board (not run); 64 usage; 65 setup error; 73 cannot write.

import CortexM
import FQTGolden
import Foundation
import KernelHarness

enum TrainCommand {
  static func run(_ o: Options) -> Int32 {
    Options.runVerb("train") { try runThrowing(o) }
  }

  static func runThrowing(_ o: Options) throws -> Int32 {
    let model = o.values["--model"] ?? "digits-cnn"
    guard ["digits-cnn", "mbv2-tail"].contains(model) else {
      throw UsageError("--model must be digits-cnn or mbv2-tail (got '\(model)')")
    }
    let m = o.values["--method"] ?? "qas"
    let methods: [TrainMethod]
    if m == "all" { methods = TrainMethod.allCases } else {
      guard let t = TrainMethod(rawValue: m) else {
        throw UsageError("--method must be all or one of \(TrainMethod.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      methods = [t]
    }
    let steps = try o.int("--steps") ?? 20
    let seed = UInt32(truncatingIfNeeded: try o.int("--seed") ?? 1)
    guard steps >= 1, seed != 0 else { throw UsageError("need --steps ≥ 1 and --seed ≠ 0") }
    let boardName = o.values["--board"] ?? "nrf52840"
    guard let board = Board.named(boardName) else {
      throw UsageError("unknown board '\(boardName)' (\(Board.presets.map(\.name).joined(separator: ", ")))")
    }
    guard let kdir = o.values["--kernels"].map({ URL(fileURLWithPath: $0) }) ?? TrainDriver.locateKernels() else {
      throw UsageError("cannot find the kernels/ directory (pass --kernels DIR)")
    }
    let hostOnly = Set((o.values["--host-only"] ?? "").split(separator: ",").map(String.init))
    var base = TrainConfig(method: .qas)
    base.seed = seed
    base.learningRate = try o.double("--lr", model == "mbv2-tail" ? MBV2TailData.defaultLearningRate : 0.1)
    base.zoLearningRate = try o.double("--zo-lr", 0.3)
    base.queries = try o.int("--queries") ?? 4
    base.lambdaMin = try o.double("--lambda-min", 0.25)
    base.lambdaMax = try o.double("--lambda-max", 1.0)
    switch o.values["--rounding"] ?? "stochastic" {
    case "nearest": base.rounding = .nearest
    case "stochastic": base.rounding = .stochastic
    case let r: throw UsageError("--rounding must be nearest or stochastic (got '\(r)')")
    }
    if let v = o.values["--zo-layers"], v != "all" {
      let l = v.split(separator: ",").compactMap { Int($0) }
      guard !l.isEmpty else { throw UsageError("--zo-layers: all or a comma list of parameter layers (got '\(v)')") }
      base.zoLayers = l
    }
    let setup: TrainSetup
    if model == "mbv2-tail" {
      let nTrain = try o.int("--train") ?? MBV2TailData.defaultTrainCount
      let nTest = try o.int("--test") ?? MBV2TailData.defaultTestCount
      guard nTrain >= 1, nTest >= 1 else { throw UsageError("need --train ≥ 1 and --test ≥ 1") }
      setup = try TrainSetup.mbv2Tail(seed: seed, train: nTrain, test: nTest)
    } else {
      guard let dataDir = o.values["--data"].map({ URL(fileURLWithPath: $0) }) ?? DigitsDataset.locate() else {
        throw UsageError("cannot find Vectors/data/digits (pass --data DIR)")
      }
      setup = try TrainSetup(seed: seed, dataDirectory: dataDir)
    }
    print("cmemu train \(model): \(setup.trainX.count) train / \(setup.testX.count) held-out samples (\(setup.source)), seed \(seed), \(steps) steps, lr \(base.learningRate), board \(board.name), kernels \(kdir.path)")
    let isTTY = isatty(2) != 0
    var results = [MethodResult]()
    var status: Int32 = 0
    for method in methods {
      var cfg = base
      cfg.method = method
      let t0 = Date()
      let r = try TrainDriver.run(
        setup: setup, config: cfg, steps: steps, board: board, kernelDirectory: kdir, hostOnly: hostOnly,
        evaluate: !o.flags.contains("--no-eval"),
        progress: { k, rec in
          guard steps >= 10, k % max(1, steps / 50) == 0 || k == steps else { return }
          let el = Date().timeIntervalSince(t0)
          let line = String(format: "%@: step %d/%d, %d cycles, loss %.3f, %.1f s elapsed, ~%.0f s left",
            method.rawValue, k, steps, rec.cycles, Double(rec.lossQ16) / 65536, el, el / Double(k) * Double(steps - k))
          FileHandle.standardError.write(Data(((isTTY ? "\r\u{1B}[K" : "") + line + (isTTY ? "" : "\n")).utf8))
        })
      if isTTY && steps >= 10 { FileHandle.standardError.write(Data("\n".utf8)) }
      print(TrainDriver.text(r))
      results.append(r)
      if r.divergence != nil { status = 1 }
      if r.steps == 0 && r.notes.contains(where: { $0.hasPrefix("not run") }) { status = max(status, 3) }
      if r.divergence != nil { break }
    }
    print(TrainDriver.table(results))
    if let path = o.values["--json"] {
      do { try AtomicFile.write(try TrainReport.json(results), to: path) } catch {
        FileHandle.standardError.write(Data("cmemu: train: \(error)\n".utf8))
        return 73
      }
    }
    if let path = o.values["--svg"] {
      do { try AtomicFile.write(Data(TrainReport.svg(results).utf8), to: path) } catch {
        FileHandle.standardError.write(Data("cmemu: train: \(error)\n".utf8))
        return 73
      }
    }
    return status
  }
}
