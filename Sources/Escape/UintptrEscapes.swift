import GoSema

/// `//go:uintptrescapes`: the function's `uintptr` parameters (and a final
/// `...uintptr`) are pointers in disguise that it keeps (syscall-like
/// wrappers), so the compiler marks them as escaping: what a caller
/// converts to uintptr for them (`uintptr(unsafe.Pointer(&v))`) goes to
/// the heap, and a `...uintptr` argument slice with it.
enum UintptrEscapes {
    enum Marking {
        case uintptr
        case variadicUintptr

        var text: String {
            switch self {
            case .uintptr: return "uintptr"
            case .variadicUintptr: return "...uintptr"
            }
        }
    }

    /// How parameter `index` of a unit's `signature` (receiver first, as
    /// the unit numbers them) is marked when the unit is the function
    /// declared as `object`; nil when it is not marked.
    static func marking(_ object: Object?, _ signature: Signature?, parameter index: Int) -> Marking? {
        guard let object, let signature, object.directives.contains("go:uintptrescapes") else { return nil }
        let parameters = signature.parameterObjects
        guard index < parameters.count else { return nil }
        let type = parameters[index].type
        if case .basic(.uintptr) = type.underlying { return .uintptr }
        if signature.variadic, index == parameters.count - 1, case .slice(let element) = type.underlying,
           case .basic(.uintptr) = element.underlying {
            return .variadicUintptr
        }
        return nil
    }

    /// The compiler's note for a marked parameter (`arg#N` when unnamed).
    static func note(_ marking: Marking, name: String, index: Int) -> String {
        let shown = name.isEmpty || name == "_" ? "arg#\(index + 1)" : name
        return "marking \(shown) as escaping \(marking.text)"
    }
}
