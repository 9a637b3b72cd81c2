import Foundation
import TestSupport

/// samples/maprace: Go programs that race on maps (bad/) and correct
/// look-alikes (good/). Each states in its header what conclint must
/// report (`// want MR1001 at 29:2`, or `// want nothing`), which lines the
/// race detector must name (`// race lines: 23 29`), and what running it
/// shows (`// runtime: DATA RACE`, or `// runtime: ok`).
struct MapRaceSample {
    var kind: String
    var name: String
    var source: String
    var runtime: String
    var wants: [(rule: String, line: Int, column: Int)]
    var raceLines: [Int]

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repository.appendingPathComponent("samples/maprace")

    static func load(_ kind: String) throws -> [MapRaceSample] {
        let dir = directory.appendingPathComponent(kind)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        return try names.map { name in
            let source = try String(contentsOf: dir.appendingPathComponent(name).appendingPathComponent("main.go"), encoding: .utf8)
            var sample = MapRaceSample(kind: kind, name: name, source: source, runtime: "", wants: [], raceLines: [])
            for line in source.split(separator: "\n", omittingEmptySubsequences: false).prefix(12) {
                if line.hasPrefix("// runtime: ") { sample.runtime = String(line.dropFirst("// runtime: ".count)) }
                if line.hasPrefix("// race lines: ") {
                    sample.raceLines = line.dropFirst("// race lines: ".count).split(separator: " ").compactMap { Int($0) }
                }
                let parts = line.split(separator: " ")
                if parts.count == 5, parts[0] == "//", parts[1] == "want", parts[3] == "at" {
                    let pos = parts[4].split(separator: ":").compactMap { Int($0) }
                    if pos.count == 2 { sample.wants.append((String(parts[2]), pos[0], pos[1])) }
                }
            }
            return sample
        }
    }

    /// The wanted findings as "RULE at LINE:COL", sorted.
    var wanted: [String] { wants.map { "\($0.rule) at \($0.line):\($0.column)" }.sorted() }
}

/// What the map-race sample tests need of the machine; running programs
/// is `SampleRun`'s.
enum SampleRunner {
    static func executable(_ name: String) -> URL? { SampleRun.tool(name) }

    /// The race detector needs the go command and a C compiler (cgo).
    static var canRunRaceDetector: Bool {
        executable("go") != nil && (executable("cc") != nil || executable("gcc") != nil)
    }
}
