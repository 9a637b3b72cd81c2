import Discovery
import Findings
import Foundation
import Report
import TestSupport
import Testing
@testable import Driver

/// `--shard i/n` and `conclint merge`: the shards' SARIF files, merged, are
/// byte for byte the SARIF of one unsharded run; every result is in exactly
/// one shard; the assignment is deterministic and balanced by size.
struct ShardTests {
    /// SARIF of a run over `paths` in `directory`, written to `file` there.
    static func sarif(_ directory: String, _ paths: [String], shard: String?, cache: String?, file: String) throws -> String {
        var o = options(paths, format: "sarif")
        o.output = file
        o.workflow.shard = shard
        if let cache { o.workflow.cacheDirectory = cache } else { o.workflow.noCache = true }
        let outcome = LintCommand.run(o, environment: [:], workingDirectory: directory, processorCount: 2)
        #expect(outcome.status != .usage && outcome.status != .internalError, "\(outcome.stderr)")
        let path = file.hasPrefix("/") ? file : directory + "/" + file
        let data = try #require(FileManager.default.contents(atPath: path))
        return String(decoding: data, as: UTF8.self)
    }

    /// Shards 1/n … n/n merged, compared with the unsharded file.
    static func checkMerge(_ directory: String, _ paths: [String], shards: Int, cache: String?, outputs: String) throws {
        let whole = try sarif(directory, paths, shard: nil, cache: cache, file: outputs + "/whole.sarif")
        var files: [String] = []
        var counts: [Int] = []
        for i in 1...shards {
            let file = outputs + "/shard-\(i).sarif"
            let text = try sarif(directory, paths, shard: "\(i)/\(shards)", cache: cache, file: file)
            counts.append(try SARIFReader.read(Data(text.utf8), file: file).findings.count)
            files.append(file)
        }
        let merged = MergeCommand.run(inputs: files, output: nil, workingDirectory: directory)
        #expect(merged.status == .clean, "\(merged.stderr)")
        #expect(merged.stdout == whole, "merged SARIF differs from the unsharded one")
        let total = try SARIFReader.read(Data(whole.utf8), file: "whole.sarif").findings.count
        #expect(counts.reduce(0, +) == total, "every result in exactly one shard: \(counts) vs \(total)")
    }

    @Test(.enabled(if: parserIsReal, "needs the real parser"))
    func shardsOfAModuleMergeIntoTheUnshardedSARIF() throws {
        let tree = try TemporaryTree()
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n")
        for i in 0..<7 {
            var text = "package p\(i)\n\n"
            for j in 0...i % 3 { text += GoDefects.blockedSend("Leak\(j)") }
            try tree.write("p\(i)/p.go", text)
        }
        try tree.write("broken/b.go", "package broken\n\nfunc {\n")
        try Self.checkMerge(tree.root, ["./..."], shards: 3, cache: nil, outputs: tree.root)
        try Self.checkMerge(tree.root, ["./..."], shards: 1, cache: nil, outputs: tree.root)
        try Self.checkMerge(tree.root, ["./..."], shards: 9, cache: nil, outputs: tree.root)
    }

    /// GOROOT/src: the unsharded run fills a cache that the shards then read,
    /// since a shard analyses the whole program anyway and keeps its part.
    /// Opt-in (CONCLINT_SLOW_TESTS=1): a whole-GOROOT lint currently takes
    /// far longer than CI's budget (see README.md, "Known gaps").
    @Test(.enabled(if: Goroot.isAvailable && parserIsReal
                       && ProcessInfo.processInfo.environment["CONCLINT_SLOW_TESTS"] == "1",
                   "needs GOROOT and CONCLINT_SLOW_TESTS=1"))
    func shardsOfGorootMergeIntoTheUnshardedSARIF() throws {
        let src = try #require(Goroot.sourceDirectory)
        let scratch = try TemporaryTree()
        try Self.checkMerge(src, ["./..."], shards: 4, cache: scratch.path("cache"), outputs: scratch.root)
    }

    @Test func theAssignmentIsDeterministicAndBalanced() throws {
        let tree = try TemporaryTree()
        var packages: [PackageSource] = []
        for (i, size) in [900, 100, 500, 500, 300, 700, 200, 800].enumerated() {
            let file = tree.path("p\(i)/a.go")
            try tree.write("p\(i)/a.go", String(repeating: "x", count: size))
            packages.append(PackageSource(directory: tree.path("p\(i)"), importPath: "m/p\(i)", name: "p\(i)",
                                          files: [file], module: nil))
        }
        let assignment = Shard.assign(packages, count: 3)
        #expect(Shard.assign(Array(packages.reversed()), count: 3) == Array(assignment.reversed()))
        var load = [0, 0, 0]
        for (p, shard) in assignment.enumerated() { load[shard] += [900, 100, 500, 500, 300, 700, 200, 800][p] }
        #expect((load.max() ?? 0) - (load.min() ?? 0) <= 200, "\(load)")
        #expect(try Shard.parse("2/4") == Shard(index: 1, count: 4))
        for bad in ["0/4", "5/4", "1/0", "a/b", "1", "1/2/3", ""] {
            #expect(throws: UsageError.self) { try Shard.parse(bad) }
        }
    }

    @Test func mergeRefusesForeignInput() throws {
        let tree = try TemporaryTree()
        try tree.write("a.sarif", "not json")
        let outcome = MergeCommand.run(inputs: [tree.path("a.sarif")], output: nil, workingDirectory: tree.root)
        #expect(outcome.status == .usage)
        #expect(MergeCommand.run(inputs: [], output: nil, workingDirectory: tree.root).status == .usage)
    }
}
