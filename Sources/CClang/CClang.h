// The libclang C API (clang-c/Index.h) as one Swift module. Package.swift
// finds libclang's include and library directories (its libclangPrefix) and
// gives them to the Cgo target only; Cgo imports this module internally, so
// its clients load it without those directories, and then it is empty.
#if __has_include(<clang-c/Index.h>)
#include <clang-c/Index.h>
#endif
