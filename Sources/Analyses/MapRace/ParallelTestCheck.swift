import ConcIR

/// Top-level tests that call `t.Parallel` run beside each other: `go test`
/// pauses each at the call, and once the sequential tests are done it lets
/// the paused ones go at once (up to `-parallel` at a time). Nothing in the
/// analysed code calls a test, so no function's analysis sees two of them
/// together; this pairs the parallel part of each test (its summary's
/// background marked `inParallelTest`, on package-level variables) with
/// that of every other parallel test of the same test binary: the
/// package's own test files and its external `_test` package.
struct ParallelTestCheck {
    let program: MapRaceProgram
    let summaries: MapRaceSummaries

    /// Whether the check reads `function`'s summary (`MapRaceReuse` keeps
    /// those, as nothing calls a test): a test, which may call `t.Parallel`
    /// itself or through a helper (`MapRaceSummary.parallelTestParameter`).
    static func reads(_ function: Function) -> Bool {
        isTest(function)
    }

    func races() -> [RaceReport] {
        // Per test binary, per map: the parallel tests' accesses.
        var byBinary: [String: [AbstractPlace: [(test: Int, access: MapAccess)]]] = [:]
        for node in 0..<program.count where ParallelTestCheck.reads(program.functions[node]) {
            // Made after the test's own `t.Parallel` (its parallel subtests'
            // alone run before the next test starts).
            let parallel = summaries[node].background.filter {
                $0.inParallelTest && $0.map.isGlobal && !$0.runsFunctionValue
                    && $0.spawnTrail.first?.kind == .parallelTest && $0.spawnTrail.first?.function == node
            }
            guard !parallel.isEmpty else { continue }
            let binary = ParallelTestCheck.binary(of: program.functions[node].name)
            for a in parallel { byBinary[binary, default: [:]][a.map, default: []].append((node, a)) }
        }
        var out: [RaceReport] = []
        var reported = Set<[RaceReport.SiteKey]>()
        for binary in byBinary.keys.sorted() {
            guard let maps = byBinary[binary] else { continue }
            for map in maps.keys.sorted(by: RaceRules.placeOrder) {
                guard let accesses = maps[map], Set(accesses.map(\.test)).count > 1 else { continue }
                for (i, x) in accesses.enumerated() {
                    for y in accesses[(i + 1)...] where x.test != y.test {
                        guard RaceRules.mayRace(x.access, y.access), !RaceRules.ordered(x.access, y.access),
                              reported.insert(RaceReport.sites(x.access, y.access)).inserted else { continue }
                        out.append(RaceReport(context: x.test, first: side(x.test, x.access), second: side(y.test, y.access)))
                    }
                }
            }
        }
        return out
    }

    /// One side: the test, from its own `t.Parallel` (the access's first
    /// spawn step, which `races` checked).
    private func side(_ test: Int, _ access: MapAccess) -> RaceSide {
        var a = access
        let origin = a.spawnTrail.removeFirst()
        return RaceSide(access: a, origin: origin, entry: test)
    }

    /// `func TestXxx(t *testing.T)`, as `go test` finds them: a function
    /// whose name is Test followed by anything but a lower-case letter.
    static func isTest(_ function: Function) -> Bool {
        guard function.receiver == nil, function.parent == nil, function.parameters.count == 1,
              function.parameters[0].type == .pointer(.named("testing.T")) else { return false }
        guard let dot = function.name.lastIndex(of: ".") else { return false }
        let name = function.name[function.name.index(after: dot)...]
        guard name.hasPrefix("Test") else { return false }
        return name.dropFirst(4).first.map { !$0.isLowercase } ?? true
    }

    /// The test binary a test belongs to: its package's import path, with
    /// the external test package's `_test` taken off.
    static func binary(of name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return name }
        let package = name[..<dot]
        return String(package.hasSuffix("_test") ? package.dropLast(5) : package)
    }
}
