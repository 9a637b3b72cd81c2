import Findings

/// Rule ids are permanent: two letters naming the category, then four digits
/// (`TM1001`). A retired id stays in rules/ as deprecated and is never reused,
/// so that suppressions and dashboards keep meaning the same thing.
public enum RuleID {
    /// The two-letter prefix of each category.
    public static func prefix(of category: Category) -> String {
        switch category {
        case .channel: return "CH"
        case .waitgroup: return "WG"
        case .timer: return "TM"
        case .mapRace: return "MR"
        case .escape: return "ES"
        case .mutex: return "MU"
        case .context: return "CX"
        case .cgo: return "CG"
        case .sync: return "SY"
        case .goroutine: return "GR"
        }
    }

    /// The category an id's prefix names, or nil when `text` is not an id.
    public static func category(of text: String) -> Category? {
        guard isWellFormed(text) else { return nil }
        let prefix = String(text.prefix(2))
        return Category.allCases.first { self.prefix(of: $0) == prefix }
    }

    /// Two uppercase letters followed by exactly four digits.
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 6 else { return false }
        let letters = bytes[0..<2].allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        let digits = bytes[2..<6].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return letters && digits
    }

    /// Numbers 9000-9999 of every category are left to teams for their own rules.
    public static func isTeamRange(_ id: String) -> Bool {
        isWellFormed(id) && id.dropFirst(2).hasPrefix("9")
    }
}
