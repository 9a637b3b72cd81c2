import ConcIR
import Findings
import RuleEngine

/// Turns race reports into findings: one per racing pair of sites, at the
/// side that holds no lock when the other holds one, else at the write
/// (the later of two writes), naming the map and both functions, with
/// the other site as a related location and a code flow of both goroutines
/// (where each is started, the calls that lead to the map, the access).
struct RaceFindingBuilder {
    let program: MapRaceProgram
    let rules: [MapRaceRule: Rule]

    func findings(_ races: [RaceReport]) -> [Finding] {
        var out: [Finding] = []
        var seen = Set<[Location]>()
        var callees = CalleeNames(program: program)
        // Writes first: `m[k]++` reads and writes at one place; its race with
        // itself is reported once, as the writes.
        let writesFirst = races.filter { $0.first.access.isWrite && $0.second.access.isWrite }
            + races.filter { !($0.first.access.isWrite && $0.second.access.isWrite) }
        for race in writesFirst {
            let rule: MapRaceRule = race.first.access.isWrite && race.second.access.isWrite ? .concurrentWrites : .readAndWrite
            guard let definition = rules[rule] else { continue }
            let (primary, other) = order(race, rule)
            let a = location(primary.access.site)
            let b = location(other.access.site)
            let key = [min(a, b), max(a, b)]
            guard seen.insert(key).inserted else { continue }
            let message = self.message(rule, primary, other)
            let otherRole = other.access.isWrite ? (primary.access.isWrite ? "the other write" : "the write") : "the read"
            let related = RelatedLocation(location: b, message: "\(otherRole) of \(other.access.name) (\(function(other.access.site.function)))")
            let flow = CodeFlow(message: message, threads: [thread(primary, context: race.context, callees: &callees),
                                                            thread(other, context: race.context, callees: &callees)])
            out.append(Finding(ruleID: definition.id, category: definition.category, level: definition.level, message: message,
                               location: a, related: a == b ? [] : [related], flows: [flow]))
        }
        return out
    }

    /// Where the fix goes first: the side that holds no lock while the
    /// other holds one (a test reading a map its library writes under a
    /// lock). Otherwise the write first; of two writes, the later site (the
    /// same either way round, so the finding does not depend on where the
    /// race was found).
    private func order(_ race: RaceReport, _ rule: MapRaceRule) -> (RaceSide, RaceSide) {
        let firstBare = race.first.access.locks.mutexes.isEmpty
        if firstBare != race.second.access.locks.mutexes.isEmpty {
            return firstBare ? (race.first, race.second) : (race.second, race.first)
        }
        if rule == .readAndWrite { return race.first.access.isWrite ? (race.first, race.second) : (race.second, race.first) }
        return location(race.first.access.site) < location(race.second.access.site) ? (race.second, race.first) : (race.first, race.second)
    }

    private func message(_ rule: MapRaceRule, _ primary: RaceSide, _ other: RaceSide) -> String {
        let name = primary.access.name
        let here = function(primary.access.site.function)
        let there = function(other.access.site.function)
        var text: String
        switch rule {
        case .concurrentWrites:
            text = "concurrent map writes: \(name) is written in \(here)"
            if primary.access.site == other.access.site && other.isAnotherInstance {
                text += " by \(RaceFindingBuilder.instances(other)) at once"
            } else if primary.access.site == other.access.site {
                text += " by two goroutines that may run at the same time"
            } else {
                text += " and in \(there) by goroutines that may run at the same time"
            }
        case .readAndWrite where primary.access.isWrite:
            text = "concurrent map read and map write: \(name) is written in \(here) and read in \(there) by goroutines that may run at the same time"
        case .readAndWrite:
            text = "concurrent map read and map write: \(name) is read in \(here) and written in \(there) by goroutines that may run at the same time"
        }
        let shared = primary.access.locks.sharedOnly(with: other.access.locks)
        if let lock = shared.first {
            text += "; both hold only the read lock \(spell(lock, like: primary.access)), which does not exclude the other"
        } else if !primary.access.locks.mutexes.isEmpty && !other.access.locks.mutexes.isEmpty {
            text += ", holding different locks"
        } else {
            text += ", with no common lock"
        }
        return text
    }

    /// What runs the same code more than once at a time.
    private static func instances(_ side: RaceSide) -> String {
        if side.origin?.kind == .runParallel { return "the goroutines of b.RunParallel" }
        if side.access.inParallelTest { return "parallel subtests started in a loop" }
        return side.perRequest ? "concurrent requests" : "several goroutines started in a loop"
    }

