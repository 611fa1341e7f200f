import Foundation
import Testing
import Spreadsheets

@Suite struct SHA256Tests {
    @Test func standardVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var s = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { s.update(chunk) }
        #expect(s.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Odd-sized pieces cross block boundaries the same way.
        var t = SHA256()
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        var i = 0, step = 1
        while i < million.count { let j = min(million.count, i + step); t.update(million[i..<j]); i = j; step = step % 97 + 13 }
        #expect(t.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// A copy taken mid-stream goes on independently (the OpenSSL context is copied on write).
    @Test func copiesAreIndependent() {
        var a = SHA256()
        a.update(Array("ab".utf8))
        var b = a
        a.update(Array("c".utf8))
        b.update(Array("d".utf8))
        #expect(a.hexDigest() == SHA256.hex(Array("abc".utf8)))
        #expect(b.hexDigest() == SHA256.hex(Array("abd".utf8)))
        // Reading the digest twice gives the same answer.
        #expect(a.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func fileHashMatchesBytesHash() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: url) // more than one 1 MiB read
        #expect(try SHA256.hex(fileAt: url) == SHA256.hex(Array(try Data(contentsOf: url))))
    }
}
