/// The rules the map-race analysis reports (rules/map-race). Ids are
/// permanent. They are the two messages the Go runtime dies with.
enum MapRaceRule: String, CaseIterable {
    /// Two goroutines may write one map at the same time.
    case concurrentWrites = "MR1001"
    /// One goroutine may read a map while another writes it.
    case readAndWrite = "MR1002"
}
