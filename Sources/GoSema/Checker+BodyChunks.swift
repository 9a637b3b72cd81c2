import Foundation
import GoSyntax

/// The bodies phase of a package, split into chunks of files that body
/// workers check in parallel, as Go's checker can once package-level
/// declarations are resolved: one big package (runtime, net/http,
/// cmd/compile's ssa) no longer keeps the other cores idle.
///
/// Why the result does not depend on the split or the threads:
/// - A body writes the per-node facts of its own file only (`TypedFile` is
///   per file, and each file belongs to one chunk), in the same order as
///   one sequential pass over the package: the file's function bodies,
///   then the file's literals met at package level, in the order the
///   sequential pass took them (last queued first).
/// - Everything else a body reads is complete after the declarations
///   phase (scopes, objects' types, named types, methods; `pending` is
///   empty, so `resolve` writes nothing); instantiations and interface
///   completion take their own locks.
/// - Each worker has its own name tables, stack guard and `reported` set
///   (keyed by file); its diagnostics are kept per file and per delayed
///   literal and merged in the sequential pass's order before the sort.
/// - `addressTaken` of package-level objects (shared by every file) is set
///   at the merge, not by the workers.
extension Checker {
    /// What one chunk's worker produced, merged by `finishBodies`.
    struct BodyChunkResult {
        /// Diagnostics of each file's function bodies, in file order.
        var fileDiagnostics: [[SemaDiagnostic]] = []
        /// Diagnostics of the literals met at package level, by their
        /// index in `delayedBodies`.
        var delayedDiagnostics: [Int: [SemaDiagnostic]] = [:]
        var addressTaken: [Object] = []
    }

    /// Consecutive file ranges of about `target` nodes each (at least one
    /// file per range), for the bodies of a package whose files have these
    /// node counts.
    static func bodyChunks(fileWeights: [Int], target: Int) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0
        var weight = 0
        for (i, w) in fileWeights.enumerated() {
            weight += w
            if weight >= target {
                chunks.append(start..<(i + 1))
                start = i + 1
                weight = 0
            }
        }
        if start < fileWeights.count { chunks.append(start..<fileWeights.count) }
        return chunks
    }

    /// Checks the function bodies of `fileRange` (and the package-level
    /// literals declared there) on a worker of its own; safe to call for
    /// disjoint ranges on several threads once `checkDeclarations` is done.
    func checkBodyChunk(_ fileRange: Range<Int>) -> BodyChunkResult {
        let worker = Checker(bodyWorkerOf: self)
        return worker.runBodies(fileRange, delayed: delayedBodies)
    }

    /// Merges the chunks' results (in file order) into the package: the
    /// same diagnostics in the same order as one sequential pass.
    func finishBodies(_ chunks: [BodyChunkResult]) {
        var all = diagnostics
        var delayed: [Int: [SemaDiagnostic]] = [:]
        for chunk in chunks {
            for list in chunk.fileDiagnostics { all += list }
            delayed.merge(chunk.delayedDiagnostics) { a, _ in a }
            for o in chunk.addressTaken { o.addressTaken = true }
        }
        for k in delayedBodies.indices.reversed() { all += delayed[k] ?? [] }
        delayedBodies.removeAll()
        package.files = files
        package.diagnostics = all.sorted { ($0.file, $0.offset) < ($1.file, $1.offset) }
    }

    private func runBodies(_ fileRange: Range<Int>, delayed: [DelayedBody]) -> BodyChunkResult {
        // The worker was made on this thread, so its stack guard is this thread's.
        var result = BodyChunkResult()
        for f in fileRange {
            file = f
            for decl in tree.declarations {
                guard case .funcDecl(_, let n, _, let body) = tree[decl], !body.isNone,
                      let o = files[f].objects[n.index], let signature = o.type.signature else { continue }
                checkBody(function: decl, signature: signature, body: body)
            }
            result.fileDiagnostics.append(diagnostics)
            diagnostics = []
        }
        for k in delayed.indices.reversed() where fileRange.contains(delayed[k].file) {
            let d = delayed[k]
            file = d.file
            functions = d.enclosing
            if case .funcLit(_, let body) = tree[d.literal] {
                checkBody(function: d.literal, signature: d.signature, body: body)
            }
            functions = []
            if !diagnostics.isEmpty {
                result.delayedDiagnostics[k] = diagnostics
                diagnostics = []
            }
        }
        // Literals are queued only outside every function (`functionLiteral`),
        // and a body is always inside one.
        assert(delayedBodies.isEmpty, "a function literal was queued while checking bodies")
        result.addressTaken = deferredAddressTaken ?? []
        return result
    }

    /// Marks a variable whose address is taken (see `deferredAddressTaken`).
    func setAddressTaken(_ o: Object) {
        if o.isPackageLevel, deferredAddressTaken != nil {
            deferredAddressTaken?.append(o)
        } else {
            o.addressTaken = true
        }
    }
}
