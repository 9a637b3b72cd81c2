import ConcIR
import Testing

/// The names the lowering gives functions that run before `main`, which
/// the leak and cgo analyses take as program entries.
struct FunctionNameTests {
    @Test func everyFuncInitAndThePackageInitializerAreInitializers() {
        #expect(FunctionName.isInitializer("example.com/p.init"))
        #expect(FunctionName.isInitializer(FunctionName.initFunction(package: "example.com/p", index: 0)))
        #expect(FunctionName.isInitializer(FunctionName.initFunction(package: "runtime", index: 12)))
        #expect(FunctionName.isInitializer("example.com/p.init#1"))
    }

    @Test func closuresAndLookAlikesAreNot() {
        #expect(!FunctionName.isInitializer("example.com/p.init.0.func1"))
        #expect(!FunctionName.isInitializer("example.com/p.init1"))
        #expect(!FunctionName.isInitializer("example.com/p.initialize"))
        #expect(!FunctionName.isInitializer("(*example.com/p.T).init"))
        #expect(!FunctionName.isInitializer("main.main"))
    }
}
