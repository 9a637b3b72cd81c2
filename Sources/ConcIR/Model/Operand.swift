/// What an operation reads or writes: a place, a constant, a function
/// reference, or nothing known.
///
/// Places are where resources live (a channel in a local, a WaitGroup field
/// of a struct, a map behind a pointer); analyses key their facts by `Place`
/// and follow identities through `assign`. Every case is a plain value: an
/// operand allocates only when its path is not empty or its name is long.
public enum Operand: Hashable, Sendable {
    case place(Place)
    case int(Int64)
    case string(String)
    case bool(Bool)
    case `nil`
    /// A function used as a value (`func pkg.F`): a callback, a method value.
    case function(String)
    /// `?`: a value the lowering does not model.
    case unknown
    /// `_`: a discarded result (only valid among results).
    case blank

    /// The temporary `%n`.
    public static func temp(_ n: UInt32) -> Operand { .place(Place(.temp(n))) }
    /// A local variable, parameter, result or captured variable by name.
    public static func variable(_ name: String) -> Operand { .place(Place(.variable(name))) }
    /// A package-level variable by qualified name (`pkg.name`).
    public static func global(_ name: String) -> Operand { .place(Place(.global(name))) }

    /// The place, when this operand is one.
    public var place: Place? {
        if case .place(let p) = self { return p }
        return nil
    }

    /// Whether this is a constant (int, string, bool or nil).
    public var isConstant: Bool {
        switch self {
        case .int, .string, .bool, .nil: return true
        default: return false
        }
    }

    /// The integer value of an int constant.
    public var intValue: Int64? {
        if case .int(let v) = self { return v }
        return nil
    }

    /// A field of this operand's place (`s` -> `s.mu`); other operands are
    /// returned unchanged.
    public func field(_ name: String) -> Operand {
        guard case .place(let p) = self else { return self }
        return .place(p.appending(.field(name)))
    }

    /// The collapsed element of this operand's place (`xs` -> `xs[]`).
    public var element: Operand {
        guard case .place(let p) = self else { return self }
        return .place(p.appending(.element))
    }
}

/// A storage location: a root (temporary, variable, global) and a path of
/// field selections, element accesses and dereferences.
///
/// Fields select through values and pointers alike, as Go's `p.f` does, so
/// `p.inner.wg` is the same place whether `p` is a struct or a pointer to
/// one. Elements of slices, arrays and maps are collapsed into one `[]`.
public struct Place: Hashable, Sendable {
    public enum Root: Hashable, Sendable {
        /// `%n`: a temporary of the function.
        case temp(UInt32)
        /// A parameter, result, receiver, captured variable or local.
        case variable(String)
        /// A package-level variable (`pkg.name`).
        case global(String)

        /// Whether this is a package-level variable.
        public var isGlobal: Bool {
            if case .global = self { return true }
            return false
        }
    }

    public var root: Root
    public var path: [Selector]

    public init(_ root: Root, path: [Selector] = []) {
        self.root = root
        self.path = path
    }

    public func appending(_ selector: Selector) -> Place {
        var copy = self
        copy.path.append(selector)
        return copy
    }

    /// The place without its last selector (nil for a bare root).
    public var parent: Place? {
        guard !path.isEmpty else { return nil }
        return Place(root, path: Array(path.dropLast()))
    }

    /// Whether `other` is this place or lies inside it (`s` contains `s.mu`).
    public func contains(_ other: Place) -> Bool {
        other.root == root && other.path.starts(with: path)
    }
}

/// One step of a place's path. Ordered fields first (by name), then
/// elements, then dereferences, so that sorted paths come out the same in
/// every run.
public enum Selector: Hashable, Sendable, Comparable {
    /// `.name`: a struct field, through a pointer or not.
    case field(String)
    /// `[]`: some element of a slice, array or map.
    case element
    /// `*`: the value a pointer points to.
    case deref

    public static func < (a: Selector, b: Selector) -> Bool {
        a.orderKey < b.orderKey
    }

    private var orderKey: (Int, String) {
        switch self {
        case .field(let name): return (0, name)
        case .element: return (1, "")
        case .deref: return (2, "")
        }
    }
}
