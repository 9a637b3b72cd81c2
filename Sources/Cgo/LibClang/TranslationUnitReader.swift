#if CONCLINT_LIBCLANG
internal import CClang

/// Walks a parsed translation unit's top-level declarations into a
/// `CTranslationUnit`: every name Go may write after `C.`, and for the
/// functions the preamble defines, what their bodies do.
struct TranslationUnitReader {
    let unit: CXTranslationUnit
    /// Lines of `LibClangParser.prologue` before the preamble's first line.
    let prologueLines: Int
    private var result = CTranslationUnit()

    init(unit: CXTranslationUnit, prologueLines: Int) {
        self.unit = unit
        self.prologueLines = prologueLines
    }

    mutating func read() -> CTranslationUnit {
        for cursor in Clang.children(clang_getTranslationUnitCursor(unit)) {
            switch clang_getCursorKind(cursor) {
            case CXCursor_FunctionDecl: function(cursor)
            case CXCursor_VarDecl: insertName(cursor, into: \.variables)
            case CXCursor_TypedefDecl:
                let name = Clang.spelling(cursor)
                if Clang.isIdentifier(name) { result.typedefs[name] = Clang.type(clang_getTypedefDeclUnderlyingType(cursor)) }
                // typedef struct { ... } name; declares the anonymous record inside.
                for child in Clang.children(cursor) { record(child) }
            case CXCursor_StructDecl, CXCursor_UnionDecl, CXCursor_EnumDecl: record(cursor)
            case CXCursor_MacroDefinition: macro(cursor)
            default: break
            }
        }
        return result
    }

    // MARK: Declarations

    private mutating func insertName(_ cursor: CXCursor, into set: WritableKeyPath<CTranslationUnit, Set<String>>) {
        let name = Clang.spelling(cursor)
        if Clang.isIdentifier(name) { result[keyPath: set].insert(name) }
    }

    private mutating func record(_ cursor: CXCursor) {
        let kind = clang_getCursorKind(cursor)
        let name = Clang.spelling(cursor)
        if kind == CXCursor_EnumDecl {
            if Clang.isIdentifier(name) { result.enums.insert(name) }
            for child in Clang.children(cursor) where clang_getCursorKind(child) == CXCursor_EnumConstantDecl {
                insertName(child, into: \.enumConstants)
            }
            return
        }
        guard kind == CXCursor_StructDecl || kind == CXCursor_UnionDecl else { return }
        let fields = Clang.children(cursor).filter { clang_getCursorKind($0) == CXCursor_FieldDecl }.map {
            CParameter(name: Clang.spelling($0), type: Clang.type(clang_getCursorType($0)))
        }
        guard Clang.isIdentifier(name) else { return }
        // A forward declaration must not hide the fields of the definition.
        if result.records[name] == nil || !fields.isEmpty { result.records[name] = fields }
    }

    private mutating func function(_ cursor: CXCursor) {
        let name = Clang.spelling(cursor)
        guard Clang.isIdentifier(name) else { return }
        let position = self.position(of: cursor)
        // The prologue's helpers are cgo's, not the preamble's.
        if position == nil, clang_Location_isFromMainFile(clang_getCursorLocation(cursor)) != 0 { return }
        let type = clang_getCursorType(cursor)
        var parameters: [CParameter] = []
        let count = clang_Cursor_getNumArguments(cursor)
        if count > 0 {
            for i in 0..<UInt32(count) {
                let parameter = clang_Cursor_getArgument(cursor, i)
                parameters.append(CParameter(name: Clang.spelling(parameter), type: Clang.type(clang_getCursorType(parameter))))
            }
        }
        var function = CFunction(name: name, result: Clang.type(clang_getResultType(type)), parameters: parameters,
                                 isVariadic: clang_isFunctionTypeVariadic(type) != 0, position: position)
        if clang_isCursorDefinition(cursor) != 0, position != nil {
            var reader = FunctionBodyReader(unit: unit, parameters: parameters.map(\.name), prologueLines: prologueLines)
            function.body = reader.read(cursor)
        }
        // Keep a definition over a declaration, and the preamble's position over a header's.
        if let existing = result.functions[name], existing.isDefined, !function.isDefined { return }
        if function.position == nil, let existing = result.functions[name] { function.position = existing.position }
        result.functions[name] = function
    }

    /// An object-like macro; its value is kept when it is a constant.
    private mutating func macro(_ cursor: CXCursor) {
        guard clang_Cursor_isMacroBuiltin(cursor) == 0 else { return }
        let name = Clang.spelling(cursor)
        guard Clang.isIdentifier(name), clang_Cursor_isMacroFunctionLike(cursor) == 0 else { return }
        result.macros[name] = .some(MacroConstant.value(of: tokens(cursor).dropFirst()))
    }

    /// The spellings of the tokens a cursor covers.
    private func tokens(_ cursor: CXCursor) -> [String] {
        var tokens: UnsafeMutablePointer<CXToken>?
        var count: UInt32 = 0
        clang_tokenize(unit, clang_getCursorExtent(cursor), &tokens, &count)
        guard let tokens else { return [] }
        defer { clang_disposeTokens(unit, tokens, count) }
        return (0..<Int(count)).map { Clang.string(clang_getTokenSpelling(unit, tokens[$0])) }
    }

    /// The cursor's preamble position; nil outside the preamble.
    private func position(of cursor: CXCursor) -> CPosition? {
        ClangPositions.preamblePosition(clang_getCursorLocation(cursor), prologueLines: prologueLines)
    }
}

/// Preamble positions of libclang locations.
enum ClangPositions {
    static func preamblePosition(_ location: CXSourceLocation, prologueLines: Int) -> CPosition? {
        guard clang_Location_isFromMainFile(location) != 0 else { return nil }
        var line: UInt32 = 0
        var column: UInt32 = 0
        clang_getExpansionLocation(location, nil, &line, &column, nil)
        let l = Int(line) - prologueLines
        return l >= 1 ? CPosition(line: l, column: Int(column)) : nil
    }
}
#endif
