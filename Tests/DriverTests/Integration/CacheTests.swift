import Foundation
import TestSupport
import Testing
@testable import Driver

/// The run cache: a hit serves the stored entry, a corrupt entry is never
/// trusted, a changed file or dependency misses, and runs sharing one cache
/// at the same time neither corrupt it nor each other's results.
@Suite(.enabled(if: parserIsReal, "needs the real parser"))
struct CacheTests {
    /// A module of three packages: `app` imports `store`, which imports `util`.
    static func module() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n")
        try tree.write("util/util.go", "package util\n\nfunc Twice(n int) int { return 2 * n }\n")
        try tree.write("store/store.go", "package store\n\nimport \"example.com/m/util\"\n\nfunc Size() int { return util.Twice(2) }\n\n"
            + GoDefects.blockedSend("Leak"))
        try tree.write("app/app.go", "package app\n\nimport \"example.com/m/store\"\n\nfunc Run() int { return store.Size() }\n")
        return tree
    }

    static func run(_ tree: TemporaryTree, cache: String?) -> CommandOutcome {
        lint(tree, options(["./..."], format: "json") { o in
            if let cache { o.workflow.cacheDirectory = cache } else { o.workflow.noCache = true }
        })
    }

    /// Every entry file of one kind under the cache directory (whole runs
    /// by default; "leak" holds the leak analysis's results per package).
    static func entries(_ cache: String, kind: String = RunCache.kind) -> [String] {
        let directory = cache + "/" + kind
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
               !relative.hasSuffix(".tmp") {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// Rewrites an entry (with a valid checksum) so that its first finding's message is MARKER.
    static func mark(_ entry: String) throws {
        let payload = try #require(ResultCache.verifiedPayload(try Data(contentsOf: URL(fileURLWithPath: entry))))
        var run = try JSONDecoder().decode(CachedRun.self, from: payload)
        try #require(!run.findings.isEmpty)
        run.findings[0].message = "MARKER"
        try ResultCache.entry(try JSONEncoder().encode(run)).write(to: URL(fileURLWithPath: entry))
    }

    @Test func aHitServesTheStoredEntryAndACorruptOneIsIgnored() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let fresh = Self.run(tree, cache: cache)
        #expect(fresh.status == .findings)
        let stored = Self.entries(cache)
        #expect(stored.count == 1)
        let entry = try #require(stored.first)

        // An intact entry is used: a marker put in it (checksum updated) comes back.
        let payload = try #require(ResultCache.verifiedPayload(try Data(contentsOf: URL(fileURLWithPath: entry))))
        try Self.mark(entry)
        let hit = Self.run(tree, cache: cache)
        #expect(hit.stdout.contains("MARKER"))

        // Corrupt entries (a flipped byte, a cut file, garbage) are misses: the output is the real one.
        let good = ResultCache.entry(payload)
        var flipped = [UInt8](good)
        flipped[flipped.count - 10] ^= 0x20
        for damaged in [Data(flipped), good.prefix(good.count / 2), Data("garbage".utf8), Data()] {
            try damaged.write(to: URL(fileURLWithPath: entry))
            let outcome = Self.run(tree, cache: cache)
            #expect(outcome.stdout == fresh.stdout)
            #expect(outcome.status == fresh.status)
            // The miss stored a good entry again.
            let rewritten = try Data(contentsOf: URL(fileURLWithPath: entry))
            #expect(ResultCache.verifiedPayload(rewritten) != nil)
        }
    }

    @Test func aChangedFileGivesTheOutputOfARunWithoutCache() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = Self.run(tree, cache: cache)
        #expect(Self.run(tree, cache: cache).stdout == first.stdout)

        // The leak is fixed in store, and a new one appears in util.
        try tree.write("store/store.go", "package store\n\nimport \"example.com/m/util\"\n\nfunc Size() int { return util.Twice(2) }\n\n"
            + GoDefects.bufferedSend("Leak"))
        try tree.write("util/util.go", "package util\n\nfunc Twice(n int) int { return 2 * n }\n\n" + GoDefects.blockedSend("Spin"))
        let cached = Self.run(tree, cache: cache)
        let uncached = Self.run(tree, cache: nil)
        #expect(cached.stdout == uncached.stdout)
        #expect(cached.stdout != first.stdout)
        #expect(cached.stdout.contains("util/util.go"))
        #expect(!cached.stdout.contains("store/store.go"))
        #expect(Self.entries(cache).count == 2)
    }

    @Test func aChangedVendoredDependencyMisses() throws {
        let tree = try Self.module()
        try tree.write("vendor/example.com/dep/dep.go", "package dep\n\nfunc One() int { return 1 }\n")
        try tree.write("vendor/modules.txt", "# example.com/dep v1.0.0\n## explicit\nexample.com/dep\n")
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n")
        try tree.write("app/app.go", "package app\n\nimport (\n\t\"example.com/dep\"\n\t\"example.com/m/store\"\n)\n\n"
            + "func Run() int { return store.Size() + dep.One() }\n")
        let cache = tree.path(".cache")
        _ = Self.run(tree, cache: cache)
        let entry = try #require(Self.entries(cache).first)
        let payload = try #require(ResultCache.verifiedPayload(try Data(contentsOf: URL(fileURLWithPath: entry))))
        // The manifest names the vendored file, so that a change to it is seen.
        let stored = try JSONDecoder().decode(CachedRun.self, from: payload)
        #expect(stored.dependencies.files.contains(tree.path("vendor/example.com/dep/dep.go")), "\(stored.dependencies.files)")
        try Self.mark(entry)
        #expect(Self.run(tree, cache: cache).stdout.contains("MARKER"))

        try tree.write("vendor/example.com/dep/dep.go", "package dep\n\nfunc One() int { return 2 - 1 }\n")
        #expect(!Self.run(tree, cache: cache).stdout.contains("MARKER"))
    }

    /// Inputs that are not Go files of the run still reach the key: the
    /// configuration, go.mod (requires and replacements decide what an
    /// import resolves to) and a C header beside a package's Go files.
    @Test func aChangedConfigurationGoModOrHeaderMisses() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        func markedRun() throws -> String {
            _ = Self.run(tree, cache: cache)
            let entries = Self.entries(cache)
            let newest = try #require(entries.max { a, b in
                let da = (try? FileManager.default.attributesOfItem(atPath: a)[.modificationDate] as? Date) ?? .distantPast
                let db = (try? FileManager.default.attributesOfItem(atPath: b)[.modificationDate] as? Date) ?? .distantPast
                return da < db
            })
            try Self.mark(newest)
            let hit = Self.run(tree, cache: cache).stdout
            #expect(hit.contains("MARKER"), "the unchanged run did not hit")
            return hit
        }
        _ = try markedRun()
        try tree.write(".conclint.yml", "levels:\n  CH1001: note\n")
        let configured = Self.run(tree, cache: cache)
        #expect(!configured.stdout.contains("MARKER"))
        #expect(configured.stdout == Self.run(tree, cache: nil).stdout)
        #expect(configured.stdout.contains("\"note\""), "\(configured.stdout)")

        _ = try markedRun()
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n")
        #expect(!Self.run(tree, cache: cache).stdout.contains("MARKER"))

        _ = try markedRun()
        try tree.write("store/store.h", "int size(void);\n")
        #expect(!Self.run(tree, cache: cache).stdout.contains("MARKER"))
    }

    @Test func runsSharingACacheAtOnceAgree() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let expected = Self.run(tree, cache: nil).stdout
        final class Outputs: @unchecked Sendable {
            var values = [String](repeating: "", count: 6)
            let lock = NSLock()
        }
        let outputs = Outputs()
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            let text = Self.run(tree, cache: cache).stdout
            outputs.lock.lock()
            outputs.values[i] = text
            outputs.lock.unlock()
        }
        #expect(outputs.values.allSatisfy { $0 == expected })
        let stored = Self.entries(cache)
        #expect(stored.count == 1)
        for entry in stored {
            #expect(ResultCache.verifiedPayload(try Data(contentsOf: URL(fileURLWithPath: entry))) != nil)
        }
        #expect(Self.run(tree, cache: cache).stdout == expected)
    }

    /// samples/leaks (32 results with witness paths), in SARIF: the same bytes from a fresh
    /// run, a run served by the cache, and runs with one job or four (the key leaves `--jobs` out).
    @Test func theOutputIsTheSameWithOrWithoutCacheAndWhateverTheJobs() throws {
        let scratch = try TemporaryTree()
        let cache = scratch.path("cache")
        for sample in ["samples/leaks"] {
            let directory = Repository.path(sample)
            func sarif(jobs: Int, cache: String?) -> String {
                let outcome = LintCommand.run(options(["./..."], format: "sarif", jobs: jobs) { o in
                    if let cache { o.workflow.cacheDirectory = cache } else { o.workflow.noCache = true }
                }, environment: [:], workingDirectory: directory, processorCount: 4)
                #expect(outcome.status == .findings, "\(sample): \(outcome.stderr)")
                return outcome.stdout
            }
            let reference = sarif(jobs: 1, cache: nil)
            #expect(reference.contains("\"ruleId\""))
            #expect(sarif(jobs: 4, cache: nil) == reference, "\(sample): --jobs 4 without cache")
            #expect(sarif(jobs: 4, cache: cache) == reference, "\(sample): --jobs 4 filling the cache")
            #expect(sarif(jobs: 1, cache: cache) == reference, "\(sample): --jobs 1 served by the cache")
        }
        // One entry: the last run was a hit.
        #expect(Self.entries(cache).count == 1)
    }

    /// The key is a function of the inputs only: two conclint processes
    /// (different pids, times and hash seeds) agree on it, so the second
    /// run finds the first one's entry and stores none of its own.
    @Test(.enabled(if: Executable.path != nil, "needs the conclint executable"))
    func twoProcessesComputeTheSameKey() throws {
        let tree = try Self.module()
        let conclint = try #require(Executable.path)
        let arguments = [conclint, "lint", "--format", "sarif", "--cache-dir", tree.path(".cache"), "./..."]
        let first = try Shell.run(arguments, in: tree.root)
        #expect(first.status == 1, "\(first.stderr)")
        let stored = Self.entries(tree.path(".cache"))
        #expect(stored.count == 1)
        let entry = try #require(stored.first)
        try Self.mark(entry)
        let second = try Shell.run(arguments, in: tree.root)
        #expect(second.stdout.contains("MARKER"), "the second process did not read the first one's entry")
        #expect(Self.entries(tree.path(".cache")) == stored)
    }

    @Test func noCacheWritesNothingAndTheDefaultFollowsXDG() throws {
        let tree = try Self.module()
        _ = Self.run(tree, cache: nil)
        #expect(!FileManager.default.fileExists(atPath: tree.path(".cache")))
        #expect(ResultCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]) == "/x/cache/conclint")
        #expect(ResultCache.defaultDirectory(environment: ["HOME": "/home/u"]) == "/home/u/.cache/conclint")
        #expect(ResultCache.defaultDirectory(environment: [:]) == nil)
    }
}
