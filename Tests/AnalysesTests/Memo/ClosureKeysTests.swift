import ConcIR
import Testing
@testable import Analyses

/// The keys that decide whether a unit's stored result may be reused: a
/// change reaches every function whose closure (over the edges followed)
/// contains it, and nothing else; declarations reach the importers.
@Suite struct ClosureKeysTests {
    /// `a.top` calls `a.mid`, which calls `b.leaf`; `a.other` calls
    /// nothing; `a.viaInterface` calls an interface method that `b.leaf`
    /// and `b.alt` implement.
    static func modules(leaf: String = "\tcall example.com/b.helper()\n", alt: String = "",
                        types: String = "type example.com/b.T struct { ch chan int }\n") throws -> [Module] {
        let a = try DSL.parse("""
            package example.com/a
            file "a.go"

            func example.com/a.top() @3:1 {
            b0:
            \tcall example.com/a.mid()
            \treturn
            }

            func example.com/a.mid() @8:1 {
            b0:
            \tcall example.com/b.leaf()
            \treturn
            }

            func example.com/a.other() @13:1 {
            b0:
            \treturn
            }

            func example.com/a.viaInterface(x int) @17:1 {
            b0:
            \tcall (example.com/b.I).M(x) targets [example.com/b.leaf, example.com/b.alt]
            \treturn
            }
            """, path: "a.cir")
        let b = try DSL.parse("""
            package example.com/b
            file "b.go"

            \(types)
            func example.com/b.leaf() @3:1 {
            b0:
            \(leaf)\treturn
            }

            func example.com/b.alt() @8:1 {
            b0:
            \(alt)\treturn
            }

            func example.com/b.helper() @12:1 {
            b0:
            \treturn
            }
            """, path: "b.cir")
        return [a, b]
    }

    /// Keys by function name, following every edge but interface calls with several targets.
    static func keys(_ modules: [Module], imports: [[Int]] = [[1], []], extra: [String: UInt8] = [:]) -> [String: [UInt8]] {
        let graph = CallGraph(modules: modules)
        let digests = FunctionDigests(modules: modules, imports: imports, callGraph: graph, jobs: 2)
        let functions = graph.nodes.map { modules[$0.module].functions[$0.function] }
        let keys = ClosureKeys(digests: digests, callGraph: graph, follows: { edge in
            let inst = functions[edge.from].blocks[edge.site.block].instructions[edge.site.instruction]
            if case .interface(_, let targets)? = inst.callee { return targets.count == 1 }
            return true
        }, extra: { node in extra[functions[node].name].map { [$0] } ?? [] })
        var out: [String: [UInt8]] = [:]
        for (node, f) in functions.enumerated() { out[f.name] = keys.key(node) }
        return out
    }

    @Test func aChangeReachesItsCallersTransitivelyAndNothingElse() throws {
        let before = Self.keys(try Self.modules())
        #expect(before.values.allSatisfy { $0.count == 32 })
        // Same number of lines: instructions without `@` take their line in the .cir file.
        let after = Self.keys(try Self.modules(leaf: "\tcall example.com/b.alt()\n"))
        for name in ["example.com/b.leaf", "example.com/a.mid", "example.com/a.top"] {
            #expect(before[name] != after[name], "\(name) reaches the edit")
        }
        for name in ["example.com/a.other", "example.com/b.helper", "example.com/b.alt"] {
            #expect(before[name] == after[name], "\(name) does not")
        }
    }

    @Test func anInterfaceCallWithSeveralTargetsIsNotFollowed() throws {
        let before = Self.keys(try Self.modules())
        let after = Self.keys(try Self.modules(alt: "\tcall example.com/b.helper()\n"))
        #expect(before["example.com/b.alt"] != after["example.com/b.alt"])
        #expect(before["example.com/a.viaInterface"] == after["example.com/a.viaInterface"])
    }

    @Test func aDeclarationReachesTheImportersAndAFactReachesItsCallers() throws {
        let before = Self.keys(try Self.modules())
        let retyped = Self.keys(try Self.modules(types: "type example.com/b.T struct { ch chan int; n int }\n"))
        // Every function of b and of a (which imports b) sees b's declarations.
        #expect(before.keys.allSatisfy { before[$0] != retyped[$0] })
        // Without the import, a's functions that do not reach b keep their keys.
        let isolated = Self.keys(try Self.modules(), imports: [[], []])
        let isolatedRetyped = Self.keys(try Self.modules(types: "type example.com/b.T struct { ch chan int; n int }\n"),
                                        imports: [[], []])
        #expect(isolated["example.com/a.other"] == isolatedRetyped["example.com/a.other"])
        #expect(isolated["example.com/a.top"] != isolatedRetyped["example.com/a.top"])

        // A fact about b.leaf decided outside its text (by its callers).
        let marked = Self.keys(try Self.modules(), extra: ["example.com/b.leaf": 1])
        #expect(marked["example.com/a.top"] != before["example.com/a.top"])
        #expect(marked["example.com/a.other"] == before["example.com/a.other"])
    }

    @Test func keysDependOnContentNotOnTheOrderOfModules() throws {
        let modules = try Self.modules()
        let forward = Self.keys(modules)
        let backward = Self.keys(modules.reversed(), imports: [[], [0]])
        #expect(forward == backward)
    }
}
