import ConcIR
import Findings

/// SY1001: an object taken from a sync.Pool used before it is reset.
///
/// A pool hands back objects as the last user left them: a bytes.Buffer
/// still holding the previous response, a struct whose slice field still
/// holds the previous request's items. Using it without `Reset()` (or
/// zeroing the fields that are then read) leaks one request's data into
/// another. A pool whose every Put resets the object first is clean, so
/// its Gets need no reset.
///
/// Two shapes: a type with a Reset method (bytes.Buffer, strings.Builder,
/// bufio.Writer, a type of the analysed code with `Reset`): any use before
/// Reset; a struct without one: a field read before it is written since the
/// Get. Objects handed to other functions or returned are not followed.
struct PoolObjectNotReset: RevisitingCheck {
    static let id = "SY1001"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.poolGet, .poolPut] }
    static let slot = \JoinFacts.poolResets

    /// One function's Gets of a pooled `*T`, and what its Puts leave behind.
    struct Facts: Codable {
        var gets: [Get] = []
        var puts: [Put] = []
    }

    struct Get: Codable {
        var block: Int
        var index: Int
        var pool: SharedObject
        /// The pooled object's type's name.
        var type: String
    }

    struct Put: Codable {
        var pool: SharedObject
        var whole: Bool
        var fields: [String]
    }

    private var current = Facts()
    /// The Gets of each function, their pools as named in this run.
    private var gets: [Int: [Get]] = [:]
    private var puts = PoolPutSummary()

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        switch inst.op {
        case .poolGet where inst.mode == .now && !inst.results.isEmpty:
            guard let poolPlace = inst.operands.first?.place.map(scope.facts.normalize),
                  let pool = SharedObject.of(poolPlace, in: scope),
                  let object = PooledObject(get: inst, in: scope.function, types: scope.types),
                  let pointee = object.type.pointee, case .named(let typeName, _) = pointee else { return }
            current.gets.append(Get(block: site.block, index: site.index, pool: pool.portable, type: typeName))
        case .poolPut:
            if let (pool, cleaning) = PoolPutSummary.put(inst, at: site, in: scope) {
                current.puts.append(Put(pool: pool.portable, whole: cleaning.whole, fields: cleaning.fields.sorted()))
            }
        default:
            break
        }
    }

    mutating func gatheredFacts(_ scope: FunctionScope) -> Facts? {
        defer { current = Facts() }
        return current.gets.isEmpty && current.puts.isEmpty ? nil : current
    }

    mutating func absorb(_ facts: Facts, node: Int) {
        for var get in facts.gets {
            get.pool = get.pool.placed(at: node)
            gets[node, default: []].append(get)
        }
        for put in facts.puts {
            puts.add(PoolPutSummary.Cleaning(whole: put.whole, fields: Set(put.fields)), to: put.pool.placed(at: node))
        }
    }

    mutating func prepareRevisits(_ program: StructuralProgram) {}

    /// A look at a function's Gets reads what every Put of their pools
    /// leaves behind, and whether their types have a Reset method.
    func needsLook(_ node: Int, _ program: StructuralProgram, inputs: inout JoinInputHasher) -> Bool {
        guard let found = gets[node], !found.isEmpty else { return false }
        for get in found {
            let cleaned = puts.cleaned(get.pool)
            inputs.add(get.block)
            inputs.add(get.index)
            inputs.add(get.pool.name)
            inputs.add(cleaned.whole)
            inputs.add(cleaned.fields.sorted().joined(separator: ","))
            inputs.add(PoolResets.isResettable(get.type, program: program))
        }
        return true
    }

    mutating func revisit(_ scope: FunctionScope) -> [Finding] {
        (gets[scope.node] ?? []).compactMap { check(InstructionSite(block: $0.block, index: $0.index), scope) }
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] { [] }

    private func check(_ site: InstructionSite, _ scope: FunctionScope) -> Finding? {
        let get = scope.function.blocks[site.block].instructions[site.index]
        guard let poolPlace = get.operands.first?.place.map(scope.facts.normalize),
              let pool = SharedObject.of(poolPlace, in: scope),
              let object = PooledObject(get: get, in: scope.function, types: scope.types),
              let pointee = object.type.pointee, case .named(let typeName, _) = pointee else { return nil }
        let cleaned = puts.cleaned(pool)
        if cleaned.whole { return nil }
        let search = WitnessSearch<FieldSet>(function: scope.function, infeasible: scope.facts.infeasible)
        let name = object.variableName ?? "the object"
        let resettable = PoolResets.isResettable(typeName, program: scope.program)
        var staleField: String?
        let witness: WitnessSearch<FieldSet>.Witness?
        if resettable {
            witness = search.first(from: site, state: FieldSet()) { inst, _, _ in
                if object.resets(inst) || object.replaces(inst) || (inst.op == .poolPut && inst.mode == .now) { return .stop }
                // `if v != nil`: a nil test of what Get returned reads none of its contents.
                if inst.mode == .defer || object.copiesHolder(inst) || inst.op == .isNil { return .proceed }
                return inst.operands.contains(where: object.holds) ? .found : .proceed
            }
        } else {
            guard case .structure(let fields) = scope.program.index.types.underlying(pointee), !fields.isEmpty else { return nil }
            let known = Set(fields.map(\.name))
            let blocks = scope.function.blocks
            witness = search.first(from: site, state: FieldSet()) { inst, at, written in
                if object.resets(inst) || object.replaces(inst) || (inst.op == .poolPut && inst.mode == .now) { return .stop }
                if inst.op == .isNil { return .proceed }
                // `x.f.Reset()`, `x.f.init(...)` (a promoted `x.Reset()` too): the call sets f afresh.
                if let f = Self.fieldReset(inst, object) {
                    written.insert(f)
                    return .proceed
                }
                // `saved := x.f` just before `*x = T{}`: the field is kept on purpose, not read as data.
                if Self.savesField(inst, object),
                   blocks[at.block].instructions.suffix(from: at.index + 1).contains(where: object.resets) {
                    return .proceed
                }
                // Reads first: `x.items = append(x.items, v)` reads x.items before it writes it.
                for o in inst.operands {
                    guard let f = Self.firstField(of: o, object), known.contains(f), !written.contains(f),
                          !cleaned.fields.contains(f) else { continue }
                    staleField = f
                    return .found
                }
                if inst.op == .mapWrite || inst.op == .mapDelete || inst.op == .mapClear { return .proceed }
                for r in inst.results {
                    guard let f = Self.firstField(of: r, object) else { continue }
                    // `x.items[i] = v` writes into the old contents: a use of the
                    // field, not a fresh value.
                    if Self.isInsideField(r), known.contains(f), !written.contains(f), !cleaned.fields.contains(f) {
                        staleField = f
                        return .found
                    }
                    written.insert(f)
                }
                return .proceed
            }
        }
        guard let witness else { return nil }
        let usePosition = WitnessFlow.position(witness.site, in: scope.function)
        let message: String
        if let field = staleField {
            message = "\(name).\(field) is read on line \(usePosition.line) before it is set since \(pool.display).Get(): "
                + "a pooled \(Self.short(typeName)) keeps the last user's \(field); zero the fields it reads after Get, or reset the object before Put"
        } else {
            message = "\(name) from \(pool.display).Get() is used on line \(usePosition.line) without \(name).Reset(): "
                + "a pooled \(Self.short(typeName)) keeps what the last user wrote; call \(name).Reset() after Get"
        }
        let flow = WitnessFlow.make(scope, message: "a path on which the pooled object is used before it is reset",
                                    start: (get.position, "\(name) is taken from \(pool.display)"),
                                    branches: witness.branches,
                                    end: (usePosition, staleField.map { "\(name).\($0) still holds the last user's value here" }
                                        ?? "\(name) is used here with the last user's contents"))
        let fixes = resettable ? resetFix(after: site, object, pointee, scope) : []
        return scope.finding(ruleID, at: get.position, message, flows: [flow], fixes: fixes)
    }

    /// The field a call re-initialises: a reset method (`Reset`, or an
    /// `init` method, as `p.fmt.init(&p.buf)`) called on a field of the
    /// object, `x.f.Reset()` or a promoted `x.Reset()` of an embedded f.
    private static func fieldReset(_ inst: Instruction, _ object: PooledObject) -> String? {
        guard inst.op == .call, inst.mode == .now, let callee = inst.callee, callee.hasReceiver,
              let recv = inst.operands.first, let p = recv.place, object.holders.contains(p.root),
              case .field(let f)? = p.path.last, p.path.dropLast().allSatisfy({ $0 == .deref }) else { return nil }
        if PoolResets.isResetMethod(callee) { return f }
        switch callee {
        case .method(let n), .interface(let n, _):
            let method = FunctionName.methodName(n)
            return method == "init" || method == "Init" ? f : nil
        default:
            return nil
        }
    }

    /// `y := x.f` into a variable: a copy of a field, kept aside.
    private static func savesField(_ inst: Instruction, _ object: PooledObject) -> Bool {
        guard inst.op == .assign, inst.mode == .now, case .place(let dst)? = inst.results.first, dst.path.isEmpty,
              !object.holders.contains(dst.root), let src = inst.operands.first?.place, object.holders.contains(src.root),
              case .field? = src.path.last, src.path.dropLast().allSatisfy({ $0 == .deref }) else { return false }
        return true
    }

    /// The field of the object an operand reads: `x.f` or `x.f.g` or `x.f[]` gives `f`.
    private static func firstField(of operand: Operand, _ object: PooledObject) -> String? {
        guard let p = operand.place, object.holders.contains(p.root) else { return nil }
        for s in p.path {
            switch s {
            case .deref: continue
            case .field(let f): return f
            case .element: return nil
            }
        }
        return nil
    }

    /// Whether the place is an element of a field (`x.items[]`, `x.m.buf[]`),
    /// not the field itself.
    private static func isInsideField(_ operand: Operand) -> Bool {
        guard let p = operand.place, let i = p.path.firstIndex(where: { if case .field = $0 { return true } else { return false } })
        else { return false }
        return p.path[(i + 1)...].contains(.element)
    }

    private static func short(_ typeName: String) -> String {
        typeName.split(separator: "/").last.map(String.init) ?? typeName
    }

    /// Inserts `x.Reset()` on the line after the statement that puts the
    /// object in `x`, a variable of type `*T` (`x := p.Get().(*T)`, or
    /// `v := p.Get()` then `x := v.(*T)`), with that statement's
    /// indentation. Only for a statement of the form `x := ...`, `x = ...`
    /// or `var x ...` on lines of its own: not for `x, ok := p.Get().(*T)`,
    /// where x may be nil (and Reset on it panics), nor inside an `if` or
    /// `switch` header.
    private func resetFix(after site: InstructionSite, _ object: PooledObject, _ pointee: GoType, _ scope: FunctionScope) -> [Fix] {
        let instructions = scope.function.blocks[site.block].instructions
        var i = site.index + 1
        var target: (name: String, position: Position)?
        while i < instructions.count, object.copiesHolder(instructions[i]) {
            let copy = instructions[i]
            if case .place(let dst)? = copy.results.first, case .variable(let v) = dst.root,
               scope.types.type(of: dst) == .pointer(pointee) {
                target = (GoSpelling.variableName(v), copy.position)
                break
            }
            i += 1
        }
        guard let (name, position) = target, position.isPresent else { return [] }
        let sources = scope.sources(reading: scope.file)
        let line = Int(position.line)
        guard let text = sources.line(scope.file, line), let indent = sources.indentation(scope.file, line) else { return [] }
        let statement = text.dropFirst(indent.count)
        guard Self.assigns(name, statement),
              let end = sources.statementEnd(scope.file, line: line, column: indent.utf8.count + 1),
              let last = sources.line(scope.file, end), last.last(where: { $0 != " " && $0 != "\t" }) != "{" else { return [] }
        let edit = TextEdit(file: scope.file, startLine: end + 1, startColumn: 1, endLine: end + 1, endColumn: 1,
                            text: indent + "\(name).Reset()\n")
        return [Fix(description: "insert `\(name).Reset()` after Get", edits: [edit])]
    }

    /// Whether a statement starts by assigning `name` alone: `name :=`,
    /// `name =` or `var name`.
    private static func assigns(_ name: String, _ statement: Substring) -> Bool {
        var rest = statement
        if rest.hasPrefix("var ") { rest = rest.dropFirst(4).drop { $0 == " " } }
        guard rest.hasPrefix(name) else { return false }
        rest = rest.dropFirst(name.count)
        if statement.hasPrefix("var ") { return rest.first == " " || rest.first == "\t" }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        return rest.hasPrefix(":=") || (rest.hasPrefix("=") && !rest.hasPrefix("=="))
    }
}

