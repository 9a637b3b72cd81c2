import ConcIR
import Discovery

/// What a function's instructions name, whatever the resource models or
/// rules: the operations and callees it matches, whether it invokes a
/// function value, the functions it calls or refers to (as call-graph
/// nodes, and by name, library and C functions included).
///
/// Gathering these walks every instruction of the program and looks callee
/// names up in the call graph's String-keyed index: on GOROOT/src, 3% of
/// the whole lint, paid once by the lifecycle rules' engine and once more
/// by the WaitGroup model the structural rules share, with the same result,
/// and 0.85% more by the cgo rules for the names. One table per run
/// (`SharedFunctionFacts.functionReferences`) serves them all: each engine
/// derives what depends on its models (`FunctionMentions`), the cgo rules
/// their index of callers (`CallNames`).
struct FunctionReferences: Sendable {
    /// The distinct targets of the function's instructions (`matchTarget`).
    let targets: [CompiledCall.Target]
    /// Some instruction calls a function value held in a place.
    let invokes: Bool
    /// The distinct nodes of the functions it calls (known targets) or
    /// refers to (function operands), ascending.
    let namedNodes: [Int]
    /// The nodes of the known targets of its calls and cgo calls that run
    /// now and have exactly one target, ascending: the helpers whose
    /// summaries can acquire (`AcquisitionFinder`).
    let singleTargetNodes: [Int]
    /// The distinct known targets of its calls (`call`, `cgo.call`, any
    /// mode), by name, in first-call order.
    let calledNames: [String]
    /// The functions it assigns to a variable (`f := pkg.F`): what a call
    /// through a local function value may enter (`PlaceNaming.targets`).
    let assignedFunctions: [String]

    init(node: Int, program: AnalysedProgram) {
        var targets = Set<CompiledCall.Target>()
        var invokes = false
        var named = Set<Int>()
        var singles = Set<Int>()
        var calledNames: [String] = []
        var called = Set<String>()
        var assigned: [String] = []
        for block in program.function(node).blocks {
            for inst in block.instructions {
                if let target = inst.matchTarget { targets.insert(target) }
                if inst.invokedPlace != nil { invokes = true }
                if inst.op == .assign, case .function(let f)? = inst.operands.first { assigned.append(f) }
                if let callee = inst.callee {
                    let known = callee.possibleTargets
                    let isCall = inst.op.isCallShaped
                    // Each name is looked up once: a call now with one known
                    // target also makes that node a single-target helper.
                    let single = isCall && inst.mode == .now && known.count == 1
                    for name in known {
                        if isCall, called.insert(name).inserted { calledNames.append(name) }
                        guard let n = program.node(named: name) else { continue }
                        named.insert(n)
                        if single { singles.insert(n) }
                    }
                }
                for case .function(let name) in inst.operands {
                    if let n = program.node(named: name) { named.insert(n) }
                }
            }
        }
        self.targets = Array(targets)
        self.invokes = invokes
        namedNodes = named.sorted()
        singleTargetNodes = singles.sorted()
        self.calledNames = calledNames
        assignedFunctions = assigned
    }

    /// Every function's references, by node: made by the first engine of
    /// the run that asks, in parallel, and shared with the others.
    static func table(_ program: AnalysedProgram, jobs: Parallelism) -> [FunctionReferences] {
        program.shared.functionReferences {
            parallelMap(count: program.nodeCount, jobs: jobs) { FunctionReferences(node: $0, program: program) }
        }
    }
}
