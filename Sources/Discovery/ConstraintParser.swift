/// Parsers for the two spellings of build constraints.
///
/// `//go:build` lines use a small expression grammar (loosest first):
///
///     expr  = and { "||" and }
///     and   = unary { "&&" unary }
///     unary = "!" unary | "(" expr ")" | tag
///     tag   = { letter | digit | "_" | "." }+
///
/// Legacy `// +build` lines are OR-ed space-separated terms of AND-ed
/// comma-separated factors, each optionally negated; several lines are
/// AND-ed by the caller.
public enum ConstraintParser {
    /// Nesting beyond this depth is refused rather than risking the stack.
    static let maximumDepth = 200

    /// Whether a (trimmed) comment line is a `//go:build` line.
    public static func isGoBuildLine(_ line: String) -> Bool {
        guard line.hasPrefix("//go:build") else { return false }
        let rest = line.dropFirst("//go:build".count)
        return rest.isEmpty || rest.first == " " || rest.first == "\t"
    }

    /// Whether a (trimmed) comment line is a legacy `// +build` line.
    public static func isPlusBuildLine(_ line: String) -> Bool {
        guard line.hasPrefix("//") else { return false }
        let rest = line.dropFirst(2).drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("+build") else { return false }
        let after = rest.dropFirst("+build".count)
        return after.isEmpty || after.first == " " || after.first == "\t"
    }

    /// Parses a whole `//go:build EXPR` line.
    public static func parseGoBuildLine(_ line: String) throws -> ConstraintExpression {
        guard isGoBuildLine(line) else { throw ConstraintSyntaxError("not a //go:build line") }
        return try parseExpression(String(line.dropFirst("//go:build".count)))
    }

    /// Parses the expression part of a `//go:build` line.
    public static func parseExpression(_ text: String) throws -> ConstraintExpression {
        var parser = ExpressionParser(scalars: Array(text.unicodeScalars))
        return try parser.parseAll()
    }

    /// Parses one `// +build` line as go/build does: a malformed factor
    /// (`!!x`, `!`, an invalid tag) becomes the never-set tag `ignore`.
    public static func parsePlusBuildLine(_ line: String) -> ConstraintExpression {
        let body = line.drop { $0 == "/" }.drop { $0 == " " || $0 == "\t" }.dropFirst("+build".count)
        var result: ConstraintExpression?
        for clause in body.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var conjunction: ConstraintExpression?
            for factor in clause.split(separator: ",", omittingEmptySubsequences: false) {
                let term = plusBuildFactor(factor)
                conjunction = conjunction.map { .and($0, term) } ?? term
            }
            if let conjunction { result = result.map { .or($0, conjunction) } ?? conjunction }
        }
        return result ?? .tag("ignore")
    }

    private static func plusBuildFactor(_ factor: Substring) -> ConstraintExpression {
        if factor.hasPrefix("!!") || factor == "!" { return .tag("ignore") }
        let negated = factor.hasPrefix("!")
        let name = negated ? factor.dropFirst() : factor
        let tag: ConstraintExpression = isValidTag(name) ? .tag(String(name)) : .tag("ignore")
        return negated ? .not(tag) : tag
    }

    static func isTagScalar(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s == "." || s.properties.isAlphabetic || s.properties.numericType == .decimal
    }

    static func isValidTag(_ name: Substring) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy(isTagScalar)
    }
}

/// Recursive-descent parser over the scalars of a `//go:build` expression.
private struct ExpressionParser {
    let scalars: [Unicode.Scalar]
    var position = 0
    var depth = 0

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func parseAll() throws -> ConstraintExpression {
        skipSpace()
        guard position < scalars.count else { throw ConstraintSyntaxError("unexpected end of expression") }
        let x = try parseOr()
        skipSpace()
        if position < scalars.count {
            throw ConstraintSyntaxError("unexpected \(describeHere()) in build constraint")
        }
        return x
    }

    private mutating func parseOr() throws -> ConstraintExpression {
        var x = try parseAnd()
        while consume("||") { x = .or(x, try parseAnd()) }
        return x
    }

    private mutating func parseAnd() throws -> ConstraintExpression {
        var x = try parseUnary()
        while consume("&&") { x = .and(x, try parseUnary()) }
        return x
    }

    private mutating func parseUnary() throws -> ConstraintExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= ConstraintParser.maximumDepth else {
            throw ConstraintSyntaxError("build constraint nested too deeply")
        }
        if consume("!") { return .not(try parseUnary()) }
        if consume("(") {
            let x = try parseOr()
            guard consume(")") else { throw ConstraintSyntaxError("missing ) in build constraint") }
            return x
        }
        skipSpace()
        let start = position
        while position < scalars.count, ConstraintParser.isTagScalar(scalars[position]) { position += 1 }
        guard position > start else {
            if position >= scalars.count { throw ConstraintSyntaxError("unexpected end of expression") }
            throw ConstraintSyntaxError("unexpected \(describeHere()) in build constraint")
        }
        var name = String.UnicodeScalarView()
        name.append(contentsOf: scalars[start..<position])
        return .tag(String(name))
    }

    /// Skips spaces, then consumes `token` if it comes next.
    private mutating func consume(_ token: String) -> Bool {
        skipSpace()
        let wanted = Array(token.unicodeScalars)
        guard position + wanted.count <= scalars.count,
              Array(scalars[position..<position + wanted.count]) == wanted else { return false }
        position += wanted.count
        return true
    }

    private mutating func skipSpace() {
        while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" { position += 1 }
    }

    private func describeHere() -> String {
        guard position < scalars.count else { return "end of expression" }
        return "'\(Character(scalars[position]))'"
    }
}
