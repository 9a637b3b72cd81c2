import ConcIR
import Discovery
import Foundation

/// Where analyses keep results between runs: the driver's cache directory.
/// Entries are addressed by content (the key hashes every input), so runs
/// of different projects, or concurrent runs, can share one store.
public protocol AnalysisResultStore: Sendable {
    /// The payload stored under `key`, if present and intact (a damaged
    /// entry reads as absent, never as a result).
    func load(kind: String, key: String) -> Data?
    func store(kind: String, key: String, payload: Data)
}

/// What an analysis needs to reuse the results of an earlier run for the
/// parts of the program that did not change: the store, a salt naming the
/// conclint build (results of another build are never reused), and a digest
/// of every function (`FunctionDigests`).
///
/// Why per unit and not per package's files: the analyses are
/// whole-program, so a unit's result (a leak root's exploration) depends
/// on every function it can reach, in any package, and on facts its callers
/// decide (which functions only a `sync.Once` runs). Its key therefore
/// hashes the closure of the call graph from the unit (`ClosureKeys`) with
/// those facts folded in; a change anywhere in that closure changes the key.
public struct AnalysisMemo: Sendable {
    public let store: any AnalysisResultStore
    public let salt: String
    public let digests: FunctionDigests
    /// The per-function keys (`FunctionKeys`), built by the first analysis
    /// that asks (structural and cgo both do, side by side) and shared.
    private let functionKeys = BuiltOnce<FunctionKeys>()

    public init(store: any AnalysisResultStore, salt: String, digests: FunctionDigests) {
        self.store = store
        self.salt = salt
        self.digests = digests
    }

    /// The key of each function of the run's program (`index`, the same
    /// program every analysis of the run is given).
    func keys(of index: AnalysedProgram, jobs: Parallelism) -> FunctionKeys {
        functionKeys.value { FunctionKeys(digests: digests, index: index, jobs: jobs) }
    }
}
