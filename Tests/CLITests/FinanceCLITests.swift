import Foundation
import Testing
import TestSupport

/// The pure steps compose through files, with no database: shares → calls, and solve.
@Suite struct FinanceCLITests {
    let cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
    var example: String { TestDatabase.repositoryRoot.appendingPathComponent("examples/contributions.yaml").path }

    @Test func sharesJSONFeedsCallsApportionToThePenny() throws {
        let shares = try cli.run("shares", "compute", "--contributions", example, "--format", "json")
        #expect(shares.status == 0, "\(shares.stderr)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("shares-\(UUID().uuidString).json")
        try shares.stdout.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let doc = try #require(try JSONSerialization.jsonObject(with: Data(shares.stdout.utf8)) as? [String: Any])
        let methods = try #require(doc["methods"] as? [[String: Any]])
        #expect(methods.map { $0["method"] as? String } == ["contribution", "volume", "pay", "non-pay", "operating", "going-concern"])
        let contribution = try #require(methods.first?["trusts"] as? [[String: Any]])
        #expect(contribution.map { $0["percent"] as? String } == ["56.45", "20.27", "23.28"])
        #expect(contribution.first?["total"] as? String == "6389904.18")

        let call = try cli.run("calls", "apportion", "1000000.01", "--shares", file.path, "--format", "json")
        #expect(call.status == 0, "\(call.stderr)")
        let parts = try #require((try JSONSerialization.jsonObject(with: Data(call.stdout.utf8)) as? [String: Any])?["parts"] as? [[String: Any]])
        let amounts = parts.compactMap { $0["amount"] as? String }
        #expect(amounts == ["564483.95", "202740.23", "232775.83"])
        let pence = amounts.map { Int($0.replacingOccurrences(of: ".", with: ""))! }
        #expect(pence.reduce(0, +) == 100_000_001)

        let bad = try cli.run("calls", "apportion", "12.345", "--shares", file.path)
        #expect(bad.status == 2)
        // Issue 14: beyond numeric(15,2) is a usage error naming the value, not a raw overflow.
        let huge = try cli.run("calls", "apportion", "10000000000000", "--shares", file.path)
        #expect(huge.status == 2 && huge.stderr.contains("\"10000000000000\" is too large"), "\(huge.stderr)")
        let missing = try cli.run("calls", "apportion", "10", "--shares", "/no/such/file.json")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/no/such/file.json"))
    }

    @Test func badContributionsNameTheLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try """
            formed: 2025-04-01
            discount_rate: 0.035
            price_list: {CT: 85.00}
            trusts:
              RAA:
                staff: -5.00
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let out = try cli.run("shares", "compute", "--contributions", file.path)
        #expect(out.status == 1)
        #expect(out.stderr.contains(".yaml:6: trust RAA, field staff"), "\(out.stderr)")
    }

    @Test func voteSaysCarriedOrNotAndWhy() throws {
        let carried = try cli.run("vote", "--matter", "ordinary", "--members", "RAA,RBB,RCC", "--ballots", "RAA=for,RBB=for,RCC=against")
        #expect(carried.status == 0)
        #expect(carried.stdout.hasPrefix("CARRIED"))
        let blocked = try cli.run("vote", "--matter", "unanimous", "--members", "RAA,RBB,RCC", "--ballots", "RAA=for,RBB=for")
        #expect(blocked.status == 3)
        #expect(blocked.stdout.hasPrefix("NOT CARRIED"))
    }

    @Test func solveCertifiesASmallModel() throws {
        let model = """
            {"resources": [{"id": "budget:2027", "limit": 1500000}],
             "items": [
               {"id": "CT-001", "options": [{"label": "2027", "penalty": 0, "uses": {"budget:2027": 800000}},
                                             {"label": "defer", "penalty": 5000, "uses": {}}]},
               {"id": "MR-001", "options": [{"label": "2027", "penalty": 0, "uses": {"budget:2027": 1000000}},
                                             {"label": "defer", "penalty": 9000, "uses": {}}]}]}
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).json")
        let mpsFile = file.deletingPathExtension().appendingPathExtension("mps")
        try model.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file); try? FileManager.default.removeItem(at: mpsFile) }
        let out = try cli.run("solve", file.path, "--format", "json", "--export-mps", mpsFile.path)
        #expect(out.status == 0, "\(out.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(result["status"] as? String == "optimal")
        #expect(result["objective"] as? Double == 5000)
        #expect((result["choices"] as? [String: String]) == ["CT-001": "defer", "MR-001": "2027"])
        #expect(try String(contentsOf: mpsFile, encoding: .utf8).contains("ROWS"))
    }
}
