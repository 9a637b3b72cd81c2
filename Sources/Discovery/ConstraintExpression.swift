/// A build constraint as a boolean expression over tags, the common form of
/// both `//go:build` lines and legacy `// +build` lines.
public indirect enum ConstraintExpression: Hashable, Sendable {
    case tag(String)
    case not(ConstraintExpression)
    case and(ConstraintExpression, ConstraintExpression)
    case or(ConstraintExpression, ConstraintExpression)

    /// Evaluates the expression, asking `holds` about each tag.
    public func evaluate(_ holds: (String) -> Bool) -> Bool {
        switch self {
        case .tag(let name): return holds(name)
        case .not(let x): return !x.evaluate(holds)
        case .and(let x, let y): return x.evaluate(holds) && y.evaluate(holds)
        case .or(let x, let y): return x.evaluate(holds) || y.evaluate(holds)
        }
    }

    public func evaluate(in context: BuildContext) -> Bool {
        evaluate { context.satisfies($0) }
    }
}

/// Why a constraint line could not be understood.
public struct ConstraintSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
