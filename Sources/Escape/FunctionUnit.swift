import GoSema
import GoSyntax

/// One function the analysis walks: a declared function or method, or a
/// function literal (analysed in the batch of the function around it, as
/// the compiler analyses closures with their enclosing function).
struct FunctionUnit {
    var file: TypedFile
    /// The `.funcDecl` or `.funcLit` node.
    var node: NodeID
    /// The function or method object of a declaration.
    var object: Object?
    /// The unit of the function literal's enclosing function.
    var parent: Int?
    /// The compiler's name: `f`, `(*T).M`, `f.func1`, `f.func1.1`.
    var name: String
    var signature: Signature?
    /// One per parameter object (receiver first); nil for `_` and unnamed ones.
    var parameterLocations: [Int?] = []
    var resultLocations: [Int] = []
    /// Whether a literal is called right where it is defined (or through a
    /// variable that always holds it): then its results do not outlive the
    /// enclosing function's frame.
    var closureCalled = false
    /// Closures created in this unit so far (to number them `func1`, `func2`).
    var closureCount = 0

    var body: NodeID {
        switch file.tree[node] {
        case .funcDecl(_, _, _, let body): return body
        case .funcLit(_, let body): return body
        default: return .none
        }
    }

    var isClosure: Bool { parent != nil }
}

/// The name the compiler gives a declared function: `F`, `T.M`, `(*T).M`.
func compilerName(of object: Object) -> String {
    guard object.kind == .method, let recv = object.type.signature?.receiver else { return object.name }
    var base = recv
    var pointer = false
    if case .pointer(let e) = recv { base = e; pointer = true }
    let typeName = base.named?.name ?? "\(base)"
    return pointer ? "(*\(typeName)).\(object.name)" : "\(typeName).\(object.name)"
}
