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

    /// runtime.Goexit and the testing methods built on it end a goroutine
    /// without a panic; a method of the same name elsewhere, a closure
    /// inside one, and log.Panic do not.
    @Test func goexitAndTheTestingMethodsOnItEndTheGoroutineWithoutAPanic() {
        #expect(FunctionName.endsGoroutineWithoutPanic("runtime.Goexit"))
        #expect(FunctionName.endsGoroutineWithoutPanic("(*testing.common).Fatalf"))
        #expect(FunctionName.endsGoroutineWithoutPanic("(testing.TB).SkipNow"))
        #expect(!FunctionName.endsGoroutineWithoutPanic("(*testing.common).Errorf"))
        #expect(!FunctionName.endsGoroutineWithoutPanic("(*example.com/testing.T).Fatal"))
        #expect(!FunctionName.endsGoroutineWithoutPanic("(*testing.common).Fatal.func1"))
        #expect(!FunctionName.endsGoroutineWithoutPanic("log.Panicf"))
    }
}
