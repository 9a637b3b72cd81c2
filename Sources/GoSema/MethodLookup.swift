/// Field and method lookup through embedded fields, after the Go
/// specification's "Selectors" rule: the shallowest depth with exactly one
/// match wins; several matches at that depth are ambiguous.
public enum MethodLookup {
    public struct Found {
        public var object: Object
        /// For fields, the field's type as seen through `type` (type
        /// arguments of an instantiated struct substituted); for methods,
        /// the method's declared type.
        public var type: GoType
        public var isMethod: Bool
        /// Indices of embedded fields walked through.
        public var path: [Int]
        /// Whether a pointer was dereferenced on the way.
        public var indirect: Bool
        /// Whether the method has a pointer receiver while the value reached
        /// is not a pointer (it is then only callable on addressable values,
        /// and not in the value type's method set).
        public var needsPointer: Bool
        /// Whether the start type was a pointer (its method set includes
        /// pointer-receiver methods).
        public var addressable: Bool
    }

    /// Looks up a field or method `name` on values of `type`.
    public static func lookup(_ name: String, in type: GoType) -> Found? {
        // Fast path, taken by most selectors: a method declared on the type
        // or a field of its own struct, with no embedding to search.
        var base = type
        var indirect = false
        if case .pointer(let e) = type {
            base = e
            indirect = true
        }
        if case .named(let n) = base {
            for m in n.methods where m.name == name {
                return Found(object: m, type: m.type, isMethod: true, path: [], indirect: indirect,
                             needsPointer: m.hasPointerReceiver && !indirect, addressable: indirect)
            }
            if case .structure(let s) = n.underlying {
                var embeds = false
                for (i, f) in s.fields.enumerated() {
                    if f.name == name, let o = f.object {
                        return Found(object: o, type: f.type, isMethod: false, path: [i], indirect: indirect,
                                     needsPointer: false, addressable: indirect)
                    }
                    embeds = embeds || f.embedded
                }
                if !embeds { return nil }
            }
        }
        return searchEmbedded(name, in: type)
    }

    /// The general search, breadth-first through embedded fields.
    private static func searchEmbedded(_ name: String, in type: GoType) -> Found? {
        var start = type
        var startIndirect = false
        if case .pointer(let e) = type {
            start = e
            startIndirect = true
        } else if case .pointer(let e) = type.underlying, type.named == nil {
            start = e
            startIndirect = true
        }

        struct Entry {
            var type: GoType
            var path: [Int]
            var indirect: Bool
        }
        var current = [Entry(type: start, path: [], indirect: startIndirect)]
        var seen = Set<ObjectIdentifier>()
        var depth = 0
        while !current.isEmpty && depth < 16 {
            var matches: [Found] = []
            var next: [Entry] = []
            for entry in current {
                var t = entry.type
                if let n = t.named {
                    if seen.contains(ObjectIdentifier(n.origin)) { continue }
                    seen.insert(ObjectIdentifier(n.origin))
                    if let m = n.methods.first(where: { $0.name == name }) {
                        matches.append(Found(object: m, type: m.type, isMethod: true, path: entry.path, indirect: entry.indirect,
                                             needsPointer: m.hasPointerReceiver && !entry.indirect,
                                             addressable: startIndirect))
                        continue
                    }
                    t = n.underlying
                }
                switch t {
                case .structure(let s):
                    for (i, f) in s.fields.enumerated() {
                        if f.name == name, let o = f.object {
                            matches.append(Found(object: o, type: f.type, isMethod: false, path: entry.path + [i], indirect: entry.indirect,
                                                 needsPointer: false, addressable: startIndirect))
                        }
                        if f.embedded {
                            var ft = f.type
                            var ind = entry.indirect
                            if case .pointer(let e) = ft {
                                ft = e
                                ind = true
                            }
                            next.append(Entry(type: ft, path: entry.path + [i], indirect: ind))
                        }
                    }
                case .interface(let i):
                    if let m = i.allMethods.first(where: { $0.name == name }) {
                        matches.append(Found(object: m, type: m.type, isMethod: true, path: entry.path, indirect: entry.indirect,
                                             needsPointer: false, addressable: startIndirect))
                    }
                case .typeParameter(let p):
                    if let m = p.constraint.allMethods.first(where: { $0.name == name }) {
                        matches.append(Found(object: m, type: m.type, isMethod: true, path: entry.path, indirect: entry.indirect,
                                             needsPointer: false, addressable: startIndirect))
                    }
                default:
                    break
                }
            }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 { return nil }  // ambiguous selector
            current = next
            depth += 1
        }
        return nil
    }

    /// The method `name` of `type`'s method set, or nil.
    public static func method(named name: String, in type: GoType) -> Found? {
        guard let f = lookup(name, in: type), f.isMethod else { return nil }
        return f
    }
}
