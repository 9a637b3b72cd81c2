import ConcIR
import Findings

/// One rule of the `structural` analysis: a check that looks at a few IR
/// operations (and, when it asks, terminators) as the dispatcher walks each
/// function once (STYLE.md lesson 6: one walk, many rules).
///
/// A check is a value created fresh for each run; what it collects while
/// walking lives in its own properties, so there is no shared mutable
/// state. Checks that need a whole function at once (a dataflow) note the
/// function in `visit` and do the work in `finishFunction`.
protocol StructuralCheck {
    /// The rule id findings are reported under.
    var ruleID: String { get }
    /// The operations `visit` is called for.
    var operations: OpcodeSet { get }
    /// Whether `visit(terminator:...)` is called for every block.
    var wantsTerminators: Bool { get }
    mutating func visit(_ inst: Instruction, at site: InstructionSite, in scope: FunctionScope)
    mutating func visit(terminator: Terminator, block: Int, in scope: FunctionScope)
    /// After the function's last block.
    mutating func finishFunction(_ scope: FunctionScope)
    /// After the function's `finishFunction`: the findings made while
    /// walking it, taken out of the check; nil for a check that joins what
    /// it saw of many functions in `finish`.
    mutating func takeFunctionFindings() -> [Finding]?
    /// For a joining check (`JoiningCheck`): after the function's
    /// `finishFunction`, moves the facts gathered in it into `joined`,
    /// absorbing them.
    mutating func moveFacts(into joined: inout JoinFacts, scope: FunctionScope)
    /// For a joining check: absorbs a function's facts kept from an earlier run.
    mutating func absorbFacts(from joined: JoinFacts, node: Int)
    /// After the whole program: the findings not taken per function.
    mutating func finish(_ program: StructuralProgram) -> [Finding]
}

extension StructuralCheck {
    var wantsTerminators: Bool { false }
    mutating func visit(terminator: Terminator, block: Int, in scope: FunctionScope) {}
    mutating func finishFunction(_ scope: FunctionScope) {}
    mutating func takeFunctionFindings() -> [Finding]? { nil }
    mutating func moveFacts(into joined: inout JoinFacts, scope: FunctionScope) {}
    mutating func absorbFacts(from joined: JoinFacts, node: Int) {}
}

/// A check whose findings about a function are all made while the
/// dispatcher walks that function, from what its `FunctionScope` reaches:
/// most checks. Its findings are taken per function, so that they can be
/// kept with the function and reused while nothing the walk read changed
/// (`StructuralReuse`). What such a check keeps from one function to the
/// next may only be memos of program facts, never what decides a finding.
protocol FunctionLocalCheck: StructuralCheck {
    var findings: [Finding] { get set }
}

extension FunctionLocalCheck {
    mutating func takeFunctionFindings() -> [Finding]? {
        defer { findings = [] }
        return findings
    }

    mutating func finish(_ program: StructuralProgram) -> [Finding] { findings }
}

/// Where an instruction is: its block and index.
struct InstructionSite: Hashable, Sendable {
    var block: Int
    var index: Int
}
