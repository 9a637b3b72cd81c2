/// Library functions that take a function and run it later, elsewhere:
/// `http.HandleFunc` (per request, on server goroutines), `time.AfterFunc`,
/// `errgroup.Group.Go`. Calls to them add a callback edge to the function
/// passed, and make the caller a goroutine spawner.
public struct KnownSpawners: Sendable {
    public struct Entry: Hashable, Sendable {
        /// Which argument is the function (the receiver is argument 0 of a
        /// method call).
        public var argument: Int
        /// How the function is run: `.callback` on another goroutine, `.call`
        /// synchronously (sync.Once.Do).
        public var kind: CallEdgeKind

        public init(argument: Int, kind: CallEdgeKind) {
            self.argument = argument
            self.kind = kind
        }
    }

    public var entries: [String: Entry]

    public init(_ entries: [String: Entry]) { self.entries = entries }

    /// The standard library and golang.org/x/sync entries conclint knows.
    public static let standard = KnownSpawners([
        "net/http.HandleFunc": Entry(argument: 1, kind: .callback),
        "(*net/http.ServeMux).HandleFunc": Entry(argument: 2, kind: .callback),
        "time.AfterFunc": Entry(argument: 1, kind: .callback),
        "context.AfterFunc": Entry(argument: 1, kind: .callback),
        "runtime.SetFinalizer": Entry(argument: 1, kind: .callback),
        "(*sync.WaitGroup).Go": Entry(argument: 1, kind: .callback),
        "(*golang.org/x/sync/errgroup.Group).Go": Entry(argument: 1, kind: .callback),
        "(*golang.org/x/sync/errgroup.Group).TryGo": Entry(argument: 1, kind: .callback),
        "(*sync.Once).Do": Entry(argument: 1, kind: .call),
    ])

    public subscript(name: String) -> Entry? { entries[name] }
}
