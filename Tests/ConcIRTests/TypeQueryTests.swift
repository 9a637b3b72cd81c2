import Testing
@testable import ConcIR

/// The questions rules ask about values: is it a channel, a map, a lock, a
/// WaitGroup, a ticker's channel? Answered for places, temporaries and
/// fields, through pointers, declared types and embedding.
@Suite struct TypeQueryTests {
    static let text = """
    package example.com/p
    type example.com/p.Server struct{ mu sync.Mutex; wg *sync.WaitGroup; cache map[string]int; inner example.com/p.Inner; *example.com/p.Base }
    type example.com/p.Inner struct{ t *time.Ticker; xs []chan<- int }
    type example.com/p.Base struct{ once sync.Once }
    type example.com/p.Alias example.com/p.Inner
    type example.com/p.Watcher interface{ Watch(string) <-chan string }

    global example.com/p.srv *example.com/p.Server

    func (s *example.com/p.Server) Run(ctx context.Context, a example.com/p.Alias) @1:1 {
    b0:
    \t%1 = chan.make string, 3 @2:1
    \t%2, %3 = chan.recv %1 @3:1
    \t%4, %5 = ctx.withtimeout ctx, 10 @4:1
    \t%6 = ticker.new 1 @5:1
    \t%7, %8 = call example.com/p.helper() @6:1
    \t%9, %10 = map.read s.cache @7:1
    \t%11 = addr s.mu @8:1
    \t%12 = alloc.new example.com/p.Server @9:1
    \t%13 = ctx.done %4 @10:1
    \t%14, %15 = ctx.withcancelcause ctx @11:1
    \tassign %16 = %12 @12:1
    \t%17 = call (example.com/p.Watcher).Watch(s, "k") targets [] @12:2
    \treturn @13:1
    }

    func example.com/p.helper() (*sync.WaitGroup, error) @20:1

    """

    @Test func placesHaveTheirTypes() throws {
        let module = try DSL.parse(Self.text, path: "types.cir")
        #expect(Validator.validate(module) == [])
        let run = try #require(module.function(named: "(*example.com/p.Server).Run"))
        let types = FunctionTypes(function: run, environment: TypeEnvironment(module: module))
        func type(_ p: Place) -> GoType { types.type(of: p) }
        let s = Place(.variable("s"))
        #expect(type(s.appending(.field("mu"))).wellKnown == .mutex)
        #expect(type(s.appending(.field("wg"))).wellKnownThroughPointer == .waitGroup)
        #expect(type(s.appending(.field("wg"))).wellKnown == nil)
        #expect(type(s.appending(.field("cache"))).mapTypes?.value == .basic(.int))
        #expect(type(s.appending(.field("inner")).appending(.field("t")).appending(.field("C"))) == .timerChannel)
        #expect(type(s.appending(.field("once"))).wellKnown == .once, "promoted through an embedded *Base")
        #expect(type(s.appending(.field("inner")).appending(.field("xs")).appending(.element)).channel?.direction == .send)
        #expect(type(Place(.variable("a")).appending(.field("t"))).wellKnownThroughPointer == .ticker, "through a declared named type")
        #expect(type(s.appending(.field("nope"))) == .unknown)
        #expect(type(Place(.global("example.com/p.srv")).appending(.field("mu"))).wellKnown == .mutex)
        #expect(type(Place(.variable("ctx"))).wellKnown == .context)
        #expect(type(Place(.variable("s")).appending(.deref)) == .named("example.com/p.Server"))
    }

    @Test func temporariesTakeTheTypeOfWhatMadeThem() throws {
        let module = try DSL.parse(Self.text, path: "types.cir")
        let run = module.functions[0]
        let types = FunctionTypes(function: run, environment: TypeEnvironment(module: module))
        func temp(_ n: UInt32) -> GoType { types.type(of: .temp(n)) }
        #expect(temp(1) == .chan(.both, element: .basic(.string)))
        #expect(temp(2) == .basic(.string))
        #expect(temp(3) == .basic(.bool))
        #expect(temp(4).wellKnown == .context)
        #expect(temp(5).wellKnown == .cancelFunc)
        #expect(temp(6).wellKnownThroughPointer == .ticker)
        #expect(types.type(of: Operand.temp(6).field("C")) == .timerChannel)
        #expect(temp(7).wellKnownThroughPointer == .waitGroup, "a call's result, from the callee's signature")
        #expect(temp(8) == .basic(.error))
        #expect(temp(9) == .basic(.int))
        #expect(temp(10) == .basic(.bool))
        #expect(temp(11) == .pointer(.named("sync.Mutex")))
        #expect(temp(12) == .pointer(.named("example.com/p.Server")))
        #expect(temp(13).channel?.direction == .recv)
        #expect(temp(15).wellKnown == .cancelCauseFunc)
        #expect(temp(16) == temp(12), "assign copies the type")
        #expect(temp(17) == .chan(.recv, element: .basic(.string)), "an interface call with no implementation: the method's signature")
        #expect(temp(99) == .unknown)
    }

    @Test func wellKnownTypes() {
        #expect(WellKnownType.mutex.isLock)
        #expect(WellKnownType.rwMutex.isLock)
        #expect(!WellKnownType.waitGroup.isLock)
        #expect(WellKnownType.waitGroup.isNoCopy)
        #expect(WellKnownType.atomicInt64.isAtomic)
        #expect(WellKnownType.atomicInt64.isNoCopy)
        #expect(!WellKnownType.timer.isNoCopy)
        #expect(GoType.named("sync/atomic.Value").wellKnown == .atomicValue)
        #expect(GoType.named("example.com/sync.Mutex").wellKnown == nil)
        #expect(Field.embedded(.pointer(.named("example.com/p.Base"))).name == "Base")
        #expect(Field.embedded(.named("sync.Mutex")).name == "Mutex")
    }

    @Test func typesPrintAsGo() {
        let cases: [(GoType, String)] = [
            (.chan(.both, element: .chan(.recv, element: .basic(.int))), "chan (<-chan int)"),
            (.chan(.send, element: .chan(.recv, element: .basic(.int))), "chan<- <-chan int"),
            (.map(key: .basic(.string), value: .slice(.pointer(.named("p.T")))), "map[string][]*p.T"),
            (.function(Signature(parameters: [.basic(.int), .slice(.basic(.string))], results: [.basic(.error)], isVariadic: true)), "func(int, ...string) error"),
            (.function(Signature(results: [.basic(.int), .basic(.bool)])), "func() (int, bool)"),
            (.structure([]), "struct{}"),
            (.interface([Field(name: "Close", type: .function(Signature(results: [.basic(.error)]))), .embedded(.named("io.Reader"))]), "interface{ Close() error; io.Reader }"),
            (.named("example.com/p.List", arguments: [.basic(.int), .unknown]), "example.com/p.List[int, ?]"),
            (.array(count: 4, element: .basic(.uint8)), "[4]uint8"),
        ]
        for (type, text) in cases { #expect(type.description == text) }
    }
}
