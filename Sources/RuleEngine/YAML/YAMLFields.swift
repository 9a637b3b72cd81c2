import Yams

/// The fields of one YAML mapping, checked against the names a format allows.
///
/// An unknown key is an error at the key's own position (with the closest
/// allowed name suggested), because a misspelt optional field would otherwise
/// be ignored without a word.
struct YAMLFields {
    let owner: YAMLValue
    private var values: [String: YAMLValue] = [:]
    /// Keys in file order.
    private(set) var keys: [String] = []

    init(owner: YAMLValue, mapping: Node.Mapping, allowed: [String]) throws {
        self.owner = owner
        for pair in mapping {
            let keyValue = YAMLValue(node: pair.key, field: owner.field, source: owner.source)
            guard case let .scalar(scalar) = pair.key else {
                throw keyValue.error("expected a plain key, found \(keyValue.kindDescription)")
            }
            let name = scalar.string
            let path = owner.field.isEmpty ? name : "\(owner.field).\(name)"
            guard allowed.contains(name) else {
                let unknownKey = YAMLValue(node: pair.key, field: path, source: owner.source)
                var message = "unknown field; expected one of \(allowed.joined(separator: ", "))"
                if let suggestion = Self.closest(to: name, in: allowed) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                throw unknownKey.error(message)
            }
            values[name] = YAMLValue(node: pair.value, field: path, source: owner.source)
            keys.append(name)
        }
    }

    subscript(key: String) -> YAMLValue? { values[key] }

    /// The value of a required field; its absence is reported at the mapping.
    func required(_ key: String) throws -> YAMLValue {
        if let value = values[key] { return value }
        let path = owner.field.isEmpty ? key : "\(owner.field).\(key)"
        throw owner.source.error(at: owner.position, field: path, "missing required field")
    }

    /// The allowed name within edit distance 2 of `name`, if any.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
