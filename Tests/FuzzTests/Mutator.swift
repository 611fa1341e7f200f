import CapitalCore
import Foundation

/// A seeded mutation fuzzer's moves over bytes: bit flips, byte sets, inserts, deletions, splices, numbers at the
/// edges of every integer type, and long runs. Deterministic for a seed, so a failure is reproduced by its seed.
struct Mutator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// Numbers that have broken parsers: past Int64, at type limits, signs, exponents, fractions of a penny.
    static let numbers: [String] = [
        "99999999999999999999", "12345678901234567890", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "18446744073709551616", "100000000000000000.001", "1000000000000000000", "4294967295",
        "2147483648", "65535", "1048577", "-1", "-0", "0", "1e309", "-1e309", "NaN", "inf", "0.0000000001", "1.5e18",
        "999999999999999.99", "0x7FFFFFFF", "00000000000000000000001", "-1/01/2020", "01//01/2020", "31/02/2020",
    ]
    /// Bytes that mean something to one of the formats.
    static let interesting: [UInt8] = Array(",;\t\"'\n\r<>&/-.:=#[]{}()!?0123456789eE+ ".utf8) + [0, 0x7F, 0x80, 0xA3, 0xC2, 0xC3, 0xEF, 0xFF]

    /// `input` changed by one to four moves (never empty unless `input` is).
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0...rng.below(4) { step(&b) }
        return b
    }

    private mutating func position(_ b: [UInt8]) -> Int { b.isEmpty ? 0 : rng.below(b.count + 1) }

    private mutating func step(_ b: inout [UInt8]) {
        switch rng.below(10) {
        case 0 where !b.isEmpty: // flip a bit
            let i = rng.below(b.count); b[i] ^= UInt8(1) << UInt8(rng.below(8))
        case 1 where !b.isEmpty: // set a byte to one that matters
            b[rng.below(b.count)] = rng.pick(Self.interesting)
        case 2: // insert a few bytes
            let n = 1 + rng.below(8)
            b.insert(contentsOf: (0..<n).map { _ in rng.chance(50) ? rng.pick(Self.interesting) : UInt8(truncatingIfNeeded: rng.next()) }, at: position(b))
        case 3 where !b.isEmpty: // delete a range
            let i = rng.below(b.count), n = min(b.count - i, 1 + rng.below(64))
            b.removeSubrange(i..<(i + n))
        case 4 where b.count > 1: // splice: copy a range elsewhere
            let i = rng.below(b.count), n = min(b.count - i, 1 + rng.below(256))
            let chunk = Array(b[i..<(i + n)])
            b.insert(contentsOf: chunk, at: position(b))
        case 5, 6: // a number: replace a run of digits, or insert one
            let number = Array(rng.pick(Self.numbers).utf8)
            if let run = digitRun(b) { b.replaceSubrange(run, with: number) } else { b.insert(contentsOf: number, at: position(b)) }
        case 7: // a long run of one byte (a 1 MiB run now and then)
            let n = rng.chance(3) ? 1 << 20 : 1 + rng.below(20_000)
            b.insert(contentsOf: [UInt8](repeating: rng.pick(Self.interesting), count: n), at: position(b))
        case 8 where !b.isEmpty: // truncate
            b.removeSubrange(rng.below(b.count)...)
        default: // a NUL or an invalid UTF-8 byte
            b.insert(rng.chance(50) ? 0 : 0xFF, at: position(b))
        }
    }

    /// A random run of ASCII digits in `b`, if the probe finds one.
    private mutating func digitRun(_ b: [UInt8]) -> Range<Int>? {
        guard !b.isEmpty else { return nil }
        for _ in 0..<8 {
            var i = rng.below(b.count)
            guard b[i] >= 0x30 && b[i] <= 0x39 else { continue }
            while i > 0 && b[i - 1] >= 0x30 && b[i - 1] <= 0x39 { i -= 1 }
            var j = i
            while j < b.count && b[j] >= 0x30 && b[j] <= 0x39 { j += 1 }
            return i..<j
        }
        return nil
    }
}

/// How long the fuzzers run: `CAPITAL_FUZZ_SCALE` multiplies every campaign's iterations (bench/fuzz sets it),
/// `CAPITAL_FUZZ_SEED` changes the seed, and `CAPITAL_FUZZ_SAVE=DIR` writes each input there before it is tried,
/// so the input that crashed the process is the last file written.
enum FuzzConfig {
    static let environment = ProcessInfo.processInfo.environment
    static let scale = max(1, Int(environment["CAPITAL_FUZZ_SCALE"] ?? "") ?? 1)
    static let seed = UInt64(environment["CAPITAL_FUZZ_SEED"] ?? "") ?? 20_261_201
    static let saveDirectory = environment["CAPITAL_FUZZ_SAVE"].map { URL(fileURLWithPath: $0) }

    static func iterations(_ base: Int) -> Int { base * scale }

    /// Records `input` (campaign `name`, iteration `i`) before it is tried, when saving is on.
    static func save(_ input: [UInt8], _ name: String, _ i: Int) {
        guard let dir = saveDirectory else { return }
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? Data(input).write(to: dir.appendingPathComponent("\(name)-last.bin"))
        try? "\(name) seed \(seed) iteration \(i)\n".write(to: dir.appendingPathComponent("\(name)-last.txt"), atomically: false, encoding: .utf8)
    }

    static func tempDirectory(_ name: String) -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("capital-fuzz-\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
