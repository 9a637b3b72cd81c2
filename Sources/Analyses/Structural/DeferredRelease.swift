import ConcIR

/// A `defer` that releases something: what it releases, how, and which
/// category owns the resource (DESIGN.md: `mutex` for locks, `context` for
/// cancel functions, `goroutine` for everything else a goroutine holds
/// until it returns).
struct DeferredRelease {
    enum Resource {
        case lock, cancelFunc, other
    }

    let resource: Resource
    /// The released value (`f`, `s.mu`, `cancel`), normalized.
    let place: Place
    /// How the statement reads: `f.Close()`, `mu.Unlock()`, `cancel()`;
    /// for a receiver the IR cannot name (`conns[i].Close()`), what the
    /// source line says (`spelling(in:at:)`).
    let spelling: String
    /// Whether `spelling` names the receiver.
    private let receiverNamed: Bool

    /// Methods that give back what a value holds.
    static let releaseMethods: Set<String> = [
        "Close", "Stop", "Release", "Unlock", "RUnlock", "Done", "Rollback", "Free", "Put", "Cancel", "Shutdown",
        "CloseWrite", "CloseRead", "Remove", "RemoveAll",
    ]

    /// The release a deferred instruction performs, itself or as the first
    /// release inside a deferred closure (`defer func() { f.Close() }()`).
    init?(_ inst: Instruction, scope: FunctionScope) {
        guard inst.mode == .defer else { return nil }
        if let direct = Self.release(inst, normalize: scope.normalize) {
            self = direct
            return
        }
        guard inst.op == .call, case .function(let name)? = inst.callee, let node = scope.program.index.node(named: name) else { return nil }
        let closure = scope.program.index.function(node)
        guard closure.parent != nil else { return nil }
        for block in closure.blocks {
            for i in block.instructions where i.mode == .now {
                if var r = Self.release(i, normalize: { $0 }), case .variable(let v) = r.place.root,
                   closure.captures.contains(where: { $0.name == v }) {
                    r = DeferredRelease(resource: r.resource, place: scope.normalize(r.place), spelling: r.spelling,
                                        receiverNamed: r.receiverNamed)
                    self = r
                    return
                }
            }
        }
        return nil
    }

    private init(resource: Resource, place: Place, spelling: String, receiverNamed: Bool = true) {
        self.resource = resource
        self.place = place
        self.spelling = spelling
        self.receiverNamed = receiverNamed
    }

    /// `spelling`, or when the IR cannot name the receiver (an element,
    /// `conns[i]`), the call as the `defer` statement at `position` writes
    /// it; `…` for the receiver without the file's text.
    func spelling(in scope: FunctionScope, at position: Position) -> String {
        guard !receiverNamed else { return spelling }
        let file = scope.program.index.file(of: scope.node)
        if let line = scope.sources(reading: file).line(file, Int(position.line)),
           let call = Self.deferredCall(in: line, column: Int(position.column)) { return call }
        return "…" + spelling.drop(while: { $0 != "." })
    }

    /// `conns[i].Close()` from `\tdefer conns[i].Close() // comment`: the
    /// text after `defer` at `column`, through the parenthesis that closes
    /// the first call.
    private static func deferredCall(in line: Substring, column: Int) -> String? {
        let chars = Array(line)
        guard column >= 1, column <= chars.count else { return nil }
        var text = chars[(column - 1)...]
        guard text.starts(with: "defer") else { return nil }
        text = text.dropFirst(5).drop(while: { $0 == " " || $0 == "\t" })
        // A deferred closure's release is inside its body.
        if text.starts(with: "func") { return nil }
        var depth = 0
        var out = ""
        for c in text {
            out.append(c)
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" {
                depth -= 1
                if depth == 0, c == ")" { return out.count <= 80 ? out : nil }
            }
        }
        return nil
    }

    private static func release(_ inst: Instruction, normalize: (Place) -> Place) -> DeferredRelease? {
        guard let p = inst.operands.first?.place else { return nil }
        let named = GoSpelling.expression(p)
        let name = named ?? "it"
        func made(_ resource: Resource, _ spelling: String) -> DeferredRelease {
            DeferredRelease(resource: resource, place: normalize(p), spelling: spelling, receiverNamed: named != nil)
        }
        switch inst.op {
        case .mutexUnlock: return made(.lock, "\(name).Unlock()")
        case .mutexRUnlock: return made(.lock, "\(name).RUnlock()")
        case .ctxCancel: return made(.cancelFunc, "\(name)()")
        case .timerStop, .tickerStop: return made(.other, "\(name).Stop()")
        case .call:
            guard let callee = inst.callee, callee.hasReceiver else { return nil }
            let qualified: String
            switch callee {
            case .method(let n), .interface(let n, _): qualified = n
            default: return nil
            }
            guard let method = FunctionName.methodName(qualified), releaseMethods.contains(String(method)) else { return nil }
            let resource: Resource = method == "Unlock" || method == "RUnlock" ? .lock : .other
            return made(resource, "\(name).\(method)()")
        default:
            return nil
        }
    }

    /// Whether `inst` gives back the same value now (`conn.Close()` at the
    /// end of a turn that also defers it).
    func isReleased(by inst: Instruction, normalize: (Place) -> Place) -> Bool {
        guard inst.mode == .now, let now = Self.release(inst, normalize: normalize) else { return false }
        return now.resource == resource && now.place == place
    }

    /// Whether `inst` acquires what this release gives back: the lock of
    /// the same mutex, the cancel function made by `context.With...`, a
    /// value returned by a call or an operation (not copied out of a
    /// collection: closing every element of a list at the end is meant).
    func isAcquired(by inst: Instruction, normalize: (Place) -> Place) -> Bool {
        guard inst.mode == .now else { return false }
        switch resource {
        case .lock:
            guard inst.op == .mutexLock || inst.op == .mutexRLock ||
                    (inst.op == .call && inst.callee.flatMap { c -> Substring? in
                        if case .method(let n) = c { return FunctionName.methodName(n) } else { return nil }
                    }.map { $0 == "Lock" || $0 == "RLock" } == true) else { return false }
            return inst.operands.first?.place.map(normalize) == place
        case .cancelFunc, .other:
            guard inst.op != .addr, inst.op != .use, inst.op != .mapRead, inst.op != .mapRange else { return false }
            // A copy is an acquisition only of a fresh value (`f := open().(*File)`), not of an element of a list.
            if inst.op == .assign {
                guard let src = inst.operands.first?.place, src.path.isEmpty, case .temp = src.root else { return false }
            }
            return inst.results.contains { r in
                guard let dst = r.place.map(normalize) else { return false }
                return dst.root == place.root && place.path.starts(with: dst.path)
            }
        }
    }
}
