/// The operating systems and architectures Go knows, as in go/build's
/// syslist.go. File-name suffixes only constrain a file when they name one
/// of these, so `_foo.go` stays unconstrained while `_linux.go` does not.
public enum KnownPlatforms {
    public static let operatingSystems: Set<String> = [
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
        "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
    ]

    /// The systems that satisfy the `unix` build tag.
    public static let unixOperatingSystems: Set<String> = [
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios",
        "linux", "netbsd", "openbsd", "solaris",
    ]

    public static let architectures: Set<String> = [
        "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64",
        "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le",
        "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x",
        "sparc", "sparc64", "wasm",
    ]
}