/// A small set of field names, the state of the field-by-field search.
struct FieldSet: Hashable {
    private var names: [String] = []
    func contains(_ name: String) -> Bool { names.contains(name) }
    mutating func insert(_ name: String) {
        guard !names.contains(name) else { return }
        names.append(name)
        names.sort()
    }
}

/// What the Puts of each pool leave behind: whether every Put resets the
/// whole object first, and which fields every Put zeroes. A pool whose Puts
/// all reset hands out clean objects.
struct PoolPutSummary {
    struct Cleaning {
        var whole: Bool
        var fields: Set<String>
    }
    private var byPool: [SharedObject: Cleaning] = [:]

    func cleaned(_ pool: SharedObject) -> Cleaning {
        byPool[pool] ?? Cleaning(whole: false, fields: [])
    }

    /// The pool a Put goes to, and what it leaves behind.
    static func put(_ put: Instruction, at site: InstructionSite, in scope: FunctionScope) -> (SharedObject, Cleaning)? {
        guard let poolPlace = put.operands.first?.place.map(scope.facts.normalize),
              let pool = SharedObject.of(poolPlace, in: scope) else { return nil }
        return (pool, cleaning(put, at: site, scope))
    }

    /// Joins what one more Put of `pool` leaves behind.
    mutating func add(_ here: Cleaning, to pool: SharedObject) {
        if let before = byPool[pool] {
            byPool[pool] = Cleaning(whole: before.whole && here.whole, fields: before.fields.intersection(here.fields))
        } else {
            byPool[pool] = here
        }
    }

