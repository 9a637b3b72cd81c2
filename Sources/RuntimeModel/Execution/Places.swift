import ConcIR

/// Reading and writing operands: variables (through their cells when
/// shared), temporaries, fields of records, and the heap objects that sync
/// values are made of on first use.
extension Machine {
    func slot(of root: Place.Root, _ layout: FunctionLayout) -> Int? {
        switch root {
        case .temp(let n): return layout.tempSlots[n].map { layout.liveness.variableCount + $0 }
        case .variable(let v): return layout.variableSlots[v]
        case .global: return nil
        }
    }

    /// The value of an operand, without side effects (function operands
    /// that would make a closure read as unknown).
    func peek(_ operand: Operand, _ g: Int, _ state: ProgramState) -> Value {
        switch operand {
        case .place(let p): return peekPlace(p, g, state)
        case .int(let v): return .int(v)
        case .bool(let b): return .bool(b)
        case .nil: return .nilValue
        case .function(let name):
            guard let ref = program.function(named: name), !program.isClosure(ref) else { return .unknown }
            return .function(ref)
        case .string, .unknown, .blank: return .unknown
        }
    }

    func peekPlace(_ p: Place, _ g: Int, _ state: ProgramState) -> Value {
        guard let frame = state.goroutines[g].frames.last else { return .unknown }
        var v = rootValue(p.root, frame, state.heap)
        for s in p.path { v = select(s, of: v, state.heap) }
        return v
    }

    private func rootValue(_ root: Place.Root, _ frame: Frame, _ heap: Heap) -> Value {
        let layout = program.layout(frame.function)
        guard let s = slot(of: root, layout), s < frame.slots.count else { return .unknown }
        if s < layout.isCell.count, layout.isCell[s], case .cell(let c) = frame.slots[s] { return heap.load(c) }
        return frame.slots[s]
    }

    /// The value a path leads to from `value`, as far as the model follows
    /// it: up to the first element (`c.buckets` for `c.buckets[i]`), whose
    /// value the model does not keep; everything reachable from that value
    /// holds the part.
    func partValue(of value: Value, at path: [Selector], _ heap: Heap) -> Value {
        var v = value
        for s in path {
            if s == .element { break }
            v = select(s, of: v, heap)
        }
        return v
    }

    private func select(_ s: Selector, of value: Value, _ heap: Heap) -> Value {
        var v = value
        // A pointer to a variable selects through the variable (bounded: a
        // cell may hold another pointer).
        for _ in 0..<4 {
            guard case .cell(let c) = v, s != .deref else { break }
            v = heap.load(c)
        }
        switch s {
        case .field(let name):
            switch v {
            case .object(let id):
                guard heap.contains(id) else { return .unknown }
                switch heap[id].kind {
                case .record(let r): return fieldValue(r, name)
                case .timer(let t): return name == "C" ? .object(t.channel) : .unknown
                default: return .unknown
                }
            case .zero: return .zero
            case .symbol(let sym): return .symbol(symbols.symbol(for: .field(sym, name)))
            default: return .unknown
            }
        case .element:
            return .unknown
        case .deref:
            switch v {
            case .cell(let c): return heap.load(c)
            case .object, .zero, .symbol: return v
            default: return .unknown
            }
        }
    }

    /// An unwritten field of a composite literal is zero when the IR
    /// shows every value a literal gives a field of its type
    /// (`TypeEnvironment.isShownInLiterals`), and a sync value (WaitGroup,
    /// Mutex, Once), which a literal can only leave zero; unknown otherwise
    /// (a string the literal may have set).
    private func fieldValue(_ r: RecordState, _ name: String) -> Value {
        if let v = r.fields[name] { return v }
        guard r.unwrittenField == .unknown, let t = r.type,
              let fieldType = program.typeEnvironment.fieldType(of: t, field: name) else { return r.unwrittenField }
        switch fieldType.wellKnown {
        case .waitGroup?, .mutex?, .rwMutex?, .once?: return .zero
        default: return program.typeEnvironment.isShownInLiterals(fieldType) ? .zero : r.unwrittenField
        }
    }

    /// The value of an operand; a closure operand makes a closure object
    /// bound to the current frame's variables.
    func read(_ operand: Operand, _ g: Int, _ e: inout Exec) -> Value {
        if case .function(let name) = operand { return functionValue(name, g, &e) }
        return peek(operand, g, e.state)
    }

    func functionValue(_ name: String, _ g: Int, _ e: inout Exec) -> Value {
        guard let ref = program.function(named: name) else { return .unknown }
        guard program.isClosure(ref) else { return .function(ref) }
        let cells = closureCells(for: ref, g, &e)
        let site = currentSite(g, e.state)
        return .object(e.state.heap.allocate(.closure(function: ref, cells: cells), at: site))
    }

    /// The cells a closure made in goroutine `g`'s current frame captures:
    /// the frame's own cells for the variables it names.
    func closureCells(for closure: FunctionRef, _ g: Int, _ e: inout Exec) -> [CellID] {
        guard let frame = e.frame(g) else { return [] }
        let layout = program.layout(frame.function)
        return program[closure].captures.map { v in
            guard let s = layout.variableSlots[v.name], s < frame.slots.count else { return e.state.heap.allocateCell(.unknown) }
            if layout.isCell[s], case .cell(let c) = frame.slots[s] { return c }
            return e.state.heap.allocateCell(frame.slots[s])
        }
    }

    func write(_ value: Value, to operand: Operand, _ g: Int, _ e: inout Exec) {
        guard case .place(let p) = operand else { return }
        writePlace(p, value, g, &e)
    }

