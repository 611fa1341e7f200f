import Foundation
import Testing
import TestSupport

/// `capital demo` is deterministic for a seed: two runs in two fresh databases write the same results.
@Suite struct DemoDeterminismTests {
    @Test func theSameSeedGivesTheSameOutputs() throws {
        var outputs: [[String: Data]] = []
        for _ in 0..<2 {
            let dir = try temporaryDataDirectory()
            let cli = CLI(dataDirectory: dir.appendingPathComponent("data"))
            defer { _ = try? cli.run("db", "stop"); try? FileManager.default.removeItem(at: dir) }
            // 4 trusts x 400 assets: a model large enough for the optimiser's large-model path,
            // which an iteration budget makes independent of the clock.
            let run = try cli.run("demo", "--out", dir.appendingPathComponent("out").path, "--trusts", "4", "--assets", "400",
                                  "--seed", "11", "--plan-iterations", "60")
            #expect(run.status == 0, "\(run.stderr)")
            var files: [String: Data] = [:]
            for name in ["shares.json", "purchase-lots.csv", "calls-statement.csv", "plan-assets.csv", "contributions.yaml"] {
                files[name] = try Data(contentsOf: dir.appendingPathComponent("out/\(name)"))
            }
            // plan.json holds the solver's seconds; everything else in it must match.
            var plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/plan.json"))) as? [String: Any])
            var certificate = plan["certificate"] as? [String: Any] ?? [:]
            certificate["seconds"] = nil
            plan["certificate"] = certificate
            files["plan.json"] = try JSONSerialization.data(withJSONObject: plan, options: [.sortedKeys])
            outputs.append(files)
        }
        for (name, data) in outputs[0] {
            #expect(outputs[1][name] == data, "\(name) differs between two runs with the same seed")
        }
    }
}
