import Foundation
@testable import Register
import CapitalCore
import Spreadsheets

enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let importers = packageRoot.appendingPathComponent("importers")
    static let samples = packageRoot.appendingPathComponent("Tests/Fixtures/samples")
    static let asOf = CalendarDate(year: 2025, month: 4, day: 1)!
    static let library: ProfileLibrary = try! ProfileLibrary(directory: importers)

    static func tempDir(_ name: String = #function) -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("register-tests-\(safe)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// Normalises CSV text with a named profile; returns the outcomes.
    static func normalise(_ csv: String, profile: String, asOf: CalendarDate = asOf) throws -> [RowOutcome] {
        let src = try CSVRowSource(input: MemoryByteInput(csv))
        let bound = try library.select(.named(profile), headers: src.headers)
        let n = Normaliser(profile: bound, trust: "R1A", fileName: "test.csv", asOf: asOf)
        var out: [RowOutcome] = []
        while let row = try src.nextRow() { out.append(n.normalise(row)) }
        return out
    }
}

extension RowOutcome {
    var asset: CanonicalAsset? { if case .asset(let a, _) = self { return a }; return nil }
    var warnings: [ValidationIssue] { if case .asset(_, let w) = self { return w }; return [] }
    var errors: [ValidationIssue] { if case .rejected(let e) = self { return e.filter { $0.severity == .error } }; return [] }
    var skip: SkipReason? { if case .skipped(let s) = self { return s }; return nil }
}
