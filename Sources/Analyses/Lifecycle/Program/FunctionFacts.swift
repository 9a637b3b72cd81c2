import ConcIR
import Findings

/// How one function's places compare and how its callers name them:
/// where address-of temporaries point, which variables a caller can name
/// (parameters, receiver, captures), and which local variables only hold
/// function references. The cheap part of `FunctionFacts` (no CFG, no
/// types): enough for summaries that map places between a caller and its
/// callees, which need it for many more functions than they search.
struct PlaceNaming: Sendable {
    /// `%n = addr x`: the temporary stands for `x` when places are compared.
    private let addressOf: [UInt32: Place]
    /// The summary base of each receiver, parameter and captured variable.
    private let bases: [String: SummaryPlace.Base]
    /// Variables only ever assigned function references (`inStock := func
    /// (...) {...}`), with those functions: the callees of a call through
    /// them when the lowering lists no targets.
    private let functionValues: [Place: [String]]
    /// Local pointers whose only writes load an element of a container
    /// (`for _, mb := range fs.blks`), with that element: what they point
    /// at is the element, so `mb.mu` is `fs.blks[].mu`.
    private let elementPointers: [String: Place]

    init(_ function: Function) {
        var addressOf: [UInt32: Place] = [:]
        for block in function.blocks {
            for inst in block.instructions where inst.op == .addr {
                guard inst.results.count == 1, case .place(let r)? = inst.results.first, case .temp(let n) = r.root,
                      r.path.isEmpty, let target = inst.operands.first?.place else { continue }
                addressOf[n] = target
            }
        }
        self.addressOf = addressOf
        var bases: [String: SummaryPlace.Base] = [:]
        var offset = 0
        if let receiver = function.receiver {
            if !receiver.name.isEmpty { bases[receiver.name] = .operand(0) }
            offset = 1
        }
        for (i, p) in function.parameters.enumerated() where !p.name.isEmpty { bases[p.name] = .operand(i + offset) }
        for c in function.captures where !c.name.isEmpty { bases[c.name] = .capture(c.name) }
        self.bases = bases
        functionValues = Self.functionValues(of: function)
        elementPointers = Self.elementPointers(of: function)
    }

    /// See `elementPointers`. Only pointers: a value copied out of a slice
    /// is a copy (whose mutex is another mutex), and only locals, written
    /// nowhere else.
    private static func elementPointers(of function: Function) -> [String: Place] {
        var pointers: [String: Place] = [:]
        for v in function.locals { if case .pointer = v.type { pointers[v.name] = Place(.variable(v.name)) } }
        guard !pointers.isEmpty else { return [:] }
        var sources: [String: Place] = [:]
        var other = Set<String>()
        for block in function.blocks {
            for inst in block.instructions {
                for r in inst.results {
                    guard case .variable(let name)? = r.place?.root, pointers[name] != nil else { continue }
                    if inst.op == .assign, r.place?.path.isEmpty == true, inst.results.count == 1,
                       case .place(let source)? = inst.operands.first, source.path.last == .element,
                       !source.path.dropLast().contains(.element), sources[name].map({ $0 == source }) ?? true {
                        if case .temp = source.root { other.insert(name) } else { sources[name] = source }
                    } else {
                        other.insert(name)
                    }
                }
            }
        }
        for name in other { sources[name] = nil }
        return sources
    }

    /// The functions a call may enter: the callee's known targets, or for a
    /// call through a local variable that only ever holds function
    /// references, those functions.
    func targets(of callee: Callee?) -> [String] {
        guard let callee else { return [] }
        let known = callee.possibleTargets
        guard known.isEmpty, case .dynamic(.place(let p), _) = callee else { return known }
        return functionValues[p] ?? []
    }

    private static func functionValues(of function: Function) -> [Place: [String]] {
        var values: [Place: [String]] = [:]
        var other = Set<Place>()
        for block in function.blocks {
            for inst in block.instructions {
                for r in inst.results {
                    guard let p = r.place else { continue }
                    if inst.op == .assign, case .function(let f)? = inst.operands.first, p.path.isEmpty {
                        values[p, default: []].append(f)
                    } else {
                        other.insert(p)
                    }
                }
            }
        }
        for p in other { values[p] = nil }
        return values
    }

    /// The place with address-of temporaries and dereferences looked
    /// through, so that `&wg`, `*p` and `p` compare as the storage they name.
    func normalize(_ place: Place) -> Place {
        var p = place
        for _ in 0..<4 {
            guard case .temp(let n) = p.root, let target = addressOf[n] else { break }
            p = Place(target.root, path: target.path + p.path)
        }
        if p.path.contains(.deref) { p.path.removeAll { $0 == .deref } }
        return p
    }

