import Foundation
import TestSupport
import Testing
@testable import Driver

/// The cgo analysis's per-function cache: when the run as a whole misses,
/// a function whose key (text, what it reaches, the functions around it,
/// its callers) is unchanged keeps its findings and the facts CG1004
/// joins; the output is byte for byte that of a run without cache.
@Suite(.enabled(if: parserIsReal, "needs the real parser"))
struct CgoMemoTests {
    /// run can return with its thread locked: CG1020, unless every caller
    /// starts it as a goroutine of its own.
    static let worker = """
        package worker

        import (
        \t"errors"
        \t"runtime"
        )

        var errBusy = errors.New("worker: busy")

        func run(n int) error {
        \truntime.LockOSThread()
        \tif n < 0 {
        \t\treturn errBusy
        \t}
        \truntime.UnlockOSThread()
        \treturn nil
        }

        // Start runs the worker.
        func Start() {
        \t_ = run(1)
        }

        """

    /// Prepare keeps C memory in a field; Close, last in the file, frees it.
    static let statement = """
        package sqlite

        /*
        #include <stdlib.h>
        */
        import "C"

        import "unsafe"

        // Stmt is a prepared statement.
        type Stmt struct {
        \tsql *C.char
        }

        // Prepare keeps the query's text.
        func Prepare(query string) *Stmt {
        \ts := &Stmt{}
        \ts.sql = C.CString(query)
        \treturn s
        }

        // Close frees the text.
        func (s *Stmt) Close() {
        \tC.free(unsafe.Pointer(s.sql))
        }

        """

    static func module() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n")
        try tree.write("worker/worker.go", worker)
        try tree.write("sqlite/sqlite.go", statement)
        try tree.write("other/other.go", "package other\n\n// Nothing does nothing.\nfunc Nothing() {}\n")
        return tree
    }

    static func run(_ tree: TemporaryTree, _ paths: [String] = ["./..."], cache: String?) -> AnalysisMemoTests.Run {
        AnalysisMemoTests.run(tree, paths, cache: cache)
    }

    /// Functions looked at in a run, and functions whose results were reused.
    static func functions(_ run: AnalysisMemoTests.Run) -> (looked: Int, reused: Int) {
        (run.stats["cgo.functions-looked-at"] ?? -1, run.stats["cache.cgo-functions-reused"] ?? -1)
    }

    @Test func anEditLooksAgainOnlyAtTheFunctionsItReaches() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = Self.run(tree, cache: cache)
        let all = Self.functions(first).looked
        #expect(all > 0)
        #expect(first.stdout.contains("CG1020"))
        #expect(!CacheTests.entries(cache, kind: "cgo").isEmpty)

        try tree.write("worker/worker.go", Self.worker + "// trailing\n")
        #expect(Self.functions(AnalysisMemoTests.cachedRun(tree, cache: cache)) == (0, all))

        try tree.write("other/other.go", "package other\n\n// moved\n// Nothing does nothing.\nfunc Nothing() {}\n")
        let alone = Self.functions(Self.run(tree, ["./other"], cache: nil)).looked
        #expect(alone > 0)
        #expect(Self.functions(AnalysisMemoTests.cachedRun(tree, cache: cache)) == (alone, all - alone))
    }

    /// run's text stays the same; its only caller now starts it as a
    /// goroutine, whose thread may stay locked: the finding goes (run's key
    /// holds how each caller reaches it, and whether a `go` starts it).
    @Test func aCallerThatStartsTheFunctionAsAGoroutineReachesIt() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        #expect(Self.run(tree, cache: cache).stdout.contains("CG1020"))
        try tree.write("worker/worker.go", Self.worker.replacingOccurrences(of: "\t_ = run(1)\n", with: "\tgo run(1)\n"))
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(!after.stdout.contains("CG1020"))
        #expect(Self.functions(after).reused > 0)
    }

    /// Prepare is not looked at again: the store it makes comes from its
    /// kept facts, and with Close gone nothing frees the field.
    @Test func theJoinReadsTheKeptFactsOfFunctionsNotLookedAt() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        #expect(!Self.run(tree, cache: cache).stdout.contains("CG1004"))
        try tree.write("sqlite/sqlite.go", Self.statement.replacingOccurrences(
            of: "// Close frees the text.\nfunc (s *Stmt) Close() {\n\tC.free(unsafe.Pointer(s.sql))\n}\n", with: ""))
        let after = AnalysisMemoTests.cachedRun(tree, cache: cache)
        #expect(after.stdout.contains("CG1004"))
        #expect(Self.functions(after).reused > 0)
    }
}
