import ConcIR
import GoSema
import GoSyntax

/// Statements: assignments, declarations, and the control flow that makes
/// the CFG (if, for, range, switch, select, labels, goto, return, panic).
extension FunctionLowerer {
    mutating func statements(_ list: NodeList) {
        for s in tree.list(list) { statement(s) }
    }

    mutating func statement(_ s: NodeID) {
        guard !s.isNone else { return }
        let pos = position(s)
        switch tree[s] {
        case .block(let stmts):
            statements(stmts)
        case .emptyStmt, .bad:
            break
        case .exprStmt(let x):
            expressionStatement(x)
        case .declStmt(let decl):
            declaration(decl)
        case .assign(let lhs, let rhs, let op, _):
            assignment(lhs, rhs, op, at: pos)
        case .incDec(let x, let isIncrement, _):
            readModifyWrite(x, isIncrement ? .add : .sub, .int(1), at: pos)
        case .send(let ch, let v, _):
            let c = value(ch)
            let value = self.value(v)
            emit(Instruction(.chanSend, operands: [c, value], position: pos))
        case .callStmt(let keyword, let call):
            // The spawn or defer is where the statement is, not where its call starts.
            _ = lowerCall(call, mode: keyword == .kwGo ? .go : .defer, results: [], at: pos)
        case .returnStmt(let results):
            returnStatement(results, at: pos)
        case .branch(let keyword, let label):
            branch(keyword, label, at: pos)
        case .labeled(let label, let stmt):
            labeled(label, stmt, at: pos)
        case .ifStmt(let initStmt, let cond, let then, let elseStmt):
            statement(initStmt)
            let thenBlock = newBlock()
            let elseBlock = newBlock()
            let join = newBlock()
            condition(cond, then: thenBlock, else: elseBlock, at: position(cond))
            currentBlock = thenBlock
            statement(then)
            jump(to: join, at: closingPosition(then))
            currentBlock = elseBlock
            if !elseStmt.isNone { statement(elseStmt) }
            jump(to: join, at: pos)
        case .forStmt(let initStmt, let cond, let post, let body):
            forLoop(initStmt, cond, post, body, label: nil, at: pos)
        case .rangeStmt(let key, let value, let tok, let x, let body):
            rangeLoop(key, value, tok, x, body, label: nil, at: pos)
        case .switchStmt(let initStmt, let tag, let body):
            switchStatement(initStmt, tag, body, label: nil, at: pos)
        case .typeSwitchStmt(let initStmt, let guardStmt, let body):
            typeSwitch(initStmt, guardStmt, body, label: nil, at: pos)
        case .selectStmt(let body):
            selectStatement(body, label: nil, at: pos)
        default:
            _ = value(s)
        }
    }

    /// A call or receive used as a statement; `panic(x)` and calls that
    /// never return end the block.
    private mutating func expressionStatement(_ x: NodeID) {
        var inner = x
        while case .paren(let p) = tree[inner] { inner = p }
        guard case .call(let fun, let args, _, _) = tree[inner] else {
            _ = value(x)
            return
        }
        let pos = position(inner)
        if let builtin = builtinCalled(fun), builtin == .panic {
            let v = args.isEmpty ? Operand.unknown : value(tree.list(args).first!)
            terminate(.panic(v), at: pos)
            return
        }
        _ = lowerCall(inner, mode: .now, results: [])
        switch calledFunctionName(fun) {
        case "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "syscall.Exit":
            terminate(.unreachable, at: pos)
        case "runtime.Goexit", "log.Panic", "log.Panicf", "log.Panicln":
            // Deferred calls run, as for a panic.
            terminate(.panic(.unknown), at: pos)
        default:
            if endsTestGoroutine(fun) { terminate(.panic(.unknown), at: pos) }
        }
    }

    /// `t.Fatal(...)`, `b.FailNow()`, `tb.Skipf(...)`: the methods of
    /// testing's T, B, F and TB that end the test's goroutine with
    /// runtime.Goexit (deferred calls run, as for a panic).
    private func endsTestGoroutine(_ fun: NodeID) -> Bool {
        guard let o = file?.object(of: fun), o.kind == .method, o.packagePath == "testing" else { return false }
        return FunctionName.testGoroutineEnders.contains(o.name)
    }

    // MARK: Declarations and assignments

    private mutating func declaration(_ decl: NodeID) {
        guard case .genDecl(.kwVar, let specs, _) = tree[decl] else { return }
        for spec in tree.list(specs) {
            guard case .valueSpec(let nameList, _, let values, _) = tree[spec] else { continue }
            valueSpec(names: nameList, values: values, at: position(spec))
        }
    }

