/// The lexical tokens of Go (The Go Programming Language Specification,
/// "Lexical elements"), one byte each so that token streams and token sets
/// stay small.
public enum Token: UInt8, Sendable, CaseIterable {
    case eof
    case illegal

    // Literals and names.
    case ident
    case int
    case float
    case imag
    case char
    case string

    // Operators and punctuation.
    case add            // +
    case sub            // -
    case mul            // *
    case quo            // /
    case rem            // %
    case and            // &
    case or             // |
    case xor            // ^
    case shl            // <<
    case shr            // >>
    case andNot         // &^
    case addAssign      // +=
    case subAssign      // -=
    case mulAssign      // *=
    case quoAssign      // /=
    case remAssign      // %=
    case andAssign      // &=
    case orAssign       // |=
    case xorAssign      // ^=
    case shlAssign      // <<=
    case shrAssign      // >>=
    case andNotAssign   // &^=
    case land           // &&
    case lor            // ||
    case arrow          // <-
    case inc            // ++
    case dec            // --
    case eql            // ==
    case lss            // <
    case gtr            // >
    case assign         // =
    case not            // !
    case neq            // !=
    case leq            // <=
    case geq            // >=
    case define         // :=
    case ellipsis       // ...
    case lparen         // (
    case lbrack         // [
    case lbrace         // {
    case comma          // ,
    case period         // .
    case rparen         // )
    case rbrack         // ]
    case rbrace         // }
    case semicolon      // ; (also an automatic semicolon at a line end)
    case colon          // :
    case tilde          // ~

    // Keywords.
    case kwBreak
    case kwCase
    case kwChan
    case kwConst
    case kwContinue
    case kwDefault
    case kwDefer
    case kwElse
    case kwFallthrough
    case kwFor
    case kwFunc
    case kwGo
    case kwGoto
    case kwIf
    case kwImport
    case kwInterface
    case kwMap
    case kwPackage
    case kwRange
    case kwReturn
    case kwSelect
    case kwStruct
    case kwSwitch
    case kwType
    case kwVar

    /// The token as Go source spells it (`"+="`, `"func"`), or a description
    /// for the classes of tokens (`"identifier"`).
    public var spelling: String {
        switch self {
        case .eof: return "EOF"
        case .illegal: return "ILLEGAL"
        case .ident: return "name"
        case .int, .float, .imag, .char, .string: return "literal"
        case .add: return "+"
        case .sub: return "-"
        case .mul: return "*"
        case .quo: return "/"
        case .rem: return "%"
        case .and: return "&"
        case .or: return "|"
        case .xor: return "^"
        case .shl: return "<<"
        case .shr: return ">>"
        case .andNot: return "&^"
        case .addAssign: return "+="
        case .subAssign: return "-="
        case .mulAssign: return "*="
        case .quoAssign: return "/="
        case .remAssign: return "%="
        case .andAssign: return "&="
        case .orAssign: return "|="
        case .xorAssign: return "^="
        case .shlAssign: return "<<="
        case .shrAssign: return ">>="
        case .andNotAssign: return "&^="
        case .land: return "&&"
        case .lor: return "||"
        case .arrow: return "<-"
        case .inc: return "++"
        case .dec: return "--"
        case .eql: return "=="
        case .lss: return "<"
        case .gtr: return ">"
        case .assign: return "="
        case .not: return "!"
        case .neq: return "!="
        case .leq: return "<="
        case .geq: return ">="
        case .define: return ":="
        case .ellipsis: return "..."
        case .lparen: return "("
        case .lbrack: return "["
        case .lbrace: return "{"
        case .comma: return ","
        case .period: return "."
        case .rparen: return ")"
        case .rbrack: return "]"
        case .rbrace: return "}"
        case .semicolon: return ";"
        case .colon: return ":"
        case .tilde: return "~"
        case .kwBreak: return "break"
        case .kwCase: return "case"
        case .kwChan: return "chan"
        case .kwConst: return "const"
        case .kwContinue: return "continue"
        case .kwDefault: return "default"
        case .kwDefer: return "defer"
        case .kwElse: return "else"
        case .kwFallthrough: return "fallthrough"
        case .kwFor: return "for"
        case .kwFunc: return "func"
        case .kwGo: return "go"
        case .kwGoto: return "goto"
        case .kwIf: return "if"
        case .kwImport: return "import"
        case .kwInterface: return "interface"
        case .kwMap: return "map"
        case .kwPackage: return "package"
        case .kwRange: return "range"
        case .kwReturn: return "return"
        case .kwSelect: return "select"
        case .kwStruct: return "struct"
        case .kwSwitch: return "switch"
        case .kwType: return "type"
        case .kwVar: return "var"
        }
    }

    /// For `x op= y`, the binary operator `op`; nil for other tokens.
    public var compoundBase: Token? {
        switch self {
        case .addAssign: return .add
        case .subAssign: return .sub
        case .mulAssign: return .mul
        case .quoAssign: return .quo
        case .remAssign: return .rem
        case .andAssign: return .and
        case .orAssign: return .or
        case .xorAssign: return .xor
        case .shlAssign: return .shl
        case .shrAssign: return .shr
        case .andNotAssign: return .andNot
        default: return nil
        }
    }

    /// Binary operator precedence (5 binds tightest), 0 for non-operators.
    public var binaryPrecedence: Int {
        switch self {
        case .lor: return 1
        case .land: return 2
        case .eql, .neq, .lss, .leq, .gtr, .geq: return 3
        case .add, .sub, .or, .xor: return 4
        case .mul, .quo, .rem, .shl, .shr, .and, .andNot: return 5
        default: return 0
        }
    }
}

/// A set of tokens as a 128-bit mask, for cheap membership tests in the
/// parser's follow sets.
public struct TokenSet: Sendable, Equatable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    public init(_ tokens: Token...) {
        for t in tokens { insert(t) }
    }

    public mutating func insert(_ t: Token) {
        let r = t.rawValue
        if r < 64 { low |= 1 << UInt64(r) } else { high |= 1 << UInt64(r - 64) }
    }

    public func contains(_ t: Token) -> Bool {
        let r = t.rawValue
        return r < 64 ? (low >> UInt64(r)) & 1 == 1 : (high >> UInt64(r - 64)) & 1 == 1
    }
}
