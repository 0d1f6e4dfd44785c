// `cmemu bench`: emulator speed on fixed workloads (issue 8).

enum BenchCommand {
  static func run(_ o: Options) -> Int32 {
    print("cmemu: bench is not implemented yet")
    return 70
  }
}
