import Foundation
import TestSupport
import Testing
@testable import Driver

/// The map-race analysis's per-component cache: when the run as a whole
/// misses, a call-graph component is taken from the earlier run when its
/// own text, the locks its callers hold, and the text and summaries of
/// what it calls are as they were; the output is byte for byte that of a
/// run without cache.
@Suite(.enabled(if: parserIsReal, "needs the real parser"))
struct MapRaceMemoTests {
    static let store = """
        package store

        import "sync"

        // Cache maps keys to values for many goroutines.
        type Cache struct {
        \tmu sync.Mutex
        \tm  map[string]int
        }

        // New makes an empty cache.
        func New() *Cache { return &Cache{m: map[string]int{}} }

        // Put stores a value.
        func (c *Cache) Put(k string, v int) {
        \tc.set(k, v)
        }

        // Get reads a value under the lock.
        func (c *Cache) Get(k string) int {
        \tc.mu.Lock()
        \tdefer c.mu.Unlock()
        \treturn c.m[k]
        }

        // refreshLocked reloads the cache; the caller holds c.mu.
        func (c *Cache) refreshLocked() {
        \tgo func() {
        \t\tc.mu.Lock()
        \t\tc.m["a"] = 1
        \t\tc.mu.Unlock()
        \t}()
        \t_ = c.m["b"]
        }

        // Refresh reloads the cache.
        func (c *Cache) Refresh() {
        \tc.mu.Lock()
        \tc.refreshLocked()
        \tc.mu.Unlock()
        }

        // set writes the map for Put.
        func (c *Cache) set(k string, v int) {
        \tc.m[k] = v
        }

        """

    static let app = """
        package app

        import "example.com/m/store"

        // Fill writes while another goroutine reads.
        func Fill(c *store.Cache) {
        \tgo c.Put("x", 1)
        \t_ = c.Get("x")
        }

        """

