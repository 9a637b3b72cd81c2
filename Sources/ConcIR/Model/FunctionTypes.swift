/// The types of one function's operands: variables by declaration,
/// temporaries by the instruction that first defines them (`chan.make T`
/// makes a `chan T`, `ticker.new` a `*time.Ticker`, a call the callee's
/// declared results), fields and elements through `TypeEnvironment`.
public struct FunctionTypes: Sendable {
    public let environment: TypeEnvironment
    private let variables: [String: GoType]
    /// Filled in instruction order: a temporary's type may depend on the
    /// types of earlier ones (`chan.recv %1` after `%1 = chan.make T`).
    private var temps: [UInt32: GoType] = [:]

    public init(function: Function, environment: TypeEnvironment) {
        self.environment = environment
        var variables: [String: GoType] = [:]
        for v in function.variables { variables[v.name] = v.type }
        self.variables = variables
        for block in function.blocks {
            for inst in block.instructions {
                for (i, r) in inst.results.enumerated() {
                    guard case .place(let p) = r, case .temp(let n) = p.root, p.path.isEmpty, temps[n] == nil else { continue }
                    temps[n] = resultType(of: inst, at: i)
                }
            }
        }
    }

    public func type(of operand: Operand) -> GoType {
        switch operand {
        case .place(let p): return type(of: p)
        case .int: return .basic(.int)
        case .string: return .basic(.string)
        case .bool: return .basic(.bool)
        case .function(let f): return environment.signature(of: f).map(GoType.function) ?? .unknown
        case .nil, .unknown, .blank: return .unknown
        }
    }

    public func type(of place: Place) -> GoType {
        let rootType: GoType
        switch place.root {
        case .temp(let n): rootType = temps[n] ?? .unknown
        case .variable(let v): rootType = variables[v] ?? .unknown
        case .global(let g): rootType = environment.globalType(g) ?? .unknown
        }
        return environment.type(of: rootType, following: place.path)
    }

    /// The signature of interface method `(pkg.I).M`, from the interface's
    /// declared methods and those of the interfaces it embeds.
    private func interfaceMethodSignature(_ qualified: String) -> Signature? {
        guard let method = FunctionName.methodName(qualified), qualified.hasPrefix("("),
              let close = qualified.lastIndex(of: ")") else { return nil }
        let typeName = String(qualified[qualified.index(after: qualified.startIndex)..<close])
        var level: [GoType] = [.named(typeName)]
        for _ in 0..<4 {
            var next: [GoType] = []
            for t in level {
                guard case .interface(let fields) = environment.underlying(t) else { continue }
                for f in fields {
                    if f.isEmbedded { next.append(f.type) } else if f.name == method, case .function(let sig) = f.type { return sig }
                }
            }
            if next.isEmpty { break }
            level = next
        }
        return nil
    }

    /// The type of result `index` of an instruction.
    public func resultType(of inst: Instruction, at index: Int) -> GoType {
        func operandType(_ i: Int) -> GoType { i < inst.operands.count ? type(of: inst.operands[i]) : .unknown }
        let pair = { (a: GoType, b: GoType) in index == 0 ? a : b }
        switch inst.op {
        case .chanMake: return .chan(.both, element: inst.type ?? .unknown)
        case .chanRecv:
            let elem = operandType(0).channel?.element ?? environment.underlying(operandType(0)).channel?.element ?? .unknown
            return pair(elem, .basic(.bool))
        case .chanLen, .chanCap, .mapLen, .len: return .basic(.int)
        case .add, .sub: return operandType(0)
        case .mutexTryLock, .mutexTryRLock, .timerStop, .timerReset, .atomicCAS, .atomicValueCAS: return .basic(.bool)
        case .timerNew, .timeAfterFunc: return .pointer(.named("time.Timer"))
        case .tickerNew: return .pointer(.named("time.Ticker"))
        case .timeAfter, .timeTick: return .timerChannel
        case .ctxBackground, .ctxTODO, .ctxWithValue: return .named("context.Context")
        case .ctxWithCancel, .ctxWithTimeout, .ctxWithDeadline: return pair(.named("context.Context"), .named("context.CancelFunc"))
        case .ctxWithCancelCause: return pair(.named("context.Context"), .named("context.CancelCauseFunc"))
        case .ctxDone: return .chan(.recv, element: .structure([]))
        case .ctxErr: return .basic(.error)
        case .mapMake, .allocMake, .allocLit: return inst.type ?? .unknown
        case .allocNew: return .pointer(inst.type ?? .unknown)
        case .mapRead, .mapRange:
            guard let (k, v) = environment.underlying(operandType(0)).mapTypes else { return .unknown }
            return inst.op == .mapRead ? pair(v, .basic(.bool)) : pair(k, v)
        case .condNew: return .pointer(.named("sync.Cond"))
        case .poolGet: return .basic(.any)
        case .atomicLoad, .atomicAdd, .atomicSwap, .atomicValueLoad, .atomicValueSwap, .cgoCall, .use:
            return .unknown
        case .addr: return .pointer(operandType(0))
        case .isNil, .cmpEq, .cmpLt, .cmpLe: return .basic(.bool)
        case .assign: return operandType(0)
        case .call:
            guard let callee = inst.callee else { return .unknown }
            if let name = callee.knownTargets.first, let sig = environment.signature(of: name) {
                return index < sig.results.count ? sig.results[index] : .unknown
            }
            // An interface call with no implementation in the analysed code
            // still has the interface method's signature.
            if case .interface(let name, _) = callee, let sig = interfaceMethodSignature(name), index < sig.results.count {
                return sig.results[index]
            }
            return .unknown
        default: return .unknown
        }
    }
}
