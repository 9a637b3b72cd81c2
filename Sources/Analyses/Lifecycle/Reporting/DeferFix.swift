import ConcIR
import Findings
import RuleEngine

/// The fix for a leak that one `defer` right after the acquisition cures:
/// `defer t.Stop()`, `defer cancel()`. Offered only when it is clearly
/// right: the resource is in a variable, the acquisition is not in a loop
/// (a defer there would pile up), the call cannot fail (no error result to
/// check first), and the source line is known (its indentation is copied).
enum DeferFix {
    static func make(for leak: LeakReport, model: ResourceModel, program: AnalysedProgram, sources: SourceText) -> Fix? {
        let acquisition = leak.acquisition
        guard leak.kind == .exit || leak.kind == .panic, acquisition.bindsVariable, !acquisition.isPlaceResource,
              acquisition.errorPlace == nil, let place = acquisition.resource,
              let name = GoSpelling.expression(place) else { return nil }
        let cfg = program.shared.cfg(leak.node)
        guard acquisition.block < cfg.blockCount, !cfg.isInCycle[acquisition.block] else { return nil }
        let types = program.shared.types(leak.node)
        guard let call = releaseCall(model: model, resourceType: types.type(of: place)) else { return nil }
        let file = program.file(of: leak.node)
        let line = Int(acquisition.position.line)
        guard let indent = sources.indentation(file, line),
              let end = sources.statementEnd(file, line: line, column: Int(acquisition.position.column)) else { return nil }
        let text = "defer \(call(name))"
        let edit = TextEdit(file: file, startLine: end + 1, startColumn: 1, endLine: end + 1, endColumn: 1,
                            text: indent + text + "\n")
        return Fix(description: "insert `\(text)` after the \(model.spec.resource) is created", edits: [edit])
    }

    /// How the release is written for a variable: `v()` or `v.Stop()`.
    private static func releaseCall(model: ResourceModel, resourceType: GoType) -> ((String) -> String)? {
        var methods: [(type: String, name: String)] = []
        for release in model.spec.release {
            switch release {
            case .invoke:
                return { "\($0)()" }
            case .call(let pattern, .receiver):
                if let receiver = pattern.receiver { methods.append((pattern.packagePath + "." + receiver.typeName, pattern.name)) }
            case .call, .callReturningFalse:
                continue
            }
        }
        var named = resourceType
        if case .pointer(let p) = named { named = p }
        if case .named(let n, _) = named, let m = methods.first(where: { $0.type == n }) {
            return { "\($0).\(m.name)()" }
        }
        guard let first = methods.first, methods.allSatisfy({ $0.name == first.name }) else { return nil }
        return { "\($0).\(first.name)()" }
    }
}
