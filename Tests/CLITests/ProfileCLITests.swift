import Foundation
import Testing
import TestSupport

/// `capital profile init|check|list` (issue 15): a profile written from a file nobody here wrote loads it untouched
/// through the real database; check works without one.
@Suite struct ProfileCLITests {
    static let fixtures = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures")
    static let inventory = fixtures.appendingPathComponent("inventory/hospital-inventory.csv")

    static func json(_ text: String) -> [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] }

    @Test func aProfileWrittenFromTheInventoryLoadsItsImagingRowsUntouched() throws {
        let (_, name) = try TestDatabase.fresh()
        var cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        cli.environment["DATABASE_URL"] = try TestDatabase.conninfo(database: name)
        #expect(try cli.run("network", "create", "Profiles", "--formed", "2025-04-01").status == 0)
        for code in ["RAA", "RBB", "RCC"] { #expect(try cli.run("trust", "add", code, "--name", "Trust \(code)").status == 0) }
        let dir = try temporaryDataDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }

        // Nothing recognises the inventory's headers as they stand.
        let before = try cli.run("import", Self.inventory.path, "--trust", "RAA", "--dry-run")
        #expect(before.status == 1 && before.stderr.contains("\"Code\""), "\(before.stderr)")

        let profile = dir.appendingPathComponent("inventory.yaml")
        let written = try cli.run("profile", "init", Self.inventory.path, "--out", profile.path)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("asset_tag") && written.stdout.contains("Code") && written.stdout.contains("next: capital profile check"), "\(written.stdout)")
        let yaml = try String(contentsOf: profile, encoding: .utf8)
        #expect(yaml.contains("asset_tag: [\"Code\"]") && yaml.contains("description: [\"Equipment Type\"]") && yaml.contains("net_book_value: []"), "\(yaml)")

        // Checked without a database, then loaded untouched: exactly the seven imaging rows.
        let check = try cli.run("profile", "check", Self.inventory.path, "--profile", profile.path, "--format", "json")
        #expect(check.status == 0, "\(check.stderr)")
        let checked = try #require(Self.json(check.stdout))
        #expect((checked["summary"] as? [String: Any])?["loaded"] as? Int == 7 && (checked["rows"] as? [Any])?.count == 7, "\(check.stdout.prefix(600))")
        let first = try cli.run("import", Self.inventory.path, "--trust", "RAA", "--profile", profile.path, "--format", "json")
        #expect(first.status == 0, "\(first.stderr)")
        let summary = Self.json(first.stdout)?["summary"] as? [String: Any]
        #expect(summary?["loaded"] as? Int == 7 && summary?["rejected"] as? Int == 0 && summary?["rows_read"] as? Int == 359, "\(first.stdout.prefix(800))")
        let again = try cli.run("import", Self.inventory.path, "--trust", "RAA", "--profile", profile.path)
        #expect(again.status == 0 && again.stdout.contains("result: 0 changes"), "\(again.stdout)\n\(again.stderr)")

        // A profile written from a sample loads it as the built-in profile does, through the database too.
        let far = Self.fixtures.appendingPathComponent("samples/finance-far-example.csv")
        let farProfile = dir.appendingPathComponent("far.yaml")
        #expect(try cli.run("profile", "init", far.path, "--out", farProfile.path).status == 0)
        // (The built-in's run first, as a dry run: a later import would also meet the first one's devices in the network.)
        let theirs = try cli.run("import", far.path, "--trust", "RCC", "--profile", "finance-far", "--format", "json", "--dry-run")
        let mine = try cli.run("import", far.path, "--trust", "RBB", "--profile", farProfile.path, "--format", "json")
        #expect(mine.status == 0 && theirs.status == 0, "\(mine.stderr)\n\(theirs.stderr)")
        let a = Self.json(mine.stdout)?["summary"] as? [String: Any], b = Self.json(theirs.stdout)?["summary"] as? [String: Any]
        #expect(a?["loaded"] as? Int == 8 && a?["loaded"] as? Int == b?["loaded"] as? Int && a?["warnings"] as? Int == b?["warnings"] as? Int, "\(mine.stdout.prefix(600))")
        #expect(a?["skipped_non_imaging"] as? Int == b?["skipped_non_imaging"] as? Int)
    }

    @Test func checkTakesTheImportsOptionsAndSaysWhenAnImportWouldFail() throws {
        let cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        // --map over a built-in profile, table output, no database anywhere.
        let mapped = try cli.run("profile", "check", Self.inventory.path, "--profile", "cmms-mems", "--map", "asset_tag=Code",
                                 "--map", "description=Equipment Type", "--rows", "3")
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout.contains("column 2 \"Code\" -> asset_tag") && mapped.stdout.contains("first 3 row(s) as they would load"), "\(mapped.stdout)")
        let equip = try cli.run("profile", "check", Self.inventory.path, "--profile", "cmms-equip", "--map", "asset_tag=Code", "--format", "json")
        // cmms-equip falls back on the department only for rows that do not name their equipment: the inventory's
        // monitors and pumps in the CT Suite and the X-Ray Department are not CT scanners or X-ray rooms.
        #expect((Self.json(equip.stdout)?["summary"] as? [String: Any])?["loaded"] as? Int == 7, "\(equip.stdout.prefix(300))")
        #expect(mapped.stdout.contains("MEB100087") && mapped.stdout.contains("would load 7 asset(s)"), "\(mapped.stdout)")
        #expect(mapped.stdout.contains("unrecognised_modality") && mapped.stdout.contains("derived_tag"), "\(mapped.stdout)")
        #expect(mapped.stdout.split(separator: "\n").filter { $0.hasPrefix("MEB") || $0.contains(" MEB1") }.count <= 3)
        // A file with no imaging equipment: exit 1, and why.
        let dir = try temporaryDataDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let beds = dir.appendingPathComponent("beds.csv")
        try Data("Code,Equipment Type\nB1,Hospital Bed\nB2,Infusion Pump\n".utf8).write(to: beds)
        let none = try cli.run("profile", "check", beds.path, "--map", "asset_tag=Code", "--map", "description=Equipment Type", "--profile", "cmms-equip")
        #expect(none.status == 1 && none.stdout.contains("would fail: no row loads"), "\(none.stdout)\n\(none.stderr)")
        // A header row named, and a usage error for row 0.
        #expect(try cli.run("profile", "check", beds.path, "--header-row", "0").status == 2)
        // init on a file with nothing to key rows by still writes the profile, and says what to do (exit 1).
        let bare = dir.appendingPathComponent("bare.csv")
        try Data("Colour,Weight\nred,1 kg\nblue,2 kg\n".utf8).write(to: bare)
        let noKey = try cli.run("profile", "init", bare.path)
        #expect(noKey.status == 1 && noKey.stdout.contains("asset_tag: []") && noKey.stderr.contains("asset_tag: []"), "\(noKey.stderr)")
    }

    @Test func listShowsEveryBuiltInProfileAndItsHeaders() throws {
        let cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        let table = try cli.run("profile", "list")
        #expect(table.status == 0 && table.stdout.contains("cmms-equip") && table.stdout.contains("finance-far") && table.stdout.contains("Equipment No"))
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let json = try cli.run("profile", "list", "--format", "json")
        let list = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) as? [[String: Any]])
        let equip = try #require(list.first { $0["name"] as? String == "cmms-equip" })
        let fields = try #require(equip["fields"] as? [[String: Any]])
        #expect(fields.contains { $0["field"] as? String == "asset_tag" && ($0["aliases"] as? [String])?.contains("Equipment No") == true })
        #expect(equip["date_order"] as? String == "dmy")
    }
}
