// libFuzzer's driver entry point (compiler-rt FuzzerInterface.h), so that a SwiftPM executable
// (whose main SwiftPM renames and aliases) can hand control to libFuzzer.
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
