// `cmemu golden-train`: training in the pure-Swift golden model (issue 5): digits-cnn on the
// real digits, mnist-cnn on MNIST-shaped images made from them, mbv2-tail on synthetic
// class-conditional feature maps (see `GoldenTrainData`).
//
//   cmemu golden-train --model digits-cnn|mnist-cnn|mbv2-tail
//                      [--method all|float|sgd|qas|sparse|partial|zo]
//                      [--epochs N] [--seed S] [--lr X] [--zo-lr X] [--queries N]
//                      [--rounding nearest|stochastic] [--lambda-min X] [--lambda-max X]
//                      [--zo-layers all|4|2,4] [--sparse default|head] [--constant-lr]
//                      [--partial-full-head]   (partial: keep every class of the classifier)
//                      [--data DIR] [--train N] [--test N] [--noise X] [--separation X]   (mbv2-tail)
//
// Every method starts from the same float initialisation (FloatModel, seed S). float trains it in
// float32; the int8 methods quantize it (scales calibrated on 200 training images through the
// initial float model) and train in the golden model. One sample per step, the same shuffled order
// for every method (xorshift32 from S per epoch), the same learning-rate schedule (cosine decay
// over the epochs; --constant-lr to turn it off). Held-out accuracy after every epoch.

import FQTGolden
import Foundation

enum GoldenTrainCommand {
  struct Result {
    var method: String
    var perEpoch: [Double] = []
    var seconds = 0.0
    var steps = 0
    var note = ""
  }

  static let methods = ["float", "sgd", "qas", "sparse", "partial", "zo"]

  static func run(_ o: Options) -> Int32 {
    Options.runVerb("golden-train") { try runThrowing(o) }
  }

