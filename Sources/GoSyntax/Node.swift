/// The abstract syntax of Go, stored flat.
///
/// A file's nodes live in one array (`SyntaxTree.nodes`) and refer to each
/// other by `NodeID`, a 32-bit index; lists of children live in a second
/// array (`SyntaxTree.lists`) and are referred to by `NodeList`. No node is
/// a heap object, so parsing a file allocates a handful of arrays, later
/// stages can attach facts to nodes with plain arrays indexed by `NodeID`,
/// and a tree is a `Sendable` value.
///
/// Each case documents its grammar, as Go's own
/// `cmd/compile/internal/syntax/nodes.go` does. Every node has a start and
/// an end byte offset (`SyntaxTree.start(_:)`, `end(_:)`); the cases below
/// additionally carry the offset of the token the Go compiler reports for
/// that node (the operator of a binary expression, the `(` of a call) where
/// it differs from the start, so that escape analysis can print positions
/// exactly as `go build -gcflags=-m` does.
public enum Node: Sendable, Equatable {
    // MARK: Expressions

    /// A construct that did not parse; its range covers the skipped text.
    case bad
    /// Name
    case ident(Name)
    /// INT | FLOAT | IMAG | CHAR | STRING. The text is the node's source range.
    case basicLit(LitKind)
    /// Type{ Elts }. `type` is `.none` for an elided type inside an outer
    /// composite literal (`[]T{{1, 2}}`).
    case compositeLit(type: NodeID, elts: NodeList, lbrace: UInt32)
    /// Key: Value (inside a composite literal).
    case keyValue(key: NodeID, value: NodeID, colon: UInt32)
    /// func Type Body (`type` is a `.funcType`, `body` a `.block`).
    case funcLit(type: NodeID, body: NodeID)
    /// ( X )
    case paren(NodeID)
    /// X.Sel (`sel` is an `.ident`); also a qualified name `pkg.Name`.
    case selector(x: NodeID, sel: NodeID, dot: UInt32)
    /// X[Index] or, for a generic instantiation, X[T1, T2, ...].
    case index(x: NodeID, indices: NodeList, lbrack: UInt32)
    /// X[Lo:Hi] or X[Lo:Hi:Max]; absent bounds are `.none`.
    case slice(x: NodeID, lo: NodeID, hi: NodeID, max: NodeID, threeIndex: Bool, lbrack: UInt32)
    /// X.(Type), or X.(type) in a type switch guard (then `type` is `.none`).
    case typeAssert(x: NodeID, type: NodeID, dot: UInt32)
    /// Fun(Args) or Fun(Args...) (`hasEllipsis`). Conversions parse as calls.
    case call(fun: NodeID, args: NodeList, hasEllipsis: Bool, lparen: UInt32)
    /// *X: a dereference or a pointer type.
    case star(NodeID)
    /// Op X for `&`, `!`, `-`, `+`, `^`, `<-` (receive) and `~` (in constraints).
    case unary(op: Token, x: NodeID)
    /// X Op Y. In a constraint, `|` joins the terms of a union.
    case binary(op: Token, x: NodeID, y: NodeID, opPos: UInt32)

    // MARK: Types

    /// [Len]Elem; `len` is `.none` for a slice type and an `.ellipsis` with
    /// no element for `[...]Elem`.
    case arrayType(len: NodeID, elem: NodeID)
    /// ...Elem for a variadic parameter; `elem` is `.none` in `[...]T`.
    case ellipsis(elem: NodeID)
    /// struct { Fields } (each a `.field`).
    case structType(fields: NodeList)
    /// Names Type Tag, in a struct, a parameter or result list, or an
    /// interface. `names` is empty for an embedded field, an unnamed
    /// parameter, or an embedded interface element; `tag` is a `.basicLit`
    /// or `.none`.
    case field(names: NodeList, type: NodeID, tag: NodeID)
    /// func[TypeParams](Params) Results; the lists hold `.field`s.
    case funcType(typeParams: NodeList, params: NodeList, results: NodeList)
    /// interface { Elems }: methods are `.field`s with one name and a
    /// `.funcType`; embedded types and unions (`~int | string`) are `.field`s
    /// without names.
    case interfaceType(elems: NodeList)
    /// map[Key]Value
    case mapType(key: NodeID, value: NodeID)
    /// chan Elem, chan<- Elem, <-chan Elem
    case chanType(dir: ChanDir, elem: NodeID)

    // MARK: Statements

