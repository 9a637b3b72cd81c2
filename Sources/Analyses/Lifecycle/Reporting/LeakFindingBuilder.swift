import ConcIR
import Findings
import RuleEngine

/// Turns a leak the engine found into a finding: the rule's message, the
/// witness path as a code flow, and a `defer` fix when one is clear.
struct LeakFindingBuilder {
    let rule: Rule
    let model: ResourceModel
    let program: AnalysedProgram
    let sources: SourceText

    func finding(for leak: LeakReport) -> Finding? {
        let node = leak.node
        let function = program.function(node)
        let file = program.file(of: node)
        guard let at = location(file, leak.acquisition.position) else { return nil }
        // A resource Go code cannot name (inside a call's result) is "the lock".
        let variable = leak.acquisition.resource.flatMap(GoSpelling.expression) ?? "the " + model.spec.resource
        let message = model.spec.messages.leak.render([
            "resource": model.spec.resource,
            "call": leak.acquisition.display,
            "line": String(leak.position.line),
            "function": ShortName.of(function.name),
            "variable": variable,
        ])
        let version = program.goVersion(of: node).map { GoLanguageVersion(major: $0.major, minor: $0.minor) }
        var finding = Finding(ruleID: rule.id, category: rule.category, level: rule.level(for: version),
                              message: message, location: at)
        finding.flows = [codeFlow(for: leak, function: function, file: file)]
        if let fix = DeferFix.make(for: leak, model: model, program: program, sources: sources) { finding.fixes = [fix] }
        return finding
    }

    private func location(_ file: String, _ position: Position) -> Location? {
        guard position.isPresent else { return nil }
        return Location(file: file, line: Int(position.line), column: Int(position.column))
    }

    /// Acquired here, each branch taken on the way, and where it leaks.
    private func codeFlow(for leak: LeakReport, function: Function, file: String) -> CodeFlow {
        let resource = model.spec.resource
        return Self.pathFlow(function, message: "a path on which the \(resource) is not released",
                             start: (leak.acquisition.position, "\(resource) acquired by \(leak.acquisition.display)"),
                             edges: leak.path, end: (leak.position, Self.describe(leak.kind, resource: resource)),
                             locate: { location(file, $0) })
    }

    /// A path a `PathSearch` found, as the numbered steps of a code flow:
    /// where it starts, each edge taken that chose between successors (the
    /// first and last ten of a long path), where it ends.
    static func pathFlow(_ function: Function, message: String, start: (Position, String), edges: [SearchEdge],
                         end: (Position, String), locate: (Position) -> Location?) -> CodeFlow {
        var steps: [FlowStep] = []
        if let at = locate(start.0) { steps.append(FlowStep(location: at, message: start.1)) }
        var branches: [FlowStep] = []
        for edge in edges {
            guard edge.from < function.blocks.count, let terminator = function.blocks[edge.from].terminator,
                  Set(terminator.targets).count > 1 else { continue }
            let position = PathSearch<ResourceTracker>.position(of: edge, terminator, function.blocks[edge.from])
            guard let at = locate(position) else { continue }
            branches.append(FlowStep(location: at, message: describe(edge.kind, terminator, function.blocks[edge.from])))
        }
        if branches.count > 20 { branches = Array(branches.prefix(10) + branches.suffix(10)) }
        steps += branches
        if let at = locate(end.0) { steps.append(FlowStep(location: at, message: end.1)) }
        return CodeFlow(message: message, threads: [ThreadFlow(name: ShortName.of(function.name), steps: steps)])
    }

    static func describe(_ kind: SearchEdge.Kind, _ terminator: Terminator, _ block: Block) -> String {
        switch kind {
        case .then, .otherwise: return BranchWording.side(of: terminator, in: block, takingThen: kind == .then)
        default: return describe(kind)
        }
    }

    static func describe(_ kind: SearchEdge.Kind) -> String {
        switch kind {
        case .jump: return "continues here"
        case .then: return "the condition is true"
        case .otherwise: return "the condition is false"
        case .selectCase: return "this case is chosen"
        case .selectDefault: return "the default case is chosen"
        }
    }

    static func describe(_ kind: LeakKind, resource: String) -> String {
        switch kind {
        case .exit: return "returns here without releasing the \(resource)"
        case .panic: return "panics here without releasing the \(resource)"
        case .loop: return "starts the next iteration here with the \(resource) still held"
        case .overwritten: return "the last reference to the \(resource) is overwritten here"
        case .discarded: return "the \(resource) is discarded here"
        }
    }
}
