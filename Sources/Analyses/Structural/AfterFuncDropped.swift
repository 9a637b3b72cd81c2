import ConcIR
import Findings

/// TM1005: a `time.AfterFunc` whose timer is dropped, in a type that can
/// be closed.
///
/// The *time.Timer that AfterFunc returns is the only way to cancel the
/// callback. A method that schedules a callback on its receiver and drops
/// the timer leaves Close (Stop, Shutdown) no way to cancel it: the
/// callback runs after the value was closed, on freed connections, closed
/// channels or a reset state. Keep the timer in a field and stop it in
/// Close.
struct AfterFuncDropped: FunctionLocalCheck {
    static let id = "TM1005"
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.timeAfterFunc] }
    var findings: [Finding] = []

    static let closers: Set<String> = ["Close", "Stop", "Shutdown", "Cancel"]

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard let (receiverName, typeName) = Self.owner(of: scope), inst.operands.count == 2 else { return }
        guard let closer = scope.methodNames(of: typeName).intersection(Self.closers).sorted().first else { return }
        guard Self.isDropped(inst, in: scope), Self.callbackUses(inst.operands[1], receiver: receiverName,
                                                                    typeName: typeName, scope: scope) else { return }
        let short = ShortName.of(typeName)
        let message = "the timer of this time.AfterFunc is dropped, so \(short).\(closer) cannot stop the callback, "
            + "which may run after the \(short) is closed: keep the timer and stop it in \(closer)"
        if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
    }

    /// The receiver variable and its type's name, for a method or a
    /// closure inside one that captures the receiver.
    private static func owner(of scope: FunctionScope) -> (String, String)? {
        let index = scope.program.index
        var function = scope.function
        var captured: Set<String>?
        for _ in 0..<16 {
            if let receiver = function.receiver, !receiver.name.isEmpty {
                if let captured, !captured.contains(receiver.name) { return nil }
                return MethodNames.typeName(receiver.type).map { (receiver.name, $0) }
            }
            guard let parent = function.parent, let node = index.node(named: parent) else { return nil }
            let names = Set(function.captures.map(\.name))
            captured = captured.map { $0.intersection(names) } ?? names
            function = index.function(node)
        }
        return nil
    }

    /// No result, a blank one, or one whose copies are never used: not
    /// stored in a field or global, not passed, returned or stopped.
    private static func isDropped(_ inst: Instruction, in scope: FunctionScope) -> Bool {
        guard let result = inst.results.first, let p = result.place else { return true }
        let copies = scope.copies(of: p)
        let kept = copies.contains { c in
            if case .global = c.root { return true }
            return c.path.contains { if case .field = $0 { return true } else { return false } }
        }
        if kept { return false }
        for block in scope.function.blocks {
            for i in block.instructions where i.op != .assign {
                if i.operands.contains(where: { $0.place.map(scope.normalize).map(copies.contains) == true }) { return false }
            }
            switch block.terminator {
            case .return(let ops)?:
                if ops.contains(where: { $0.place.map(scope.normalize).map(copies.contains) == true }) { return false }
            default: break
            }
        }
        return true
    }

    /// The callback is a method of the type, or a closure that captures the receiver.
    private static func callbackUses(_ callback: Operand, receiver: String, typeName: String, scope: FunctionScope) -> Bool {
        guard case .function(let name) = callback else { return false }
        let index = scope.program.index
        guard var node = index.node(named: name) else { return false }
        // A method value (`p.tick`): the method its closure calls.
        if let method = index.function(node).boundMethod, let m = index.node(named: method) { node = m }
        let f = index.function(node)
        if let r = f.receiver, MethodNames.typeName(r.type) == typeName { return true }
        return f.captures.contains { $0.name == receiver }
    }
}
