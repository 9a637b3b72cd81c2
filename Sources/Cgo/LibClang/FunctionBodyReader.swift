#if CONCLINT_LIBCLANG
internal import CClang

/// What one preamble function's body does: its calls (with which of its
/// parameters), what it returns, and which parameters it stores into
/// global memory. Locals assigned from a call are followed, so that
/// `char *p = malloc(n); ... return p;` returns a `malloc` result.
struct FunctionBodyReader {
    let unit: CXTranslationUnit
    /// Parameter names, in order (an unnamed parameter is "").
    let parameters: [String]
    let prologueLines: Int
    private var body = CFunctionBody()
    /// Local variable name to the function whose result it was last assigned.
    private var localOrigins: [String: String] = [:]

    init(unit: CXTranslationUnit, parameters: [String], prologueLines: Int) {
        self.unit = unit
        self.parameters = parameters
        self.prologueLines = prologueLines
    }

    mutating func read(_ function: CXCursor) -> CFunctionBody {
        for child in Clang.children(function) where clang_getCursorKind(child) == CXCursor_CompoundStmt {
            walk(child, depth: 0)
        }
        return body
    }

    /// Source order, parents before children, so that a local's assignment
    /// is seen before the `return` that follows it.
    private mutating func walk(_ cursor: CXCursor, depth: Int) {
        guard depth < 256 else { return }
        switch clang_getCursorKind(cursor) {
        case CXCursor_CallExpr:
            call(cursor)
        case CXCursor_ReturnStmt:
            if let value = Clang.children(cursor).first { body.returns.append(self.value(of: value)) }
        case CXCursor_VarDecl:
            let name = Clang.spelling(cursor)
            if let initial = Clang.children(cursor).last(where: { clang_isExpression(clang_getCursorKind($0)) != 0 }),
               case .callResult(let callee) = value(of: initial) {
                localOrigins[name] = callee
            }
        case CXCursor_BinaryOperator:
            assignment(cursor)
        default:
            break
        }
        for child in Clang.children(cursor) { walk(child, depth: depth + 1) }
    }

    private mutating func call(_ cursor: CXCursor) {
        let referenced = clang_getCursorReferenced(cursor)
        let callee = clang_getCursorKind(referenced) == CXCursor_FunctionDecl ? Clang.spelling(referenced) : ""
        var arguments: [CValue] = []
        let count = clang_Cursor_getNumArguments(cursor)
        if count > 0 {
            for i in 0..<UInt32(count) { arguments.append(value(of: clang_Cursor_getArgument(cursor, i))) }
        }
        let position = ClangPositions.preamblePosition(clang_getCursorLocation(cursor), prologueLines: prologueLines)
            ?? CPosition(line: 0, column: 0)
        body.calls.append(CCall(callee: callee, arguments: arguments, position: position))
    }

    /// `x = y`: a parameter stored into global memory, or a local that now
    /// holds a call's result. Other operators (`+=`, `==` ...) are skipped.
    private mutating func assignment(_ cursor: CXCursor) {
        let operands = Clang.children(cursor)
        guard operands.count == 2, operatorSpelling(cursor, after: operands[0]) == "=" else { return }
        let target = Clang.stripped(operands[0])
        let value = self.value(of: operands[1])
        if clang_getCursorKind(target) == CXCursor_DeclRefExpr, !isGlobal(clang_getCursorReferenced(target)) {
            let name = Clang.spelling(target)
            if case .callResult(let callee) = value { localOrigins[name] = callee } else { localOrigins[name] = nil }
            return
        }
        guard case .parameter(let i) = value, let global = globalBase(of: target) else { return }
        body.parametersKeptInGlobals[i] = global
    }

    /// The global variable a stored-to place starts from (`g`, `g.f`,
    /// `g->f`, `g[i]`, `*g`), if it starts from one.
    private func globalBase(of place: CXCursor) -> String? {
        var c = Clang.stripped(place)
        for _ in 0..<32 {
            switch clang_getCursorKind(c) {
            case CXCursor_DeclRefExpr:
                let declaration = clang_getCursorReferenced(c)
                return isGlobal(declaration) ? Clang.spelling(declaration) : nil
            case CXCursor_MemberRefExpr, CXCursor_ArraySubscriptExpr, CXCursor_UnaryOperator:
                guard let base = Clang.children(c).first else { return nil }
                c = Clang.stripped(base)
            default:
                return nil
            }
        }
        return nil
    }

    /// A variable declared at file scope, or a `static` local.
    private func isGlobal(_ declaration: CXCursor) -> Bool {
        guard clang_getCursorKind(declaration) == CXCursor_VarDecl else { return false }
        if clang_getCursorKind(clang_getCursorSemanticParent(declaration)) == CXCursor_TranslationUnit { return true }
        return clang_Cursor_getStorageClass(declaration) == CX_SC_Static
    }

    private func value(of expression: CXCursor) -> CValue {
        let e = Clang.stripped(expression)
        switch clang_getCursorKind(e) {
        case CXCursor_CallExpr:
            let referenced = clang_getCursorReferenced(e)
            return clang_getCursorKind(referenced) == CXCursor_FunctionDecl ? .callResult(Clang.spelling(referenced)) : .other
        case CXCursor_DeclRefExpr:
            let declaration = clang_getCursorReferenced(e)
            let name = Clang.spelling(declaration)
            if clang_getCursorKind(declaration) == CXCursor_ParmDecl, let i = parameters.firstIndex(of: name), !name.isEmpty {
                return .parameter(i)
            }
            if let callee = localOrigins[name] { return .callResult(callee) }
            return .other
        default:
            return .other
        }
    }

    /// The operator token of a binary expression: the first token after its left operand.
    private func operatorSpelling(_ cursor: CXCursor, after left: CXCursor) -> String? {
        var tokens: UnsafeMutablePointer<CXToken>?
        var count: UInt32 = 0
        clang_tokenize(unit, clang_getCursorExtent(cursor), &tokens, &count)
        guard let tokens else { return nil }
        defer { clang_disposeTokens(unit, tokens, count) }
        var leftEnd: UInt32 = 0
        clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(left)), nil, nil, nil, &leftEnd)
        for i in 0..<Int(count) {
            var offset: UInt32 = 0
            clang_getExpansionLocation(clang_getTokenLocation(unit, tokens[i]), nil, nil, nil, &offset)
            if offset >= leftEnd, clang_getTokenKind(tokens[i]) == CXToken_Punctuation {
                return Clang.string(clang_getTokenSpelling(unit, tokens[i]))
            }
        }
        return nil
    }
}
#endif
