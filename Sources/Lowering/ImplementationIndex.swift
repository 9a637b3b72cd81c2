import Foundation
import ConcIR
import GoSema

/// Which methods of the analysed code may run for an interface method call:
/// the methods named like the call of every declared type whose method set
/// implements the interface. Built once per run, answered per interface
/// and cached (interface calls repeat).
public final class ImplementationIndex: @unchecked Sendable {
    private struct Candidate {
        var named: NamedType
        var method: Object
    }

    /// Methods of the analysed packages' declared types, by method name.
    private let byMethodName: [String: [Candidate]]
    private var cache: [CacheKey: [String]] = [:]
    private let lock = NSLock()

    private struct CacheKey: Hashable {
        var interface: ObjectIdentifier
        var method: String
    }

    public init(packages: [PackageInfo]) {
        var index: [String: [Candidate]] = [:]
        for p in packages {
            for named in p.namedTypes where !named.isGeneric {
                for m in named.methods {
                    index[m.name, default: []].append(Candidate(named: named, method: m))
                }
            }
        }
        byMethodName = index
    }

    /// Qualified names of the methods that implement `method` of `interface`.
    public func implementations(of method: String, in interface: InterfaceType) -> [String] {
        let key = CacheKey(interface: ObjectIdentifier(interface), method: method)
        lock.lock()
        if let cached = cache[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        var result: [String] = []
        for c in byMethodName[method] ?? [] {
            let value = GoSema.GoType.named(c.named)
            let implements = c.method.hasPointerReceiver
                ? TypeIdentity.mayImplement(.pointer(value), interface)
                : TypeIdentity.mayImplement(value, interface)
            guard implements else { continue }
            let receiver = TypeTranslation.receiverType(c.named, pointer: c.method.hasPointerReceiver)
            result.append(FunctionName.method(receiver: receiver, name: method))
        }
        result.sort()
        lock.lock()
        cache[key] = result
        lock.unlock()
        return result
    }
}
