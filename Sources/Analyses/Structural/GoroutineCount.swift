import ConcIR

/// A count of goroutines as far as the IR tells it: a constant plus
/// multiples of symbolic trip counts (`len(xs)`, `n`), or unknown.
struct GoroutineCount: Hashable, Sendable, CustomStringConvertible {
    enum Term: Hashable, Sendable, Comparable {
        /// The length of a slice, map or channel: `len(xs)`, `range xs`.
        case length(String)
        /// A variable's value: `Add(n)`, `for i := 0; i < n; i++`.
        case value(String)
        /// The trip count of a loop the IR does not count (`for cond {}`,
        /// a range the lowering left unannotated): more than one in general,
        /// equal to nothing else.
        case iterations(line: Int)

        var text: String {
            switch self {
            case .length(let x): return "len(\(x))"
            case .value(let v): return v
            case .iterations(let line): return "one per iteration of the loop on line \(line)"
            }
        }

        var isCounted: Bool {
            if case .iterations = self { return false }
            return true
        }
    }

    var constant: Int64 = 0
    var terms: [Term: Int64] = [:]
    var isUnknown = false

    static let unknown = GoroutineCount(isUnknown: true)

    static func constant(_ c: Int64) -> GoroutineCount { GoroutineCount(constant: c) }

    static func term(_ t: Term) -> GoroutineCount { GoroutineCount(terms: [t: 1]) }

    static func + (a: GoroutineCount, b: GoroutineCount) -> GoroutineCount {
        guard !a.isUnknown, !b.isUnknown else { return .unknown }
        let (c, overflow) = a.constant.addingReportingOverflow(b.constant)
        guard !overflow else { return .unknown }
        var terms = a.terms
        for (t, k) in b.terms { terms[t, default: 0] += k }
        return GoroutineCount(constant: c, terms: terms.filter { $0.value != 0 })
    }

    /// A product, kept only while at most one side is symbolic.
    static func * (a: GoroutineCount, b: GoroutineCount) -> GoroutineCount {
        guard !a.isUnknown, !b.isUnknown else { return .unknown }
        if a.terms.isEmpty { return b.scaled(a.constant) }
        if b.terms.isEmpty { return a.scaled(b.constant) }
        return .unknown
    }

    private func scaled(_ k: Int64) -> GoroutineCount {
        let (c, overflow) = constant.multipliedReportingOverflow(by: k)
        guard !overflow else { return .unknown }
        return GoroutineCount(constant: c, terms: terms.mapValues { $0 * k }.filter { $0.value != 0 })
    }

    var description: String {
        if isUnknown { return "?" }
        var parts: [String] = terms.keys.sorted().map { t in
            let k = terms[t] ?? 1
            return k == 1 ? t.text : "\(k)*\(t.text)"
        }
        if constant != 0 || parts.isEmpty { parts.append(String(constant)) }
        return parts.joined(separator: " + ")
    }
}
