#ifndef CONCLINT_FUZZ_DRIVER_H
#define CONCLINT_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for a program that has its own `main` (compiler-rt's
/// FuzzerInterface.h declares the same function).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
