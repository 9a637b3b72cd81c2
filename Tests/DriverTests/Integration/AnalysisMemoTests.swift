import Foundation
import TestSupport
import Testing
@testable import Driver

/// The analyses' per-unit cache: when the run as a whole misses (a file
/// changed), the leak analysis reuses the roots whose call-graph closure
/// the change did not touch, explores the others again, and the output is
/// byte for byte that of a run without cache.
@Suite(.enabled(if: parserIsReal, "needs the real parser"))
struct AnalysisMemoTests {
    static let util = """
        package util

        type Box struct {
        \tCh chan int
        }

        func Twice(n int) int { return 2 * n }

        """ + GoDefects.blockedSend("Spin")

    static let store = """
        package store

        import "example.com/m/util"

        // Leak blocks on a send of util's result: its closure reaches util.
        func Leak() {
        \tch := make(chan int)
        \tgo func() {
        \t\tch <- util.Twice(1)
        \t}()
        }

        // Fill sends into a util type's channel field.
        func Fill(b *util.Box) {
        \tgo func() {
        \t\tb.Ch <- 1
        \t}()
        }

        """ + GoDefects.bufferedSend("Quiet")

    static let app = """
        package app

        import "example.com/m/store"

        func Run() {
        \tdone := make(chan bool)
        \tgo func() {
        \t\tstore.Leak()
        \t\tdone <- true
        \t}()
        \t<-done
        }

        """