    /// `var a, b = x, y` (or with no values: zero values, of which nil
    /// channels, maps and functions, false and 0 matter, and in a loop body a struct or
    /// array, which is a new variable each iteration: `var mu sync.Mutex`
    /// there is not the mutex the last iteration locked).
    mutating func valueSpec(names nameList: NodeList, values: NodeList, at pos: Position) {
        guard let file else { return }
        let targets = tree.list(nameList).map { n -> Operand in
            guard let o = file.objects[n.index], o.isVariable else { return .blank }
            return o.isPackageLevel ? variableOperand(o) : .variable(declareLocal(o))
        }
        if values.isEmpty {
            for (n, t) in zip(tree.list(nameList), targets) {
                guard case .place = t, let o = file.objects[n.index] else { continue }
                switch o.type.underlying {
                case .chan, .map, .pointer, .function, .slice, .interface:
                    emit(Instruction(.assign, results: [t], operands: [.nil], position: position(n)))
                // `var done bool` before `for !done` is `done := false`:
                // the flag and the counter start from their zero value.
                case .basic(let kind) where kind.isBoolean:
                    emit(Instruction(.assign, results: [t], operands: [.bool(false)], position: position(n)))
                case .basic(let kind) where kind.isInteger:
                    emit(Instruction(.assign, results: [t], operands: [.int(0)], position: position(n)))
                case .structure, .array:
                    if jumpTargets.contains(where: { $0.continueTo != nil }) {
                        emit(Instruction(.zero, results: [t], operands: [], position: position(n)))
                    }
                default:
                    break
                }
            }
            return
        }
        assign(targets: targets, values: Array(tree.list(values)), at: pos)
    }

    private mutating func assignment(_ lhs: NodeList, _ rhs: NodeList, _ op: Token, at pos: Position) {
        let left = Array(tree.list(lhs))
        let right = Array(tree.list(rhs))
        if op != .assign && op != .define {
            // x op= y: a read and a write of x.
            let operands = right.map { isInteger($0) ? valueKeepingLengths($0) : value($0) }
            let arithmetic: Opcode? = op == .addAssign ? .add : op == .subAssign ? .sub : nil
            if let l = left.first { readModifyWrite(l, arithmetic, operands.first ?? .unknown, at: pos) }
            return
        }
        // Map element targets are writes of the map, after the values.
        let multiValue = right.count == 1 && left.count > 1
        var mapWrites: [(target: Int, map: Operand, key: Operand, position: Position)] = []
        // Targets the IR cannot name: a field or element of a value whose
        // type did not check (a module missing from the machine).
        var unnamed: [Int] = []
        let targets = left.enumerated().map { i, l -> Operand in
            var inner = l
            while case .paren(let p) = tree[inner] { inner = p }
            if case .index(let m, let indices, _) = tree[inner], file?.type(of: m).mapTypes != nil {
                // The map and its key are evaluated before the right-hand side.
                let mapOperand = value(m)
                let key = tree.list(indices).map { value($0) }.last ?? .unknown
                mapWrites.append((i, mapOperand, key, position(l)))
                // One result of a call (`_, m[k] = context.WithCancel(ctx)`)
                // goes through a temporary, which the write then stores.
                return multiValue ? temp() : .blank
            }
            let target = destination(l, declaring: op == .define)
            if case .blank = target, !isIdentifier(l) { unnamed.append(i) }
            return target
        }
        let values = assign(targets: targets, values: right, at: pos)
        // What goes there goes to code the IR does not see: a closure stored
        // into `cmd.Run` of an unchecked `cmd` may be called by whatever
        // runs the command, so what it captures escapes (`use`).
        for i in unnamed where i < values.count {
            switch values[i] {
            case .place, .function: emit(Instruction(.use, operands: [values[i]], position: pos))
            default: break
            }
        }
        for w in mapWrites {
            let stored = multiValue ? targets[w.target] : (w.target < values.count ? values[w.target] : .unknown)
            emitMapWrite(w.map, key: w.key, value: stored, at: w.position)
        }
    }

    /// `m[k] = v`: a write of m that records the key and the value when
    /// one of them is worth tracking (a cancel func or a timer kept in a
    /// map is held by the map, as `cancels[i] = cancel` is by a slice).
    mutating func emitMapWrite(_ map: Operand, key: Operand, value: Operand, at pos: Position) {
        let operands = worthTracking(key) || worthTracking(value)
            ? [map, worthTracking(key) ? key : .unknown, worthTracking(value) ? value : .unknown] : [map]
        emit(Instruction(.mapWrite, operands: operands, position: pos))
    }

    /// Whether the node is an identifier, in parentheses or not.
    private func isIdentifier(_ node: NodeID) -> Bool {
        var inner = node
        while case .paren(let p) = tree[inner] { inner = p }
        if case .ident = tree[inner] { return true }
        return false
    }

