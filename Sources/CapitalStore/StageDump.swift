import CapitalCore
import Foundation
import Postgres
import Register

/// Writes staged rows in COPY text format to a file (for benchmarks that \copy the same rows).
final class StageDump {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        guard let h = FileHandle(forWritingAtPath: url.path) else { throw CapitalStoreError("cannot write \(url.path)") }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ fields: [String?]) throws {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(0x09) }
            guard let f else { buffer.append(0x5C); buffer.append(0x4E); continue }
            for b in f.utf8 {
                switch b {
                case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
                case 0x09: buffer.append(0x5C); buffer.append(0x74)
                case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
                case 0x0D: buffer.append(0x5C); buffer.append(0x72)
                default: buffer.append(b)
                }
            }
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
