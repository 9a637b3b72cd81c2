import Foundation
import ConcIR
import GoSema
import GoSyntax

/// Lowers type-checked Go into the concurrency IR: one `Module` per
/// analysed package, one `Function` per function, method and function
/// literal, with positions on every operation (see docs/ir.md).
public enum Lowering {
    /// Lowers every analysed package of the program, in parallel; the
    /// result is in the program's package order whatever the parallelism.
    public static func lower(_ program: Program, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Module] {
        let index = ImplementationIndex(packages: program.analysed)
        let packages = program.analysed
        let out = UnsafeMutableBufferPointer<Module>.allocate(capacity: packages.count)
        out.initialize(repeating: Module())
        defer {
            out.deinitialize()
            out.deallocate()
        }
        if jobs <= 1 || packages.count <= 1 {
            for i in packages.indices { out[i] = lower(packages[i], implementations: index) }
        } else {
            let order = largestFirst(packages)
            DispatchQueue.concurrentPerform(iterations: packages.count) { k in
                let i = order[k]
                out[i] = lower(packages[i], implementations: index)
            }
        }
        var modules = Array(out)
        InterfaceCallNarrowing.apply(&modules)
        return modules
    }

    /// Package indices, the most source first: threads take packages in
    /// this order, so the largest (cmd/compile's ssa package lowers for
    /// most of a second) does not start last and run alone at the end.
    static func largestFirst(_ packages: [PackageInfo]) -> [Int] {
        let sizes = packages.map(\.sourceBytes)
        return packages.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    /// Lowers one package.
    public static func lower(_ package: PackageInfo, implementations: ImplementationIndex) -> Module {
        var module = Module(packagePath: package.path, goVersion: package.goVersion ?? "",
                            files: package.files.map { $0.path })
        var globals = GlobalRegistry()
        let cache = LoweringCache()
        var initCount = 0
        var blankCount = 0
        let packageObjects = package.scope.objects
        // Named types, so that field paths have types. Aliases
        // (`type byte = uint8`) declare no type of their own.
        for o in packageObjects where o.kind == .typeName {
            guard case .named(let n) = o.type, n.object === o else { continue }
            module.types.append(TypeDeclaration(package.path + "." + n.name, TypeTranslation.irType(n.underlying)))
        }
        // Package-level variables.
        for o in packageObjects where o.kind == .variable {
            globals.declare(package.path + "." + o.name, TypeTranslation.irType(o.type))
        }
        for file in package.files {
            let tree = file.tree
            for decl in tree.declarations {
                guard case .funcDecl(_, let nameNode, _, _) = tree[decl],
                      let object = file.objects[nameNode.index], let signature = object.type.signature else { continue }
                let name: String
                if object.kind == .method, let recv = signature.receiver, let named = recv.namedOrPointee {
                    name = FunctionName.method(receiver: TypeTranslation.receiverType(named, pointer: recv.isPointer), name: object.name)
                } else if object.name == "init" {
                    name = FunctionName.initFunction(package: package.path, index: initCount)
                    initCount += 1
                } else if object.name == "_" {
                    // Blank functions (`func _() { ... }`, as stringer writes) may repeat.
                    name = "\(package.path)._#\(blankCount)"
                    blankCount += 1
                } else {
                    name = package.path + "." + object.name
                }
                var lowerer = FunctionLowerer(package: package, file: file, implementations: implementations, globals: globals)
                lowerer.cache = cache
                let functions = lowerer.lowerDeclaration(decl, name: name, object: object, signature: signature)
                globals = lowerer.globals
                module.functions.append(contentsOf: functions)
            }
        }
        // Package-level initializers (`var jobs = make(chan int)`), as Go's `init`.
        var lowerer = FunctionLowerer(package: package, file: package.files.first, implementations: implementations, globals: globals)
        lowerer.cache = cache
        if let initializer = lowerer.lowerPackageInitializers(name: package.path + ".init") {
            module.functions.append(contentsOf: initializer)
        }
        globals = lowerer.globals
        module.globals = globals.variables
        module.types.sort { $0.name < $1.name }
        return module
    }
}

/// The globals a module declares or refers to (the IR requires every
/// global used to be declared; other packages' globals are declared too).
struct GlobalRegistry {
    private(set) var variables: [Variable] = []
    private var names: Set<String> = []

    mutating func declare(_ name: String, _ type: ConcIR.GoType) {
        guard names.insert(name).inserted else { return }
        variables.append(Variable(name, type))
    }
}