    func writePlace(_ p: Place, _ value: Value, _ g: Int, _ e: inout Exec) {
        guard let last = p.path.last, let parent = p.parent else {
            writeRoot(p.root, value, g, &e)
            return
        }
        switch last {
        case .element:
            e.state.heap.markEscaped(value)
        case .deref:
            if case .cell(let c) = peekPlace(parent, g, e.state) {
                e.state.heap.store(value, into: c)
            } else {
                e.state.heap.markEscaped(value)
            }
        case .field(let name):
            guard let id = materializeRecord(at: parent, g, &e), case .record(var r) = e.state.heap[id].kind else {
                e.state.heap.markEscaped(value)
                return
            }
            r.fields[name] = value
            e.state.heap[id].kind = .record(r)
            if e.state.heap[id].escaped { e.state.heap.markEscaped(value) }
        }
    }

    /// Writes a loop's trip symbol to the place (not a global) its bound
    /// came from, so that a later loop bounded by the same place agrees.
    /// A field of a local the model knows nothing of (`tc.n` of a range
    /// variable over test cases) has nowhere to keep it: the local becomes
    /// a record of unknown fields that holds it (escaped, since it came
    /// from outside).
    func writeTripSymbol(_ p: Place, _ value: Value, _ g: Int, _ e: inout Exec) {
        if case .field? = p.path.last, let parent = p.parent, parent.path.isEmpty,
           peekPlace(parent, g, e.state).isOpaque {
            writeRoot(parent.root, opaqueRecord(fromOutside: true, g, &e), g, &e)
        }
        writePlace(p, value, g, &e)
    }

    /// A new record whose fields the model knows nothing of: a value known
    /// to be there (not nil), such as an error, made here or, escaped,
    /// one that came from outside.
    func opaqueRecord(fromOutside: Bool, _ g: Int, _ e: inout Exec) -> Value {
        let id = e.state.heap.allocate(.record(RecordState(unwrittenField: .unknown)), at: currentSite(g, e.state))
        if fromOutside { e.state.heap.markEscaped(.object(id)) }
        return .object(id)
    }

    /// Holds no copy of the frame while writing to it (the copy would make
    /// the write copy the slots).
    private func writeRoot(_ root: Place.Root, _ value: Value, _ g: Int, _ e: inout Exec) {
        guard let function = e.topFunction(g) else { return }
        if case .global = root {
            e.state.heap.markEscaped(value)
            return
        }
        let layout = program.layout(function)
        guard let s = slot(of: root, layout), let current = e.topSlot(g, s) else { return }
        if s < layout.isCell.count, layout.isCell[s], case .cell(let c) = current {
            e.state.heap.store(value, into: c)
        } else {
            e.updateFrame(g) { $0.slots[s] = value }
        }
    }

    /// The record a place holds, made (as a zero struct) when the place
    /// still holds the zero value.
    func materializeRecord(at p: Place, _ g: Int, _ e: inout Exec) -> ObjectID? {
        materialize(at: p, g, &e, make: .record(RecordState(unwrittenField: .zero))) { kind in
            if case .record = kind { return true }
            return false
        }
    }

    /// The object of the given kind a place holds, made on first use when
    /// the place holds the zero value (a `sync.WaitGroup` field is usable
    /// without initialisation). Nil for values from outside.
    func materialize(at p: Place, _ g: Int, _ e: inout Exec, make kind: HeapObject.Kind,
                     matches: (HeapObject.Kind) -> Bool) -> ObjectID? {
        let site = currentSite(g, e.state)
        switch peekPlace(p, g, e.state) {
        case .object(let id):
            return e.state.heap.contains(id) && matches(e.state.heap[id].kind) ? id : nil
        case .cell(let c):
            switch e.state.heap.load(c) {
            case .object(let id): return matches(e.state.heap[id].kind) ? id : nil
            case .zero:
                let id = e.state.heap.allocate(kind, at: site)
                e.state.heap.store(.object(id), into: c)
                return id
            default: return nil
            }
        case .zero:
            let id = e.state.heap.allocate(kind, at: site)
            writePlace(p, .object(id), g, &e)
            return id
        default:
            return nil
        }
    }

    /// The sync object (WaitGroup or mutex) an operand names, made on first use.
    func syncObject(_ operand: Operand, isWaitGroup: Bool, _ g: Int, _ e: inout Exec) -> ObjectID? {
        guard case .place(let p) = operand else { return nil }
        let kind: HeapObject.Kind = isWaitGroup ? .waitGroup(WaitGroupState()) : .mutex(MutexState())
        return materialize(at: p, g, &e, make: kind) { k in
            switch k {
            case .waitGroup: return isWaitGroup
            case .mutex: return !isWaitGroup
            default: return false
            }
        }
    }

    /// The site of goroutine `g`'s current instruction or terminator.
    func currentSite(_ g: Int, _ state: ProgramState) -> Site {
        guard let frame = state.goroutines[g].frames.last else { return Site(function: FunctionRef(0), position: .none) }
        let blocks = program.blocks(frame.function)
        guard Int(frame.block) < blocks.count else {
            return Site(function: frame.function, position: program.functions[frame.function.index].position)
        }
        let block = blocks[Int(frame.block)]
        if let d = frame.defers.last, frame.isReturning, Int(d.block) < blocks.count,
           Int(d.instruction) < blocks[Int(d.block)].instructions.count {
            return Site(function: frame.function, position: blocks[Int(d.block)].instructions[Int(d.instruction)].position)
        }
        if Int(frame.instruction) < block.instructions.count {
            return Site(function: frame.function, position: block.instructions[Int(frame.instruction)].position)
        }
        return Site(function: frame.function, position: block.terminatorPosition)
    }
}
