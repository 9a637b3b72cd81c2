/// Tags the Go toolchain itself sets, beyond GOOS/GOARCH: the default
/// `goexperiment.*` flags and the `GOAMD64` micro-architecture levels.
/// Standard-library files select on these (for example
/// `internal/goexperiment/exp_regabiargs_on.go`), so `go list` and
/// conclint agree only if they are modelled.
///
/// The defaults follow internal/buildcfg: the register ABI is on wherever
/// it is implemented; `unified` and `coverageredesign` are on from 1.20.
/// Later experiments are not modelled.
public enum ToolchainTags {
    static let registerABIArchitectures: Set<String> = ["amd64", "arm64", "ppc64", "ppc64le", "riscv64", "loong64"]

    public static func tags(goarch: String, version: GoVersion, environment: [String: String]) -> Set<String> {
        var experiments: Set<String> = []
        if registerABIArchitectures.contains(goarch) { experiments.formUnion(["regabiwrappers", "regabiargs"]) }
        if version >= GoVersion(major: 1, minor: 20) { experiments.formUnion(["unified", "coverageredesign"]) }
        // GOEXPERIMENT=a,nob adds `a` and removes `b`; `none` clears the defaults.
        for item in (environment["GOEXPERIMENT"] ?? "").split(separator: ",").map({ $0.lowercased() }) {
            if item == "none" {
                experiments.removeAll()
            } else if item.hasPrefix("no") {
                experiments.remove(String(item.dropFirst(2)))
            } else if !item.isEmpty {
                experiments.insert(item)
            }
        }
        var tags = Set(experiments.map { "goexperiment." + $0 })
        if goarch == "amd64" {
            // GOAMD64=vN satisfies amd64.v1 … amd64.vN (default v1).
            let level = Int((environment["GOAMD64"] ?? "v1").dropFirst()) ?? 1
            for n in 1...max(1, min(level, 4)) { tags.insert("amd64.v\(n)") }
        }
        return tags
    }
}
