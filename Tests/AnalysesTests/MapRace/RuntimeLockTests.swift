import Testing
@testable import Analyses

/// The runtime's own `lock(&l)`/`unlock(&l)` on a `*runtime.mutex` act as a
/// mutex (runtime/lock_futex.go, lock_sema.go); the same names elsewhere,
/// or on another operand type, do not.
@Suite struct RuntimeLockTests {
    private func program(package pkg: String, mutexType: String) throws -> MapRaceHarness.Result {
        try MapRaceHarness.analyse("""
        package \(pkg)

        type \(pkg).mutex struct{ key uintptr }
        type \(pkg).note struct{ key uintptr }

        global \(pkg).stringsLock \(mutexType)
        global \(pkg).strings map[string]int

        func \(pkg).lock(l *\(mutexType)) {
        b0:
        \treturn
        }

        func \(pkg).unlock(l *\(mutexType)) {
        b0:
        \treturn
        }

        func \(pkg).put() {
        b0:
        \t%1 = addr \(pkg).stringsLock
        \tcall \(pkg).lock(%1)
        \t↓map.write \(pkg).strings
        \tcall \(pkg).unlock(%1)
        \treturn
        }

        func \(pkg).main() {
        b0:
        \tgo \(pkg).put()
        \tcall \(pkg).put()
        \treturn
        }
        """)
    }

    @Test func runtimeLockOnAMutexGuards() throws {
        let r = try program(package: "runtime", mutexType: "runtime.mutex")
        #expect(r.findings.isEmpty)
    }

    @Test func anotherPackagesLockFunctionDoesNot() throws {
        let r = try program(package: "p", mutexType: "p.mutex")
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }

    @Test func runtimeLockOnAnotherTypeDoesNot() throws {
        let r = try program(package: "runtime", mutexType: "runtime.note")
        #expect(r.actual == r.expectedWith(["MR1001"]))
    }
}