    /// The place an assignment writes (declaring new variables of `:=`).
    mutating func destination(_ node: NodeID, declaring: Bool) -> Operand {
        guard let file else { return .blank }
        if case .ident = tree[node] {
            guard let o = file.objects[node.index], o.isVariable else { return .blank }
            if declaring && !o.isPackageLevel && names[ObjectIdentifier(o)] == nil {
                let n = declareLocal(o)
                return n.isEmpty ? .blank : .variable(n)
            }
            return variableOperand(o)
        }
        let v = value(node)
        if case .place = v { return v }
        return .blank
    }

    /// Assigns values to targets: one multi-value expression spread over
    /// several targets, or one value per target.
    /// Returns the operand of each value (none for one multi-valued one).
    @discardableResult
    mutating func assign(targets: [Operand], values: [NodeID], at pos: Position) -> [Operand] {
        if values.count == 1 && targets.count > 1 {
            multiValue(values[0], into: targets, at: pos)
            return []
        }
        var operands: [Operand] = []
        for (i, v) in values.enumerated() {
            let target = i < targets.count ? targets[i] : .blank
            let operand = target.place != nil && isInteger(v) ? valueKeepingLengths(v) : value(v)
            operands.append(operand)
            if case .place = target {
                emit(Instruction(.assign, results: [target], operands: [operand], position: pos))
            }
        }
        return operands
    }

    /// `a, b = f()`, `v, ok = m[k]`, `v, ok = <-ch`, `v, ok = x.(T)`.
    private mutating func multiValue(_ node: NodeID, into targets: [Operand], at pos: Position) {
        var inner = node
        while case .paren(let p) = tree[inner] { inner = p }
        switch tree[inner] {
        case .call:
            _ = lowerCall(inner, mode: .now, results: targets)
        case .index(let m, _, _) where file?.type(of: m).mapTypes != nil:
            let mapOperand = value(m)
            emit(Instruction(.mapRead, results: Array(targets.prefix(2)), operands: [mapOperand], position: position(inner)))
        case .unary(.arrow, let ch):
            let c = value(ch)
            emit(Instruction(.chanRecv, results: Array(targets.prefix(2)), operands: [c], position: position(inner)))
        case .typeAssert(let x, _, _):
            let v = value(x)
            if let first = targets.first, case .place = first {
                emit(Instruction(.assign, results: [first], operands: [v], position: pos))
            }
            if targets.count > 1, case .place = targets[1] {
                emit(Instruction(.assign, results: [targets[1]], operands: [.unknown], position: pos))
            }
        default:
            _ = value(inner)
            for t in targets {
                if case .place = t { emit(Instruction(.assign, results: [t], operands: [.unknown], position: pos)) }
            }
        }
    }

    /// `x++`, `x--`, `x += y`, `x -= y` and the other `x op= y`: a read and
    /// a write of x. On an integer with an operand the IR names, `+` and `-`
    /// are kept (`x = add x, 1`), so that the runtime model counts with
    /// them (`active--` then `if active == 0 { close(done) }`); anything
    /// else writes `?` (`assign x = ?`). A map element is read and written.
    private mutating func readModifyWrite(_ x: NodeID, _ arithmetic: Opcode?, _ operand: Operand, at pos: Position) {
        var inner = x
        while case .paren(let p) = tree[inner] { inner = p }
        if case .index(let m, let indices, _) = tree[inner], file?.type(of: m).mapTypes != nil {
            let mapOperand = value(m)
            for i in tree.list(indices) { _ = value(i) }
            emit(Instruction(.mapRead, operands: [mapOperand], position: position(inner)))
            emit(Instruction(.mapWrite, operands: [mapOperand], position: position(inner)))
            return
        }
        let target = destination(x, declaring: false)
        guard case .place = target else { return }
        if let arithmetic, isInteger(x), Self.isArithmeticOperand(operand) {
            emit(Instruction(arithmetic, results: [target], operands: [target, operand], position: pos))
        } else {
            emit(Instruction(.assign, results: [target], operands: [.unknown], position: pos))
        }
    }

    private mutating func returnStatement(_ results: NodeList, at pos: Position) {
        let nodes = Array(tree.list(results))
        if nodes.isEmpty {
            let hasUnnamed = function.results.contains { $0.name.isEmpty }
            terminate(.return(hasUnnamed ? [] : function.results.map { .variable($0.name) }), at: pos)
            return
        }
        if nodes.count == 1 && function.results.count > 1 {
            let temps = function.results.map { _ in temp() }
            _ = lowerCall(nodes[0], mode: .now, results: temps)
            terminate(.return(temps), at: pos)
            return
        }
        let operands = nodes.map { value($0) }
        terminate(.return(operands), at: pos)
    }

    // MARK: Conditions

