import ConcIR

/// The instructions of one function that `ReleasingHandle` looks up, by
/// the place they involve (all places normalized): which names one value
/// goes by, where a value is stored into a field, which methods are called
/// on a receiver, and which calls produce a value.
///
/// `ReleasingHandle` is asked at every return a path reaches with a lock
/// held. Scanning the whole function for each of those questions (and
/// again for each nesting level and wrapper it follows) made the lifecycle
/// analysis of GOROOT/src a hundred times slower; built once, each question
/// costs what its answer holds.
struct HandleIndex {
    /// An instruction's place in the function.
    struct Site: Hashable {
        let block: Int
        let index: Int
    }

    /// For a place copied whole to or from another (`tw := %3`), every
    /// place of its copy class; a place never copied is absent.
    private let copyClasses: [Place: Set<Place>]
    /// For a value, where it is stored a field deep or more (`%1.s = s`
    /// gives `s -> [%1.s]`).
    let storesIntoFields: [Place: [Place]]
    /// Calls of methods, by receiver.
    let callsOnReceiver: [Place: [Site]]
    /// Calls, by the place their first result is assigned to.
    let callsByResult: [Place: [Site]]

    init(facts: FunctionFacts) {
        var parent: [Place: Place] = [:]
        func root(_ p: Place) -> Place {
            var r = p
            while let up = parent[r], up != r {
                if let above = parent[up] { parent[r] = above }  // path halving
                r = up
            }
            return r
        }
        var stores: [Place: [Place]] = [:]
        var onReceiver: [Place: [Site]] = [:]
        var byResult: [Place: [Site]] = [:]
        for (b, block) in facts.function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() {
                switch inst.op {
                case .assign:
                    guard let dst = inst.results.first?.place.map(facts.normalize),
                          let src = inst.operands.first?.place.map(facts.normalize) else { continue }
                    if !dst.path.isEmpty {
                        stores[src, default: []].append(dst)
                    } else if src.path.isEmpty, src != dst {
                        let (a, z) = (root(src), root(dst))
                        parent[a] = a
                        parent[z] = z
                        if a != z { parent[a] = z }
                    }
                case .call:
                    if let result = inst.results.first?.place.map(facts.normalize) {
                        byResult[result, default: []].append(Site(block: b, index: i))
                    }
                    if inst.callee?.hasReceiver == true, let receiver = inst.operands.first?.place.map(facts.normalize) {
                        onReceiver[receiver, default: []].append(Site(block: b, index: i))
                    }
                default:
                    continue
                }
            }
        }
        var classes: [Place: Set<Place>] = [:]
        for place in parent.keys { classes[root(place), default: []].insert(place) }
        var byPlace: [Place: Set<Place>] = [:]
        for members in classes.values {
            for place in members { byPlace[place] = members }
        }
        copyClasses = byPlace
        storesIntoFields = stores
        callsOnReceiver = onReceiver
        callsByResult = byResult
    }

    /// The places that name the same value as `place` (`tw := &storeTxnWrite{...}`
    /// makes `tw` and the literal's temporary one value), `place` among them.
    func aliases(of place: Place) -> Set<Place> {
        copyClasses[place] ?? [place]
    }
}
