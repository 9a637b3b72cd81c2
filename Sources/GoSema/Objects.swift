import GoSyntax

/// A named entity: a variable, constant, type name, function, package name,
/// builtin or label. Objects have identity; analyses use them as keys ("the
/// WaitGroup variable `wg`", "the function `(*Server).Run`").
public final class Object: @unchecked Sendable, Hashable, CustomStringConvertible {
    public enum Kind: UInt8, Sendable {
        case variable        // local or package-level variable
        case parameter       // function parameter (or receiver)
        case result          // named or unnamed function result
        case field           // struct field
        case constant
        case typeName
        case function        // package-level function
        case method          // method (concrete or interface)
        case packageName     // an import's local name
        case builtin         // len, make, append...
        case label
        case nilValue        // the predeclared nil
    }

    public let kind: Kind
    public let name: String
    public internal(set) var type: GoType
    /// Import path of the declaring package ("" for universe objects).
    public let packagePath: String
    /// Where it is declared: a file of its package and the name's node
    /// (`.none` for universe objects and synthesized ones).
    public let declaration: Declaration?
    /// For constants: the value, when known.
    public internal(set) var constant: Constant?
    /// For package names: the imported package.
    public internal(set) var importedPackage: PackageInfo?
    /// For methods: whether the receiver is a pointer (`func (s *S) M()`).
    public internal(set) var hasPointerReceiver = false
    /// For functions and methods: the declaring `.funcDecl` node (through
    /// `declaration`), whether it has a body, and `//go:` directives.
    public internal(set) var directives: Set<String> = []
    /// For a generic alias (`type Set[T comparable] = map[T]struct{}`, Go
    /// 1.24): its type parameters, which its `type` mentions; a use
    /// `Set[string]` substitutes the arguments.
    public internal(set) var aliasTypeParameters: [TypeParameter] = []
    /// Whether a function literal captures (and so may share) this local.
    public internal(set) var isCaptured = false
    /// Whether the variable's address is taken or it is captured by a
    /// closure that outlives... (used by escape analysis as a first cut).
    public internal(set) var addressTaken = false
    /// For package-level variables, functions, types: true. For locals: false.
    public let isPackageLevel: Bool
    /// For locals and parameters: the function (`.funcDecl` or `.funcLit`
    /// node) that declares it, for capture analysis.
    public let enclosingFunction: NodeID

    init(kind: Kind, name: String, type: GoType, packagePath: String, declaration: Declaration?,
         isPackageLevel: Bool = false, enclosingFunction: NodeID = .none) {
        self.kind = kind
        self.name = name
        self.type = type
        self.packagePath = packagePath
        self.declaration = declaration
        self.isPackageLevel = isPackageLevel
        self.enclosingFunction = enclosingFunction
    }

    public static func == (a: Object, b: Object) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }

    /// Whether this is a variable-like object (variable, parameter, result).
    public var isVariable: Bool { kind == .variable || kind == .parameter || kind == .result }

    /// The name analyses print: `pkg.F`, `(*pkg.T).M`, `pkg.T.M` for
    /// interface methods, or the bare name for locals.
    public var qualifiedName: String {
        let pkg = packagePath.split(separator: "/").last.map(String.init) ?? packagePath
        switch kind {
        case .function, .typeName:
            return pkg.isEmpty ? name : "\(pkg).\(name)"
        case .method:
            guard let recv = type.signature?.receiver else { return name }
            if let n = recv.namedOrPointee {
                let base = n.qualifiedName
                return hasPointerReceiver || recv.isPointer ? "(*\(base)).\(name)" : "\(base).\(name)"
            }
            return "\(recv).\(name)"
        case .variable, .constant:
            return isPackageLevel && !pkg.isEmpty ? "\(pkg).\(name)" : name
        default:
            return name
        }
    }

    public var description: String { "\(kind) \(qualifiedName): \(type)" }
}

/// Where an object is declared: the file (by its index in its package) and
/// the identifier node.
public struct Declaration: Hashable, Sendable {
    public var file: Int
    public var node: NodeID
    public init(file: Int, node: NodeID) {
        self.file = file
        self.node = node
    }
}

/// A lexical scope: names to objects, with a parent. Scopes are only
/// mutated while their package is checked.
public final class Scope: @unchecked Sendable {
    public let parent: Scope?
    private(set) var names: [String: Object] = [:]

    init(parent: Scope?) {
        self.parent = parent
    }

    /// Declares `object`; returns the previous declaration of the same name
    /// in this scope, if any (a redeclaration), leaving it in place.
    @discardableResult
    func insert(_ object: Object) -> Object? {
        if object.name == "_" { return nil }
        if let existing = names[object.name] { return existing }
        names[object.name] = object
        return nil
    }

    /// Replaces or adds a binding (used for package scopes built from
    /// several files, where the caller handles redeclarations).
    func set(_ object: Object) {
        names[object.name] = object
    }

    public func lookupLocal(_ name: String) -> Object? { names[name] }

    public func lookup(_ name: String) -> Object? {
        var s: Scope? = self
        while let scope = s {
            if let o = scope.names[name] { return o }
            s = scope.parent
        }
        return nil
    }

    /// The objects of this scope only, sorted by name (deterministic).
    public var objects: [Object] { names.values.sorted { $0.name < $1.name } }
}