  static func runThrowing(_ o: Options) throws -> Int32 {
    let model = o.values["--model"] ?? "digits-cnn"
    guard GoldenTrainData.models.contains(model) else {
      throw UsageError("--model must be one of \(GoldenTrainData.models.joined(separator: ", ")) (got '\(model)')")
    }
    let method = o.values["--method"] ?? "all"
    let chosen = method == "all" ? methods : [method]
    guard chosen.allSatisfy(methods.contains) else {
      throw UsageError("--method must be all or one of \(methods.joined(separator: ", "))")
    }
    let epochs = try o.int("--epochs") ?? 10
    let seed = UInt32(truncatingIfNeeded: try o.int("--seed") ?? 1)
    guard epochs >= 1, seed != 0 else { throw UsageError("need --epochs ≥ 1 and --seed ≠ 0") }
    let data = try GoldenTrainData(model: model, options: o, seed: seed)
    let spec = data.spec
    let parameterLayers = spec.layers.indices.filter { spec.layers[$0].hasParameters }
    let lr = try o.double("--lr", data.defaultLearningRate)
    let zoLR = try o.double("--zo-lr", 0.3)
    let queries = try o.int("--queries") ?? 4
    var zoLayers: [Int]? = nil
    if let v = o.values["--zo-layers"], v != "all" {
      let l = v.split(separator: ",").compactMap { Int($0) }
      guard !l.isEmpty, l.allSatisfy(parameterLayers.contains) else {
        throw UsageError(
          "--zo-layers: all or a comma list of parameter layers "
            + "\(parameterLayers.map(String.init).joined(separator: ",")) (got '\(v)')")
      }
      zoLayers = l
    }
    let lmin = try o.double("--lambda-min", 0.25)
    let lmax = try o.double("--lambda-max", 1.0)
    let rounding: RoundingMode
    switch o.values["--rounding"] ?? "stochastic" {
    case "nearest": rounding = .nearest
    case "stochastic": rounding = .stochastic
    case let r: throw UsageError("--rounding must be nearest or stochastic (got '\(r)')")
    }
    let (trainX, trainY, testX, testY) = (data.trainX, data.trainY, data.testX, data.testY)
    print(
      "golden-train \(model): \(trainX.count) train / \(testX.count) held-out samples"
        + " (\(data.source)), seed \(seed), \(epochs) epochs, lr \(lr)"
        + (o.flags.contains("--constant-lr") ? " constant" : " cosine-decayed")
        + ", rounding \(rounding)")

    // Learning-rate factor of each epoch: cosine decay lr·½(1 + cos(π·e/E)) unless --constant-lr.
    let constant = o.flags.contains("--constant-lr")
    let factor: [Double] = (0..<epochs).map {
      constant ? 1 : 0.5 * (1 + cos(Double.pi * Double($0) / Double(epochs)))
    }
    // The shuffled order of each epoch, shared by every method.
    let orders: [[Int]] = (0..<epochs).map { ep in
      var r = XorShift32(seed: zoStepSeed(base: seed, step: UInt32(ep + 1)))
      var idx = Array(trainX.indices)
      for i in stride(from: idx.count - 1, to: 0, by: -1) {
        idx.swapAt(i, Int(r.next() % UInt32(i + 1)))
      }
      return idx
    }

    let initial = try FloatModel<Double>(spec: spec, seed: seed)
    let q0 = try QuantizedModel(float: initial, calibration: Array(trainX.prefix(200)))
    let testQ = testX.map { q0.quantizeInput($0) }
    let trainQ = trainX.map { q0.quantizeInput($0) }
    func accuracy(_ m: QuantizedModel) throws -> Double {
      var ok = 0
      for (x, y) in zip(testQ, testY) where try m.predict(x) == y { ok += 1 }
      return Double(ok) / Double(testY.count)
    }
    print(String(format: "initial int8 held-out accuracy %.4f", try accuracy(q0)))

    var results = [Result]()
    for m in chosen {
      var res = Result(method: m)
      var seconds = 0.0
      func timed(_ body: () throws -> Void) rethrows {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        seconds += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
      }
      var line = "\(m):"
      switch m {
      case "float":
        var fm = try FloatModel<Float>(spec: spec, seed: seed)
        let fTrain = trainX.map { $0.map(Float.init) }
        let fTest = testX.map { $0.map(Float.init) }
        for ep in 0..<epochs {
          let lrE = Float(lr * factor[ep])
          timed { for i in orders[ep] { fm.sgdStepFloat32(fTrain[i], label: trainY[i], learningRate: lrE) } }
          let acc = Double(zip(fTest, testY).filter { fm.predictFloat32($0.0) == $0.1 }.count) / Double(testY.count)
          res.perEpoch.append(acc)
          line += String(format: " %.4f", acc)
        }
        res.steps = epochs * trainX.count
      case "zo":
        var qm = q0
        var zo = ZOOptions(learningRate: zoLR, queries: queries, rounding: .stochastic)
        zo.layers = zoLayers
        var step: UInt32 = 0
        var (zeroDeltas, allDeltas, absDelta) = (0, 0, 0.0)
        for ep in 0..<epochs {
          zo.learningRate = zoLR * factor[ep]
          try timed {
            for i in orders[ep] {
              step &+= 1
              let r = try qm.zoTrainStep(
                input: trainQ[i], label: trainY[i], options: zo,
                seed: zoStepSeed(base: seed, step: step))
              zeroDeltas += r.lossDeltas.filter { $0 == 0 }.count
              allDeltas += r.lossDeltas.count
              absDelta += r.lossDeltas.reduce(0.0) { $0 + abs(Double($1)) }
            }
          }
          let acc = try accuracy(qm)
          res.perEpoch.append(acc)
          line += String(format: " %.4f", acc)
        }
        res.steps = epochs * trainX.count
        res.note = "n = \(queries), layers \(zoLayers.map { "\($0)" } ?? "all"), lr \(zoLR), stochastic"
          + String(
            format: "; L_q = L_0 in %.0f %% of queries, mean |L_q − L_0| = %.4f",
            100 * Double(zeroDeltas) / Double(max(allDeltas, 1)),
            absDelta / Double(max(allDeltas, 1)) / 65536)
      default:
        var qm = q0
        var opt = TrainOptions(learningRate: lr, qas: m != "sgd", rounding: rounding)
        if m == "sparse" {
          let head = o.values["--sparse"] == "head"
          opt.sparse = try SparseUpdatePlan(
            model: q0, requests: head ? data.headOnlyScheme : data.sparseScheme)
          res.note = head ? "FC only" : data.sparseNote
        }
        if m == "partial" {
          let fullHead = o.flags.contains("--partial-full-head")
          opt.partial = PartialUpdateOptions(
            lambdaMinQ16: Int32((lmin * 65536).rounded()), lambdaMaxQ16: Int32((lmax * 65536).rounded()),
            fullLastLayer: fullHead)
          res.note = "λ \(lmin)…\(lmax)" + (fullHead ? ", classifier in full" : "")
        }
        if m == "sgd" { res.note = "plain int8 SGD, no QAS" }
        var rng = XorShift32(seed: seed ^ 0x5EED_0001)
        var kept = 0
        var total = 0
        for ep in 0..<epochs {
          opt.learningRate = lr * factor[ep]
          try timed {
            for i in orders[ep] {
              let r = try qm.trainStep(input: trainQ[i], label: trainY[i], options: opt, rng: &rng)
              for a in r.activeChannels { if let a { kept += a.filter { $0 }.count; total += a.count } }
            }
          }
          let acc = try accuracy(qm)
          res.perEpoch.append(acc)
          line += String(format: " %.4f", acc)
        }
        if total > 0 { res.note += String(format: ", kept %.1f %% of channels", 100 * Double(kept) / Double(total)) }
        res.steps = epochs * trainX.count
      }
      res.seconds = seconds
      print(line + String(format: "   (%.1f s)", seconds))
      results.append(res)
    }

    print("\nheld-out accuracy on \(testY.count) images after \(epochs) epochs (seed \(seed)):")
    print("| method | final acc | best acc | train time (s) | µs/step | notes |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results {
      print(
        "| \(label(r.method)) | "
          + String(
            format: "%.4f | %.4f | %.2f | %.0f", r.perEpoch.last ?? 0, r.perEpoch.max() ?? 0,
            r.seconds, r.seconds * 1e6 / Double(max(r.steps, 1))) + " | \(r.note) |")
    }
    return 0
  }

  static func label(_ m: String) -> String {
    switch m {
    case "float": return "float32 reference (SGD)"
    case "sgd": return "int8 SGD without QAS"
    case "qas": return "int8 SGD + QAS (BP)"
    case "sparse": return "int8 QAS, static sparse"
    case "partial": return "int8 QAS, dynamic partial"
    case "zo": return "int8 zeroth-order (ZO)"
    default: return m
    }
  }

}
