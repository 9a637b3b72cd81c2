#if CONCLINT_LIBCLANG
internal import CClang

/// Small Swift views of libclang's cursors, types and strings. Nothing here
/// leaves the Cgo module: the model types (`CFunction`, `CType` ...) are
/// what callers see.
enum Clang {
    /// A libclang string as a Swift string (the CXString is disposed).
    static func string(_ s: CXString) -> String {
        defer { clang_disposeString(s) }
        guard let c = clang_getCString(s) else { return "" }
        return String(cString: c)
    }

    static func spelling(_ cursor: CXCursor) -> String { string(clang_getCursorSpelling(cursor)) }

    /// The cursor's children, in order.
    static func children(_ cursor: CXCursor) -> [CXCursor] {
        final class Box { var items: [CXCursor] = [] }
        let box = Box()
        let data = Unmanaged.passUnretained(box).toOpaque()
        _ = clang_visitChildren(cursor, { child, _, data in
            guard let data else { return CXChildVisit_Break }
            Unmanaged<Box>.fromOpaque(data).takeUnretainedValue().items.append(child)
            return CXChildVisit_Continue
        }, data)
        return box.items
    }

    /// An expression with casts, parentheses and implicit conversions taken off.
    static func stripped(_ cursor: CXCursor) -> CXCursor {
        var c = cursor
        for _ in 0..<64 {
            let kind = clang_getCursorKind(c)
            guard kind == CXCursor_UnexposedExpr || kind == CXCursor_ParenExpr || kind == CXCursor_CStyleCastExpr else { break }
            guard let inner = children(c).last(where: { clang_isExpression(clang_getCursorKind($0)) != 0 }) else { break }
            c = inner
        }
        return c
    }

    /// The C type model of a libclang type.
    static func type(_ t: CXType) -> CType {
        CType(spelling: string(clang_getTypeSpelling(t)), kind: kind(of: clang_getCanonicalType(t)))
    }

    private static func kind(of t: CXType) -> CType.Kind {
        switch t.kind {
        case CXType_Void: return .void
        case CXType_Bool, CXType_Char_U, CXType_UChar, CXType_Char16, CXType_Char32, CXType_UShort, CXType_UInt,
             CXType_ULong, CXType_ULongLong, CXType_UInt128, CXType_Char_S, CXType_SChar, CXType_WChar,
             CXType_Short, CXType_Int, CXType_Long, CXType_LongLong, CXType_Int128:
            return .integer
        case CXType_Float, CXType_Double, CXType_LongDouble, CXType_Float128, CXType_Half, CXType_Float16:
            return .floating
        case CXType_Pointer, CXType_BlockPointer: return .pointer
        case CXType_Record: return .record
        case CXType_Enum: return .enumeration
        case CXType_FunctionProto, CXType_FunctionNoProto: return .function
        case CXType_ConstantArray, CXType_IncompleteArray, CXType_VariableArray, CXType_DependentSizedArray: return .array
        default: return .other
        }
    }

    /// Whether a declared name is one Go can write after `C.` (anonymous
    /// records are spelled "struct (unnamed at ...)" by libclang).
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z")) else {
            return false
        }
        return name.utf8.allSatisfy { b in
            b == UInt8(ascii: "_") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z"))
        }
    }
}
#endif
