// `cmemu golden-train`: training in the pure-Swift golden model (issue 5).

enum GoldenTrainCommand {
  static func run(_ o: Options) -> Int32 {
    print("cmemu: golden-train is not implemented yet")
    return 70
  }
}
