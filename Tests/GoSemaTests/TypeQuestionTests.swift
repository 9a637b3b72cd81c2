import Testing
@testable import GoSema

/// The questions every concurrency rule asks, answered on Go code shaped
/// like real code: what type is this value, what does this call reach,
/// what does this closure capture.
@Suite struct TypeQuestionTests {
    @Test func structFieldsOfConcurrencyTypes() {
        let c = CheckedSource("""
        package p
        import ("sync"; "time"; "context")
        type Server struct {
            mu      sync.Mutex
            cache   map[string]int
            wg      *sync.WaitGroup
            done    chan struct{}
            results chan<- error
            ticker  *time.Ticker
            cancel  context.CancelFunc
        }
        func (s *Server) Run() {
            s.mu.Lock()
            s.cache["a"]++
            s.wg.Add(1)
            close(s.done)
            s.results <- nil
            <-s.ticker.C
            s.cancel()
        }
        """)
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        #expect(c.type("s.mu") == "sync.Mutex")
        #expect(c.type("s.cache") == "map[string]int")
        #expect(c.type("s.wg") == "*sync.WaitGroup")
        #expect(c.type("s.done") == "chan struct{}")
        #expect(c.type("s.results") == "chan<- error")
        #expect(c.type("s.ticker.C") == "<-chan time.Time")
        #expect(c.type("s.cancel") == "context.CancelFunc")
        #expect(c.callee("s.mu.Lock()") == "(*sync.Mutex).Lock")
        #expect(c.callee("s.wg.Add(1)") == "(*sync.WaitGroup).Add")
    }

    @Test func embeddedMutexPromotesItsMethods() throws {
        let c = CheckedSource("""
        package p
        import "sync"
        type Store struct {
            sync.RWMutex
            items map[string]int
        }
        type Wrapped struct{ *Store }
        func (w Wrapped) Get(k string) int {
            w.RLock()
            defer w.RUnlock()
            return w.items[k]
        }
        """)
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        #expect(c.callee("w.RLock()") == "(*sync.RWMutex).RLock")
        #expect(c.type("w.items") == "map[string]int")
        let sel = try #require(c.node("w.RLock"))
        let selection = try #require(c.file.selections[sel])
        #expect(selection.path == [0, 0])
        #expect(selection.indirect)
    }

    @Test func genericTypesAndFunctions() {
        let c = CheckedSource("""
        package p
        import "sync"
        type Cache[K comparable, V any] struct {
            mu sync.Mutex
            m  map[K]V
        }
        func (c *Cache[K, V]) Get(k K) (V, bool) {
            c.mu.Lock()
            defer c.mu.Unlock()
            v, ok := c.m[k]
            return v, ok
        }
        func Map[S ~[]E, E, R any](s S, f func(E) R) []R {
            out := make([]R, 0, len(s))
            for _, x := range s { out = append(out, f(x)) }
            return out
        }
        func use() {
            var c Cache[string, chan int]
            ch, ok := c.Get("k")
            names := Map([]int{1, 2}, func(i int) string { return "" })
            _, _, _ = ch, ok, names
            c.m["x"] = nil
        }
        """)
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        #expect(c.type("c.m", occurrence: 0) == "map[K]V")
        #expect(c.type("ch", occurrence: 0) == "chan int")
        #expect(c.type("names", occurrence: 0) == "[]string")
        #expect(c.type("c.m", occurrence: 1) == "map[string]chan int")
        #expect(c.callee("c.Get(\"k\")") == "(*p.Cache).Get")
    }

    @Test func closuresCaptureByReference() throws {
        let c = CheckedSource("""
        package p
        import "sync"
        func fanOut(jobs []int) map[int]int {
            var wg sync.WaitGroup
            results := map[int]int{}
            var mu sync.Mutex
            for _, j := range jobs {
                wg.Add(1)
                go func() {
                    defer wg.Done()
                    mu.Lock()
                    results[j] = j * 2
                    mu.Unlock()
                }()
            }
            wg.Wait()
            return results
        }
        """)
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        let literal = try #require(c.tree.functions().first { if case .funcLit = c.tree[$0] { return true }; return false })
        let captured = (c.file.captures[literal] ?? []).map(\.name)
        #expect(captured == ["wg", "mu", "results", "j"])
        #expect(c.file.captures[literal]?.allSatisfy(\.isCaptured) == true)
    }

