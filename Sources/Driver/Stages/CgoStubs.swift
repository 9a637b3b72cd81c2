import Cgo
import ConcIR

/// C functions of preambles as IR stubs, so that the analyses' summaries
/// see through them as they see through Go helpers: `C.name`, one block
/// with a `cgo.call` for each call its body makes (arguments that are its
/// own parameters passed as such), the stores of its parameters into C
/// globals, and a `return` of what it returns (a parameter or a call's
/// result). Branches are not kept: a call anywhere in the body counts as
/// made, so `if (p) free(p);` frees p.
///
/// Then `C.buf_free(b)` releases `b` for the lifecycle rules when the body
/// calls `free(b)`, `C.dup(s)` returns fresh memory when it returns a
/// `malloc` result, and `C.lookup(h)` blocks when the body (or a function
/// it calls) calls `getaddrinfo`.
///
/// A preamble's C belongs to its package: two packages may each define a
/// `static void release(void *)` of their own. So a stub is named as cgo
/// names the Go side of a C function, `pkg._Cfunc_name`, and the package's
/// `cgo.call C.name` instructions are pointed at it; C functions nobody
/// defines (`C.free`, `C.sleep`) keep their `C.name`. Messages show stubs
/// as `C.name` again (CNames, ShortName).
enum CgoStubs {
    /// C's own allocation functions: a stub keeps a call of one only when
    /// the function returns what it allocated.
    static let allocators: Set<String> = ["malloc", "calloc", "realloc", "reallocarray", "strdup", "strndup", "aligned_alloc"]

    /// One read preamble: the Go file it belongs to and its C.
    struct Source {
        var file: String
        var preamble: CgoPreamble
        var unit: CTranslationUnit
    }

    /// The name of the stub of C function `name` of package `packagePath`.
    static func stubName(_ name: String, package packagePath: String) -> String {
        packagePath + "._Cfunc_" + name
    }

    /// Adds the stubs of each source's defined functions to the module
    /// holding its Go file (the first definition of a name in a package
    /// wins), and points the module's calls of them at the stubs.
    static func add(_ sources: [Source], to modules: inout [Module]) {
        var moduleOfFile: [String: Int] = [:]
        for (m, module) in modules.enumerated() {
            for file in module.files where moduleOfFile[file] == nil { moduleOfFile[file] = m }
        }
        var sourcesOfModule: [Int: [Source]] = [:]
        for source in sources {
            guard let m = moduleOfFile[source.file] else { continue }
            sourcesOfModule[m, default: []].append(source)
        }
        for (m, sources) in sourcesOfModule.sorted(by: { $0.key < $1.key }) {
            var module = modules[m]
            var existing = Set(module.functions.map(\.name))
            var globals = Set(module.globals.map(\.name))
            var stubs: [Function] = []
            var renamed: [String: String] = [:]
            for source in sources {
                let fileIndex = module.files.firstIndex(of: source.file) ?? 0
                for function in source.unit.definedFunctions {
                    let name = stubName(function.name, package: module.packagePath)
                    guard let body = function.body, existing.insert(name).inserted else { continue }
                    renamed["C." + function.name] = name
                    for global in body.parametersKeptInGlobals.values where globals.insert("C." + global).inserted {
                        module.globals.append(Variable("C." + global, .unknown))
                    }
                    stubs.append(stub(function, body: body, name: name, file: fileIndex, preamble: source.preamble))
                }
            }
            module.functions += stubs
            if !renamed.isEmpty {
                for f in module.functions.indices {
                    for b in module.functions[f].blocks.indices {
                        for i in module.functions[f].blocks[b].instructions.indices {
                            let inst = module.functions[f].blocks[b].instructions[i]
                            guard inst.op == .cgoCall, case .function(let callee)? = inst.callee, let to = renamed[callee] else { continue }
                            module.functions[f].blocks[b].instructions[i].callee = .function(to)
                        }
                    }
                }
            }
            modules[m] = module
        }
    }

    static func stub(_ function: CFunction, body: CFunctionBody, name: String, file: Int, preamble: CgoPreamble) -> Function {
        func position(_ p: CPosition?) -> Position {
            guard let p, p.line >= 1 else {
                return Position(preamble.importLine, preamble.importColumn)
            }
            let go = preamble.goLocation(line: p.line, column: p.column)
            return Position(go.line, go.column)
        }
        let start = position(function.position)
        let parameters = function.parameters.indices.map { Variable("p\($0)", .unknown) }
        func operand(_ value: CValue, _ latest: [String: Operand]) -> Operand {
            switch value {
            case .parameter(let i): return i < parameters.count ? .variable(parameters[i].name) : .unknown
            case .callResult(let callee): return latest[callee] ?? .unknown
            case .other: return .unknown
            }
        }
        var instructions: [Instruction] = []
        var latest: [String: Operand] = [:]
        var temp: UInt32 = 1
        let returnedCalls = Set(body.returns.compactMap { value -> String? in
            if case .callResult(let callee) = value { return callee } else { return nil }
        })
        for call in body.calls where !call.callee.isEmpty {
            let returned = returnedCalls.contains(call.callee)
            // What the C code allocates for itself is C's business: only
            // memory it hands back to Go is tracked.
            if !returned, allocators.contains(call.callee) { continue }
            let results: [Operand] = returned ? [.temp(temp)] : []
            if returned { temp += 1 }
            let at = call.position.line >= 1 ? position(call.position) : start
            instructions.append(Instruction(.cgoCall, results: results, operands: call.arguments.map { operand($0, latest) },
                                            callee: .function("C." + call.callee), position: at))
            latest[call.callee] = results.first
        }
        for (i, global) in body.parametersKeptInGlobals.sorted(by: { $0.key < $1.key }) where i < parameters.count {
            instructions.append(Instruction(.assign, results: [.global("C." + global)], operands: [.variable(parameters[i].name)],
                                            position: start))
        }
        let returnsValue = function.result.kind != .void
        // The stub has one return: what the body returns on some path that
        // the Go side must know about (a parameter, a call's result), not a
        // `return NULL` on an error path that happens to come first.
        let known = body.returns.first { if case .other = $0 { return false } else { return true } }
        let returned = returnsValue ? [(known ?? body.returns.first).map { operand($0, latest) } ?? .unknown] : []
        return Function(name: name, file: file, position: start, parameters: parameters,
                        results: returnsValue ? [Variable("", .unknown)] : [],
                        isVariadic: false,
                        blocks: [Block(instructions, terminator: .return(returned), at: start)])
    }
}
