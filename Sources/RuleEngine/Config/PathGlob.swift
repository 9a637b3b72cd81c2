/// A path pattern for `exclude:` and `escape: noalloc: paths:`, matched
/// against slash-separated paths relative to the module root.
///
/// - `*` matches any run of characters within one path segment, `?` one
///   character, `[abc]` / `[a-z]` / `[!a-z]` one character of a class;
/// - `**` as a whole segment matches any number of segments (zero included);
/// - a pattern without `/` matches a name at any depth (`*_test.go`);
/// - a pattern that matches a directory matches everything below it (`vendor`).
public struct PathGlob: Hashable, Sendable, CustomStringConvertible {
    public let pattern: String
    private let segments: [String]

    /// Nil (with a reason from `problem(in:)`) for an empty pattern or an unclosed `[`.
    public init?(_ pattern: String) {
        guard Self.problem(in: pattern) == nil else { return nil }
        self.pattern = pattern
        var trimmed = Substring(pattern)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        if trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        var parts = trimmed.split(separator: "/").map(String.init)
        if !pattern.contains("/") { parts.insert("**", at: 0) }
        self.segments = parts
    }

    /// Why `pattern` is not a valid glob, or nil.
    public static func problem(in pattern: String) -> String? {
        if pattern.trimmingSpaces.isEmpty { return "empty path pattern" }
        var inClass = false
        for character in pattern {
            if character == "[" && !inClass { inClass = true } else if character == "]" && inClass { inClass = false }
        }
        return inClass ? "unclosed '[' in path pattern" : nil
    }

    /// Whether `path` (relative, `/`-separated) or one of its parent directories matches.
    public func matches(_ path: String) -> Bool {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        let parts = trimmed.split(separator: "/").map(String.init)
        guard !parts.isEmpty else { return false }
        for length in 1...parts.count where Self.match(segments[...], parts[0..<length]) {
            return true
        }
        return false
    }

    public var description: String { pattern }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var candidate = path
            while true {
                if match(rest, candidate) { return true }
                guard !candidate.isEmpty else { return false }
                candidate = candidate.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(Array(first.unicodeScalars)[...], Array(segment.unicodeScalars)[...]) else {
            return false
        }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// Matches one segment with `*`, `?` and classes; iterative on `*` backtracking.
    private static func matchSegment(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        var p = pattern.startIndex, t = text.startIndex
        var starP: Int?, starT = 0
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == "*" {
                starP = p
                starT = t
                p += 1
                continue
            }
            if p < pattern.endIndex, let next = matchOne(pattern, at: p, text[t]) {
                p = next
                t += 1
                continue
            }
            guard let star = starP else { return false }
            p = star + 1
            starT += 1
            t = starT
        }
        while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }

    /// If the pattern element at `p` matches `c`, the index after that element.
    private static func matchOne(_ pattern: ArraySlice<Unicode.Scalar>, at p: Int, _ c: Unicode.Scalar) -> Int? {
        switch pattern[p] {
        case "?": return p + 1
        case "[":
            var i = p + 1
            let negated = i < pattern.endIndex && (pattern[i] == "!" || pattern[i] == "^")
            if negated { i += 1 }
            var matched = false
            var first = true
            while i < pattern.endIndex, pattern[i] != "]" || first {
                first = false
                if i + 2 < pattern.endIndex, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                    if pattern[i] <= c && c <= pattern[i + 2] { matched = true }
                    i += 3
                } else {
                    if pattern[i] == c { matched = true }
                    i += 1
                }
            }
            guard i < pattern.endIndex else { return nil }
            return matched != negated ? i + 1 : nil
        default:
            return pattern[p] == c ? p + 1 : nil
        }
    }
}

private extension String {
    var trimmingSpaces: Substring { drop { $0 == " " } }
}