    /// Branches on a boolean expression: a variable is the condition
    /// itself, `!x` swaps the branches, `a && b` and `a || b` short-circuit
    /// (so that a receive on the right runs only when Go runs it), and
    /// anything else is evaluated for its effects and branches on `?`.
    mutating func condition(_ cond: NodeID, then thenBlock: Int, else elseBlock: Int, at pos: Position) {
        switch tree[cond] {
        case .paren(let x):
            condition(x, then: thenBlock, else: elseBlock, at: pos)
        case .unary(.not, let x):
            condition(x, then: elseBlock, else: thenBlock, at: pos)
        case .binary(let op, let x, let y, _) where op == .land || op == .lor:
            let middle = newBlock()
            if op == .land {
                condition(x, then: middle, else: elseBlock, at: pos)
            } else {
                condition(x, then: thenBlock, else: middle, at: pos)
            }
            currentBlock = middle
            condition(y, then: thenBlock, else: elseBlock, at: position(y))
        case .binary(let op, let x, let y, _) where (op == .eql || op == .neq) && (isNilLiteral(x) || isNilLiteral(y)):
            // `x == nil`, `x != nil`: the test is kept, so that the analyses
            // know which branch has a nil channel, a nil error, no rows.
            let tested = isNilLiteral(y) ? value(x) : value(y)
            guard case .place = tested, blocks[currentBlock].terminator == nil else {
                branch(on: .unknown, then: thenBlock, else: elseBlock, at: pos)
                return
            }
            branch(onTest: .isNil, [tested], then: op == .eql ? thenBlock : elseBlock, else: op == .eql ? elseBlock : thenBlock,
                   at: pos, testAt: position(cond))
        case .binary(let op, let x, let y, _) where Self.comparisons.contains(op) && file?.constant(of: cond) == nil
                                                    && comparesScalars(x, y):
            compare(op, x, y, then: thenBlock, else: elseBlock, at: pos, testAt: position(cond))
        default:
            var operand = Operand.unknown
            if let c = file?.constant(of: cond), let b = c.boolValue {
                operand = .bool(b)
            } else {
                let v = value(cond)
                if case .place = v, file?.type(of: cond).underlying == .basic(.bool) || file?.type(of: cond).underlying == .basic(.untypedBool) {
                    operand = v
                }
            }
            branch(on: operand, then: thenBlock, else: elseBlock, at: pos)
        }
    }

    private static let comparisons: Set<Token> = [.eql, .neq, .lss, .leq, .gtr, .geq]

    /// `x == y`, `x < y` and the rest on integers, strings or booleans are
    /// kept as a comparison (`%1 = cmp.lt x, y; if %1`) when one side is a
    /// place and the other a place or a constant, so that the analyses can
    /// decide it from what they know, or pair two tests of the same thing
    /// (`if b == 10 { mu.Lock() } ... if b == 10 { mu.Unlock() }`).
    /// Written one way only: `!=` is `cmp.eq` with the branches swapped,
    /// `x > y` is `cmp.lt y, x`, `x >= y` is `cmp.le y, x`, and an equality
    /// puts its place first. Anything else branches on `?`, after its
    /// operands ran for their effects as before.
    private mutating func compare(_ op: Token, _ x: NodeID, _ y: NodeID, then thenBlock: Int, else elseBlock: Int,
                                  at pos: Position, testAt: Position) {
        keepsLengths = true
        var left = value(x)
        var right = value(y)
        keepsLengths = false
        guard Self.comparable(left, right), blocks[currentBlock].terminator == nil else {
            branch(on: .unknown, then: thenBlock, else: elseBlock, at: pos)
            return
        }
        let opcode: Opcode
        var (yes, no) = (thenBlock, elseBlock)
        switch op {
        case .eql, .neq:
            opcode = .cmpEq
            if op == .neq { (yes, no) = (no, yes) }
            if left.place == nil { swap(&left, &right) }
        case .lss: opcode = .cmpLt
        case .leq: opcode = .cmpLe
        case .gtr: opcode = .cmpLt; swap(&left, &right)
        default: opcode = .cmpLe; swap(&left, &right)
        }
        branch(onTest: opcode, [left, right], then: yes, else: no, at: pos, testAt: testAt)
    }

    /// Ends the current block with a branch on a kept test: `%1 = op
    /// operands` at `testAt`, then `if %1`.
    private mutating func branch(onTest opcode: Opcode, _ operands: [Operand], then thenBlock: Int, else elseBlock: Int,
                                 at pos: Position, testAt: Position) {
        let result = temp()
        emit(Instruction(opcode, results: [result], operands: operands, position: testAt))
        branch(on: result, then: thenBlock, else: elseBlock, at: pos)
    }

    /// Whether both sides of a comparison are integers, strings or booleans.
    private func comparesScalars(_ x: NodeID, _ y: NodeID) -> Bool {
        isScalar(x) && isScalar(y)
    }

    private func isScalar(_ node: NodeID) -> Bool {
        guard case .basic(let kind)? = file?.type(of: node).underlying else { return false }
        return kind.isInteger || kind.isString || kind.isBoolean
    }

