/// One side of a race: an access and the goroutine that makes it, as seen
/// from the function where the two goroutines meet.
struct RaceSide: Sendable {
    var access: MapAccess
    /// The instruction that started the goroutine (in the meeting
    /// function); nil for the meeting function's own goroutine.
    var origin: SiteStep?
    /// The function the goroutine runs, when known.
    var entry: Int?
    /// The second of two goroutines started at the same place (another
    /// iteration, another request).
    var isAnotherInstance = false
    var perRequest = false
}

/// Two accesses of one map by goroutines that may run at the same time,
/// at least one a write, with no common lock and nothing ordering them.
struct RaceReport: Sendable {
    /// The function in which both goroutines are known.
    var context: Int
    var first: RaceSide
    var second: RaceSide
}

extension RaceReport {
    /// One site of a race and whether it writes there (`m[k]++` reads and
    /// writes at one site).
    struct SiteKey: Hashable {
        var site: SiteStep
        var isWrite: Bool
    }

    /// The two sites in a fixed order: the same race whichever side was
    /// seen first.
    static func sites(_ a: MapAccess, _ b: MapAccess) -> [SiteKey] {
        [SiteKey(site: a.site, isWrite: a.isWrite), SiteKey(site: b.site, isWrite: b.isWrite)]
            .sorted { RaceRules.siteOrder($0.site, $1.site) || ($0.site == $1.site && !$0.isWrite && $1.isWrite) }
    }

    var sites: [SiteKey] { RaceReport.sites(first.access, second.access) }
}
