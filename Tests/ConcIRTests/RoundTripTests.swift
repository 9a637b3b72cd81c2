import Testing
@testable import ConcIR

/// print(parse(text)) == text for printed text, and parse(print(ir)) == ir.
@Suite struct RoundTripTests {
    private func firstDifference(_ a: String, _ b: String) -> String? {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, (l, r)) in zip(x, y).enumerated() where l != r {
            return "line \(i + 1):\n  got:      \(l)\n  expected: \(r)"
        }
        return x.count == y.count ? nil : "line counts differ: \(x.count) vs \(y.count)"
    }

    @Test func everyConstructPrintsBackToTheSameText() throws {
        let module = try DSL.parse(Fixtures.everything, path: "everything.cir")
        let printed = DSL.print(module)
        #expect(firstDifference(printed, Fixtures.everything) == nil, "\(firstDifference(printed, Fixtures.everything) ?? "")")
        #expect(try DSL.parse(printed, path: "again.cir") == module)
    }

    @Test func theFixtureIsValid() throws {
        let module = try DSL.parse(Fixtures.everything, path: "everything.cir")
        #expect(Validator.validate(module) == [])
    }

    /// The fixture must keep covering the whole language as it grows.
    @Test func theFixtureUsesEveryOpcodeTerminatorAndForm() throws {
        let module = try DSL.parse(Fixtures.everything, path: "everything.cir")
        let instructions = module.functions.flatMap(\.blocks).flatMap(\.instructions)
        let terminators = module.functions.flatMap(\.blocks).compactMap(\.terminator)
        for op in Opcode.allCases {
            #expect(instructions.contains { $0.op == op }, "no \(op.name) in the fixture")
        }
        #expect(instructions.contains { $0.mode == .go })
        #expect(instructions.contains { $0.mode == .defer })
        #expect(instructions.contains { $0.isRangeStep })
        let callees = instructions.compactMap(\.callee)
        #expect(callees.contains { if case .function = $0 { return true }; return false })
        #expect(callees.contains { if case .method = $0 { return true }; return false })
        #expect(callees.contains { if case .interface(_, let i) = $0 { return i.count == 2 }; return false })
        #expect(callees.contains { if case .interface(_, let i) = $0 { return i.isEmpty }; return false })
        #expect(callees.contains { if case .dynamic(_, let t) = $0 { return !t.isEmpty }; return false })
        #expect(callees.contains { $0 == .unknown })
        #expect(terminators.contains { if case .jump = $0 { return true }; return false })
        #expect(terminators.contains { if case .branch(.unknown, _, _) = $0 { return true }; return false })
        #expect(terminators.contains { $0 == .select([], default: nil) })
        #expect(terminators.contains { if case .select(let c, let d) = $0 { return c.count == 3 && d != nil }; return false })
        #expect(terminators.contains { if case .return(let v) = $0 { return !v.isEmpty }; return false })
        #expect(terminators.contains { if case .panic = $0 { return true }; return false })
        #expect(terminators.contains(.unreachable))
        let loops = module.functions.flatMap(\.blocks).compactMap(\.loop)
        #expect(loops.contains(.unknown))
        #expect(loops.contains(.count(.int(10))))
        #expect(loops.contains(.count(.variable("n"))))
        #expect(loops.contains(.length(.variable("xs"))))
        #expect(loops.contains(.countPlus(.variable("n"), -1)))
        #expect(loops.contains(.lengthPlus(.variable("xs"), 1)))
    }

    @Test func operandsParseToTheIntendedPlaces() throws {
        let module = try DSL.parse(Fixtures.everything, path: "everything.cir")
        let run = try #require(module.function(named: "(*example.com/p.Server).Run"))
        let ops = run.blocks[0].instructions
        func find(_ line: UInt32) -> Instruction? { ops.first { $0.position.line == line } }
        #expect(find(17)?.operands == [.variable("s").field("inner").field("ticks")])
        #expect(find(40)?.operands == [Operand.temp(7).field("C")])
        #expect(find(56)?.operands == [.global("example.com/p.counts")])
        #expect(find(60)?.operands == [Operand.variable("xs").element.field("items").element])
        #expect(find(66)?.operands == [Operand.global("os.Args").element], "a local 'os' forces global(...)")
        #expect(find(73)?.operands == [Operand.global("example.com/p.cfg").field("mu")])
        #expect(find(85)?.results == [.place(Place(.temp(43), path: [.deref]))])
        #expect(find(86)?.results == [.place(Place(.temp(43), path: [.deref, .field("inner"), .field("wg")]))])
        #expect(find(86)?.operands == [.place(Place(.variable("s"), path: [.field("inner"), .deref]))])
        #expect(find(87)?.operands == [.place(Place(.variable("s"), path: [.deref, .field("inner"), .deref]))])
        #expect(find(67)?.operands.last == .string("x\t\"q\"\\"))
        #expect(find(38)?.operands == [.int(-1)])
        #expect(find(62)?.operands == [.variable("addr")], "a variable may be named like an opcode")
        #expect(find(89)?.callee == .method("(*example.com/p.Server).stop"))
        #expect(find(103)?.callee == .function("(*example.com/p.Server).Run.func1"))
        #expect(find(101)?.callee == .dynamic(.global("odd name"), targets: []))
        #expect(find(99)?.callee == .function("time.sleep"))
        #expect(find(99)?.mode == .go)
        let closure = try #require(module.function(named: "(*example.com/p.Server).Run.func1"))
        #expect(closure.kind == .closure)
        #expect(closure.file == 1)
        #expect(run.kind == .method)
        #expect(run.isVariadic)
        #expect(run.results == [Variable("err", .basic(.error))])
        let asm = try #require(module.function(named: "example.com/p.asm"))
        #expect(!asm.hasBody)
        #expect(asm.parameters.first == Variable("", .basic(.uintptr)))
    }

    @Test(arguments: 0..<300) func randomModulesRoundTrip(seed: Int) throws {
        var generator = RandomModules(seed: UInt64(seed))
        let module = generator.module()
        #expect(Validator.validate(module) == [], "the generator must make valid modules")
        let text = DSL.print(module)
        let parsed: Module
        do {
            parsed = try DSL.parse(text, path: "random.cir")
        } catch {
            Issue.record("seed \(seed): \(error)\n\(text)")
            return
        }
        #expect(parsed == module, "seed \(seed):\n\(text)\n---\n\(DSL.print(parsed))")
        #expect(DSL.print(parsed) == text)
    }

    @Test func emptyModuleRoundTrips() throws {
        #expect(DSL.print(Module()) == "")
        #expect(try DSL.parse("", path: "empty.cir") == Module())
    }

    /// A module as large as a big package, built in code: the round trip is
    /// exact at scale (the time it takes is measured outside the tests).
    @Test func aLargeModuleRoundTrips() throws {
        let module = LargeModules.make(functions: 2_000, instructionsPerBlock: 12)
        let text = DSL.print(module)
        #expect(try DSL.parse(text, path: "large.cir") == module)
    }
}

