import Testing
import ContentHash

/// The cache's SHA-256 against FIPS 180-4's test vectors, whole and fed in
/// pieces that straddle block boundaries.
struct SHA256Tests {
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    @Test func knownVectors() {
        for (text, digest) in Self.vectors {
            #expect(SHA256.hex(text) == digest, "\(text)")
        }
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func piecesGiveTheSameDigestAsTheWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.hex(bytes)
        for split in [1, 55, 56, 63, 64, 65, 127, 500] {
            var hasher = SHA256()
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + split)
                hasher.update(Array(bytes[offset..<end]))
                offset = end
            }
            #expect(hasher.finalizeHex() == whole, "pieces of \(split)")
        }
        var mixed = SHA256()
        mixed.update(bytes[0..<3])
        mixed.update(Array(bytes[3...]))
        #expect(mixed.finalizeHex() == whole)
    }

    @Test func integersAreHashedAsTheirBigEndianBytes() {
        var number = SHA256()
        number.update(UInt64(0x0102_0304_0506_0708))
        var bytes = SHA256()
        bytes.update([1, 2, 3, 4, 5, 6, 7, 8] as [UInt8])
        let digest = number.finalize()
        #expect(digest.count == 32)
        #expect(digest == bytes.finalize())
        #expect(SHA256.hexDigits(digest) == SHA256.hex([1, 2, 3, 4, 5, 6, 7, 8] as [UInt8]))
        #expect(SHA256.hexDigits([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
    }
}
