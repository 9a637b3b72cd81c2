/// A JSON document built in code and written by `JSONWriter`.
///
/// Objects keep their keys in the order the code adds them, so every
/// reporter fixes its key order in one place and output is byte-for-byte
/// reproducible without sorting or a Foundation round trip.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(JSONWriter.compact(self))
    }
}

/// Builds an object, leaving out keys whose value is absent, so optional
/// fields never appear as `null`.
public struct JSONObjectBuilder {
    public private(set) var members: [(String, JSONValue)] = []

    public init() {}

    public mutating func add(_ key: String, _ value: JSONValue) { members.append((key, value)) }
    public mutating func add(_ key: String, _ value: String) { members.append((key, .string(value))) }
    public mutating func add(_ key: String, _ value: Int) { members.append((key, .int(value))) }
    public mutating func add(_ key: String, _ value: Bool) { members.append((key, .bool(value))) }
    public mutating func add(_ key: String, ifPresent value: Int?) { if let value { add(key, value) } }
    public mutating func add(_ key: String, ifPresent value: String?) { if let value { add(key, value) } }
    /// Adds an array only when it has elements.
    public mutating func add(_ key: String, ifNotEmpty values: [JSONValue]) {
        if !values.isEmpty { add(key, .array(values)) }
    }

    public var value: JSONValue { .object(members) }
}

/// Serialises `JSONValue`s as RFC 8259 JSON: strings escaped (quote,
/// backslash, every control character), non-ASCII text kept as UTF-8.
public enum JSONWriter {
    /// Two-space indentation and a final newline, for files people read.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, pretty: true, into: &out)
        out += "\n"
        return out
    }

    /// One line, no spaces.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, pretty: false, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, pretty: Bool, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, indent: indent, pretty: pretty, into: &out) { i, out in
                write(items[i], indent: indent + 1, pretty: pretty, into: &out)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, indent: indent, pretty: pretty, into: &out) { i, out in
                writeString(members[i].0, into: &out)
                out += pretty ? ": " : ":"
                write(members[i].1, indent: indent + 1, pretty: pretty, into: &out)
            }
        }
    }

    private static func writeContainer(open: String, close: String, count: Int, indent: Int, pretty: Bool,
                                       into out: inout String, element: (Int, inout String) -> Void) {
        out += open
        guard count > 0 else { out += close; return }
        let inner = pretty ? "\n" + String(repeating: "  ", count: indent + 1) : ""
        for i in 0..<count {
            if i > 0 { out += "," }
            out += inner
            element(i, &out)
        }
        if pretty { out += "\n" + String(repeating: "  ", count: indent) }
        out += close
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