    /// One side a place, the other a place or a constant.
    private static func comparable(_ a: Operand, _ b: Operand) -> Bool {
        switch (a, b) {
        case (.place, .place): return true
        case (.place, let c), (let c, .place): return c.isConstant && c != .nil
        default: return false
        }
    }

    /// Ends the current block with `if condition` (unless it already ended).
    private mutating func branch(on condition: Operand, then thenBlock: Int, else elseBlock: Int, at pos: Position) {
        guard blocks[currentBlock].terminator == nil else { return }
        blocks[currentBlock].terminator = .branch(condition: condition, then: thenBlock, else: elseBlock)
        blocks[currentBlock].terminatorPosition = pos
    }

    /// Whether the expression is the predeclared `nil`.
    private func isNilLiteral(_ node: NodeID) -> Bool {
        var inner = node
        while case .paren(let x) = tree[inner] { inner = x }
        guard case .ident = tree[inner], let o = file?.objects[inner.index] else { return false }
        return o.kind == .nilValue
    }

    // MARK: Loops

    private mutating func forLoop(_ initStmt: NodeID, _ cond: NodeID, _ post: NodeID, _ body: NodeID, label: String?, at pos: Position) {
        statement(initStmt)
        let header = newBlock(loop: tripCount(initStmt, cond, post, body: body))
        let bodyBlock = newBlock()
        let postBlock = newBlock()
        let exit = newBlock()
        jump(to: header, at: pos)
        if cond.isNone {
            jump(to: bodyBlock, at: pos)
        } else {
            condition(cond, then: bodyBlock, else: exit, at: position(cond))
        }
        currentBlock = bodyBlock
        jumpTargets.append(JumpTarget(label: label, breakTo: exit, continueTo: postBlock))
        statement(body)
        jumpTargets.removeLast()
        jump(to: postBlock, at: closingPosition(body))
        statement(post)
        jump(to: header, at: post.isNone ? closingPosition(body) : position(post))
        currentBlock = exit
    }

    /// The trip count of a three-clause loop whose counter steps by one
    /// between a constant end and a counted one: `for i := a; i < b; i++`
    /// (or `i = a` on a variable declared before; or `<=`, or `!=`, which
    /// counts the same from below) runs b - a
    /// times, `for i := b; i > a; i--` (or `>=`, `!=`) the same, where a is
    /// a constant and b a constant, `len(x)` of a variable, a variable or a
    /// field of one (`b.N`, `cfg.Workers`), or one of those plus or minus a
    /// constant (`waiters+1`, `len(xs)-1`): `for fd := 3; fd < 51; fd++`
    /// runs 48 times, `for i := 1; i <= n; i++` n times, `for i :=
    /// len(xs)-1; i >= 0; i--` once per element. Unknown otherwise, and
    /// when the body moves the counter.
    private mutating func tripCount(_ initStmt: NodeID, _ cond: NodeID, _ post: NodeID, body: NodeID) -> LoopTrips {
        guard file != nil, case .assign(let lhs, let rhs, let op, _) = tree[initStmt], op == .define || op == .assign,
              lhs.count == 1, rhs.count == 1,
              case .binary(let comparison, let i, let bound, _) = tree[cond],
              let counter = tree.identName(i), counter == tree.identName(tree.list(lhs).first!),
              case .incDec(let p, let counting, _) = tree[post], tree.identName(p) == counter else {
            return .unknown
        }
        let start = tree.list(rhs).first!
        // trips = high - low, one more when the comparison includes the end.
        let (high, low, extra): (NodeID, NodeID, Int64)
        switch (counting, comparison) {
        case (true, .lss), (true, .neq): (high, low, extra) = (bound, start, 0)
        case (true, .leq): (high, low, extra) = (bound, start, 1)
        case (false, .gtr), (false, .neq): (high, low, extra) = (start, bound, 0)
        case (false, .geq): (high, low, extra) = (start, bound, 1)
        default: return .unknown
        }
        guard let lowValue = integerConstant(low), let term = countTerm(high) else { return .unknown }
        var (offset, overflow) = term.plus.subtractingReportingOverflow(lowValue)
        if !overflow { (offset, overflow) = offset.addingReportingOverflow(extra) }
        // Last, as it walks the body: a loop that moves its own counter.
        guard !overflow, !assignsCounter(declaredBy: tree.list(lhs).first!, in: body) else { return .unknown }
        switch term.base {
        case nil:
            // `!=` past its end never stops.
            guard comparison != .neq || offset >= 0 else { return .unknown }
            return .count(.int(max(0, offset)))
        case .length(let x)?:
            return offset == 0 ? .length(x) : .lengthPlus(x, offset)
        case .value(let n)?:
            return offset == 0 ? .count(n) : .countPlus(n, offset)
        }
    }

