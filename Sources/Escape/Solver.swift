/// The walk: from every location, find what flows into it and at which
/// dereference level; a location whose address reaches something that
/// outlives it escapes, and a parameter that reaches a sink leaks.
///
/// The compiler's algorithm (a Bellman-Ford-like relaxation from each
/// root, re-walking from locations that newly escape) on the batch graph.
struct Solver {
    var graph: BatchGraph
    let units: [FunctionUnit]
    let explain: Bool

    mutating func solve() {
        var todo: [Int] = []
        todo.reserveCapacity(graph.locations.count)
        for i in 2..<graph.locations.count {
            graph.locations[i].queued = true
            todo.append(i)
        }
        graph.locations[BatchGraph.heap].queued = true
        todo.append(BatchGraph.heap)
        var generation: UInt32 = 0
        while let root = todo.popLast() {
            graph.locations[root].queued = false
            generation += 1
            for l in walkOne(root, generation) where !graph.locations[l].queued {
                graph.locations[l].queued = true
                todo.append(l)
            }
        }
    }

    /// Walks everything that flows into `root`; returns the locations
    /// that newly escaped (to walk from next).
    private mutating func walkOne(_ root: Int, _ generation: UInt32) -> [Int] {
        var escaped: [Int] = []
        graph.locations[root].walkGeneration = generation
        graph.locations[root].derefs = 0
        graph.locations[root].walkDestination = -1
        var stack = [root]
        while let l = stack.popLast() {
            var derefs = graph.locations[l].derefs
            let addressOf = derefs < 0
            if addressOf { derefs = 0 }
            if outlives(root, l) {
                if graph.locations[l].isParameter {
                    leak(l, to: root, derefs: derefs)
                }
                if addressOf && !graph.locations[l].escapes {
                    graph.locations[l].escapes = true
                    if explain { graph.locations[l].escapeChain = path(from: l, to: root) }
                    escaped.append(l)
                    continue
                }
            }
            let edges = graph.locations[l].edges
            for (i, edge) in edges.enumerated() {
                let s = Int(edge.source)
                if graph.locations[s].escapes { continue }
                let d = derefs + Int(edge.derefs)
                if graph.locations[s].walkGeneration != generation || graph.locations[s].derefs > d {
                    graph.locations[s].walkGeneration = generation
                    graph.locations[s].derefs = d
                    graph.locations[s].walkDestination = l
                    graph.locations[s].walkEdge = i
                    stack.append(s)
                }
            }
        }
        return escaped
    }

    /// Records that parameter `l` leaks to `sink` at level `derefs`.
    private mutating func leak(_ l: Int, to sink: Int, derefs: Int) {
        let s = graph.locations[sink]
        if !s.escapes, s.resultIndex > 0, s.function == graph.locations[l].function,
           s.resultIndex - 1 < ParameterTag.trackedResults {
            graph.locations[l].tag.addResult(s.resultIndex - 1, derefs)
            if explain, graph.locations[l].escapeChain == nil { graph.locations[l].escapeChain = path(from: l, to: sink) }
            return
        }
        graph.locations[l].tag.addHeap(derefs)
        if explain { graph.locations[l].escapeChain = path(from: l, to: sink) }
    }

    /// Whether `l` outlives `other` (so that `other`'s address reaching `l` makes it escape).
    private func outlives(_ l: Int, _ other: Int) -> Bool {
        let a = graph.locations[l]
        if a.escapes { return true }
        let b = graph.locations[other]
        if a.resultIndex > 0 {
            // The results of a closure called in place live in its caller's frame.
            if a.function >= 0, b.function >= 0, contains(b.function, closure: a.function), units[a.function].closureCalled {
                return false
            }
            return true
        }
        if a.function == b.function && a.loopDepth < b.loopDepth { return true }
        if a.function >= 0, b.function >= 0, contains(a.function, closure: b.function) { return true }
        return false
    }

    /// Whether unit `c` is a function literal nested (at any depth) in unit `f`.
    private func contains(_ f: Int, closure c: Int) -> Bool {
        guard f != c else { return false }
        var p = units[c].parent
        while let q = p {
            if q == f { return true }
            p = units[q].parent
        }
        return false
    }

    /// The chain of flows the walk followed from `source` to `root`.
    private func path(from source: Int, to root: Int) -> [FlowStep] {
        var steps: [FlowStep] = []
        var seen = Set<Int>()
        var s = source
        while s != root, seen.insert(s).inserted {
            let d = graph.locations[s].walkDestination
            let e = graph.locations[s].walkEdge
            guard d >= 0, e >= 0, e < graph.locations[d].edges.count else { break }
            let edge = graph.locations[d].edges[e]
            steps.append(FlowStep(destination: d, source: s, derefs: Int(edge.derefs), note: edge.note))
            s = d
        }
        return steps
    }
}
