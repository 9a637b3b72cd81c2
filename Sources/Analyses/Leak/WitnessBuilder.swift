import Findings
import RuntimeModel

/// Turns the events of an explored path into a SARIF-style code flow: one
/// thread flow per goroutine involved, each step numbered in the order of
/// the interleaving ("[3] blocks here forever").
struct WitnessBuilder {
    let program: ProgramIndex
    let rootName: String

    /// A step that ends the witness (the blocking operation, the panic).
    struct FinalStep {
        var goroutine: Int32
        var site: Site
        var message: String
    }

    func location(_ site: Site) -> Location {
        let file = site.function.index < program.files.count ? program.files[site.function.index] : ""
        return Location(file: file, line: Int(site.position.line), column: Int(site.position.column))
    }

    func codeFlow(_ events: [TraceEvent], objects: Set<ObjectID>, goroutine: Int32, final: FinalStep?,
                  names: [ObjectID: String], summary: String) -> CodeFlow {
        // Who started whom, to include the chain of spawns that led to the goroutine.
        var parentOf: [Int32: Int32] = [:]
        var spawnSite: [Int32: Site] = [:]
        for e in events {
            if case .spawned(let child) = e.kind {
                parentOf[child] = e.goroutine
                spawnSite[child] = e.site
            }
        }
        var focus: Set<Int32> = [0, goroutine]
        var g = goroutine
        var hops = 0
        while let p = parentOf[g], hops < parentOf.count {
            focus.insert(p)
            g = p
            hops += 1
        }
        for e in events where involves(e.kind, objects) { focus.insert(e.goroutine) }

        var steps: [(thread: Int32, site: Site, message: String)] = []
        for e in events {
            switch e.kind {
            case .spawned(let child) where focus.contains(child):
                steps.append((child, e.site, "spawned here by \(threadName(e.goroutine, spawnSite))"))
            case .returned where e.goroutine == 0:
                steps.append((0, e.site, "\(rootName) returns here"))
            case .selectedCase(let i, let id) where e.goroutine == 0 || (id.map(objects.contains) ?? false):
                steps.append((e.goroutine, e.site, "takes case \(i + 1) of the select" + (id.flatMap { names[$0] }.map { " (\($0))" } ?? "")))
            case .selectedDefault where e.goroutine == 0:
                steps.append((0, e.site, "takes the default case of the select"))
            default:
                if let text = describe(e.kind, objects, names) { steps.append((e.goroutine, e.site, text)) }
            }
        }
        if let final { steps.append((final.goroutine, final.site, final.message)) }
        if steps.count > 40 { steps = Array(steps.prefix(10)) + Array(steps.suffix(30)) }

        var order: [Int32] = []
        var byThread: [Int32: [FlowStep]] = [:]
        for (n, s) in steps.enumerated() {
            if byThread[s.thread] == nil { order.append(s.thread) }
            byThread[s.thread, default: []].append(FlowStep(location: location(s.site), message: "[\(n + 1)] \(s.message)"))
        }
        let threads = order.map { ThreadFlow(name: threadName($0, spawnSite), steps: byThread[$0] ?? []) }
        return CodeFlow(message: summary, threads: threads)
    }

    private func threadName(_ g: Int32, _ spawnSite: [Int32: Site]) -> String {
        if g == 0 { return rootName }
        if let s = spawnSite[g] { return "goroutine \(g) (started at line \(s.position.line))" }
        return "goroutine \(g)"
    }

    private func involves(_ kind: TraceEvent.Kind, _ objects: Set<ObjectID>) -> Bool {
        switch kind {
        case .sent(let id?), .received(let id?, _), .closed(let id?), .selectedCase(_, let id?), .added(let id?, _),
             .doneCalled(let id?), .waitReturned(let id?), .waitReturnedOnGuess(let id?), .cancelled(let id?), .addRacedWithWait(let id):
            return objects.contains(id)
        default:
            return false
        }
    }

    private func describe(_ kind: TraceEvent.Kind, _ objects: Set<ObjectID>, _ names: [ObjectID: String]) -> String? {
        func name(_ id: ObjectID) -> String { names[id] ?? "the channel" }
        switch kind {
        case .sent(let id?) where objects.contains(id): return "sends on \(name(id))"
        case .received(let id?, let isRange) where objects.contains(id):
            return isRange ? "receives from \(name(id)) (range)" : "receives from \(name(id))"
        case .closed(let id?) where objects.contains(id): return "closes \(name(id))"
        case .added(let id?, let n) where objects.contains(id): return "\(names[id] ?? "wg").Add(\(n.map(String.init) ?? "n"))"
        case .doneCalled(let id?) where objects.contains(id): return "\(names[id] ?? "wg").Done()"
        case .waitReturned(let id?) where objects.contains(id), .waitReturnedOnGuess(let id?) where objects.contains(id):
            return "\(names[id] ?? "wg").Wait() returns"
        case .cancelled(let id?) where objects.contains(id): return "cancels the context"
        default: return nil
        }
    }
}
