import ConcIR

/// Interface calls on a local variable whose every value comes from a
/// constructor that returns one concrete type behind the interface:
///
///     func NewReportSample(...) Report { r := NewReport(...).(*report); ...; return r }
///     r := NewReportSample(...)
///     <-r.Stats()   // (*report).Stats, not every Stats of a Report
///
/// The lowering lists every implementation in the analysed code of the
/// interface's method; here the list keeps only the methods of the types
/// the variable can hold. The variable must be a local of the function
/// (not a parameter, result or capture), never have its address taken nor
/// be captured by a closure, and each of its assignments must be the
/// result of a call of one function whose every `return` gives a value of
/// a concrete type (or nil), or of a new value. Otherwise, or when no
/// listed method belongs to those types (a promoted method is listed
/// under the type that declares it), the list stays as it is.
enum InterfaceCallNarrowing {
    /// How deep constructors that return another constructor's result are followed.
    fileprivate static let maxDepth = 4

    static func apply(_ modules: inout [Module]) {
        // Decided on a read-only view, then written: `ReturnedTypes` reads
        // every module while narrowing goes on, and writing into `modules`
        // meanwhile would copy each module's functions, blocks and
        // instructions it touched (copy on write) to keep that view intact.
        let edits = narrowings(of: modules)
        for edit in edits {
            modules[edit.module].functions[edit.function].blocks[edit.block].instructions[edit.instruction].callee = edit.callee
        }
    }

    /// One narrowed callee, and where it goes.
    private struct Edit {
        var module: Int
        var function: Int
        var block: Int
        var instruction: Int
        var callee: Callee
    }

    private static func narrowings(of modules: [Module]) -> [Edit] {
        let environment = TypeEnvironment(modules: modules)
        var index: [String: (module: Int, function: Int)] = [:]
        index.reserveCapacity(modules.reduce(0) { $0 + $1.functions.count })
        for m in modules.indices {
            for i in modules[m].functions.indices where index[modules[m].functions[i].name] == nil {
                index[modules[m].functions[i].name] = (m, i)
            }
        }
        // Per function: its variables a closure written in it (at any
        // depth) assigns. Closures capture by reference; reading is harmless.
        let captured = ClosureWrites.byFunction(in: modules)
        var returned = ReturnedTypes(modules: modules, index: index, environment: environment)
        var edits: [Edit] = []
        for m in modules.indices {
            for i in modules[m].functions.indices where hasInterfaceCall(modules[m].functions[i]) {
                for (b, k, callee) in narrow(modules[m].functions[i], captured: captured[modules[m].functions[i].name] ?? [],
                                             returned: &returned, environment: environment) {
                    edits.append(Edit(module: m, function: i, block: b, instruction: k, callee: callee))
                }
            }
        }
        return edits
    }

    private static func hasInterfaceCall(_ f: Function) -> Bool {
        f.blocks.contains { b in b.instructions.contains { if case .interface? = $0.callee { return true } else { return false } } }
    }

    /// The interface calls of `function` whose implementations narrow:
    /// block, instruction and the narrowed callee.
    private static func narrow(_ function: Function, captured: Set<String>, returned: inout ReturnedTypes,
                               environment: TypeEnvironment) -> [(block: Int, instruction: Int, callee: Callee)] {
        let locals = Set(function.locals.map(\.name)).subtracting(captured)
        var types: FunctionTypes?
        // Per local: the receiver spellings of the types it may hold; nil when unknown.
        var held: [String: Set<String>?] = [:]
        func holds(_ name: String) -> Set<String>? {
            if let known = held[name] { return known }
            var out: Set<String>? = locals.contains(name) ? [] : nil
            let target = Place(.variable(name))
            scan: for block in function.blocks {
                for (k, inst) in block.instructions.enumerated() {
                    guard out != nil else { break scan }
                    if inst.op == .addr, inst.operands.first?.place?.root == .variable(name) {
                        out = nil
                        continue
                    }
                    guard let r = inst.results.firstIndex(of: .place(target)) else { continue }
                    let t = types ?? FunctionTypes(function: function, environment: environment)
                    types = t
                    out = out.flatMap { set in
                        source(of: inst, result: r, at: k, in: block, types: t, returned: &returned).map { set.union($0) }
                    }
                }
            }
            if out?.isEmpty == true { out = nil }
            held[name] = .some(out)
            return out
        }
        var narrowed: [(block: Int, instruction: Int, callee: Callee)] = []
        for (b, block) in function.blocks.enumerated() {
            for (k, inst) in block.instructions.enumerated() {
                guard case .interface(let name, let implementations)? = inst.callee, implementations.count > 1,
                      case .place(let receiver)? = inst.operands.first, receiver.path.isEmpty,
                      case .variable(let v) = receiver.root, let spellings = holds(v) else { continue }
                let kept = implementations.filter { impl in
                    guard impl.hasPrefix("("), let close = impl.lastIndex(of: ")") else { return false }
                    return spellings.contains(String(impl[impl.index(after: impl.startIndex)..<close]))
                }
                guard !kept.isEmpty, kept.count < implementations.count else { continue }
                narrowed.append((b, k, .interface(name, implementations: kept)))
            }
        }
        return narrowed
    }

