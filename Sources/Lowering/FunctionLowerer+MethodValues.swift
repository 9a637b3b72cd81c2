import ConcIR
import GoSema
import GoSyntax

/// Method values: `x.M` used as a value rather than called.
///
/// Go evaluates the receiver where the method value is written and binds
/// it (`f := s.loop` binds s; `done := wg.Done` binds &wg), and calling the
/// value later calls the method on that receiver. The compiler builds a
/// closure for it (`T.M-fm`); so does the lowering. The receiver goes into
/// a local of its own, `wg#fmK` (named after the receiver as written, so
/// messages say `wg`), and the method value is a closure,
/// `F.M-fmK`, that captures it and calls the method with its own
/// parameters, as a call written in place would (`wg.done wg#fm1` for a
/// `wg.Done`, every implementation for an interface method). So `go f()`,
/// `goSafe(s.run)` and `defer done()` reach the method with its receiver,
/// and a channel or WaitGroup the method uses is the one the caller has.
extension FunctionLowerer {
    mutating func methodValue(_ node: NodeID, _ x: NodeID, _ selection: Selection) -> Operand {
        let method = selection.object
        guard let file, let signature = file.type(of: node).signature else {
            _ = value(x)
            return .function(methodName(method, receiverType: selection.receiverType))
        }
        var receiver = receiverOperand(x, selection)
        var receiverType = Self.embeddedFields(along: selection.path, from: selection.receiverType).type
        if method.hasPointerReceiver, !receiverType.isPointer, case .place = receiver {
            // An addressable value: the method value binds its address.
            let address = temp()
            emit(Instruction(.addr, results: [address], operands: [receiver], position: position(node)))
            receiver = address
            receiverType = .pointer(receiverType)
        }
        methodValueCount += 1
        let bound = "\(receiverName(x))#fm\(methodValueCount)"
        let boundType = TypeTranslation.irType(receiverType)
        usedNames.insert(bound)
        function.locals.append(Variable(bound, boundType))
        emit(Instruction(.assign, results: [.variable(bound)], operands: [receiver], position: position(node)))

        let name = "\(function.name).\(method.name)-fm\(methodValueCount)"
        var wrapper = Function(name: name, file: file.index, position: position(node), parent: function.name)
        wrapper.captures = [Variable(bound, boundType)]
        wrapper.parameters = signature.parameters.indices.map { Variable("a\($0)", TypeTranslation.irType(signature.parameters[$0])) }
        wrapper.isVariadic = signature.variadic
        wrapper.results = signature.results.map { Variable("", TypeTranslation.irType($0)) }
        wrapper.blocks = [methodValueBody(method, selection: selection, bound: .variable(bound), wrapper: wrapper,
                                          resultCount: signature.results.count, at: position(node))]
        finished.append(wrapper)
        return .function(name)
    }

    /// The wrapper's one block: the method called on the bound receiver
    /// with the wrapper's parameters, and its results returned.
    private mutating func methodValueBody(_ method: Object, selection: Selection, bound: Operand, wrapper: Function,
                                          resultCount: Int, at position: Position) -> Block {
        // Built by this lowerer, into a block of its own: save and restore
        // the function being lowered around it.
        let saved = (blocks, currentBlock, nextTemp)
        blocks = [Block()]
        currentBlock = 0
        nextTemp = 0
        let arguments = wrapper.parameters.map { Operand.variable($0.name) }
        let results: [Operand]
        if let entry = knownMethod(method, receiverType: selection.receiverType) {
            let operands: [Operand]
            switch entry.operands {
            case .receiverAndArguments: operands = [bound] + arguments
            case .arguments, .pointee: operands = arguments
            case .firstArgument: operands = Array(arguments.prefix(1))
            case .none: operands = []
            }
            results = emitKnown(entry, operands: operands, mode: .now, results: nil, resultCount: resultCount, at: position)
        } else {
            let dests = (0..<resultCount).map { _ in temp() }
            emit(Instruction.call(methodCallee(method, receiverType: selection.receiverType), [bound] + arguments,
                                  results: dests, position: position))
            results = dests
        }
        // A known operation may give fewer results than the method has.
        let returned = results.count == resultCount ? results : []
        var block = blocks[0]
        block.terminator = .return(returned)
        block.terminatorPosition = position
        (blocks, currentBlock, nextTemp) = saved
        return block
    }

    /// What messages call the receiver `x`: its variable or last field
    /// (`wg` for `wg`, `s.wg` and `&s.wg`), else `recv`.
    private func receiverName(_ x: NodeID) -> String {
        switch tree[x] {
        case .paren(let inner), .star(let inner), .unary(.and, let inner): return receiverName(inner)
        case .selector(_, let sel, _): return tree.identName(sel) ?? "recv"
        case .ident: return tree.identName(x).flatMap { $0 == "_" ? nil : $0 } ?? "recv"
        default: return "recv"
        }
    }
}
