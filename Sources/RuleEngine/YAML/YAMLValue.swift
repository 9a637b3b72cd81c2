import Foundation
import Yams

/// One YAML node with its field path and source, so that every typed read can
/// fail with a message naming the file, line, byte column and field.
///
/// Only scalars with the expected resolved tag are accepted (a bare `yes` is a
/// boolean in YAML 1.1, `1.20` a number): strictness here is what lets a typo
/// in a rule file stop the run instead of silently changing a rule.
struct YAMLValue {
    let node: Node
    /// Dotted path of this value (`lifecycle.acquire[0].call`); empty for the root.
    let field: String
    let source: YAMLSource

    var position: SourcePosition? { source.position(of: node.mark) }

    /// The resolved YAML tag (`str`, `int`, `bool`, `null` ...).
    private var tagName: Tag.Name { Tag.Name(rawValue: node.tag.description) }

    func error(_ message: String) -> ConfigurationError {
        source.error(at: position, field: field, message)
    }

    /// A short human description of what the node is, for "found ..." messages.
    var kindDescription: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            switch tagName {
            case .null: return "nothing (null)"
            case .bool: return "a boolean \(scalar.string)"
            case .int, .float: return "a number \(scalar.string)"
            case .str: return "\"\(scalar.string)\""
            default: return "a scalar \(scalar.string)"
            }
        }
    }

    // MARK: scalars

    /// A string scalar (plain, quoted or block). Numbers, booleans and null are rejected.
    func string() throws -> String {
        guard case let .scalar(scalar) = node, tagName == .str else {
            throw error("expected a string, found \(kindDescription)")
        }
        return scalar.string
    }

    /// A non-empty string without line breaks (summaries, names, ids).
    func line() throws -> String {
        let text = try string().trimmingCharacters(in: .whitespaces)
        if text.isEmpty { throw error("expected a non-empty one-line string, found an empty string") }
        if text.contains("\n") { throw error("expected one line, found several lines") }
        return text
    }

    /// A non-empty string, possibly on several lines.
    func text() throws -> String {
        let text = try string()
        // Stops at the first visible character (trimming copied every example).
        if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            throw error("expected a non-empty text, found an empty string")
        }
        return text
    }

    /// Any string or number scalar, taken as written: versions such as
    /// `1.23` or `0.1.0` are numbers to YAML but text to conclint.
    func versionText() throws -> String {
        guard case let .scalar(scalar) = node,
              [.str, .int, .float].contains(tagName),
              !scalar.string.isEmpty else {
            throw error("expected a version such as \"1.23\", found \(kindDescription)")
        }
        return scalar.string
    }

    func bool() throws -> Bool {
        guard tagName == .bool, let value = node.bool else {
            throw error("expected true or false, found \(kindDescription)")
        }
        return value
    }

    /// A non-negative integer.
    func index() throws -> Int {
        guard tagName == .int, let value = node.int, value >= 0 else {
            throw error("expected a non-negative integer, found \(kindDescription)")
        }
        return value
    }

    /// One of a fixed set of strings, named in the error when the value is not among them.
    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        guard case let .scalar(scalar) = node, let value = T(rawValue: scalar.string) else {
            throw error("expected one of \(names.joined(separator: ", ")), found \(kindDescription)")
        }
        return value
    }

    // MARK: collections

    /// The elements of a list, each with its own field path (`tags[2]`).
    func list() throws -> [YAMLValue] {
        guard case let .sequence(sequence) = node else {
            throw error("expected a list, found \(kindDescription)")
        }
        return sequence.enumerated().map { index, element in
            YAMLValue(node: element, field: "\(field)[\(index)]", source: source)
        }
    }

    /// A list of one-line strings; a single string is not silently taken as a list.
    func lineList() throws -> [String] {
        try list().map { try $0.line() }
    }

    /// The mapping's fields, rejecting any key not in `allowed`.
    func fields(allowed: [String]) throws -> YAMLFields {
        guard case let .mapping(mapping) = node else {
            throw error("expected a mapping, found \(kindDescription)")
        }
        return try YAMLFields(owner: self, mapping: mapping, allowed: allowed)
    }

    /// The mapping's entries in file order, with keys of any spelling (for
    /// maps keyed by user data such as `levels:`).
    func entries() throws -> [(key: String, keyValue: YAMLValue, value: YAMLValue)] {
        guard case let .mapping(mapping) = node else {
            throw error("expected a mapping, found \(kindDescription)")
        }
        return try mapping.map { pair in
            let keyValue = YAMLValue(node: pair.key, field: field, source: source)
            guard case let .scalar(scalar) = pair.key else {
                throw keyValue.error("expected a plain key, found \(keyValue.kindDescription)")
            }
            let path = field.isEmpty ? scalar.string : "\(field).\(scalar.string)"
            return (scalar.string,
                    YAMLValue(node: pair.key, field: path, source: source),
                    YAMLValue(node: pair.value, field: path, source: source))
        }
    }
}
