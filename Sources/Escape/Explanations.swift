import GoSema
import GoSyntax

/// Turns the chain of flows the walk followed into readable steps:
/// "&x flows to p (address taken, line 12)", "p flows to {heap}".
enum Explanations {
    static func steps(_ chain: [FlowStep], graph: BatchGraph, units: [FunctionUnit], files: [Int: TypedFile]) -> [ExplanationStep] {
        chain.map { step in
            let source = graph.locations[step.source]
            let destination = graph.locations[step.destination]
            let ops = step.derefs < 0 ? "&" : String(repeating: "*", count: step.derefs)
            var text = "\(ops)\(name(source)) flows to \(name(destination))"
            var path = ""
            var line = 0
            var column = 0
            let noteFile = step.note.map { Int($0.file) } ?? source.file
            let offset = step.note?.offset ?? source.offset
            if let file = files[noteFile] {
                let location = file.tree.source.location(of: offset)
                path = file.path
                line = location.line
                column = location.column
            }
            if let why = step.note?.why, why != .unknown { text += " (\(why.rawValue))" }
            return ExplanationStep(text: text, path: path, line: line, column: column)
        }
    }

    static func name(_ l: Location) -> String {
        switch l.kind {
        case .heap: return "the heap"
        case .blank: return "_"
        case .variable: return l.text
        case .allocation: return "{storage for \(l.text)}"
        case .temporary: return "a temporary"
        }
    }
}
