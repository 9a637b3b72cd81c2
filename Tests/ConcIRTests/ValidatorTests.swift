import Testing
@testable import ConcIR

/// The validator names what the lowering got wrong.
@Suite struct ValidatorTests {
    private func messages(_ module: Module) -> [String] { Validator.validate(module).map(\.message) }

    private func function(_ blocks: [Block], locals: [Variable] = []) -> Function {
        Function(name: "p.f", position: Position(1, 1), locals: locals, blocks: blocks)
    }

    @Test func structuralProblems() {
        let at = Position(1, 1)
        let f = function([
            Block([Instruction(.chanSend, operands: [.variable("ch")], position: at)], terminator: .jump(5), at: at),
            Block([Instruction(.mutexLock, operands: [.variable("mu")])], terminator: nil),
        ], locals: [Variable("ch", .chan(.both, element: .basic(.int)))])
        let found = messages(Module(functions: [f]))
        #expect(found.contains("chan.send takes 2...2 operands, has 1"))
        #expect(found.contains("target b5 does not exist"))
        #expect(found.contains("mutex.lock has no position"))
        #expect(found.contains("undeclared variable 'mu'"))
        #expect(found.contains("the block has no terminator"))
    }

    @Test func instructionShapes() {
        let at = Position(1, 1)
        let f = function([Block([
            Instruction(.call, results: [.temp(1)], operands: [], callee: .function("p.g"), mode: .go, position: at),
            Instruction(.chanClose, operands: [.temp(7)], isRangeStep: true, position: at),
            Instruction(.chanMake, operands: [.int(0)], position: at),
            Instruction(.use, operands: [.blank], position: at),
            Instruction(.assign, results: [.int(1)], operands: [.int(2)], position: at),
            Instruction(.call, operands: [], callee: .method("(*p.T).M"), position: at),
            Instruction(.call, operands: [], callee: .function("(*p.T).M"), position: at),
            Instruction(.wgDone, operands: [.variable("wg")], callee: .unknown, position: at),
        ], terminator: .return([]), at: at)])
        let found = messages(Module(functions: [f]))
        #expect(found.contains("go and defer take no results"))
        #expect(found.contains("only chan.recv carries the range marker"))
        #expect(found.contains("%7 is used but never defined"))
        #expect(found.contains("chan.make needs a type"))
        #expect(found.contains("'_' is only valid among results"))
        #expect(found.contains("a result must be a place or '_'"))
        #expect(found.contains("a method call needs its receiver as first argument"))
        #expect(found.contains("'(*p.T).M' is a method: call it as .method"))
        #expect(found.contains("wg.done takes no callee"))
    }

    @Test func declarations() {
        var method = Function(name: "(*p.T).Wrong", position: Position(1, 1), receiver: Variable("t", .pointer(.named("p.U"))))
        method.parameters = [Variable("_", .basic(.int)), Variable("x", .basic(.int)), Variable("x", .basic(.int))]
        let closure = Function(name: "p.f.func1", position: Position(2, 1), parent: "p.missing")
        let noPosition = Function(name: "p.g", file: 3)
        let variadic = Function(name: "p.h", position: Position(3, 1), parameters: [Variable("xs", .basic(.int))], isVariadic: true)
        let module = Module(files: ["a.go"], globals: [Variable("p.x", .basic(.int)), Variable("p.x", .basic(.int))],
                            functions: [method, closure, noPosition, variadic, variadic])
        let found = messages(module)
        #expect(found.contains("a method's name must be (*p.U).Name, found '(*p.T).Wrong'"))
        #expect(found.contains("a blank variable's name is empty, not '_'"))
        #expect(found.contains("duplicate variable 'x'"))
        #expect(found.contains("parent 'p.missing' is not a function of the module"))
        #expect(found.contains("a closure must have a body"))
        #expect(found.contains("the function has no position"))
        #expect(found.contains("file index 3 is out of range"))
        #expect(found.contains("a variadic function's last parameter must be a slice"))
        #expect(found.contains("duplicate global 'p.x'"))
        #expect(found.contains("duplicate function 'p.h'"))
    }

    @Test func issuesSayWhere() {
        let f = function([Block([Instruction(.chanClose, operands: [.variable("nope")], position: Position(1, 1))],
                                terminator: .return([]), at: Position(1, 1))])
        let issue = Validator.validate(Module(functions: [f])).first
        #expect(issue?.description == "p.f b0 #0: undeclared variable 'nope'")
    }
}