    /// A declaration inside a function (`decl` is a `.genDecl`).
    case declStmt(NodeID)
    /// ; written or implied (an empty block, a label at the end of a block).
    case emptyStmt
    /// Label: Stmt
    case labeled(label: NodeID, stmt: NodeID)
    /// X (a call or a receive, usually).
    case exprStmt(NodeID)
    /// Chan <- Value
    case send(chan: NodeID, value: NodeID, arrow: UInt32)
    /// X++ or X--
    case incDec(x: NodeID, isIncrement: Bool, opPos: UInt32)
    /// Lhs Op Rhs where Op is `=`, `:=` or a compound `op=`.
    case assign(lhs: NodeList, rhs: NodeList, op: Token, opPos: UInt32)
    /// go Call | defer Call: one shape, since concurrency rules treat them
    /// alike (`keyword` is `.kwGo` or `.kwDefer`).
    case callStmt(keyword: Token, call: NodeID)
    /// return Results
    case returnStmt(results: NodeList)
    /// break Label | continue Label | goto Label | fallthrough; `label` may be `.none`.
    case branch(keyword: Token, label: NodeID)
    /// { Stmts }
    case block(stmts: NodeList)
    /// if Init; Cond Then else Else. `else` is a `.block`, an `.ifStmt` or `.none`.
    case ifStmt(initStmt: NodeID, cond: NodeID, then: NodeID, elseStmt: NodeID)
    /// case List: Body, or default: Body (`isDefault`), in an expression or
    /// type switch.
    case caseClause(list: NodeList, body: NodeList, isDefault: Bool, colon: UInt32)
    /// switch Init; Tag { Clauses } (`body` is a `.block` of `.caseClause`s).
    case switchStmt(initStmt: NodeID, tag: NodeID, body: NodeID)
    /// switch Init; Guard { Clauses }, where Guard is `x := y.(type)` (an
    /// `.assign`) or `y.(type)` (an `.exprStmt`).
    case typeSwitchStmt(initStmt: NodeID, guardStmt: NodeID, body: NodeID)
    /// case Comm: Body, or default: Body when `comm` is `.none`. Comm is a
    /// `.send`, an `.exprStmt` receive, or an `.assign` receive.
    case commClause(comm: NodeID, body: NodeList, colon: UInt32)
    /// select { Clauses } (`body` is a `.block` of `.commClause`s).
    case selectStmt(body: NodeID)
    /// for Init; Cond; Post Body. Any of the three may be `.none`.
    case forStmt(initStmt: NodeID, cond: NodeID, post: NodeID, body: NodeID)
    /// for Key, Value Tok range X Body; `tok` is `.define`, `.assign`, or
    /// `.illegal` when there are no iteration variables (`for range x`).
    case rangeStmt(key: NodeID, value: NodeID, tok: Token, x: NodeID, body: NodeID)

    // MARK: Declarations

    /// import|const|type|var Spec, or the same with ( Specs ) (`grouped`).
    case genDecl(keyword: Token, specs: NodeList, grouped: Bool)
    /// Name "path"; `name` is `.none`, an `.ident` (including `_` and `.`).
    case importSpec(name: NodeID, path: NodeID)
    /// Names Type = Values, in a const or var declaration. For a constant
    /// spec that repeats the previous one implicitly, `type` is `.none` and
    /// `values` empty; `iota` is the spec's index in its group.
    case valueSpec(names: NodeList, type: NodeID, values: NodeList, iota: Int32)
    /// Name[TypeParams] Type, or Name = Type for an alias (`isAlias`).
    case typeSpec(name: NodeID, typeParams: NodeList, isAlias: Bool, type: NodeID)
    /// func (Recv) Name Type Body. `recv` is empty for a plain function;
    /// `body` is `.none` for a function implemented elsewhere (assembly).
    case funcDecl(recv: NodeList, name: NodeID, type: NodeID, body: NodeID)
    /// package Name; Decls (imports first, as `.genDecl`s).
    case file(packageName: NodeID, decls: NodeList)
}

/// Index of a node in its `SyntaxTree`. Index 0 is reserved: `.none` stands
/// for an absent optional child.
public struct NodeID: Hashable, Sendable, Comparable {
    public var raw: Int32
    @inlinable public init(_ raw: Int32) { self.raw = raw }
    public static let none = NodeID(0)
    @inlinable public var isNone: Bool { raw == 0 }
    @inlinable public var index: Int { Int(raw) }
    @inlinable public static func < (a: NodeID, b: NodeID) -> Bool { a.raw < b.raw }
}

/// A run of children in `SyntaxTree.lists`.
public struct NodeList: Hashable, Sendable {
    public var start: Int32
    public var count: Int32
    @inlinable public init(start: Int32, count: Int32) {
        self.start = start
        self.count = count
    }
    public static let empty = NodeList(start: 0, count: 0)
    @inlinable public var isEmpty: Bool { count == 0 }
}

/// An identifier interned in its tree: two `Name`s of one tree are equal
/// exactly when their spellings are.
public struct Name: Hashable, Sendable {
    public var raw: Int32
    @inlinable public init(_ raw: Int32) { self.raw = raw }
}

public enum LitKind: UInt8, Sendable {
    case int, float, imag, char, string
}

public enum ChanDir: UInt8, Sendable {
    /// chan T
    case both
    /// chan<- T
    case send
    /// <-chan T
    case recv
}

/// A `//` or `/* */` comment, by byte range (the text includes the markers).
public struct Comment: Sendable, Equatable {
    public var start: UInt32
    public var end: UInt32
    public init(start: UInt32, end: UInt32) {
        self.start = start
        self.end = end
    }
}

/// A syntax error at a byte offset, with the message the Go compiler would
/// print where that is practical ("unexpected newline, expected comma or )").
public struct SyntaxError: Sendable, Equatable, Error {
    public var offset: UInt32
    public var message: String
    public init(offset: UInt32, message: String) {
        self.offset = offset
        self.message = message
    }
}
