/// Operands, places and function names.
extension Parser {
    /// Whether the current token can start an operand.
    var atOperandStart: Bool {
        switch current.kind {
        case .temp, .question, .number, .string, .star, .lparen, .name: return true
        default: return false
        }
    }

    /// `operand {, operand}`.
    mutating func parseOperandList(allowBlank: Bool = false) throws -> [Operand] {
        var list: [Operand] = []
        list.reserveCapacity(4)
        list.append(try parseOperand(allowBlank: allowBlank))
        while current.kind == .comma {
            advance()
            list.append(try parseOperand(allowBlank: allowBlank))
        }
        return list
    }

    /// Results before `=`: places, or `_`.
    mutating func parseResults() throws -> [Operand] {
        let start = current
        let list = try parseOperandList(allowBlank: true)
        for r in list {
            switch r {
            case .place, .blank: continue
            default: throw error("a result must be a place or '_'", at: start)
            }
        }
        return list
    }

    mutating func parseOperand(allowBlank: Bool = false) throws -> Operand {
        let t = current
        switch t.kind {
        case .temp, .star, .lparen:
            return .place(try parsePlace())
        case .question:
            advance()
            return .unknown
        case .number:
            return .int(try parseInt())
        case .string:
            advance()
            return .string(try stringValue(t))
        case .name:
            if isWord(t, .blank) {
                guard allowBlank else { throw error("'_' is only allowed among results", at: t) }
                advance()
                return .blank
            }
            if isWord(t, .true) || isWord(t, .false) {
                advance()
                return .bool(isWord(t, .true))
            }
            if isWord(t, .nil) {
                advance()
                return .nil
            }
            if isWord(t, .func) {
                advance()
                return .function(try parseFunctionName())
            }
            return .place(try parsePlace())
        default:
            throw error("expected an operand, found \(describe(t))", at: t)
        }
    }

    /// A place: `%n`, a variable, a global, `global(name)`, `*p`, `(*p).f`,
    /// followed by `.field` and `[]` selectors.
    mutating func parsePlace() throws -> Place {
        let t = current
        var place: Place
        switch t.kind {
        case .star:
            var stars = 0
            while current.kind == .star {
                stars += 1
                advance()
                if stars > Parser.maxDepth { throw error("dereference nested too deeply", at: t) }
            }
            place = try parsePlace()
            for _ in 0..<stars { place.path.append(.deref) }
            return place
        case .lparen:
            try enter("operand")
            advance()
            place = try parsePlace()
            try expect(.rparen, "')'")
            leave()
        case .temp:
            guard let n = UInt32(String(decoding: bytes[Int(t.start) + 1..<Int(t.end)], as: UTF8.self)) else {
                throw error("temporary number out of range", at: t)
            }
            advance()
            place = Place(.temp(n))
        case .name where isWord(t, .global) && peek().kind == .lparen:
            advance()
            advance()
            let nameToken = current
            let name: String
            switch nameToken.kind {
            case .name: name = text(nameToken)
            case .string: name = try stringValue(nameToken)
            default: throw error("expected a global name, found \(describe(nameToken))", at: nameToken)
            }
            advance()
            try expect(.rparen, "')'")
            place = Place(.global(name))
        case .name:
            if let cached = names.cached(t.name, function: functionNumber) {
                place = cached
            } else {
                place = try resolvePlace(t)
                names.cache(place, for: t.name, function: functionNumber)
            }
            advance()
        default:
            throw error("expected a place, found \(describe(t))", at: t)
        }
        try parseSelectors(into: &place)
        return place
    }

    /// A dotted name read as a variable or a global with fields.
    private func resolvePlace(_ t: Token) throws -> Place {
        let name = text(t)
        guard let resolved = NameResolution.resolve(name, variables: variables, globals: globals) else {
            throw error("undeclared name '\(name)'", at: t)
        }
        let root: Place.Root
        let fields: [String]
        switch resolved {
        case .variable(let v, let f):
            root = .variable(v)
            fields = f
        case .global(let g, let f):
            root = .global(g)
            fields = f
        }
        var place = Place(root)
        for field in fields {
            guard Lexical.isIdentifier(field) else { throw error("invalid field name '\(field)' in '\(name)'", at: t) }
            place.path.append(.field(field))
        }
        return place
    }

    /// `.f.g` and `[]` after a place.
    private mutating func parseSelectors(into place: inout Place) throws {
        while true {
            if current.kind == .dot, peek().kind == .name {
                advance()
                let t = current
                for f in text(t).split(separator: ".", omittingEmptySubsequences: false) {
                    let field = String(f)
                    guard Lexical.isIdentifier(field) else { throw error("invalid field name '\(field)'", at: t) }
                    place.path.append(.field(field))
                }
                advance()
            } else if current.kind == .lbracket, peek().kind == .rbracket {
                advance()
                advance()
                place.path.append(.element)
            } else {
                return
            }
        }
    }

    /// A qualified function name: `pkg.F`, `pkg.F.func1`, `(*pkg.T).M`,
    /// `(*pkg.T).M.func1`, or a quoted name. Method names are rebuilt from
    /// the parsed receiver type, so they are always spelled one way.
    mutating func parseFunctionName() throws -> String {
        let t = current
        switch t.kind {
        case .name:
            advance()
            return text(t)
        case .string:
            advance()
            return try stringValue(t)
        case .lparen:
            let spanID = methodSpan()
            if let id = spanID, let known = spanNames[id] {
                index += methodSpanTokens
                return known
            }
            advance()
            let receiver = try parseType()
            try expect(.rparen, "')'")
            try expect(.dot, "'.' and a method name")
            let method = try expectName("a method name")
            let name = FunctionName.method(receiver: receiver, name: method)
            if let id = spanID { spanNames[id] = name }
            return name
        default:
            throw error("expected a function name, found \(describe(t))", at: t)
        }
    }

    /// The interned source text of the method name starting at the current
    /// `(`: `(`, the receiver type, `)`, `.`, the name. Nil when the tokens do
    /// not have that shape (the parser then reports the error itself).
    private mutating func methodSpan() -> Int32? {
        var i = index
        var nesting = 0
        while i < tokens.count - 3 {
            switch tokens[i].kind {
            case .lparen: nesting += 1
            case .rparen:
                nesting -= 1
                guard nesting == 0 else { break }
                guard tokens[i + 1].kind == .dot, tokens[i + 2].kind == .name else { return nil }
                methodSpanTokens = i + 3 - index
                let start = Int(tokens[index].start)
                let end = Int(tokens[i + 2].end)
                return bytes.withUnsafeBufferPointer { spans.intern($0, start, end) }
            case .newline, .eof: return nil
            default: break
            }
            i += 1
        }
        return nil
    }
}
