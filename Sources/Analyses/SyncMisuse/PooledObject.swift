import ConcIR

/// What the pool checks know about an object taken from a sync.Pool: the
/// variables that hold it after `x := p.Get().(*T)`, its type, and whether
/// an instruction resets it, replaces it or reads it.
struct PooledObject {
    /// The temporary the Get returned and the variables it was copied to
    /// (`x := p.Get().(*T)` is `%1 = pool.get p; assign x = %1`).
    let holders: Set<Place.Root>
    /// The object's declared type (`*bytes.Buffer`), `?` when only `any` is known.
    let type: GoType

    /// The holders of the result of `get` (a pool.get with a result): its
    /// temporary, and each variable assigned from a holder anywhere in the
    /// function (an assignment from something else replaces the object on
    /// that path; `replaces` tells).
    init?(get: Instruction, in function: Function, types: FunctionTypes) {
        guard let holders = Holders.of(get.results.first, in: function) else { return nil }
        self.holders = holders
        var declared = GoType.unknown
        let variables = holders.compactMap { root -> String? in
            if case .variable(let v) = root { return v }
            return nil
        }
        for v in variables.sorted() {
            declared = types.type(of: Place(.variable(v)))
            if !declared.isUnknown { break }
        }
        type = declared
    }

    /// The variable that holds the object, for messages and fixes.
    var variableName: String? {
        let names = holders.compactMap { root -> String? in
            if case .variable(let v) = root { return GoSpelling.variableName(v) }
            return nil
        }
        return names.sorted().first
    }

    func holds(_ operand: Operand) -> Bool {
        guard let p = operand.place else { return false }
        return holders.contains(p.root)
    }

    /// `y := x`: another holder of the same object, not a use of it.
    func copiesHolder(_ inst: Instruction) -> Bool {
        guard inst.op == .assign, case .place(let dst)? = inst.results.first, dst.path.isEmpty, holders.contains(dst.root),
              let src = inst.operands.first?.place else { return false }
        return src.path.isEmpty && holders.contains(src.root)
    }

    /// `x = something else`, or `x, err = newT()`: from here the variable
    /// holds another object.
    func replaces(_ inst: Instruction) -> Bool {
        if inst.op == .call, inst.mode == .now, inst.results.contains(where: { r in
            guard case .place(let dst) = r, dst.path.isEmpty else { return false }
            return holders.contains(dst.root)
        }) {
            return true
        }
        guard inst.op == .assign, case .place(let dst)? = inst.results.first, dst.path.isEmpty,
              holders.contains(dst.root) else { return false }
        if let src = inst.operands.first?.place, src.path.isEmpty, holders.contains(src.root) { return false }
        return true
    }

    /// `x.Reset()`, `x.Truncate(0)`, `*x = T{}`: the old state is gone.
    func resets(_ inst: Instruction) -> Bool {
        guard inst.mode == .now else { return false }
        if inst.op == .call, let callee = inst.callee, callee.hasReceiver, let recv = inst.operands.first, holds(recv),
           let p = recv.place, p.path.allSatisfy({ $0 == .deref }) {
            return PoolResets.isResetMethod(callee)
        }
        if inst.op == .assign, case .place(let dst)? = inst.results.first, holders.contains(dst.root),
           dst.path == [.deref] {
            return true
        }
        return false
    }
}

/// The temporary an operation returns its result in, and the variables
/// that copy it (`x := v.Load().(*T)` is `%1 = atomic.value.load v;
/// assign x = %1`), found through whole-value assignments anywhere in the
/// function.
enum Holders {
    static func of(_ result: Operand?, in function: Function) -> Set<Place.Root>? {
        guard case .place(let r)? = result, r.path.isEmpty else { return nil }
        var holders: Set<Place.Root> = [r.root]
        var changed = true
        while changed {
            changed = false
            for block in function.blocks {
                for inst in block.instructions where inst.op == .assign {
                    guard case .place(let dst)? = inst.results.first, dst.path.isEmpty, case .variable = dst.root,
                          let src = inst.operands.first?.place, src.path.isEmpty, holders.contains(src.root),
                          !holders.contains(dst.root) else { continue }
                    holders.insert(dst.root)
                    changed = true
                }
            }
        }
        return holders
    }
}

/// Which methods and types reset, by name.
enum PoolResets {
    /// Methods that throw the old contents away.
    static func isResetMethod(_ callee: Callee) -> Bool {
        let name: String
        switch callee {
        case .method(let n), .interface(let n, _): name = n
        default: return false
        }
        guard let method = FunctionName.methodName(name) else { return false }
        return method == "Reset" || method == "Truncate" || method == "reset" || method == "Clear" || method == "clear"
    }

    /// Standard types whose every method works on what was written before
    /// (so any use before Reset sees the last user's data).
    static let standardResettable: Set<String> = [
        "bytes.Buffer", "strings.Builder", "bufio.Writer", "bufio.Reader", "compress/gzip.Writer",
        "compress/gzip.Reader", "compress/flate.Writer", "compress/zlib.Writer", "hash/maphash.Hash",
        "bytes.Reader", "strings.Reader",
    ]

    /// Whether `named` (a type name) has a Reset method: a standard one, or
    /// a method `Reset` of the analysed code.
    static func isResettable(_ named: String, program: StructuralProgram) -> Bool {
        if standardResettable.contains(named) { return true }
        let graph = program.index.callGraph
        return graph.node(named: "(*\(named)).Reset") != nil || graph.node(named: "(\(named)).Reset") != nil
    }
}