    /// `normalize`, and a field reached through a local pointer to an
    /// element (`mb.mu` of `for _, mb := range fs.blks`) named through the
    /// element (`fs.blks[].mu`): for the lifecycle paths, where a lock
    /// taken on each element in turn is one place, as with `fs.blks[i].mu`.
    /// Other checks keep the variable: whether `mb.n` is shared depends on
    /// what `mb` points to, not on the slice it came from.
    func normalizeThroughElements(_ place: Place) -> Place {
        var p = normalize(place)
        if !elementPointers.isEmpty, !p.path.isEmpty, case .variable(let name) = p.root, let element = elementPointers[name] {
            p = Place(element.root, path: element.path.filter { $0 != .deref } + p.path)
        }
        return p
    }

    /// The place as a summary names it, when its root outlives the call:
    /// a parameter, the receiver, a captured variable or a global.
    /// `throughElements`: normalized by `normalizeThroughElements`.
    func summaryPlace(for place: Place, throughElements: Bool = false) -> SummaryPlace? {
        let p = throughElements ? normalizeThroughElements(place) : normalize(place)
        guard p.path.count <= SummaryPlace.maxPathLength else { return nil }
        switch p.root {
        case .variable(let name):
            guard let base = bases[name] else { return nil }
            return SummaryPlace(base: base, path: p.path)
        case .global(let name):
            return SummaryPlace(base: .global(name), path: p.path)
        case .temp:
            return nil
        }
    }

    /// The place a summary names, here in the callee itself (for searches
    /// that start from the function's entry).
    func localPlace(for summaryPlace: SummaryPlace) -> Place? {
        switch summaryPlace.base {
        case .operand(let k):
            guard let name = bases.first(where: { $0.value == .operand(k) })?.key else { return nil }
            return Place(.variable(name), path: summaryPlace.path)
        case .capture(let name):
            return Place(.variable(name), path: summaryPlace.path)
        case .global(let name):
            return Place(.global(name), path: summaryPlace.path)
        }
    }
}

/// What the path searches of one function ask again and again: its
/// control-flow graph, operand types, how its places are named
/// (`PlaceNaming`) and which edges cannot be taken.
/// Built once per function and then only read: a class, so that the
/// trackers and searches that hold it share one copy (as a struct, its nine
/// stored references were retained and released at every step of every
/// path search, a tenth of the lifecycle analysis).
final class FunctionFacts {
    let node: Int
    let function: Function
    let file: String
    let cfg: ControlFlowGraph
    let types: FunctionTypes
    let naming: PlaceNaming
    /// Edges that cannot be taken (see `Feasibility`).
    let infeasible: Set<ControlFlowGraph.Edge>

    /// With the graph and types of the run (`SharedFunctionFacts`).
    convenience init(node: Int, program: AnalysedProgram) {
        self.init(node: node, function: program.function(node), file: program.file(of: node), cfg: program.shared.cfg(node),
                  types: program.shared.types(node))
    }

    /// With the graph and types already built (by a caller that needed
    /// them before it needed the rest).
    init(node: Int, function: Function, file: String, cfg: ControlFlowGraph, types: FunctionTypes, naming: PlaceNaming? = nil) {
        self.node = node
        self.function = function
        self.file = file
        self.cfg = cfg
        self.types = types
        self.naming = naming ?? PlaceNaming(function)
        infeasible = Feasibility.infeasibleEdges(of: function, types: types)
    }

    /// See `PlaceNaming.targets(of:)`.
    func targets(of callee: Callee?) -> [String] { naming.targets(of: callee) }

    /// See `PlaceNaming.normalizeThroughElements(_:)`.
    func normalize(_ place: Place) -> Place { naming.normalizeThroughElements(place) }

    /// See `PlaceNaming.summaryPlace(for:throughElements:)`.
    func summaryPlace(for place: Place) -> SummaryPlace? { naming.summaryPlace(for: place, throughElements: true) }

    /// See `PlaceNaming.localPlace(for:)`.
    func localPlace(for summaryPlace: SummaryPlace) -> Place? { naming.localPlace(for: summaryPlace) }

    func position(_ block: Int, _ index: Int) -> Position {
        let instructions = function.blocks[block].instructions
        return index < instructions.count ? instructions[index].position : function.blocks[block].terminatorPosition
    }

    func location(_ position: Position) -> Location? {
        guard position.isPresent else { return nil }
        return Location(file: file, line: Int(position.line), column: Int(position.column))
    }
}