    /// `util` <- `store` <- `app`, and `other`, which nothing imports and which imports nothing.
    static func module() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n")
        try tree.write("util/util.go", util)
        try tree.write("store/store.go", store)
        try tree.write("app/app.go", app)
        try tree.write("other/other.go", "package other\n\n" + GoDefects.blockedSend("Alone") + GoDefects.bufferedSend("Calm"))
        return tree
    }

    struct Run {
        var stdout: String
        /// `--stats` counts by name.
        var stats: [String: Int]

        /// An analysis's call-graph components with anything to analyse,
        /// and those of them taken from the cache (`lifecycle`, `maprace`).
        func components(of analysis: String) -> (all: Int, reused: Int) {
            (stats["\(analysis).components"] ?? -1, stats["cache.\(analysis)-components-reused"] ?? -1)
        }
    }

    static func run(_ tree: TemporaryTree, _ paths: [String] = ["./..."], cache: String?) -> Run {
        let outcome = lint(tree, options(paths, format: "json") { o in
            o.stats = true
            if let cache { o.workflow.cacheDirectory = cache } else { o.workflow.noCache = true }
        })
        var stats: [String: Int] = [:]
        for line in outcome.stderr.split(separator: "\n") where line.hasPrefix("stats: ") {
            let words = line.dropFirst("stats: ".count).split(separator: " ")
            if let count = words.last.flatMap({ Int($0) }) { stats[words.dropLast().joined(separator: " ")] = count }
        }
        return Run(stdout: outcome.stdout, stats: stats)
    }

    /// A run with the cache, which must print what a run without it prints.
    static func cachedRun(_ tree: TemporaryTree, cache: String) -> Run {
        let cached = run(tree, cache: cache)
        #expect(cached.stdout == run(tree, cache: nil).stdout)
        return cached
    }

    /// Roots explored in a run, and roots of them served by the cache.
    static func roots(_ run: Run) -> (explored: Int, reused: Int) {
        (run.stats["leak.functions-explored"] ?? -1, run.stats["cache.leak-roots-reused"] ?? -1)
    }

    @Test func anEditReExploresOnlyTheRootsWhoseClosureItTouches() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = Self.run(tree, cache: cache)
        let all = Self.roots(first).explored
        #expect(all > 0)
        #expect(Self.roots(first).reused == 0)
        #expect(!CacheTests.entries(cache, kind: "leak").isEmpty)

        // Nothing the IR holds changes (a comment at the end): every root is reused.
        try tree.write("util/util.go", Self.util + "// trailing\n")
        let comment = Self.run(tree, cache: cache)
        #expect(Self.roots(comment) == (all, all))
        #expect(comment.stdout == Self.run(tree, cache: nil).stdout)

        // A package nothing imports: only its own roots are explored again,
        // as many as a run over it alone explores.
        try tree.write("other/other.go", "package other\n\n// moved down a line\n" + GoDefects.blockedSend("Alone")
            + GoDefects.bufferedSend("Calm"))
        let alone = Self.roots(Self.run(tree, ["./other"], cache: nil)).explored
        #expect(alone > 0)
        let edited = Self.run(tree, cache: cache)
        #expect(Self.roots(edited) == (all, all - alone))
        #expect(edited.stdout == Self.run(tree, cache: nil).stdout)
    }

    @Test func aChangeInALeafReachesItsDependentsAndNothingElse() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let all = Self.roots(Self.run(tree, cache: cache)).explored

        // Every function of util moves down two lines: util's roots and the
        // roots whose closure enters util (store.Leak's goroutine, app.Run's)
        // are explored again; store.Quiet and all of other are reused.
        try tree.write("util/util.go", Self.util.replacingOccurrences(of: "package util\n", with: "package util\n\n// moved\n"))
        let edited = Self.run(tree, cache: cache)
        let uncached = Self.run(tree, cache: nil)
        #expect(edited.stdout == uncached.stdout)
        let reused = Self.roots(edited).reused
        let otherRoots = Self.roots(Self.run(tree, ["./other"], cache: nil)).explored
        #expect(reused >= otherRoots + 1, "store.Quiet and other's roots: \(reused)")
        #expect(reused < all)

        // Twice now blocks for ever: store.Leak's goroutine blocks inside
        // util instead of at its own send. The finding of a root in store
        // moves, so a stale result for it would show.
        let blocking = Self.util.replacingOccurrences(of: "package util\n", with: "package util\n\n// moved\n")
            .replacingOccurrences(of: "func Twice(n int) int { return 2 * n }",
                                  with: "func Twice(n int) int {\n\tc := make(chan int)\n\treturn <-c + n\n}")
        try tree.write("util/util.go", blocking)
        let blocked = Self.run(tree, cache: cache)
        #expect(blocked.stdout == Self.run(tree, cache: nil).stdout)
        #expect(blocked.stdout != edited.stdout)

        // A field added to util.Box changes a declaration that store's IR
        // names: every root of util, store and app (which imports store) is
        // explored again, even where its text is the same; only other's are reused.
        try tree.write("util/util.go", blocking.replacingOccurrences(of: "\tCh chan int\n", with: "\tCh chan int\n\tN  int\n"))
        let retyped = Self.run(tree, cache: cache)
        #expect(retyped.stdout == Self.run(tree, cache: nil).stdout)
        #expect(Self.roots(retyped).reused == otherRoots)
    }

    @Test func aDamagedEntryIsAnalysedAgain() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = Self.run(tree, cache: cache)
        let entries = CacheTests.entries(cache, kind: "leak")
        #expect(!entries.isEmpty)
        // Intact checksums around payloads that are not results, then a cut file.
        for entry in entries {
            try ResultCache.entry(Data("{\"not\": \"results\"}".utf8)).write(to: URL(fileURLWithPath: entry))
        }
        try tree.write("app/app.go", Self.app + "// edited\n")
        let garbage = Self.run(tree, cache: cache)
        #expect(garbage.stdout == Self.run(tree, cache: nil).stdout)
        #expect(Self.roots(garbage).reused == 0)
        #expect(garbage.stdout.contains("other/other.go") && first.stdout.contains("other/other.go"))

        for entry in CacheTests.entries(cache, kind: "leak") {
            let data = try Data(contentsOf: URL(fileURLWithPath: entry))
            try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: entry))
        }
        try tree.write("app/app.go", Self.app + "// edited again\n")
        let cut = Self.run(tree, cache: cache)
        #expect(cut.stdout == Self.run(tree, cache: nil).stdout)
        #expect(Self.roots(cut).reused == 0)
    }

    /// Two roots of one call cycle share the cycle's closure key; each
    /// keeps its own result (Pong's goroutine sends into a buffer, Ping's
    /// blocks: a shared entry reported Ping's leak as Pong's).
    @Test func twoRootsOfOneCallCycleKeepTheirOwnResults() throws {
        let tree = try TemporaryTree()
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n")
        let cycle = """
            package cyc

            func Ping(n int) {
            \tif n > 0 {
            \t\tPong(n - 1)
            \t}
            \tch := make(chan int)
            \tgo func() {
            \t\tch <- n
            \t}()
            }

            func Pong(n int) {
            \tif n > 0 {
            \t\tPing(n - 1)
            \t}
            \tch := make(chan int, 1)
            \tgo func() {
            \t\tch <- n
            \t}()
            }

            """
        try tree.write("cyc/cyc.go", cycle)
        try tree.write("other/other.go", "package other\n\nfunc Nothing() {}\n")
        let cache = tree.path(".cache")
        let first = Self.run(tree, cache: cache)
        #expect(first.stdout.contains("after Ping returns"))
        #expect(!first.stdout.contains("after Pong returns"))
        try tree.write("other/other.go", "package other\n\nfunc Nothing() {}\n// edited\n")
        let edited = Self.run(tree, cache: cache)
        #expect(Self.roots(edited).reused == Self.roots(first).explored)
        #expect(edited.stdout == first.stdout)
    }

    /// With no analysis to run (here: every rule but one escape rule off,
    /// which the escape stage answers), nothing is digested and nothing
    /// stored per unit. (Every analysis reuses results now: the leak,
    /// lifecycle, map-race, structural and cgo analyses.)
    @Test func noDigestsWithoutAnAnalysisThatReusesThem() throws {
        let tree = try Self.module()
        try tree.write(".conclint.yml", "rules:\n  disable: [all]\n  enable: [ES1003]\n")
        let cache = tree.path(".cache")
        let run = Self.run(tree, cache: cache)
        #expect(run.stats["time: function digests (ms)"] == nil)
        #expect(run.stats["leak.functions-explored"] == nil)
        #expect(CacheTests.entries(cache, kind: "leak").isEmpty)
        #expect(CacheTests.entries(cache, kind: "lifecycle").isEmpty)
        #expect(CacheTests.entries(cache, kind: "structural").isEmpty)
        #expect(CacheTests.entries(cache, kind: "cgo").isEmpty)
        #expect(!CacheTests.entries(cache).isEmpty)

        // With the leak rules on, they are.
        try tree.write(".conclint.yml", "rules:\n  disable: [all]\n  enable: [CH1001]\n")
        let leaks = Self.run(tree, cache: cache)
        #expect(leaks.stats["time: function digests (ms)"] != nil)
        #expect(!CacheTests.entries(cache, kind: "leak").isEmpty)
    }
}
