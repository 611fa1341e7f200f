import Foundation
@testable import Samples
import Testing
@testable import Register
import CapitalCore

@Suite struct PipelineTests {
    final class FailingSource: RowSource {
        let headers = ["Tag"]
        var n = 0
        let failAt: Int
        init(failAt: Int) { self.failAt = failAt }
        func nextRow() throws -> RawRow? {
            n += 1
            if n == failAt { throw UserError("boom at \(n)") }
            return n > 10_000 ? nil : RawRow(rowNumber: n + 1, headers: headers, values: ["EQ\(n)"])
        }
    }

    @Test func prefetchDeliversEveryRowInOrderThenTheError() throws {
        let p = PrefetchingRowSource(FailingSource(failAt: 5_000), batchSize: 64, maxBatches: 2)
        var seen = 0
        #expect(throws: UserError.self) {
            while let r = try p.nextRow() { seen += 1; #expect(r.values == ["EQ\(seen)"]) }
        }
        #expect(seen == 4_999)
        let q = PrefetchingRowSource(FailingSource(failAt: -1), batchSize: 100)
        var count = 0
        while try q.nextRow() != nil { count += 1 }
        #expect(count == 10_000)
    }

    @Test func abandoningAPrefetchingSourceDoesNotHang() throws {
        for _ in 0..<20 {
            let p = PrefetchingRowSource(FailingSource(failAt: -1), batchSize: 16, maxBatches: 1)
            _ = try p.nextRow()
        }
    }

    @Test func prefetchAndPlainGiveTheSameReport() throws {
        let dir = Fixtures.tempDir()
        let tf = try SampleNetwork.writeRegister(layout: .equipCSV1252, assets: 5_000, seed: 3, to: dir.appendingPathComponent("r.csv"), injectInvalid: true)
        var a: [CanonicalAsset] = [], b: [CanonicalAsset] = []
        let r1 = try RegisterImport.run(url: dir.appendingPathComponent("r.csv"), trust: "R1A", profile: .auto, importers: Fixtures.library,
                                        asOf: Fixtures.asOf, prefetch: true) { a.append($0) }
        let r2 = try RegisterImport.run(url: dir.appendingPathComponent("r.csv"), trust: "R1A", profile: .auto, importers: Fixtures.library,
                                        asOf: Fixtures.asOf, prefetch: false) { b.append($0) }
        #expect(a == b)
        #expect(r1.report.summary == r2.report.summary)
        #expect(r1.report.summary.rowsRead == tf.rows)
        #expect(r1.report.issues == r2.report.issues)
    }
}