    /// What a loop bound counts from: a constant (no base), or the length
    /// of a variable or the value of a variable path, plus a constant.
    private enum CountBase {
        case length(Operand)
        case value(Operand)
    }

    /// The value of an integer constant expression that fits in 64 bits.
    private func integerConstant(_ node: NodeID) -> Int64? {
        file?.constant(of: node)?.intValue.flatMap { Int64(exactly: $0) }
    }

    private mutating func countTerm(_ node: NodeID) -> (base: CountBase?, plus: Int64)? {
        guard let file else { return nil }
        if let c = integerConstant(node) { return (nil, c) }
        var term = node
        var plus: Int64 = 0
        while case .paren(let x) = tree[term] { term = x }
        if case .binary(let op, let x, let y, _) = tree[term], op == .add || op == .sub {
            if let c = integerConstant(y), c != .min {
                term = x
                plus = op == .add ? c : -c
            } else if op == .add, let c = integerConstant(x) {
                term = y
                plus = c
            } else {
                return nil
            }
        }
        if case .call(let fun, let args, _, _) = tree[term], tree.identName(fun) == "len", args.count == 1,
           let arg = tree.list(args).first {
            if case .ident = tree[arg], let o = file.objects[arg.index], o.isVariable {
                return (.length(variableOperand(o)), plus)
            }
            // `len(s.shards)`: the length of a field, as `range s.shards` counts.
            guard isVariablePath(arg), case .place(let p) = value(arg), !p.path.isEmpty else { return nil }
            return (.length(.place(p)), plus)
        }
        guard isVariablePath(term) else { return nil }
        let n = value(term)
        guard case .place = n else { return nil }
        return (.value(n), plus)
    }

    /// A variable, or a field of one through field selections only
    /// (`n`, `b.N`, `s.cfg.workers`): reading it emits nothing.
    private func isVariablePath(_ node: NodeID) -> Bool {
        switch tree[node] {
        case .paren(let x):
            return isVariablePath(x)
        case .ident:
            return file?.objects[node.index]?.isVariable == true
        case .selector(let x, _, _):
            guard file?.selections[node]?.kind == .field else { return false }
            return isVariablePath(x)
        default:
            return false
        }
    }

    /// Whether the statements under `node` assign, step or take the
    /// address of the counter declared by `declaration` (a loop that moves
    /// its own counter is not counted). `i := i` declares another variable
    /// and is no assignment.
    private func assignsCounter(declaredBy declaration: NodeID, in node: NodeID) -> Bool {
        guard let file, let counter = file.objects[declaration.index] else { return true }
        func isCounter(_ n: NodeID) -> Bool {
            var inner = n
            while case .paren(let x) = tree[inner] { inner = x }
            guard case .ident = tree[inner] else { return false }
            return file.objects[inner.index] === counter
        }
        var found = false
        tree.walk(node) { n in
            switch tree[n] {
            case .assign(let lhs, _, let op, _) where op != .define:
                if tree.list(lhs).contains(where: isCounter) { found = true }
            case .incDec(let x, _, _):
                if isCounter(x) { found = true }
            case .unary(.and, let x):
                if isCounter(x) { found = true }
            default:
                break
            }
            return !found
        }
        return found
    }

    private mutating func rangeLoop(_ key: NodeID, _ valueNode: NodeID, _ tok: Token, _ x: NodeID, _ body: NodeID,
                                    label: String?, at pos: Position) {
        guard let file else { return }
        let subject = value(x)
        let subjectType = file.type(of: x).underlying
        var trips: LoopTrips = .unknown
        switch subjectType {
        case .basic(let k) where k.isInteger:
            trips = .count(subject)
        case .slice, .array, .basic:
            if case .place = subject { trips = .length(subject) }
        default:
            break
        }
        let header = newBlock(loop: trips)
        let bodyBlock = newBlock()
        let exit = newBlock()
        jump(to: header, at: pos)
        let keyTarget = key.isNone ? Operand.blank : destination(key, declaring: tok == .define)
        let valueTarget = valueNode.isNone ? Operand.blank : destination(valueNode, declaring: tok == .define)
        switch subjectType {
        case .chan:
            let ok = temp()
            emit(Instruction(.chanRecv, results: [keyTarget, ok], operands: [subject], isRangeStep: true, position: pos))
            blocks[currentBlock].terminator = .branch(condition: ok, then: bodyBlock, else: exit)
            blocks[currentBlock].terminatorPosition = pos
        case .map:
            emit(Instruction(.mapRange, results: [keyTarget, valueTarget], operands: [subject], position: pos))
            blocks[currentBlock].terminator = .branch(condition: .unknown, then: bodyBlock, else: exit)
            blocks[currentBlock].terminatorPosition = pos
        default:
            if case .place = keyTarget {
                emit(Instruction(.assign, results: [keyTarget], operands: [.unknown], position: pos))
            }
            if case .place = valueTarget {
                let element: Operand
                switch subjectType {
                case .slice, .array, .pointer: element = subject.element
                default: element = .unknown
                }
                emit(Instruction(.assign, results: [valueTarget], operands: [element], position: pos))
            }
            blocks[currentBlock].terminator = .branch(condition: .unknown, then: bodyBlock, else: exit)
            blocks[currentBlock].terminatorPosition = pos
        }
        currentBlock = bodyBlock
        jumpTargets.append(JumpTarget(label: label, breakTo: exit, continueTo: header))
        statement(body)
        jumpTargets.removeLast()
        jump(to: header, at: closingPosition(body))
        currentBlock = exit
    }

