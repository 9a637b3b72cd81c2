import Discovery
import Findings
import Foundation

/// `--shard i/n`: this run reports the findings of one n-th of the
/// packages, so that n machines share a monorepo's report and
/// `conclint merge` joins their SARIF files into the one a single run
/// would write.
///
/// The split is by package and deterministic: packages are taken largest
/// first (bytes of their files, ties by import path) and each goes to the
/// shard with the fewest bytes so far (ties to the lower index), so every
/// shard computes the same assignment and the shards are balanced by size.
///
/// conclint's analyses are whole-program (callee summaries, goroutines
/// spawned in one package and blocking in another, interface calls resolved
/// to every implementation), so a shard still loads and analyses every
/// package and keeps only the results located in its own packages' files;
/// that is what makes the merged output equal to an unsharded run. A
/// result or notification about a file goes to the shard that owns the
/// file, and one about no package's file (discovery, import cycles, `.cir`
/// files) to shard 1.
public struct Shard: Hashable, Sendable {
    /// 0-based.
    public var index: Int
    public var count: Int

    /// `i/n` with 1 <= i <= n.
    static func parse(_ text: String) throws -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, i >= 1, i <= n else {
            throw UsageError("invalid --shard '\(text)' (expected i/n with 1 <= i <= n, e.g. 2/4)")
        }
        return Shard(index: i - 1, count: n)
    }

    /// The shard (0-based) of every package, by the rule above.
    static func assign(_ packages: [PackageSource], count: Int) -> [Int] {
        let sizes = packages.map { $0.files.reduce(0) { $0 + fileSize($1) } }
        let order = packages.indices.sorted { a, b in
            sizes[a] != sizes[b] ? sizes[a] > sizes[b] : packages[a].importPath < packages[b].importPath
        }
        var load = [Int](repeating: 0, count: count)
        var assignment = [Int](repeating: 0, count: packages.count)
        for p in order {
            var lightest = 0
            for s in 1..<count where load[s] < load[lightest] { lightest = s }
            assignment[p] = lightest
            load[lightest] += sizes[p]
        }
        return assignment
    }

    /// The display paths (as findings name them) of this shard's files.
    func ownedFiles(of workspace: Workspace) -> Set<String> {
        let assignment = Shard.assign(workspace.packages, count: count)
        var owned = Set<String>()
        for (p, package) in workspace.packages.enumerated() where assignment[p] == index {
            for file in package.files { owned.insert(workspace.displayPath(file)) }
        }
        return owned
    }

    /// Every file of every package, for telling "another shard's file" from "no package's file".
    static func allFiles(of workspace: Workspace) -> Set<String> {
        Set(workspace.allFiles.map(workspace.displayPath))
    }

    /// The part of a whole run's result this shard reports.
    func restrict(_ result: RunResult, workspace: Workspace) -> RunResult {
        let owned = ownedFiles(of: workspace)
        let all = Shard.allFiles(of: workspace)
        func mine(_ file: String) -> Bool { all.contains(file) ? owned.contains(file) : index == 0 }
        var restricted = ResultFilter.apply(result) { mine($0.location.file) }
        restricted.notifications = result.notifications.filter { mine($0.file) }
        return restricted
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
