import ConcIR
import Findings

/// MU1005: locking a mutex that belongs to a copy: a value receiver or
/// parameter (`func (c Counter) Inc() { c.mu.Lock() ... }`), or a local
/// assigned from another variable (`c := *p`, a range value) or read out
/// of a map (`b := m[k]`, `for _, b := range m`).
///
/// Each call locks its own copy, so the lock excludes nobody and the data
/// it should protect is raced on (or, for a value receiver, the update is
/// lost with the copy). Use a pointer receiver or pointer parameter. go vet's
/// copylocks reports the copy; this rule reports the Lock that relies on it.
struct LockOfCopiedMutex: FunctionLocalCheck {
    static let id = "MU1005"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.mutexLock, .mutexRLock] }
    var findings: [Finding] = []
    /// Locals of the current function that hold a copy, with where it was made.
    private var copies: [String: Position]?

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .now, let mu = inst.operands.first?.place.map(scope.normalize),
              case .variable(let root) = mu.root else { return }
        let f = scope.function
        let environment = scope.program.index.types
        let inputs = (f.receiver.map { [$0] } ?? []) + f.parameters
        let name = GoSpelling.expression(mu) ?? "the mutex"
        var why: String?
        if let v = inputs.first(where: { $0.name == root }) {
            if v.type.pointee == nil, NoCopyContainment.find(in: v.type, kinds: NoCopyContainment.locks, environment: environment) != nil {
                why = "\(GoSpelling.variableName(root)) is received by value"
            }
        } else {
            if copies == nil { copies = Self.copiedLocals(scope) }
            if let at = copies?[root] { why = "\(GoSpelling.variableName(root)) is a copy made on line \(at.line)" }
        }
        guard let why else { return }
        let message = "\(name) is locked on a copy (\(why)): the lock excludes nobody; use a pointer"
        if let finding = scope.finding(ruleID, at: inst.position, message) { findings.append(finding) }
    }

    /// Locals assigned a whole value, holding a lock, from another variable
    /// or out of a map (`b := m[k]`, `for _, b := range m`: a map's values
    /// are copies whatever is done with them).
    private static func copiedLocals(_ scope: FunctionScope) -> [String: Position] {
        var out: [String: Position] = [:]
        let environment = scope.program.index.types
        func holdsLock(_ place: Place) -> Bool {
            NoCopyContainment.find(in: scope.types.type(of: place), kinds: NoCopyContainment.locks, environment: environment) != nil
        }
        func note(_ result: Operand?, _ position: Position) {
            guard case .place(let dst)? = result, case .variable(let v) = dst.root, dst.path.isEmpty, holdsLock(dst) else { return }
            out[v] = out[v] ?? position
        }
        var readFromMap = Set<Place.Root>()
        for block in scope.function.blocks {
            for inst in block.instructions {
                switch inst.op {
                case .mapRange:
                    note(inst.results.dropFirst().first, inst.position)
                case .mapRead:
                    guard case .place(let dst)? = inst.results.first, dst.path.isEmpty else { break }
                    if case .temp = dst.root { readFromMap.insert(dst.root) } else { note(inst.results.first, inst.position) }
                case .assign:
                    guard case .place(let dst)? = inst.results.first, case .variable(let v) = dst.root, dst.path.isEmpty,
                          let src = inst.operands.first?.place else { break }
                    if case .temp = src.root, !(src.path.isEmpty && readFromMap.contains(src.root)) { break }
                    if holdsLock(src) || (readFromMap.contains(src.root) && holdsLock(dst)) {
                        out[v] = out[v] ?? inst.position
                    }
                default:
                    break
                }
            }
        }
        return out
    }

    mutating func finishFunction(_ scope: FunctionScope) { copies = nil }

}