    @Test func multiValueResultsAndCommaOk() {
        let c = CheckedSource("""
        package p
        import ("context"; "time")
        func f(parent context.Context, m map[string]*time.Timer, in <-chan []byte, x any) {
            ctx, cancel := context.WithTimeout(parent, 2*time.Second)
            defer cancel()
            t, found := m["k"]
            data, open := <-in
            s, isString := x.(string)
            _, _, _, _, _, _, _ = ctx, t, found, data, open, s, isString
        }
        """)
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        #expect(c.type("ctx", occurrence: 0) == "context.Context")
        #expect(c.type("cancel", occurrence: 0) == "context.CancelFunc")
        #expect(c.type("t", occurrence: 0) == "*time.Timer")
        #expect(c.type("found", occurrence: 0) == "bool")
        #expect(c.type("data", occurrence: 0) == "[]byte" || c.type("data", occurrence: 0) == "[]uint8")
        #expect(c.type("open", occurrence: 0) == "bool")
        #expect(c.type("s", occurrence: 0) == "string")
    }

    @Test func shadowingAndConstantCapacities() {
        let c = CheckedSource("""
        package p
        const workers = 4
        const buffered = workers * 2
        func f(ch chan string) {
            _ = ch
            {
                ch := make(chan int, buffered)
                ch <- 1
            }
            ch <- "x"
        }
        """)
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        #expect(c.type("ch", occurrence: 1) == "chan string")
        #expect(c.type("ch", occurrence: 2) == "chan int")
        #expect(c.type("ch", occurrence: 3) == "chan int")
        #expect(c.type("ch", occurrence: 4) == "chan string")
        let capacity = c.node("buffered", occurrence: 1).flatMap { c.file.constant(of: $0) }
        #expect(capacity == .int(8))
    }

    @Test func interfaceCallsMethodValuesAndHandlers() {
        let c = CheckedSource("""
        package p
        import "net/http"
        type api struct{ hits map[string]int }
        func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.hits[r.Host]++ }
        func serve(h http.Handler, a *api) {
            run := a.ServeHTTP
            http.HandleFunc("/", run)
            h.ServeHTTP(nil, nil)
            var _ http.Handler = a
        }
        """)
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        #expect(c.type("run", occurrence: 0) == "func(http.ResponseWriter, *http.Request)")
        #expect(c.callee("h.ServeHTTP(nil, nil)") == "ServeHTTP")
        #expect(c.callee("http.HandleFunc(\"/\", run)") == "http.HandleFunc")
        let handler = c.program.byPath["net/http"]!.scope.lookupLocal("Handler")!.type
        guard case .interface(let i) = handler.underlying else { Issue.record("Handler is not an interface"); return }
        let apiType = c.package.scope.lookupLocal("api")!.type
        #expect(TypeIdentity.implements(.pointer(apiType), i))
        #expect(!TypeIdentity.implements(apiType, i))
    }

    @Test func typeSwitchDeclaresOneVariablePerClause() throws {
        let c = CheckedSource("""
        package p
        import "sync"
        func f(x any) {
            switch v := x.(type) {
            case *sync.Mutex:
                v.Lock()
            case chan int, chan string:
                _ = v
            }
        }
        """)
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        let objects = c.file.implicits.values.map { $0.type.description }.sorted()
        #expect(objects == ["*sync.Mutex", "interface {}"])
        #expect(c.callee("v.Lock()") == "(*sync.Mutex).Lock")
    }

    @Test func unknownNamesDegradeWithOneDiagnosticEach() {
        let c = CheckedSource("""
        package p
        import "example.com/missing"
        func f() {
            x := undefinedThing()
            y := x.field
            missing.Call(y)
            missing.Call(y)
            z := g(1, 2, 3)
            _ = z
            var a missing.Array
            a[0] = x[1]
            _ = &a[1]
            _ = x[1:]
            // Elided literals inside a literal of a missing type: no second error.
            _ = missing.Intervals{{Mint: 1, Maxt: 2}}
            _ = missing.Params{"alpn": {"h2"}}
        }
        func g(a int) int { return a }
        """)
        #expect(c.type("x", occurrence: 0) == "invalid type")
        #expect(c.type("y", occurrence: 0) == "invalid type")
        #expect(c.diagnostics.contains("undefined: undefinedThing"))
        #expect(c.diagnostics.contains("could not import example.com/missing (no source found)"))
        #expect(c.diagnostics.count == 2, "\(c.diagnostics)")
    }

    @Test func packagesOfOneModuleResolveAcrossEachOther() {
        let c = CheckedSource([
            ("example.com/app", """
            package app
            import "example.com/app/queue"
            func run() { q := queue.New(8); q.Push(1); <-q.Items }
            """),
            ("example.com/app/queue", """
            package queue
            type Queue struct{ Items chan int }
            func New(n int) *Queue { return &Queue{Items: make(chan int, n)} }
            func (q *Queue) Push(v int) { q.Items <- v }
            """),
        ])
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        #expect(c.type("q", occurrence: 0) == "*queue.Queue")
        #expect(c.callee("q.Push(1)") == "(*queue.Queue).Push")
        #expect(c.type("q.Items") == "chan int")
    }

