import ConcIR
import Findings

/// GR1051: a deferred closure that captures a large buffer in a function
/// that then runs for a long time (a loop with no known end).
///
/// A closure keeps every variable it captures reachable until it runs;
/// deferred, that is until the function returns. A server loop that read
/// its configuration into a 16 MiB buffer, and defers a closure that logs
/// `len(buf)`, keeps those 16 MiB for the life of the process, although the
/// loop never touches the buffer. Compute what the deferred function needs
/// before the loop (`n := len(buf)`) and capture that, or set the buffer to
/// nil once it is done with.
///
/// Large: a slice made with a constant length or capacity, or an array,
/// of at least 64 KiB. The buffer must not be used in the loop itself
/// (then it is alive anyway).
struct DeferredClosureHoldsBuffer: FunctionLocalCheck {
    static let id = "GR1051"
    static let threshold: Int64 = 64 << 10
    var ruleID: String { Self.id }
    var operations: OpcodeSet { [.call] }
    var findings: [Finding] = []

    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope) {
        guard inst.mode == .defer, case .function(let closureName)? = inst.callee,
              let node = scope.program.index.node(named: closureName) else { return }
        let closure = scope.program.index.function(node)
        guard closure.parent == scope.function.name, !closure.captures.isEmpty else { return }
        let sizes = bufferSizes(scope)
        guard let (variable, size) = closure.captures.compactMap({ c in sizes[c.name].map { (c.name, $0) } })
                .max(by: { $0.1 < $1.1 }),
              let loop = longLoop(after: site, notUsing: variable, scope) else { return }
        let name = GoSpelling.variableName(variable)
        let function = ShortName.of(scope.function.name)
        let message = "the deferred closure captures \(name) (\(Self.describe(size))), which stays reachable until \(function) returns, "
            + "while the loop on line \(loop.line) runs with no known end; capture only what the deferred code needs "
            + "(n := len(\(name))), or set \(name) = nil when done with it"
        if let f = scope.finding(ruleID, at: inst.position, message) { findings.append(f) }
    }

    /// Variables of the function that hold a large buffer, with its size in bytes.
    private func bufferSizes(_ scope: FunctionScope) -> [String: Int64] {
        var out: [String: Int64] = [:]
        let environment = scope.program.index.types
        for v in scope.function.locals {
            if case .array = environment.underlying(v.type), let n = Self.byteSize(v.type, environment), n >= Self.threshold {
                out[v.name] = n
            }
        }
        var temps: [UInt32: Int64] = [:]
        for block in scope.function.blocks {
            for inst in block.instructions {
                guard case .place(let dst)? = inst.results.first, dst.path.isEmpty else { continue }
                var size: Int64?
                switch inst.op {
                case .allocMake:
                    if let t = inst.type?.element, let e = Self.byteSize(t, environment) {
                        let counts = inst.operands.compactMap(\.intValue)
                        if let n = counts.max(), n > 0 { size = n.multipliedReportingOverflow(by: e).overflow ? Int64.max : n * e }
                    }
                case .allocNew:
                    if let t = inst.type, case .array = environment.underlying(t) { size = Self.byteSize(t, environment) }
                case .assign:
                    if let src = inst.operands.first?.place, src.path.isEmpty, case .temp(let n) = src.root { size = temps[n] }
                default:
                    break
                }
                guard let size, size >= Self.threshold else { continue }
                switch dst.root {
                case .temp(let n): temps[n] = size
                case .variable(let v): out[v] = max(out[v] ?? 0, size)
                case .global: break
                }
            }
        }
        return out
    }

    /// A loop reachable after the defer whose trip count is unknown and
    /// that does not use the buffer; its header's position.
    private func longLoop(after site: InstructionSite, notUsing variable: String, _ scope: FunctionScope) -> Position? {
        let cfg = scope.cfg
        let blocks = scope.function.blocks
        for loop in cfg.loops {
            let trips = blocks[loop.header].loop
            if trips?.isCounted == true { continue }
            guard site.block < cfg.blockCount, cfg.dominates(site.block, loop.header), !loop.contains(site.block) else { continue }
            let uses = loop.blocks.contains { b in
                blocks[b].instructions.contains { inst in
                    (inst.operands + inst.results).contains { $0.place?.root == .variable(variable) }
                }
            }
            if !uses { return blocks[loop.header].terminatorPosition }
        }
        return nil
    }

    static func byteSize(_ type: GoType, _ environment: TypeEnvironment) -> Int64? {
        switch environment.underlying(type) {
        case .basic(let b):
            switch b {
            case .bool, .int8, .uint8, .byte: return 1
            case .int16, .uint16: return 2
            case .int32, .uint32, .float32, .rune: return 4
            case .string, .any, .error, .complex128: return 16
            default: return 8
            }
        case .array(let count, let element):
            guard let e = byteSize(element, environment) else { return nil }
            let (n, overflow) = count.multipliedReportingOverflow(by: e)
            return overflow ? Int64.max : n
        case .pointer, .map, .chan, .function: return 8
        case .slice: return 24
        case .interface: return 16
        default: return nil
        }
    }

    private static func describe(_ bytes: Int64) -> String {
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        return "\(bytes >> 10) KiB"
    }
}
