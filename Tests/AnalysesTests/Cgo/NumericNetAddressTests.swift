import ConcIR
import Findings
import Testing
@testable import Analyses

/// Numeric addresses keep net's dial and listen functions out of its cgo
/// resolver (`NumericNetAddress`): the literals Go's resolver reads without
/// a lookup, and the blocking rules' chains that stop, or go on, there.
@Suite struct NumericNetAddressTests {
    @Test(arguments: ["127.0.0.1:0", ":8080", "0.0.0.0:", "[::1]:80", "[fe80::1%eth0]:0", "[::ffff:10.0.0.1]:443",
                      "255.255.255.255:65535"])
    func numericHostPorts(_ address: String) {
        #expect(NumericNetAddress.isNumericHostPort(address))
    }

    @Test(arguments: ["localhost:80", "db.internal:5432", "127.0.0.1:http", "01.2.3.4:80", "256.1.1.1:1", "1.2.3:80",
                      "[db]:80", "::1:80", "127.0.0.1", "[2001:db8:::1]:80", "[1:2:3:4:5:6:7:8:9]:80", "[fe80::1%]:80"])
    func namesAndMalformedAddressesAreNotNumeric(_ address: String) {
        #expect(!NumericNetAddress.isNumericHostPort(address))
    }

    static let net = """
        package example.com/p
        file "test.cir"
        type net.Conn interface{ Close() error }
        type example.com/p.Pool struct{ mu sync.Mutex; conns []net.Conn }

        func net.cgoLookupServicePort(network string, service string) (int, error) {
        b0:
            cgo.call C.getaddrinfo(service)
            return 0, nil
        }

        """

    static func cg1011(_ text: String) -> [String] {
        guard let module = Harness.module(text) else { return [] }
        let rules = Harness.repositoryRules.rules.filter { $0.id == "CG1011" }
        let context = AnalysisContext(modules: [module], callGraph: CallGraph(modules: [module]), rules: rules, limits: AnalysisLimits())
        return Harness.summary(CgoAnalysis().run(context))
    }

    static func pool(dialing address: String) -> String {
        """
        func (p *example.com/p.Pool) Add() {
        b0:
            mutex.lock p.mu
            defer mutex.unlock p.mu
            call net.Dial("tcp", \(address))
            return
        }
        """
    }

    @Test func aNumericDialThatOnlyTheResolverMakesBlockIsNotReported() {
        let dial = """
            func net.Dial(network string, address string) (net.Conn, error) {
            b0:
                call net.cgoLookupServicePort(network, address)
                return nil, nil
            }

            """
        #expect(Self.cg1011(Self.net + dial + Self.pool(dialing: "\"127.0.0.1:5432\"")) == [])
        #expect(Self.cg1011(Self.net + dial + Self.pool(dialing: "\"db.internal:5432\"")) == ["CG1011@20:5"])
    }

    /// A listed call net.Dial reaches without the resolver (a socket hook
    /// calling C) blocks whatever the address.
    @Test func aNumericDialStillBlocksInWhatItCallsBesidesTheResolver() {
        let dial = """
            func net.Dial(network string, address string) (net.Conn, error) {
            b0:
                call net.cgoLookupServicePort(network, address)
                call example.com/p.hook()
                return nil, nil
            }

            func example.com/p.hook() {
            b0:
                cgo.call C.flock(3, 2)
                return
            }

            """
        #expect(Self.cg1011(Self.net + dial + Self.pool(dialing: "\"127.0.0.1:5432\"")) == ["CG1011@27:5"])
    }
}