/// Synthetic modules shaped like lowered Go: many functions, each with a
/// few blocks of calls, channel operations and locks.
enum LargeModules {
    static func make(functions: Int, instructionsPerBlock: Int) -> Module {
        var m = Module(packagePath: "example.com/big", goVersion: "1.22", files: ["big.go"])
        m.globals = [Variable("example.com/big.state", .map(key: .basic(.string), value: .basic(.int)))]
        for f in 0..<functions {
            var fn = Function(name: "example.com/big.f\(f)", position: Position(f + 1, 1),
                              parameters: [Variable("ch", .chan(.both, element: .basic(.int))), Variable("mu", .pointer(.named("sync.Mutex")))],
                              results: [Variable("", .basic(.error))],
                              locals: [Variable("v", .basic(.int)), Variable("ok", .basic(.bool))])
            var temp: UInt32 = 1
            for b in 0..<3 {
                var block = Block()
                for i in 0..<instructionsPerBlock {
                    let pos = Position(f * 40 + b * 12 + i + 2, 2)
                    switch i % 6 {
                    case 0: block.instructions.append(Instruction(.mutexLock, operands: [.variable("mu")], position: pos))
                    case 1: block.instructions.append(.call(.function("example.com/big.f\((f + 1) % functions)"), [.variable("ch"), .int(Int64(i))], results: [.temp(temp)], position: pos))
                    case 2: block.instructions.append(Instruction(.chanSend, operands: [.variable("ch"), .temp(temp)], position: pos))
                    case 3: block.instructions.append(Instruction(.chanRecv, results: [.variable("v"), .variable("ok")], operands: [.variable("ch")], position: pos))
                    case 4: block.instructions.append(Instruction(.mapWrite, operands: [.global("example.com/big.state")], position: pos))
                    default: block.instructions.append(Instruction(.mutexUnlock, operands: [.variable("mu")], mode: .defer, position: pos))
                    }
                    if i % 6 == 2 { temp += 1 }
                }
                block.terminator = b < 2 ? .branch(condition: .variable("ok"), then: b + 1, else: 2) : .return([.nil])
                block.terminatorPosition = Position(f * 40 + b * 12 + 14, 2)
                fn.blocks.append(block)
            }
            m.functions.append(fn)
        }
        return m
    }
}
