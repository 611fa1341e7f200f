import Foundation
import Testing
import TestSupport

/// `capital import`'s options for files nobody here wrote (issue 15): --map, --profile PATH, --header-row, and
/// what the command prints about them.
@Suite struct ImportOptionsCLITests {
    static let inventory = """
        Location,Code,Serial Number,Equipment Type,Model,Status,Manufacturer
        Main,C1,SN-1,CT Scanner,Optima 660,In Use,GE
        Main,C2,SN-2,Infusion pump,GP,In Use,Alaris
        Main,C3,SN-3,MRI Scanner,Ingenia,In Use,Philips

        """

    @Test func mapAndProfilePathLoadAStrangeFile() throws {
        let (_, name) = try TestDatabase.fresh()
        var cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        cli.environment["DATABASE_URL"] = try TestDatabase.conninfo(database: name)
        #expect(try cli.run("network", "create", "Options", "--formed", "2025-04-01").status == 0)
        #expect(try cli.run("trust", "add", "RAA", "--name", "Trust A").status == 0)
        #expect(try cli.run("trust", "add", "RBB", "--name", "Trust B").status == 0)
        let dir = try temporaryDataDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("inventory.csv")
        try Data(Self.inventory.utf8).write(to: file)

        // An unknown field is a usage error listing the fields.
        let unknown = try cli.run("import", file.path, "--trust", "RAA", "--network", "Options", "--map", "tag=Code")
        #expect(unknown.status == 2, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("unknown field \"tag\"; fields: asset_tag, serial"), "\(unknown.stderr)")
        // Without a mapping: the error names the headers and the aliases, and the way out.
        let none = try cli.run("import", file.path, "--trust", "RAA", "--network", "Options")
        #expect(none.status == 1 && none.stderr.contains("--map asset_tag=HEADER") && none.stderr.contains("\"Code\""), "\(none.stderr)")
        // --map, repeatable.
        let mapped = try cli.run("import", file.path, "--trust", "RAA", "--network", "Options", "--map", "asset_tag=Code",
                                 "--map", "site=Location")
        #expect(mapped.status == 0, "\(mapped.stdout)\n\(mapped.stderr)")
        #expect(mapped.stdout.contains("column 2 \"Code\" -> asset_tag") && mapped.stdout.contains("column 1 \"Location\" -> site"), "\(mapped.stdout)")
        #expect(mapped.stdout.contains("2 added"), "\(mapped.stdout)")

        // --profile PATH (a profile written outside importers/).
        let profile = dir.appendingPathComponent("inventory.yaml")
        try """
            name: inventory
            extends: vocabulary
            date_order: dmy
            columns:
              asset_tag: [Code]
              description: [Equipment Type]
              model: [Model]
              manufacturer: [Manufacturer]
              serial: [Serial Number]
              site: [Location]
            """.write(to: profile, atomically: true, encoding: .utf8)
        let byPath = try cli.run("import", file.path, "--trust", "RBB", "--network", "Options", "--profile", profile.path)
        #expect(byPath.status == 0, "\(byPath.stdout)\n\(byPath.stderr)")
        #expect(byPath.stdout.contains("profile: inventory") && byPath.stdout.contains("2 added"), "\(byPath.stdout)")
        let missing = try cli.run("import", file.path, "--trust", "RBB", "--network", "Options", "--profile", dir.appendingPathComponent("nope.yaml").path)
        #expect(missing.status == 1 && missing.stderr.contains("cannot read profile"), "\(missing.stderr)")

        // A header row below a preamble is found and reported; --header-row names it; 0 is a usage error.
        #expect(try cli.run("trust", "add", "RCC", "--name", "Trust C").status == 0)
        let preamble = dir.appendingPathComponent("preamble.csv")
        try Data(("Hospital inventory, exported 2025\n\n" + Self.inventory).utf8).write(to: preamble)
        let found = try cli.run("import", preamble.path, "--trust", "RCC", "--network", "Options", "--profile", profile.path, "--dry-run")
        #expect(found.status == 0 && found.stdout.contains("header: row 3 (1 row(s) above it skipped as a preamble)"), "\(found.stdout)\n\(found.stderr)")
        let json = try cli.run("import", preamble.path, "--trust", "RCC", "--network", "Options", "--profile", profile.path, "--dry-run",
                               "--format", "json")
        let mapping = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["mapping"] as? [String: Any]
        #expect(mapping?["header_row"] as? Int == 3 && mapping?["rows_above_header"] as? Int == 1, "\(json.stdout)")
        let given = try cli.run("import", preamble.path, "--trust", "RCC", "--network", "Options", "--profile", profile.path, "--header-row", "3")
        #expect(given.status == 0 && given.stdout.contains("2 added"), "\(given.stdout)\n\(given.stderr)")
        #expect(try cli.run("import", preamble.path, "--trust", "RCC", "--network", "Options", "--header-row", "0").status == 2)
    }
}