    /// What is reset on every path to this Put: a reset of the object, or
    /// fields set to a value that holds nothing of the last user's (a
    /// constant, nil, a truncation `b[:0]` or another value the IR writes
    /// `?`, a fresh allocation), in the blocks that dominate the Put, in
    /// order: a later method call on the object, or a later write of a field
    /// from a value that may carry data (`r.tags = append(r.tags, t)`,
    /// `r.id = id`), makes it dirty again. A fresh allocation put in the
    /// pool is clean.
    private static func cleaning(_ put: Instruction, at site: InstructionSite, _ scope: FunctionScope) -> Cleaning {
        guard put.mode == .now, put.operands.count >= 2, let value = put.operands[1].place,
              value.path.isEmpty else { return Cleaning(whole: put.operands.count >= 2 && put.operands[1] == .nil, fields: []) }
        let function = scope.function
        let cfg = scope.cfg
        // The dominators of the Put's block form a chain, which reverse postorder walks from the entry.
        let chain = (0..<function.blocks.count).filter { $0 == site.block || cfg.dominates($0, site.block) }
            .sorted { cfg.rpoNumber[$0] < cfg.rpoNumber[$1] }
        let fresh = Set(function.blocks.flatMap(\.instructions)
            .filter { $0.op == .allocNew || $0.op == .allocLit || $0.op == .allocMake }
            .compactMap { $0.results.first?.place })
        let allFields = Self.fieldNames(of: scope.types.type(of: value), scope.program)
        var whole = false
        var fields = Set<String>()
        for b in chain {
            let block = function.blocks[b]
            let end = b == site.block ? site.index : block.instructions.count
            for inst in block.instructions.prefix(end) where inst.mode == .now {
                if inst.op == .call, let callee = inst.callee, callee.hasReceiver, inst.operands.first?.place == value {
                    if PoolResets.isResetMethod(callee) {
                        whole = true
                        fields = allFields
                    } else {
                        whole = false
                    }
                    continue
                }
                guard let dst = inst.results.first?.place, dst.root == value.root else { continue }
                if inst.op == .allocNew || inst.op == .allocLit, dst.path.isEmpty {
                    whole = true
                    fields = allFields
                    continue
                }
                if inst.op == .assign, dst.path == [.deref] {
                    whole = true
                    fields = allFields
                    continue
                }
                guard case .field(let f)? = dst.path.first(where: { $0 != .deref }) else { continue }
                let source = inst.operands.first ?? .unknown
                let wholeField: Bool
                if case .field? = dst.path.last { wholeField = true } else { wholeField = false }
                if inst.op == .assign, wholeField,
                   source.isConstant || source == .unknown || source.place.map(fresh.contains) == true {
                    fields.insert(f)
                } else {
                    fields.remove(f)
                    whole = false
                }
            }
        }
        return Cleaning(whole: whole, fields: fields)
    }

    /// The field names of a struct or a pointer to one.
    private static func fieldNames(of type: GoType, _ program: StructuralProgram) -> Set<String> {
        let target = type.pointee ?? type
        guard case .structure(let fields) = program.index.types.underlying(target) else { return [] }
        return Set(fields.map(\.name))
    }
}
