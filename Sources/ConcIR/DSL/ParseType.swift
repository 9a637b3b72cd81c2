/// Types in Go syntax: `chan int`, `<-chan T`, `map[K]V`, `*T`, `[]T`,
/// `[4]T`, `func(A, ...B) (C, D)`, `struct{ a T; sync.Mutex }`,
/// `interface{ M(); io.Reader }`, `pkg.Name[Args]`, basic types, and `?`.
extension Parser {
    /// Whether the current token can start a type.
    var atTypeStart: Bool {
        switch current.kind {
        case .name, .star, .lbracket, .question, .lparen, .chanArrow: return true
        default: return false
        }
    }

    mutating func parseType() throws -> GoType {
        try enter("type")
        defer { leave() }
        let t = current
        switch t.kind {
        case .question:
            advance()
            return .unknown
        case .star:
            advance()
            return .pointer(try parseType())
        case .lbracket:
            advance()
            if current.kind == .rbracket {
                advance()
                return .slice(try parseType())
            }
            let count = try parseInt()
            guard count >= 0 else { throw error("array length must not be negative", at: t) }
            try expect(.rbracket, "']'")
            return .array(count: count, element: try parseType())
        case .lparen:
            advance()
            let inner = try parseType()
            try expect(.rparen, "')'")
            return inner
        case .chanArrow:
            advance()
            try expectWord(.chan)
            return .chan(.recv, element: try parseType())
        case .name:
            return try parseNamedOrKeywordType(t)
        default:
            throw error("expected a type, found \(describe(t))", at: t)
        }
    }

    private mutating func parseNamedOrKeywordType(_ t: Token) throws -> GoType {
        if isWord(t, .chan) {
            advance()
            var dir = ChanDirection.both
            if current.kind == .chanArrow {
                advance()
                dir = .send
            }
            return .chan(dir, element: try parseType())
        }
        if isWord(t, .map) {
            advance()
            try expect(.lbracket, "'['")
            let key = try parseType()
            try expect(.rbracket, "']'")
            return .map(key: key, value: try parseType())
        }
        if isWord(t, .func) {
            advance()
            return .function(try parseSignature())
        }
        if isWord(t, .struct) {
            advance()
            return .structure(try parseFields(interface: false))
        }
        if isWord(t, .interface) {
            advance()
            return .interface(try parseFields(interface: true))
        }
        let name = text(t)
        advance()
        if let basic = BasicType.bySpelling[name] { return .basic(basic) }
        return .named(name, arguments: try parseTypeArguments())
    }

    /// `[T1, T2]` after a generic type's name, or nothing.
    private mutating func parseTypeArguments() throws -> [GoType] {
        guard current.kind == .lbracket else { return [] }
        advance()
        var args = [try parseType()]
        while current.kind == .comma {
            advance()
            args.append(try parseType())
        }
        try expect(.rbracket, "']'")
        return args
    }

    /// `(A, ...B) R` or `(A) (R1, R2)`, after `func` or a method name.
    mutating func parseSignature() throws -> Signature {
        try expect(.lparen, "'('")
        var sig = Signature()
        while current.kind != .rparen {
            if sig.isVariadic { throw error("only the last parameter can be variadic", at: current) }
            if current.kind == .ellipsis {
                advance()
                sig.parameters.append(.slice(try parseType()))
                sig.isVariadic = true
            } else {
                sig.parameters.append(try parseType())
            }
            guard current.kind == .comma else { break }
            advance()
        }
        try expect(.rparen, "')'")
        if current.kind == .lparen {
            advance()
            while current.kind != .rparen {
                sig.results.append(try parseType())
                guard current.kind == .comma else { break }
                advance()
            }
            try expect(.rparen, "')'")
        } else if atTypeStart {
            sig.results = [try parseType()]
        }
        return sig
    }

    /// `{ a T; B; *C }` for a struct, `{ M(A) R; I }` for an interface.
    /// Entries are separated by `;` or newlines.
    private mutating func parseFields(interface: Bool) throws -> [Field] {
        try expect(.lbrace, "'{'")
        var fields: [Field] = []
        while true {
            while current.kind == .semicolon || current.kind == .newline { advance() }
            if current.kind == .rbrace { break }
            fields.append(interface ? try parseInterfaceElement() : try parseStructField())
            guard current.kind == .semicolon || current.kind == .newline || current.kind == .rbrace else {
                throw error("expected ';' or '}', found \(describe(current))", at: current)
            }
        }
        advance()
        return fields
    }

    private mutating func parseStructField() throws -> Field {
        let t = current
        if t.kind == .star { return .embedded(try parseType()) }
        guard t.kind == .name else { throw error("expected a field, found \(describe(t))", at: t) }
        let next = peek()
        switch next.kind {
        case .semicolon, .newline, .rbrace:
            return .embedded(try parseType())
        case .lbracket:
            // `xs []T` and `a [4]T` are fields; `List[T]` embeds a generic type.
            let after = peek(2).kind
            if after != .rbracket && after != .number { return .embedded(try parseType()) }
        default:
            break
        }
        let name = text(t)
        guard Lexical.isIdentifier(name) else { throw error("invalid field name \(describe(t))", at: t) }
        advance()
        return Field(name: name, type: try parseType())
    }

    private mutating func parseInterfaceElement() throws -> Field {
        let t = current
        if t.kind == .name, peek().kind == .lparen {
            let name = text(t)
            advance()
            return Field(name: name, type: .function(try parseSignature()))
        }
        return .embedded(try parseType())
    }
}
