import ConcIR

/// What the analysis of a function read of other functions besides its
/// callees' summaries and the functions it names: the methods of a type
/// it returns a handle of (`ReleasingHandle`), and the methods those
/// call. `LifecycleReuse` checks that none of them changed before it
/// reuses the result of an earlier run.
struct BodyReads: Sendable, Equatable {
    /// Call-graph nodes whose text was read.
    var nodes: Set<Int> = []
    /// Packages (by import path) whose list of methods was consulted: a
    /// method added there could change the result.
    var methodLists: Set<String> = []

    mutating func formUnion(_ other: BodyReads) {
        nodes.formUnion(other.nodes)
        methodLists.formUnion(other.methodLists)
    }

    /// The package whose methods `methods(of: type)` lists: a named
    /// type's (`path.Name`, through a pointer), or none.
    static func package(declaring type: GoType) -> String? {
        var t = type
        if case .pointer(let inner) = t { t = inner }
        guard case .named(let name, _) = t, let dot = name.lastIndex(of: ".") else { return nil }
        return String(name[..<dot])
    }
}

/// Where a search records its `BodyReads`: shared by the copies of the
/// tracker a search makes (it moves the tracker by value); one search runs
/// on one thread.
final class BodyReadLog {
    var reads = BodyReads()
}
