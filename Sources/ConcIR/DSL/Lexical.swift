/// The DSL's character classes, shared by the lexer (what it reads as one
/// name) and the printer (what it may print bare), so the two cannot drift.
///
/// A name is Go identifier characters plus the punctuation of import paths
/// and qualified names (`example.com/p.Server`, `main.main.func1`, `err#1`):
/// `.`, `/`, `-`, `~`, `+` and `#` join name characters but never start or
/// end a name. Every byte >= 0x80 counts as a letter, so Unicode identifiers
/// lex as names without decoding.
enum Lexical {
    static let nameStart: UInt8 = 1
    static let digit: UInt8 = 2
    static let joiner: UInt8 = 4
    static let nameContinue: UInt8 = nameStart | digit

    /// The class bits of every byte, for the lexer's inner loops.
    static let classes: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        let byte = UInt8(b)
        if isNameStart(byte) { return nameStart }
        if isDigit(byte) { return digit }
        if isJoiner(byte) { return joiner }
        return 0
    }

    @inline(__always) static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b >= 0x80
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always) static func isNameContinue(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) }

    /// `.` `/` `-` `~` `+` `#`: allowed between name characters.
    @inline(__always) static func isJoiner(_ b: UInt8) -> Bool {
        b == 0x2E || b == 0x2F || b == 0x2D || b == 0x7E || b == 0x2B || b == 0x23
    }

    /// Whether `text` lexes as exactly one name token.
    static func isPlainName(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard let first = utf8.first, isNameStart(first) else { return false }
            var previousWasJoiner = false
            for b in utf8.dropFirst() {
                if isNameContinue(b) {
                    previousWasJoiner = false
                } else if isJoiner(b), !previousWasJoiner {
                    previousWasJoiner = true
                } else {
                    return false
                }
            }
            return !previousWasJoiner
        }
    }

    /// Whether `text` is a plain name without joiners: a Go-style identifier,
    /// usable as a variable or field name (`#` is allowed for renamed
    /// variables such as `err#1`).
    static func isIdentifier(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard let first = utf8.first, isNameStart(first) else { return false }
            return utf8.dropFirst().allSatisfy { isNameContinue($0) || $0 == 0x23 }
        }
    }

    /// Words that mean something in operand position and so cannot name a
    /// variable.
    static let operandKeywords: Set<String> = ["true", "false", "nil", "func", "_"]

    /// Words that start a type literal, so no named type can be spelled so.
    static let typeKeywords: Set<String> = ["chan", "map", "func", "struct", "interface"]
}
