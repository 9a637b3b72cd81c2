/// What a `call` (or a `go`/`defer` of one) invokes.
///
/// For methods and interface methods the receiver is the call's first
/// argument, as in a Go method expression `(*T).M(recv, args...)`, so that
/// argument indices line up with the callee's parameters plus receiver.
public enum Callee: Hashable, Sendable {
    /// A function or a closure known at compile time: `pkg.F`, `pkg.F.func1`.
    case function(String)
    /// A concrete method `(*pkg.T).M` or `(pkg.T).M`; receiver = first argument.
    case method(String)
    /// An interface method `(pkg.I).M`; receiver = first argument. The
    /// implementations are the methods of the analysed code that may run.
    case interface(String, implementations: [String])
    /// A call through a function value (a variable holding a closure, a
    /// func-typed field, a method value), with the functions it may hold
    /// when the lowering knows them.
    case dynamic(Operand, targets: [String])
    /// A callee the lowering could not determine.
    case unknown

    /// The functions the call graph and the analyses follow from this
    /// call: those it may enter, as far as they are known, except that an
    /// interface call with more than `maxFollowedImplementations` of them
    /// counts as a call of unknown code.
    ///
    /// Such an interface is one most of the program implements (`error`,
    /// `fmt.Stringer`, `io.Reader`, `io.Writer`, `io.Closer`): knowing that
    /// any of a few hundred methods may run tells no analysis anything it
    /// can use (a release or a lock through the call must hold for every
    /// one of them), while following them all gave the call graph an edge
    /// from every such call to every implementation, so that its size, and
    /// the time of every pass over it, grew with the square of the program.
    /// `knownTargets` keeps them all (for the method's signature).
    public var possibleTargets: [String] {
        isUnfollowedInterfaceCall ? [] : knownTargets
    }

    /// Whether this is an interface call with more implementations than
    /// the analyses follow: unknown code to them (`possibleTargets`).
    public var isUnfollowedInterfaceCall: Bool {
        if case .interface(_, let impls) = self { return impls.count > Callee.maxFollowedImplementations }
        return false
    }

    /// More implementations than this make an interface call unknown code
    /// to the analyses (`possibleTargets`). Measured on GOROOT/src: with
    /// 32 or 128 the findings are those of 64; with 16 the lint loses a
    /// true one (a `ServeHTTP` that recurses through `http.Handler`, which
    /// has between 16 and 32 implementations there); following them all
    /// takes the call graph from 345,243 edges to 565,037 and adds one
    /// false finding (a recursion only through `io.Reader`).
    public static let maxFollowedImplementations = 64

    /// Every function this call may enter, as far as they are known.
    public var knownTargets: [String] {
        switch self {
        case .function(let n), .method(let n): return [n]
        case .interface(_, let impls): return impls
        case .dynamic(let value, let targets):
            // A function used directly as the value (`(func pkg.F)()`) is a target too.
            if case .function(let f) = value, !targets.contains(f) { return [f] + targets }
            return targets
        case .unknown: return []
        }
    }

    /// The name the call names itself by: the function, the method, or the
    /// interface method (`(net.Addr).String`, not its implementations); nil
    /// for a call through a function value or an unknown callee.
    public var staticName: String? {
        switch self {
        case .function(let n), .method(let n), .interface(let n, _): return n
        case .dynamic, .unknown: return nil
        }
    }

    /// Whether the first argument is the receiver.
    public var hasReceiver: Bool {
        switch self {
        case .method, .interface: return true
        default: return false
        }
    }
}

/// Helpers that build function names the way the DSL parser does, so that
/// names made by the lowering and names read back from text are equal.
public enum FunctionName {
    /// `(*pkg.T).M` for a receiver type `*pkg.T` and a method `M`.
    public static func method(receiver: GoType, name: String) -> String {
        "(" + receiver.description + ")." + name
    }

    /// `pkg.init.N`: the lowering's name for the package's N-th `func
    /// init()` (a package may declare several, all named init in Go).
    public static func initFunction(package: String, index: Int) -> String {
        package + ".init." + String(index)
    }

    /// Whether the name is code that runs once, before `main`: the
    /// package's variable initializer (`pkg.init`) or one of its `func
    /// init()`s (`pkg.init.N`; `pkg.init#N` in older hand-written IR), not a
    /// closure inside one (`pkg.init.0.func1`).
    public static func isInitializer(_ qualified: String) -> Bool {
        guard methodName(qualified) == nil else { return false }
        let parts = qualified.split(separator: ".", omittingEmptySubsequences: false)
        guard let last = parts.last else { return false }
        if last == "init" || last.hasPrefix("init#") { return true }
        return parts.count >= 3 && parts[parts.count - 2] == "init" && !last.isEmpty && last.allSatisfy(\.isNumber)
    }

    /// Whether the name is a package's `func main()` (`example.com/m/cmd/tool.main`,
    /// `main.main`): a program's entry when the package is main. The IR
    /// names functions by import path, so a main package inside a module
    /// is not `main.main`; a closure is `….main.func1` and a method
    /// `(T).main`, neither of which ends in `.main` as a function.
    public static func isProgramMain(_ qualified: String) -> Bool {
        qualified.hasSuffix(".main") && methodName(qualified) == nil
    }

    /// Whether another package can call the function or method of this
    /// qualified name: its own name, after the last dot, is exported. A
    /// closure's (`pkg.F.func1`) is not, whatever its parent's.
    public static func isExported(_ qualified: String) -> Bool {
        guard let last = qualified.split(separator: ".").last else { return false }
        return isExportedIdentifier(last)
    }

    /// Go's rule: an identifier is exported when its first letter is upper case.
    public static func isExportedIdentifier(_ name: some StringProtocol) -> Bool {
        name.unicodeScalars.first?.properties.isUppercase ?? false
    }

    /// Whether the name is a method's (`(*pkg.T).M`), not a closure inside
    /// one (`(*pkg.T).M.func1`) or a plain function.
    public static func isMethod(_ qualified: String) -> Bool {
        guard let method = methodName(qualified) else { return false }
        return !method.utf8.contains(0x2E)
    }

    /// The methods of testing's T, B, F and TB that end the test's
    /// goroutine with runtime.Goexit (deferred calls run, no panic).
    public static let testGoroutineEnders: Set<String> = ["FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf"]

    /// Whether the name is runtime.Goexit or one of `testGoroutineEnders`
    /// (`(*testing.common).Fatalf`, `(testing.TB).Fatal`): a call that ends
    /// the goroutine without a panic any caller could recover.
    public static func endsGoroutineWithoutPanic(_ qualified: String) -> Bool {
        if qualified == "runtime.Goexit" { return true }
        guard qualified.hasPrefix("(*testing.") || qualified.hasPrefix("(testing."), isMethod(qualified),
              let method = methodName(qualified) else { return false }
        return testGoroutineEnders.contains(String(method))
    }

    /// The method name of a method's qualified name (`M` in `(*pkg.T).M`).
    public static func methodName(_ qualified: String) -> Substring? {
        let utf8 = qualified.utf8
        guard utf8.first == 0x28, let close = utf8.lastIndex(of: 0x29) else { return nil }
        let dot = utf8.index(after: close)
        guard dot < utf8.endIndex, utf8[dot] == 0x2E else { return nil }
        return qualified[utf8.index(after: dot)...]
    }
}
