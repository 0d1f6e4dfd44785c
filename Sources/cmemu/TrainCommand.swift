// `cmemu train`: whole FQT training steps on the emulated MCU (issue 7).

enum TrainCommand {
  static func run(_ o: Options) -> Int32 {
    print("cmemu: train is not implemented yet")
    return 70
  }
}
