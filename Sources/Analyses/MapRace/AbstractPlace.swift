import ConcIR

/// Where a map, lock, channel or WaitGroup lives, named so that two
/// goroutines' accesses can be compared: in the terms of one function.
///
/// Facts computed for a callee (its summary) name the objects they touch
/// through its parameters, its results, globals, and the variables of the
/// functions it is written in (closures share them). A caller translates
/// them into its own terms at each call or `go` site (`SummaryTranslation`).
enum AccessRoot: Hashable, Sendable {
    /// Argument `i` of a call to the function; the receiver of a method is 0,
    /// as call operands number them.
    case parameter(Int)
    /// Result `i`: an object the function made and returned.
    case result(Int)
    /// A package-level variable.
    case global(String)
    /// A variable or temporary (`%3`) of the function with call-graph node
    /// `owner`. Closures name their captures by the variable of the function
    /// that declares them, since Go captures by reference.
    case local(owner: Int, name: String)
}

/// One step from a root to the object: a struct field (through pointers or
/// not, as Go's `p.f`) or some element of a map, slice or array. Pointer
/// dereferences are not steps: a map is the same map behind `&`.
enum PathStep: Hashable, Sendable {
    case field(String)
    case element
}

/// A root and a path: `s.cache` is `.parameter(0)` then `.field("cache")`.
struct AbstractPlace: Hashable, Sendable {
    var root: AccessRoot
    var steps: [PathStep]

    /// Longer paths are given up on, so that recursion through linked
    /// structures (`n.next.next...`) cannot grow summaries without end.
    static let maxSteps = 6

    init(_ root: AccessRoot, _ steps: [PathStep] = []) {
        self.root = root
        self.steps = steps
    }

    /// The place followed by `more`; nil when the path would grow too long.
    func appending<S: Collection>(_ more: S) -> AbstractPlace? where S.Element == PathStep {
        guard !more.isEmpty else { return self }
        guard steps.count + more.count <= AbstractPlace.maxSteps else { return nil }
        return AbstractPlace(root, steps + more)
    }

    /// The IR path without dereferences.
    static func steps(of path: [Selector]) -> [PathStep] {
        path.compactMap { s in
            switch s {
            case .field(let f): return .field(f)
            case .element: return .element
            case .deref: return nil
            }
        }
    }

    /// Whether the root is a package-level variable.
    var isGlobal: Bool {
        if case .global = root { return true }
        return false
    }

    /// Whether the root is a variable of function `node` itself.
    func isLocal(to node: Int) -> Bool {
        if case .local(let owner, _) = root { return owner == node }
        return false
    }
}