    @Test func importCyclesAreReportedAndBroken() {
        let c = CheckedSource([
            ("example.com/a", "package a\nimport \"example.com/b\"\nvar X = b.Y\n"),
            ("example.com/b", "package b\nimport \"example.com/a\"\nvar Y = a.X\n"),
        ])
        #expect(c.program.cycles == ["import cycle not allowed: example.com/a -> example.com/b"])
        #expect(c.type("b.Y") == "invalid type")
    }

    /// An in-package test importing a package that imports its own back
    /// (regexp's tests and testing, encoding/json's and net/http) is no
    /// cycle: the importer gets the package without its tests, and the
    /// types on both sides stay whole.
    @Test func inPackageTestsImportingAnImporterAreNoCycle() {
        let c = CheckedSource(packages: [
            ("example.com/codec", [
                ("codec.go", "package codec\ntype Decoder struct{ n int }\nfunc New() *Decoder { return &Decoder{} }\n"),
                ("codec_test.go", """
                package codec
                import "example.com/server"
                func use() { s := server.Start(); d := s.Decoder; _ = d.n; _ = exported }
                """),
                ("export_test.go", "package codec\nvar exported = 1\n"),
            ]),
            ("example.com/server", [("server.go", """
                package server
                import "example.com/codec"
                type Server struct{ Decoder *codec.Decoder }
                func Start() *Server { return &Server{Decoder: codec.New()} }
                """)]),
            ("example.com/codec_test", [("codec_x_test.go", """
                package codec_test
                import "example.com/codec"
                var seen = codec.New()
                """)]),
        ])
        #expect(c.program.cycles.isEmpty, "\(c.program.cycles)")
        let test = c.package.files[1]
        #expect(test.tree.source.path.hasSuffix("codec_test.go"))
        let server = c.program.byPath["example.com/server"]!
        #expect(server.diagnostics.isEmpty, "\(server.diagnostics.map(\.message))")
        // The analysed codec is the one with its tests; the server's is the copy without.
        #expect(c.program.byPath["example.com/codec"] === c.package)
        #expect(c.package.files.count == 3)
        #expect(server.imports.map(\.files.count) == [1])
        var types: [String: String] = [:]
        test.tree.walk(test.tree.root) { id in
            if case .selector = test.tree[id] { types[test.tree.text(id)] = test.type(of: id).description }
            return true
        }
        #expect(types["s.Decoder"] == "*codec.Decoder")
        #expect(types["d.n"] == "int")
    }

    /// `new(x)` (Go 1.26) is a pointer to a variable of x's type; an
    /// untyped constant takes its default type. `new(T)` is as before.
    @Test func newOfAValue() {
        let c = CheckedSource("""
        package p
        type Config struct{ Timeout *int; Name *string; Ratio *float64 }
        func f(s string, in chan uint64) (*Config, *uint64, *[]byte) {
            return &Config{Timeout: new(30), Name: new(s), Ratio: new(0.5)}, new(<-in), new([]byte)
        }
        """)
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        #expect(c.type("new(30)") == "*int")
        #expect(c.type("new(s)") == "*string")
        #expect(c.type("new(0.5)") == "*float64")
        #expect(c.type("new(<-in)") == "*uint64")
        #expect(c.type("new([]byte)") == "*[]uint8")
    }

    /// Generic aliases (Go 1.24): `Alias[args]` is the aliased type with
    /// the arguments substituted, in the declaring package and from an
    /// importer (tailscale's `usermetric.MultiLabelMap[T] =
    /// metrics.MultiLabelMap[T]`).
    @Test func genericAliases() {
        let c = CheckedSource([
            ("example.com/app", """
            package app
            import "example.com/metrics"
            type Set[T comparable] = map[T]struct{}
            type Labels[T comparable] = metrics.Map[T]
            func f(s Set[string], m *Labels[int]) (int, []int, *metrics.Map[int]) {
                return len(s), m.keys, m
            }
            """),
            ("example.com/metrics", """
            package metrics
            type Map[T comparable] struct{ keys []T }
            """),
        ])
        #expect(c.diagnostics.isEmpty, "\(c.diagnostics)")
        #expect(c.type("s", occurrence: 1) == "map[string]struct{}")
        #expect(c.type("m.keys") == "[]int")
        #expect(c.type("m", occurrence: 2) == "*metrics.Map[int]")
    }
}
