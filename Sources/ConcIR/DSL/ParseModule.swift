/// Modules: the header lines and the declarations.
extension Parser {
    mutating func parseModule() throws -> Module {
        collectGlobalNames()
        var sawPackage = false
        var sawVersion = false
        skipNewlines()
        while current.kind != .eof {
            let t = current
            if isWord(t, .package) {
                if sawPackage { throw error("second package clause", at: t) }
                sawPackage = true
                advance()
                module.packagePath = try parseNameOrString("a package path")
            } else if isWord(t, .go) {
                if sawVersion { throw error("second go version", at: t) }
                sawVersion = true
                advance()
                let v = current
                guard v.kind == .number || v.kind == .string else { throw error("expected a Go version, found \(describe(v))", at: v) }
                module.goVersion = v.kind == .string ? try stringValue(v) : text(v)
                advance()
            } else if isWord(t, .file) {
                advance()
                let f = try expect(.string, "a quoted file path")
                module.files.append(try stringValue(f))
            } else if isWord(t, .type) {
                advance()
                let name = try parseNameOrString("a type name")
                module.types.append(TypeDeclaration(name, try parseType()))
            } else if isWord(t, .global) {
                advance()
                let name = try parseNameOrString("a global name")
                module.globals.append(Variable(name, try parseType()))
            } else if isWord(t, .func) {
                module.functions.append(try parseFunction())
            } else {
                throw error("expected a declaration (package, go, file, type, global or func), found \(describe(t))", at: t)
            }
            if current.kind == .rbrace { throw error("unexpected '}'", at: current) }
            try endLine()
        }
        return module
    }

    /// Globals may be used before they are declared, so their names are
    /// collected in one pass over the top-level lines first.
    private mutating func collectGlobalNames() {
        var nesting = 0
        var lineStart = true
        for i in 0..<tokens.count {
            let t = tokens[i]
            switch t.kind {
            case .lbrace: nesting += 1
            case .rbrace: nesting -= 1
            default: break
            }
            if lineStart, nesting == 0, isWord(t, .global), i + 1 < tokens.count {
                let n = tokens[i + 1]
                if n.kind == .name {
                    globals.insert(text(n))
                } else if n.kind == .string, let s = try? stringValue(n) {
                    globals.insert(s)
                }
            }
            lineStart = t.kind == .newline
        }
    }

    private mutating func parseNameOrString(_ what: String) throws -> String {
        let t = current
        switch t.kind {
        case .name:
            advance()
            return text(t)
        case .string:
            advance()
            return try stringValue(t)
        default:
            throw error("expected \(what), found \(describe(t))", at: t)
        }
    }
}