    // MARK: Switch and select

    private mutating func switchStatement(_ initStmt: NodeID, _ tag: NodeID, _ body: NodeID, label: String?, at pos: Position) {
        statement(initStmt)
        let subject = tag.isNone ? Operand.unknown : value(tag)
        // `switch state { case idle, done: ... }` tests the tag against each
        // value like `==`; a tag that is no scalar place stays `if ?`.
        let comparedTag: Operand? = subject.place != nil && isScalar(tag) ? subject : nil
        guard case .block(let clauseList) = tree[body] else { return }
        let clauses = Array(tree.list(clauseList))
        let exit = newBlock()
        let bodies = clauses.map { _ in newBlock() }
        var defaultIndex: Int? = nil
        for (i, c) in clauses.enumerated() {
            guard case .caseClause(let list, _, let isDefault, _) = tree[c] else { continue }
            if isDefault {
                defaultIndex = i
                continue
            }
            let next = newBlock()
            if tag.isNone, list.count == 1 {
                condition(tree.list(list).first!, then: bodies[i], else: next, at: position(c))
            } else if let comparedTag {
                let values = Array(tree.list(list))
                for (k, e) in values.enumerated() {
                    let miss = k == values.count - 1 ? next : newBlock()
                    let v = value(e)
                    if Self.comparable(comparedTag, v), blocks[currentBlock].terminator == nil {
                        branch(onTest: .cmpEq, [comparedTag, v], then: bodies[i], else: miss, at: position(c), testAt: position(e))
                    } else {
                        branch(on: .unknown, then: bodies[i], else: miss, at: position(c))
                    }
                    currentBlock = miss
                }
                continue
            } else {
                for e in tree.list(list) { _ = value(e) }
                blocks[currentBlock].terminator = .branch(condition: .unknown, then: bodies[i], else: next)
                blocks[currentBlock].terminatorPosition = position(c)
            }
            currentBlock = next
        }
        jump(to: defaultIndex.map { bodies[$0] } ?? exit, at: pos)
        jumpTargets.append(JumpTarget(label: label, breakTo: exit, continueTo: nil))
        for (i, c) in clauses.enumerated() {
            guard case .caseClause(_, let stmts, _, _) = tree[c] else { continue }
            currentBlock = bodies[i]
            statements(stmts)
            // `fallthrough` jumps to the next clause's body.
            if let last = tree.list(stmts).last, case .branch(.kwFallthrough, _) = tree[last], i + 1 < bodies.count {
                jump(to: bodies[i + 1], at: position(last))
            } else {
                jump(to: exit, at: position(c))
            }
        }
        jumpTargets.removeLast()
        currentBlock = exit
    }

    private mutating func typeSwitch(_ initStmt: NodeID, _ guardStmt: NodeID, _ body: NodeID, label: String?, at pos: Position) {
        guard let file else { return }
        statement(initStmt)
        var subject = Operand.unknown
        switch tree[guardStmt] {
        case .assign(_, let rhs, _, _):
            if let r = tree.list(rhs).first, case .typeAssert(let x, _, _) = tree[r] { subject = value(x) }
        case .exprStmt(let x):
            if case .typeAssert(let inner, _, _) = tree[x] { subject = value(inner) }
        default:
            break
        }
        guard case .block(let clauseList) = tree[body] else { return }
        let clauses = Array(tree.list(clauseList))
        let exit = newBlock()
        let bodies = clauses.map { _ in newBlock() }
        var defaultIndex: Int? = nil
        for (i, c) in clauses.enumerated() {
            guard case .caseClause(_, _, let isDefault, _) = tree[c] else { continue }
            if isDefault {
                defaultIndex = i
                continue
            }
            let next = newBlock()
            blocks[currentBlock].terminator = .branch(condition: .unknown, then: bodies[i], else: next)
            blocks[currentBlock].terminatorPosition = position(c)
            currentBlock = next
        }
        jump(to: defaultIndex.map { bodies[$0] } ?? exit, at: pos)
        jumpTargets.append(JumpTarget(label: label, breakTo: exit, continueTo: nil))
        for (i, c) in clauses.enumerated() {
            guard case .caseClause(_, let stmts, _, _) = tree[c] else { continue }
            currentBlock = bodies[i]
            if let o = file.implicits[c] {
                let n = declareLocal(o)
                if !n.isEmpty {
                    emit(Instruction(.assign, results: [.variable(n)], operands: [subject], position: position(c)))
                }
            }
            statements(stmts)
            jump(to: exit, at: position(c))
        }
        jumpTargets.removeLast()
        currentBlock = exit
    }