    /// `store` <- `app`.
    static func module() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.write("go.mod", "module example.com/m\n\ngo 1.22\n")
        try tree.write("store/store.go", store)
        try tree.write("app/app.go", app)
        return tree
    }

    /// The line of store/store.go that holds `text`.
    static func line(of text: String) -> Int {
        (store.components(separatedBy: "\n").firstIndex { $0.contains(text) } ?? -1) + 1
    }

    /// The write in `set` (where the race of Fill is reported) and the
    /// read in `refreshLocked` (where its own race is, when unlocked).
    static let setWrite = line(of: "c.m[k] = v")
    static let refreshRead = line(of: "_ = c.m[\"b\"]")

    /// Whether the JSON output has a finding at `line` of store/store.go.
    static func reports(_ output: String, line: Int) -> Bool {
        guard let data = output.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let findings = object["findings"] as? [[String: Any]] else { return false }
        return findings.contains { finding in
            guard let location = finding["location"] as? [String: Any] else { return false }
            return location["file"] as? String == "store/store.go" && location["line"] as? Int == line
        }
    }

    @Test func aComponentNothingReadChangedIsTakenAsItWas() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = AnalysisMemoTests.run(tree, cache: cache)
        let all = first.components(of: "maprace").all
        #expect(all >= 4, "Put, Get, the refresh pair and Fill at least: \(all)")
        #expect(first.components(of: "maprace").reused == 0)
        #expect(!CacheTests.entries(cache, kind: "maprace").isEmpty)
        #expect(Self.reports(first.stdout, line: Self.setWrite), "Fill's goroutine writes in Put while Get reads")

        try tree.write("app/app.go", Self.app + "// trailing\n")
        let comment = AnalysisMemoTests.run(tree, cache: cache)
        #expect(comment.components(of: "maprace") == (all, all))
        #expect(comment.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)

        // Fill changes and is analysed again, on the summaries of Put and
        // Get as the cache kept them: the race is still found.
        try tree.write("app/app.go", Self.app.replacingOccurrences(of: "\t_ = c.Get(\"x\")\n", with: "\t_ = c.Get(\"y\")\n"))
        let fill = AnalysisMemoTests.run(tree, cache: cache)
        #expect(fill.components(of: "maprace") == (all, all - 1))
        #expect(fill.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
        #expect(Self.reports(fill.stdout, line: Self.setWrite))
    }

    @Test func aSummaryThatChangesReachesTheCallersOfItsCallers() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = AnalysisMemoTests.run(tree, cache: cache)
        let all = first.components(of: "maprace").all

        // set's text changes, its summary (an unlocked write of c.m) does
        // not: set and its caller Put are analysed again, and Fill, which
        // calls Put, is not.
        try tree.write("store/store.go", Self.store.replacingOccurrences(of: "\tc.m[k] = v\n", with: "\tc.m[k] = v + 0\n"))
        let same = AnalysisMemoTests.run(tree, cache: cache)
        #expect(same.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
        #expect(same.components(of: "maprace") == (all, all - 2))

        // set writes under the lock now (on the same line, so that no
        // position moves): Put's text is as it was and its summary is
        // not. The race, found where Fill starts the goroutine, is gone,
        // and a stale Fill would still report it.
        try tree.write("store/store.go",
                       Self.store.replacingOccurrences(of: "\tc.m[k] = v\n", with: "\tc.mu.Lock(); c.m[k] = v; c.mu.Unlock()\n"))
        let locked = AnalysisMemoTests.run(tree, cache: cache)
        #expect(locked.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
        #expect(!Self.reports(locked.stdout, line: Self.setWrite) && Self.reports(first.stdout, line: Self.setWrite))
    }

    @Test func theLocksCallersHoldAreReadFromTheCallers() throws {
        let tree = try Self.module()
        let cache = tree.path(".cache")
        let first = AnalysisMemoTests.run(tree, cache: cache)
        #expect(!Self.reports(first.stdout, line: Self.refreshRead), "Refresh holds c.mu around refreshLocked's read")

        // Refresh no longer locks (the line stays, so positions stay):
        // refreshLocked's text is as it was, and its read now races with
        // its goroutine's write.
        try tree.write("store/store.go", Self.store.replacingOccurrences(of: "\tc.mu.Lock()\n\tc.refreshLocked()",
                                                                         with: "\t_ = 0\n\tc.refreshLocked()"))
        let unlocked = AnalysisMemoTests.run(tree, cache: cache)
        #expect(unlocked.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
        #expect(Self.reports(unlocked.stdout, line: Self.refreshRead))
    }

    /// Registering a handler reads its `ServeHTTP` summary by type, with
    /// no call-graph edge to it: the read is stored and checked, so a
    /// changed handler makes the registering function analysed again.
    @Test func aSummaryReadWithoutACallIsCheckedBeforeReuse() throws {
        let web = """
            package web

            import "net/http"

            // Counter counts requests by path.
            type Counter struct {
            \tm map[string]int
            }

            // ServeHTTP counts the request.
            func (c *Counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
            \tc.m[r.URL.Path]++
            }

            // Serve registers the counter and reads it while requests come in.
            func Serve(c *Counter) int {
            \thttp.Handle("/", c)
            \treturn c.m["/"]
            }

            """
        let tree = try TemporaryTree()
        try tree.write("go.mod", "module example.com/h\n\ngo 1.22\n")
        try tree.write("web/web.go", web)
        let cache = tree.path(".cache")
        let first = AnalysisMemoTests.run(tree, cache: cache)
        #expect(first.components(of: "maprace") == (2, 0))
        #expect((first.stats["maprace.races"] ?? 0) > 1, "ServeHTTP against itself, and against Serve's read")

        // ServeHTTP only reads now: Serve's text and callees are as they
        // were, but the summary it read is not.
        try tree.write("web/web.go", web.replacingOccurrences(of: "\tc.m[r.URL.Path]++\n", with: "\t_ = c.m[r.URL.Path]\n"))
        let reading = AnalysisMemoTests.run(tree, cache: cache)
        #expect(reading.components(of: "maprace") == (2, 0))
        #expect(reading.stats["maprace.races"] == 0)
        #expect(reading.stdout == AnalysisMemoTests.run(tree, cache: nil).stdout)
    }
}