    /// A lock named as the access's map is named, when they share a root
    /// (`c.mu` for `c.items`), else by its last field.
    private func spell(_ lock: AbstractPlace, like access: MapAccess) -> String {
        var prefix = access.name
        if let dot = prefix.firstIndex(of: ".") { prefix = String(prefix[..<dot]) } else { prefix = "" }
        let fields = lock.steps.compactMap { step -> String? in
            if case .field(let f) = step { return f }
            return nil
        }
        guard !fields.isEmpty else { return "lock" }
        if lock.root == access.map.root, !prefix.isEmpty { return prefix + "." + fields.joined(separator: ".") }
        return fields.joined(separator: ".")
    }

    // MARK: - Code flows

    private func thread(_ side: RaceSide, context: Int, callees: inout CalleeNames) -> ThreadFlow {
        var steps: [FlowStep] = []
        let name: String
        if let origin = side.origin {
            let entry = side.entry.map(function) ?? "a goroutine"
            switch origin.kind {
            case .handler:
                name = (side.isAnotherInstance ? "another request" : "a request") + " handled by \(entry)"
                steps.append(FlowStep(location: location(origin), message: "registered as a net/http handler: one goroutine per request"))
            case .spawn, .callback:
                name = (side.isAnotherInstance ? "another goroutine" : "goroutine") + " started at line \(origin.position.line) (\(entry))"
                steps.append(FlowStep(location: location(origin), message: side.isAnotherInstance
                                      ? "started here again (a later iteration)" : "started here by \(function(context))"))
            case .initialization:
                name = "goroutine started by \(function(origin.function))"
                steps.append(FlowStep(location: location(origin), message: "left running when main starts"))
            case .runParallel:
                name = (side.isAnotherInstance ? "another goroutine" : "goroutine") + " of b.RunParallel at line \(origin.position.line) (\(entry))"
                steps.append(FlowStep(location: location(origin), message: "runs \(entry) on several goroutines at once"))
            case .parallelTest:
                name = "parallel test \(function(origin.function))"
                let called = callees.name(at: origin)
                let how = called == GoNames.function(ConcurrencyVocabulary.testParallel) ? "calls t.Parallel" : "calls \(called), which calls t.Parallel"
                steps.append(FlowStep(location: location(origin), message: "\(how): runs beside the package's other parallel tests"))
            case .call where side.access.inParallelTest:
                name = (side.isAnotherInstance ? "another parallel subtest" : "parallel subtest") + " run at line \(origin.position.line)"
                steps.append(FlowStep(location: location(origin), message: side.isAnotherInstance
                                      ? "run here again (a later iteration)" : "\(function(context)) calls \(callees.name(at: origin))"))
            default:
                name = "goroutine left running by the call at line \(origin.position.line)"
                steps.append(FlowStep(location: location(origin), message: "\(function(context)) calls \(callees.name(at: origin)), which starts it"))
            }
        } else {
            name = function(context)
        }
        for s in side.access.spawnTrail {
            let message: String
            switch s.kind {
            case .call: message = "calls \(callees.name(at: s))"
            case .parallelTest: message = "calls t.Parallel: the rest runs once the parent test's function has returned, beside its other parallel subtests"
            default: message = "starts a goroutine running \(callees.name(at: s))"
            }
            steps.append(FlowStep(location: location(s), message: message))
        }
        for s in side.access.trail {
            let message: String
            switch s.kind {
            case .once: message = "runs once.Do"
            case .value: message = "runs the function it was handed"
            case .spawn, .callback: message = "starts a goroutine running the function it was handed"
            default: message = "calls \(callees.name(at: s))"
            }
            steps.append(FlowStep(location: location(s), message: message))
        }
        steps.append(FlowStep(location: location(side.access.site),
                              message: (side.access.isWrite ? "writes " : "reads ") + side.access.name))
        return ThreadFlow(name: name, steps: steps)
    }

    private func location(_ step: SiteStep) -> Location {
        Location(file: program.files[step.function], line: Int(step.position.line), column: Int(step.position.column))
    }

    private func function(_ node: Int) -> String {
        GoNames.function(program.functions[node].name)
    }
}

/// The callee of the instruction at a step, for "calls X": indexed per
/// function on first use.
struct CalleeNames {
    let program: MapRaceProgram
    private var byFunction: [Int: [Position: String]] = [:]

    init(program: MapRaceProgram) {
        self.program = program
    }

    mutating func name(at step: SiteStep) -> String {
        if byFunction[step.function] == nil {
            var index: [Position: String] = [:]
            for block in program.functions[step.function].blocks {
                for inst in block.instructions where index[inst.position] == nil {
                    if let target = inst.callee?.possibleTargets.first {
                        index[inst.position] = GoNames.function(target)
                    } else if inst.op == .onceDo || inst.op == .wgGo || inst.op == .timeAfterFunc, inst.operands.count == 2,
                              case .function(let f) = inst.operands[1] {
                        index[inst.position] = GoNames.function(f)
                    }
                }
            }
            byFunction[step.function] = index
        }
        return byFunction[step.function]?[step.position] ?? "a function"
    }
}
