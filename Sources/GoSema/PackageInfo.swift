import GoSyntax

/// A type-checked package: its files with the facts the checker attached
/// to their nodes, its scope, and what it imports.
public final class PackageInfo: @unchecked Sendable, Hashable {
    public let path: String
    public let name: String
    /// Absolute directory ("" for the built-in standard library model).
    public let directory: String
    /// The Go language version that governs the package (go.mod's `go`
    /// line), as "1.N"; nil when unknown (then the newest is assumed).
    public let goVersion: String?
    public internal(set) var files: [TypedFile] = []
    /// The bytes of the package's source files: how long a pass over it
    /// takes, for the passes that start the largest packages first.
    public var sourceBytes: Int { files.reduce(0) { $0 + $1.tree.source.bytes.count } }
    public let scope: Scope
    public internal(set) var imports: [PackageInfo] = []
    /// Problems found while checking: unknown names, missing packages. One
    /// per cause, in source order.
    public internal(set) var diagnostics: [SemaDiagnostic] = []
    /// Whether function bodies were checked (false for dependencies that
    /// are only needed for their declarations).
    public let bodiesChecked: Bool
    /// True for packages of the built-in standard library model (no GOROOT).
    public let isModel: Bool

    init(path: String, name: String, directory: String, goVersion: String?, bodiesChecked: Bool, isModel: Bool = false,
         universe: Scope? = nil) {
        self.path = path
        self.name = name
        self.directory = directory
        self.goVersion = goVersion
        self.scope = Scope(parent: universe ?? Universe.shared.scope)
        self.bodiesChecked = bodiesChecked
        self.isModel = isModel
    }

    public static func == (a: PackageInfo, b: PackageInfo) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }

    /// Every declared (named) type of the package, in name order.
    public var namedTypes: [NamedType] {
        scope.objects.compactMap { $0.kind == .typeName ? $0.type.named : nil }
    }
}

/// A problem the checker met: an unknown name, a missing import, an import
/// cycle. Values that depend on it become `.invalid`.
public struct SemaDiagnostic: Hashable, Sendable {
    public var file: String
    public var offset: UInt32
    public var message: String
    public init(file: String, offset: UInt32, message: String) {
        self.file = file
        self.offset = offset
        self.message = message
    }
}

/// One file with its facts. Per-node facts are arrays indexed by
/// `NodeID.index` (dense, cheap); sparse facts are dictionaries.
public final class TypedFile: @unchecked Sendable {
    public let tree: SyntaxTree
    /// Index of the file in its package.
    public let index: Int
    /// The type of each expression and type node (nil where none applies).
    public internal(set) var types: [GoType?]
    /// For each identifier: the object it declares or refers to.
    public internal(set) var objects: [Object?]
    /// For selector expressions `x.f`: what was selected.
    public internal(set) var selections: NodeTable<Selection>
    /// Constant values of constant expressions.
    public internal(set) var constants: NodeTable<Constant>
    /// For each type switch case clause, the implicit variable it declares.
    public internal(set) var implicits: [NodeID: Object] = [:]
    /// For each function literal: the outer variables it refers to, which
    /// Go captures by reference, in first-use order.
    public internal(set) var captures: [NodeID: [Object]] = [:]
    /// For each generic function call: the inferred or explicit type arguments.
    public internal(set) var instantiations: [NodeID: [GoType]] = [:]
    /// The file's imports: local name (or "_"/".") to package, in order.
    public internal(set) var imports: [(name: String, path: String, package: PackageInfo?)] = []

    init(tree: SyntaxTree, index: Int) {
        self.tree = tree
        self.index = index
        types = Array(repeating: nil, count: tree.nodeCount)
        objects = Array(repeating: nil, count: tree.nodeCount)
        // Sized from measurements on GOROOT/src: about one selector in 12
        // nodes and one constant in 25, so that the tables rarely grow.
        selections = NodeTable(nodeCount: tree.nodeCount, expected: tree.nodeCount / 12)
        constants = NodeTable(nodeCount: tree.nodeCount, expected: tree.nodeCount / 25)
    }

    public var path: String { tree.source.path }

    /// The type of an expression node, `.invalid` when unknown.
    public func type(of node: NodeID) -> GoType {
        types[node.index] ?? .invalid
    }

    /// The object an identifier declares or uses; for a selector, the
    /// selected object; for a parenthesised expression, that of its inside.
    public func object(of node: NodeID) -> Object? {
        switch tree[node] {
        case .ident: return objects[node.index]
        case .selector(_, let sel, _): return selections[node]?.object ?? objects[sel.index]
        case .paren(let x): return object(of: x)
        default: return nil
        }
    }

    /// Whether the expression at `node` denotes a type (`int`, `*T`,
    /// `[]byte`, `List[int]`), not a value: the argument of `new` and
    /// `make`, or the function of a call that is a conversion.
    public func denotesType(_ node: NodeID) -> Bool {
        switch tree[node] {
        case .arrayType, .mapType, .chanType, .funcType, .interfaceType, .structType, .ellipsis: return true
        case .ident, .selector: return object(of: node)?.kind == .typeName
        case .star(let x), .paren(let x), .index(let x, _, _): return denotesType(x)
        default: return false
        }
    }

    public func constant(of node: NodeID) -> Constant? { constants[node] }
}

/// What `x.f` selects.
public struct Selection: Sendable {
    public enum Kind: UInt8, Sendable {
        /// A struct field (possibly promoted through embedded fields).
        case field
        /// A method value or call `x.M`.
        case method
        /// A method expression `T.M` / `(*T).M`.
        case methodExpression
        /// `pkg.Name`.
        case qualified
    }
    public var kind: Kind
    public var object: Object
    /// Indices of the embedded fields walked through to reach the selection.
    public var path: [Int]
    /// Whether a pointer was dereferenced on the way (implicitly).
    public var indirect: Bool
    /// The type of `x` (the receiver expression) as written.
    public var receiverType: GoType
}
