// Hand control to libFuzzer with this target's LLVMFuzzerTestOneInput.
import FuzzDriver
#if canImport(Glibc)
  import Glibc
#endif

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
  guard let data else { return 0 }
  return fuzzInstructions(data, size)
})
