import Foundation
import Postgres
import Testing
import TestSupport

@Suite struct MigratorTests {
    func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, sql) in files { try sql.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func appliesInOrderOnceAndRecordsChecksums() throws {
        let (db, _) = try TestDatabase.empty()
        let dir = try folder([
            "0002_more.sql": "ALTER TABLE a ADD COLUMN note text;",
            "0001_first.sql": "CREATE TABLE a (id int);",
        ])
        let migrator = Migrator(directory: dir)
        let first = try migrator.migrate(db)
        #expect(first.applied.map(\.name) == ["0001_first.sql", "0002_more.sql"])
        let second = try migrator.migrate(db)
        #expect(second.applied.isEmpty)
        #expect(second.alreadyApplied == 2)
        let applied = try migrator.applied(on: db)
        #expect(applied.map(\.version) == [1, 2])
        #expect(applied.allSatisfy { $0.checksum.count == 64 })
    }

    @Test func refusesAFileChangedAfterItWasApplied() throws {
        let (db, _) = try TestDatabase.empty()
        let dir = try folder(["0001_first.sql": "CREATE TABLE a (id int);"])
        try Migrator(directory: dir).migrate(db)
        try "CREATE TABLE a (id bigint);".write(to: dir.appendingPathComponent("0001_first.sql"), atomically: true, encoding: .utf8)
        do {
            try Migrator(directory: dir).migrate(db)
            Issue.record("a changed migration was accepted")
        } catch let error as PostgresError {
            #expect(error.message.contains("0001_first.sql has changed since it was applied"))
        }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("0001_first.sql"))
        #expect(throws: PostgresError.self) { try Migrator(directory: dir).migrate(db) }
    }

    @Test func aFailingMigrationLeavesNoTrace() throws {
        let (db, _) = try TestDatabase.empty()
        let dir = try folder([
            "0001_ok.sql": "CREATE TABLE a (id int);",
            "0002_bad.sql": "CREATE TABLE b (id int); INSERT INTO b VALUES ('not a number');",
        ])
        #expect(throws: PostgresError.self) { try Migrator(directory: dir).migrate(db) }
        #expect(try Migrator(directory: dir).applied(on: db).map(\.version) == [1])
        #expect(try db.scalar("SELECT to_regclass('b') IS NULL", as: Bool.self))
    }

    @Test func refusesBadlyNamedOrDuplicateFiles() throws {
        #expect(throws: PostgresError.self) { try Migrator(directory: try folder(["first.sql": "SELECT 1;"])).migrations() }
        #expect(throws: PostgresError.self) {
            try Migrator(directory: try folder(["0001_a.sql": "SELECT 1;", "001_b.sql": "SELECT 1;"])).migrations()
        }
    }

    @Test func theProjectSchemaMigratesCleanly() throws {
        let (db, _) = try TestDatabase.empty()
        let report = try Migrator(directory: TestDatabase.migrationsDirectory).migrate(db)
        #expect(!report.applied.isEmpty)
        #expect(try Migrator(directory: TestDatabase.migrationsDirectory).pending(on: db).isEmpty)
        for table in ["network", "trust", "site", "asset", "import_batch", "asset_reject"] {
            #expect(try db.scalar("SELECT to_regclass(\(table)) IS NOT NULL", as: Bool.self), "missing table \(table)")
        }
    }
}

@Suite struct MigratorOrderTests {
    @Test func refusesAMigrationNumberedBelowTheLatestApplied() throws {
        let (db, _) = try TestDatabase.empty()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "CREATE TABLE a (id int);".write(to: dir.appendingPathComponent("0003_a.sql"), atomically: true, encoding: .utf8)
        try Migrator(directory: dir).migrate(db)
        try "CREATE TABLE b (id int);".write(to: dir.appendingPathComponent("0002_b.sql"), atomically: true, encoding: .utf8)
        #expect(throws: PostgresError.self) { try Migrator(directory: dir).migrate(db) }
        #expect(try db.scalar("SELECT to_regclass('b') IS NULL", as: Bool.self))
    }
}
