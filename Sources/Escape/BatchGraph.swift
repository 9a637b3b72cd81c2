import GoSema
import GoSyntax

/// The location graph of one batch of functions (a strongly connected
/// component of the call graph, closures included), and the operations
/// that add flows to it.
struct BatchGraph {
    static let heap = 0
    static let blank = 1

    var locations: [Location]

    init() {
        var heap = Location(kind: .heap, function: -1, loopDepth: 0, file: 0, offset: 0, text: "{heap}")
        heap.escapes = true
        let blank = Location(kind: .blank, function: -1, loopDepth: 0, file: 0, offset: 0, text: "{blank}")
        locations = [heap, blank]
    }

    var heapHole: Hole { Hole(destination: BatchGraph.heap, derefs: 0) }
    var discardHole: Hole { Hole(destination: BatchGraph.blank, derefs: 0) }

    mutating func newLocation(_ kind: LocationKind, function: Int, loopDepth: Int, file: Int, offset: UInt32, text: String) -> Int {
        locations.append(Location(kind: kind, function: function, loopDepth: loopDepth, file: file, offset: offset, text: text))
        return locations.count - 1
    }

    /// Records that the value of `source` flows into `k`.
    mutating func flow(_ k: Hole, _ source: Int) {
        if k.addressTaken { locations[source].addressTaken = true }
        let dst = k.destination
        if dst == BatchGraph.blank { return }
        if dst == source && k.derefs >= 0 { return }
        if locations[dst].escapes && k.derefs < 0 {
            // `heap = &source`: source escapes without a walk.
            if !locations[source].escapes {
                locations[source].escapes = true
                locations[source].escapeChain = [FlowStep(destination: dst, source: source, derefs: k.derefs, note: k.note)]
            }
            return
        }
        locations[dst].edges.append(Edge(source: Int32(source), derefs: Int32(k.derefs), note: k.note))
    }
}
