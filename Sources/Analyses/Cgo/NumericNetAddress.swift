import ConcIR

/// Calls of net's dial, listen and resolve functions whose address is
/// numeric, which net's resolver never sees: `net.Dial("tcp",
/// "127.0.0.1:0")`, `net.Listen("tcp", ":8080")`, `net.Dial(a.Network(),
/// a.String())` of a `net.Addr`.
///
/// Why: in Go, `resolveAddrList` splits a tcp or udp address into host and
/// port; `LookupPort` returns at once when the port is a number (or empty),
/// and `lookupIPAddr` returns at once when the host is an IP literal (or
/// empty: the unspecified address). A unix-family address is never looked
/// up at all, and an ip-family address is a host alone. Only a name (a host
/// name, a service such as `syslog`) reaches `cgoLookupServicePort` or
/// `cgoLookupIP` and their `getaddrinfo`: the chains the cgo blocking rules
/// follow into net must not start from a numeric address.
///
/// What counts as numeric:
/// - a string constant that is numeric for its network, itself a constant
///   naming one of net's networks (`tcp`, `udp4`, `ip6:icmp`, `unix` ...);
/// - `x.String()` of a `net.Addr` or of net's `*TCPAddr`, `*UDPAddr`,
///   `*IPAddr`, `*UnixAddr`, whose String is the numeric form (or a unix
///   path), dialled on a constant network or on `y.Network()` of such an
///   address. The rule trusts a `net.Addr` to be one of net's own, the
///   address of a connection or listener, as it is in practice.
///
/// An address held in a variable, or built at run time (`host + ":" +
/// port`, `net.JoinHostPort`), is not known to be numeric: such calls are
/// still followed.
enum NumericNetAddress {
    /// The operand positions (receiver first) of the network and the address
    /// of each entry point.
    private static let entryPoints: [String: (network: Int, address: Int)] = [
        "net.Dial": (0, 1),
        "net.DialTimeout": (0, 1),
        "(*net.Dialer).Dial": (1, 2),
        "(*net.Dialer).DialContext": (2, 3),
        "net.Listen": (0, 1),
        "net.ListenPacket": (0, 1),
        "(*net.ListenConfig).Listen": (2, 3),
        "(*net.ListenConfig).ListenPacket": (2, 3),
        "net.ResolveTCPAddr": (0, 1),
        "net.ResolveUDPAddr": (0, 1),
        "net.ResolveIPAddr": (0, 1),
    ]

    /// The String and Network methods of net's addresses (the interface and its address types).
    private static let addressTypes = ["net.Addr", "*net.TCPAddr", "*net.UDPAddr", "*net.IPAddr", "*net.UnixAddr"]
    private static let stringMethods = Set(addressTypes.map { "(\($0)).String" })
    private static let networkMethods = Set(addressTypes.map { "(\($0)).Network" })

    /// How a network reads its address.
    enum Family {
        /// `host:port` (tcp, udp).
        case hostPort
        /// A host alone (ip, ip4:icmp ...).
        case host
        /// A path, never looked up (unix, unixgram, unixpacket).
        case path
        /// The network of a net address (`a.Network()`): whatever its address's String reads.
        case ofAddress
    }

    /// Whether `inst` calls one of the entry points with a numeric address:
    /// the call cannot enter net's resolver. Temporaries are read through
    /// their defining instruction in `function`.
    static func keepsOutOfResolver(_ inst: Instruction, in function: Function) -> Bool {
        guard inst.op == .call, let name = inst.callee?.staticName, let positions = entryPoints[name],
              positions.address < inst.operands.count,
              let family = family(of: inst.operands[positions.network], in: function) else { return false }
        let address = inst.operands[positions.address]
        if family == .path { return true }
        if isAddressString(address, in: function) { return true }
        guard case .string(let text) = address else { return false }
        switch family {
        case .hostPort: return isNumericHostPort(text)
        case .host: return text.isEmpty || isIPLiteral(text)
        case .path: return true
        case .ofAddress: return false
        }
    }

    /// The network's family: a constant net knows, or `a.Network()` of a net address.
    static func family(of network: Operand, in function: Function) -> Family? {
        if case .string(let text) = network {
            let base = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            switch base {
            case "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6": return text == base ? .hostPort : nil
            case "ip", "ip4", "ip6": return .host
            case "unix", "unixgram", "unixpacket": return text == base ? .path : nil
            default: return nil
            }
        }
        guard let call = definition(of: network, in: function), let method = call.callee?.staticName,
              networkMethods.contains(method) else { return nil }
        return .ofAddress
    }

    /// Whether the operand is `x.String()` of a net address.
    private static func isAddressString(_ operand: Operand, in function: Function) -> Bool {
        guard let call = definition(of: operand, in: function), let method = call.callee?.staticName else { return false }
        return stringMethods.contains(method)
    }

    /// The call that defines a temporary (`%4 = call (net.Addr).String(%3)`).
    private static func definition(of operand: Operand, in function: Function) -> Instruction? {
        guard let place = operand.place, case .temp = place.root, place.path.isEmpty else { return nil }
        for block in function.blocks {
            for inst in block.instructions where inst.op == .call && inst.results.contains(operand) { return inst }
        }
        return nil
    }

    /// `host:port` with an IP literal or empty host and a decimal or empty
    /// port (`127.0.0.1:0`, `[::1]:80`, `:8080`), as `SplitHostPort` splits it.
    static func isNumericHostPort(_ text: String) -> Bool {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return false }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
            guard host.contains(":") else { return false }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return false }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
            guard !host.contains(":") else { return false }
        }
        return port.allSatisfy { $0.isASCII && $0.isNumber } && (host.isEmpty || isIPLiteral(host))
    }

    /// An IPv4 literal (no leading zeros, as Go parses them) or an IPv6
    /// literal with an optional zone (`fe80::1%eth0`).
    static func isIPLiteral<S: StringProtocol>(_ text: S) -> Bool {
        text.contains(":") ? isIPv6(text) : isIPv4(text)
    }

    private static func isIPv4<S: StringProtocol>(_ text: S) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  part.count == 1 || part.first != "0", let value = Int(part) else { return false }
            return value <= 255
        }
    }

    private static func isIPv6<S: StringProtocol>(_ text: S) -> Bool {
        var address = Substring(text)
        if let percent = address.firstIndex(of: "%") {
            guard address.index(after: percent) < address.endIndex else { return false }
            address = address[..<percent]
        }
        let halves = splitOnDoubleColon(address)
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (h, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if h == halves.count - 1, i == parts.count - 1, part.contains(".") {
                    guard isIPv4(part) else { return false }
                    groups += 2
                } else {
                    guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit) else { return false }
                    groups += 1
                }
            }
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }

    /// The parts of an IPv6 literal around each `::` (one part when there is none).
    private static func splitOnDoubleColon(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            let next = text.index(after: i)
            if text[i] == ":", next < text.endIndex, text[next] == ":" {
                parts.append(text[start..<i])
                start = text.index(after: next)
                i = start
            } else {
                i = next
            }
        }
        parts.append(text[start...])
        return parts
    }
}