    private mutating func selectStatement(_ body: NodeID, label: String?, at pos: Position) {
        guard case .block(let clauseList) = tree[body] else { return }
        let clauses = Array(tree.list(clauseList))
        let exit = newBlock()
        var cases: [SelectCase] = []
        var defaultTarget: Int? = nil
        var bodies: [(clause: NodeID, block: Int)] = []
        // Channel operands and sent values are evaluated on entry, in order.
        for c in clauses {
            guard case .commClause(let comm, _, _) = tree[c] else { continue }
            let target = newBlock()
            bodies.append((c, target))
            if comm.isNone {
                defaultTarget = target
                continue
            }
            let commPos = position(comm)
            switch tree[comm] {
            case .send(let ch, let v, _):
                let channel = value(ch)
                let sent = value(v)
                cases.append(SelectCase(.send(channel: channel, value: sent), target: target, position: commPos))
            case .exprStmt(let x):
                var inner = x
                while case .paren(let p) = tree[inner] { inner = p }
                if case .unary(.arrow, let ch) = tree[inner] {
                    let channel = value(ch)
                    cases.append(SelectCase(.recv(channel: channel, results: []), target: target, position: position(inner)))
                }
            case .assign(let lhs, let rhs, let op, _):
                guard let r = tree.list(rhs).first else { continue }
                var inner = r
                while case .paren(let p) = tree[inner] { inner = p }
                guard case .unary(.arrow, let ch) = tree[inner] else { continue }
                let channel = value(ch)
                let dests = tree.list(lhs).map { destination($0, declaring: op == .define) }
                cases.append(SelectCase(.recv(channel: channel, results: dests), target: target, position: position(inner)))
            default:
                continue
            }
        }
        blocks[currentBlock].terminator = .select(cases, default: defaultTarget)
        blocks[currentBlock].terminatorPosition = pos
        jumpTargets.append(JumpTarget(label: label, breakTo: exit, continueTo: nil))
        for (clause, block) in bodies {
            guard case .commClause(_, let stmts, _) = tree[clause] else { continue }
            currentBlock = block
            statements(stmts)
            jump(to: exit, at: position(clause))
        }
        jumpTargets.removeLast()
        currentBlock = exit
    }

    // MARK: Labels and jumps

    private mutating func labelBlock(_ name: String) -> Int {
        if let b = labelBlocks[name] { return b }
        let b = newBlock()
        labelBlocks[name] = b
        return b
    }

    private mutating func labeled(_ labelNode: NodeID, _ stmt: NodeID, at pos: Position) {
        let name = tree.identName(labelNode) ?? "_"
        let target = labelBlock(name)
        jump(to: target, at: pos)
        let stmtPos = position(stmt)
        switch tree[stmt] {
        case .forStmt(let i, let c, let p, let body):
            forLoop(i, c, p, body, label: name, at: stmtPos)
        case .rangeStmt(let k, let v, let tok, let x, let body):
            rangeLoop(k, v, tok, x, body, label: name, at: stmtPos)
        case .switchStmt(let i, let tag, let body):
            switchStatement(i, tag, body, label: name, at: stmtPos)
        case .typeSwitchStmt(let i, let g, let body):
            typeSwitch(i, g, body, label: name, at: stmtPos)
        case .selectStmt(let body):
            selectStatement(body, label: name, at: stmtPos)
        default:
            statement(stmt)
        }
    }

    private mutating func branch(_ keyword: Token, _ labelNode: NodeID, at pos: Position) {
        let label = labelNode.isNone ? nil : tree.identName(labelNode)
        switch keyword {
        case .kwGoto:
            if let label { jumpAndContinue(to: labelBlock(label), at: pos) }
        case .kwBreak:
            let target = jumpTargets.last { label == nil || $0.label == label }
            if let t = target { jumpAndContinue(to: t.breakTo, at: pos) }
        case .kwContinue:
            let target = jumpTargets.last { $0.continueTo != nil && (label == nil || $0.label == label) }
            if let t = target, let c = t.continueTo { jumpAndContinue(to: c, at: pos) }
        default:
            break  // fallthrough is handled by the switch
        }
    }

    /// Jumps, and continues lowering dead code into a fresh block.
    private mutating func jumpAndContinue(to target: Int, at pos: Position) {
        terminate(.jump(target), at: pos)
    }
}
