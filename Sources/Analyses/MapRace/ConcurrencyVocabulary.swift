import ConcIR

/// Library entry points that matter to map races beyond the IR's own
/// operations.
enum ConcurrencyVocabulary {
    /// net/http registrations: the handler (argument index) runs on its own
    /// goroutine for every request, so it races with itself.
    static let perRequestRegistrations: [String: Int] = [
        "net/http.HandleFunc": 1,
        "(*net/http.ServeMux).HandleFunc": 2,
        "net/http.Handle": 1,
        "(*net/http.ServeMux).Handle": 2,
    ]

    /// Calls that start serving requests: a handler registered before
    /// runs only from then on. `http.ListenAndServe` blocks while it
    /// serves, so what comes after it is after serving too; `go
    /// srv.Serve(l)` or an `httptest.NewServer` lets handlers run at once.
    static let serveCalls: Set<String> = [
        "net/http.ListenAndServe", "net/http.ListenAndServeTLS", "net/http.Serve", "net/http.ServeTLS",
        "(*net/http.Server).ListenAndServe", "(*net/http.Server).ListenAndServeTLS",
        "(*net/http.Server).Serve", "(*net/http.Server).ServeTLS",
        "net/http/httptest.NewServer", "net/http/httptest.NewTLSServer",
        "(*net/http/httptest.Server).Start", "(*net/http/httptest.Server).StartTLS",
    ]

    /// What a serve call signals and a registered handler's accesses wait
    /// for (`FlowState.serving`): a place no Go code can name.
    static let serving = AbstractPlace(.global(" net/http serving"))

    /// errgroup's `Go` runs its function on a new goroutine that `Wait`
    /// (on the same group) waits for.
    static let groupGo: Set<String> = [
        "(*golang.org/x/sync/errgroup.Group).Go",
        "(*golang.org/x/sync/errgroup.Group).TryGo",
    ]
    static let groupWait = "(*golang.org/x/sync/errgroup.Group).Wait"

    /// The runtime's own mutex (runtime/lock_futex.go, lock_sema.go):
    /// `lock(&l)` ... `unlock(&l)` on a `*runtime.mutex` excludes like
    /// `sync.Mutex` (true: acquires, false: releases). Only these functions
    /// of package runtime, and only on a `*mutex` operand.
    static let runtimeLocks: [String: Bool] = [
        "runtime.lock": true, "runtime.lockWithRank": true, "runtime.lock2": true,
        "runtime.unlock": false, "runtime.unlockWithRank": false, "runtime.unlock2": false,
    ]
    static let runtimeMutexPointer = GoType.pointer(.named("runtime.mutex"))

    /// `sync.Once.Do` called as a method (the IR usually has `once.do`).
    static let onceDo = "(*sync.Once).Do"

    /// Library calls that run the function passed (argument index) on
    /// their own goroutine but wait for it before they return: a subtest
    /// or sub-benchmark. Read from source, `T.Run` starts `tRunner` with
    /// `go` and waits on a channel its deferred closures signal, too far
    /// apart for the analysis to pair; to the caller the function runs as
    /// if called. A subtest that calls `t.Parallel` returns from `Run`
    /// there, and runs the rest later (`testParallel`).
    static let waitingRunners: [String: Int] = [
        "(*testing.T).Run": 2,
        "(*testing.B).Run": 2,
    ]

    /// `t.Parallel()`: `testing` pauses the test (and `T.Run` returns) until
    /// the function of its parent test has returned, then runs it beside
    /// the parent's other parallel subtests; a top-level test, beside the
    /// package's other parallel tests once the sequential ones are done.
    static let testParallel = "(*testing.T).Parallel"

    /// `b.RunParallel(body)` runs body on GOMAXPROCS goroutines at once
    /// and returns when all are done.
    static let runParallel = "(*testing.B).RunParallel"

    /// Whether `function` calls a library function `named` accepts (its
    /// own calls only, not its callees').
    static func calls(_ function: Function, named: (String) -> Bool) -> Bool {
        function.blocks.contains { block in
            block.instructions.contains { $0.op == .call && $0.callee?.possibleTargets.contains(where: named) == true }
        }
    }

    /// Whether `function` is a net/http handler method: it runs once per
    /// request, each on its own goroutine.
    static func isServeHTTP(_ function: Function) -> Bool {
        guard function.receiver != nil, FunctionName.methodName(function.name) == "ServeHTTP",
              function.parameters.count == 2 else { return false }
        return function.parameters[0].type == .named("net/http.ResponseWriter")
            && function.parameters[1].type == .pointer(.named("net/http.Request"))
    }
}