    /// The receiver spellings of what result `r` of `inst` may hold: a
    /// temporary copied in (`v = %3`) is followed to what made it.
    private static func source(of inst: Instruction, result r: Int, at k: Int, in block: Block, types: FunctionTypes,
                               returned: inout ReturnedTypes) -> Set<String>? {
        switch inst.op {
        case .call:
            guard r == 0, case .function(let callee)? = inst.callee else { return nil }
            return returned.spellings(of: callee, depth: 0)
        case .allocNew, .allocLit:
            return ReturnedTypes.spellings(types.resultType(of: inst, at: r), environment: types.environment)
        case .assign:
            guard case .place(let source)? = inst.operands.first, source.path.isEmpty, case .temp = source.root else { return nil }
            // The instruction of this block that made the temporary.
            for earlier in block.instructions[..<k].reversed() where earlier.results.first == .place(source) {
                return Self.source(of: earlier, result: 0, at: 0, in: Block(), types: types, returned: &returned)
            }
            return nil
        default:
            return nil
        }
    }
}

/// What each function returns as its first result, when every `return`
/// gives a value of a concrete type (or nil): the receiver spellings of
/// those types (`*p.report` and `p.report` for a `*p.report`).
struct ReturnedTypes {
    let modules: [Module]
    let index: [String: (module: Int, function: Int)]
    let environment: TypeEnvironment
    private var memo: [String: Set<String>?] = [:]

    init(modules: [Module], index: [String: (module: Int, function: Int)], environment: TypeEnvironment) {
        self.modules = modules
        self.index = index
        self.environment = environment
    }

    mutating func spellings(of name: String, depth: Int) -> Set<String>? {
        if let known = memo[name] { return known }
        guard depth < InterfaceCallNarrowing.maxDepth, let at = index[name] else { return nil }
        memo[name] = .some(nil)  // a recursive constructor is unknown
        let function = modules[at.module].functions[at.function]
        let types = FunctionTypes(function: function, environment: environment)
        var out: Set<String>? = []
        for block in function.blocks {
            guard case .return(let operands)? = block.terminator else { continue }
            guard let first = operands.first else { out = nil; break }
            if first == .nil { continue }
            guard case .place(let p) = first else { out = nil; break }
            var found = Self.spellings(types.type(of: p), environment: environment)
            if found == nil, p.path.isEmpty, case .temp = p.root {
                // `return NewOther(...)`: what that constructor returns.
                for inst in block.instructions where inst.results.first == first {
                    if inst.op == .call, case .function(let callee)? = inst.callee { found = spellings(of: callee, depth: depth + 1) }
                }
            }
            guard let found else { out = nil; break }
            out?.formUnion(found)
        }
        if out?.isEmpty == true { out = nil }
        memo[name] = .some(out)
        return out
    }

    /// The receiver spellings of a concrete type: a named non-interface
    /// type, or a pointer to one; nil for anything else.
    static func spellings(_ type: GoType, environment: TypeEnvironment) -> Set<String>? {
        switch type {
        case .pointer(let inner):
            guard case .named = inner, !isInterface(inner, environment) else { return nil }
            return [type.description, inner.description]
        case .named:
            guard !isInterface(type, environment), environment.underlying(type) != type else { return nil }
            return [type.description]
        default:
            return nil
        }
    }

    private static func isInterface(_ type: GoType, _ environment: TypeEnvironment) -> Bool {
        if case .interface = environment.underlying(type) { return true }
        return false
    }
}
