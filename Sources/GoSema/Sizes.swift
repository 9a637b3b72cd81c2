/// Sizes and alignments of types as the gc compiler lays them out on a
/// 64-bit target (amd64, arm64): what decides whether a variable exceeds
/// the stack limits that force heap allocation.
public enum Sizes {
    /// Size in bytes, or nil when a part is unknown (invalid types, unknown
    /// array lengths, type parameters).
    public static func size(of type: GoType) -> Int64? {
        var depth = 0
        return size(type, &depth)
    }

    public static func alignment(of type: GoType) -> Int64? {
        var depth = 0
        return align(type, &depth)
    }

    private static func size(_ t: GoType, _ depth: inout Int) -> Int64? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { return nil }
        switch t.underlying {
        case .basic(let k):
            switch k {
            case .bool, .int8, .uint8: return 1
            case .int16, .uint16: return 2
            case .int32, .uint32, .float32: return 4
            case .int, .int64, .uint, .uint64, .uintptr, .float64, .complex64, .unsafePointer: return 8
            case .complex128, .string: return 16
            default: return nil
            }
        case .pointer, .map, .chan, .function: return 8
        case .slice: return 24
        case .interface: return 16
        case .array(let n, let e):
            guard let n, let es = size(e, &depth) else { return nil }
            let (p, o) = n.multipliedReportingOverflow(by: es)
            return o ? nil : p
        case .structure(let s):
            var offset: Int64 = 0
            var maxAlign: Int64 = 1
            for f in s.fields {
                guard let fs = size(f.type, &depth), let fa = align(f.type, &depth) else { return nil }
                offset = roundUp(offset, fa) + fs
                maxAlign = max(maxAlign, fa)
            }
            // A final zero-size field gets a byte so that its address stays inside the object.
            if let last = s.fields.last, let ls = size(last.type, &depth), ls == 0, offset > 0 { offset += 1 }
            return roundUp(offset, maxAlign)
        case .tuple(let ts):
            var total: Int64 = 0
            for e in ts {
                guard let s = size(e, &depth) else { return nil }
                total += s
            }
            return total
        default:
            return nil
        }
    }

    private static func align(_ t: GoType, _ depth: inout Int) -> Int64? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { return nil }
        switch t.underlying {
        case .basic(let k):
            switch k {
            case .bool, .int8, .uint8: return 1
            case .int16, .uint16: return 2
            case .int32, .uint32, .float32, .complex64: return 4
            default: return 8
            }
        case .array(_, let e): return align(e, &depth)
        case .structure(let s):
            var a: Int64 = 1
            for f in s.fields {
                guard let fa = align(f.type, &depth) else { return nil }
                a = max(a, fa)
            }
            return a
        case .invalid, .typeParameter: return nil
        default: return 8
        }
    }

    private static func roundUp(_ x: Int64, _ a: Int64) -> Int64 { (x + a - 1) / a * a }

    /// Whether values of the type hold pointers the garbage collector must
    /// see (escape analysis ignores flows of pointer-free values).
    public static func hasPointers(_ type: GoType) -> Bool {
        var depth = 0
        return hasPointers(type, &depth)
    }

    private static func hasPointers(_ t: GoType, _ depth: inout Int) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { return true }
        switch t.underlying {
        case .basic(let k): return k == .string || k == .unsafePointer || k == .untypedNil
        case .array(let n, let e): return n != 0 && hasPointers(e, &depth)
        case .structure(let s): return s.fields.contains { hasPointers($0.type, &depth) }
        case .tuple(let ts): return ts.contains { hasPointers($0, &depth) }
        default: return true
        }
    }
}
