/// The DSL's words. The lexer interns them first, in this order, so a
/// keyword's id in the `NameTable` is its raw value and testing a token for
/// a keyword is one integer comparison.
enum Keyword: Int32, CaseIterable {
    case package, go, file, type, global, `func`, parent, capture, `var`
    case loop, len, jump, `if`, then, `else`, select, `case`, `default`, send, recv
    case `return`, panic, unreachable, assign, call, `defer`, range, targets
    case `true`, `false`, `nil`, blank
    case chan, map, `struct`, interface
    case plus

    var spelling: String {
        switch self {
        case .blank: return "_"
        case .func: return "func"
        case .var: return "var"
        case .if: return "if"
        case .else: return "else"
        case .case: return "case"
        case .default: return "default"
        case .return: return "return"
        case .defer: return "defer"
        case .true: return "true"
        case .false: return "false"
        case .nil: return "nil"
        case .struct: return "struct"
        default: return "\(self)"
        }
    }
}
