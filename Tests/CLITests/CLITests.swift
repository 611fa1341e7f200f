import Foundation
import Testing
import TestSupport

/// Runs the real `capital` binary, as a user or a script would.
struct CLI {
    var environment: [String: String]

    static var binary: URL {
        // The test bundle sits in the same build folder as the executable.
        let candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for dir in candidates {
            var d = dir
            for _ in 0..<4 {
                let exe = d.appendingPathComponent("capital")
                if FileManager.default.isExecutableFile(atPath: exe.path) { return exe }
                d = d.deletingLastPathComponent()
            }
        }
        return TestDatabase.repositoryRoot.appendingPathComponent(".build/debug/capital")
    }

    init(dataDirectory: URL) {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DATABASE_URL")
        env["CAPITAL_DATA_DIR"] = dataDirectory.path
        environment = env
    }

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    @discardableResult
    func run(_ arguments: String...) throws -> Output { try run(arguments) }

    func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.environment = environment
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8))
    }
}

func temporaryDataDirectory() throws -> URL {
    // Short path: the cluster's Unix socket path must fit in 107 bytes.
    let dir = URL(fileURLWithPath: "/tmp").appendingPathComponent("cap-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Suite(.serialized) struct EmbeddedClusterCLITests {
    @Test func migrateTwiceThenStatusThenStop() throws {
        let dir = try temporaryDataDirectory()
        let cli = CLI(dataDirectory: dir)
        defer { _ = try? cli.run("db", "stop"); try? FileManager.default.removeItem(at: dir) }

        let first = try cli.run("db", "migrate")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("applied 0001_core.sql"))
        let second = try cli.run("db", "migrate")
        #expect(second.status == 0)
        #expect(second.stdout.contains("nothing to do"))
        #expect(!second.stdout.contains("applied 0001"))

        let status = try cli.run("db", "status", "--format", "json")
        #expect(status.status == 0, "\(status.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]]).first
        #expect((object?["cluster"] as? String)?.hasPrefix("running") == true)
        #expect(object?["migrations_pending"] as? Int == 0)
        #expect((object?["migrations_applied"] as? Int ?? 0) >= 1)

        // The server listens on its socket only: no TCP.
        let conf = try String(contentsOf: dir.appendingPathComponent("pgdata/postgresql.conf"), encoding: .utf8)
        #expect(conf.contains("listen_addresses = ''"))

        #expect(try cli.run("db", "stop").stdout == "stopped\n")
        #expect(try cli.run("db", "status").stdout.contains("cluster: stopped"))
    }

    @Test func aSecondProcessFindsTheRunningServer() throws {
        let dir = try temporaryDataDirectory()
        let cli = CLI(dataDirectory: dir)
        defer { _ = try? cli.run("db", "stop"); try? FileManager.default.removeItem(at: dir) }
        // Two processes start at once: the lock makes one create the cluster and the other find it.
        let results = try [0, 1].map { _ -> Process in
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["db", "start"]
            p.environment = cli.environment
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        results.forEach { $0.waitUntilExit() }
        #expect(results.allSatisfy { $0.terminationStatus == 0 })
        let pid1 = try String(contentsOf: dir.appendingPathComponent("pgdata/postmaster.pid"), encoding: .utf8).split(separator: "\n")[0]
        let again = try cli.run("db", "start")
        #expect(again.stdout.hasPrefix("already running"))
        let pid2 = try String(contentsOf: dir.appendingPathComponent("pgdata/postmaster.pid"), encoding: .utf8).split(separator: "\n")[0]
        #expect(pid1 == pid2)
    }

    @Test func exitCodesScriptsCanRelyOn() throws {
        let dir = try temporaryDataDirectory()
        let cli = CLI(dataDirectory: dir)
        defer { _ = try? cli.run("db", "stop"); try? FileManager.default.removeItem(at: dir) }

        #expect(try cli.run("network", "create", "Black Country", "--formed", "2025-04-01").status == 0)
        let added = try cli.run("trust", "add", "RNA", "--name", "Dudley Group", "--foundation")
        #expect(added.status == 0, "\(added.stderr)")
        // A user error: exit 1, message on stderr naming the thing.
        let duplicate = try cli.run("trust", "add", "RNA", "--name", "Again")
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("RNA is already a member"))
        // Usage errors: exit 2.
        #expect(try cli.run("trust", "frobnicate").status == 2)
        #expect(try cli.run("network", "create", "X", "--formed", "2025-02-30").status == 2)
        #expect(try cli.run("trust", "list", "--format", "yaml").status == 2)
        // Help is success.
        #expect(try cli.run("--help").status == 0)

        #expect(try cli.run("site", "add", "RNA", "RNA01", "--name", "Russells Hall Hospital").status == 0)
        let csv = try cli.run("trust", "list", "--format", "csv")
        #expect(csv.stdout == "code,name,kind,sites,assets\r\nRNA,Dudley Group,foundation_trust,1,0\r\n")
        let json = try cli.run("site", "list", "--format", "json")
        let sites = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(sites?.first?["code"] as? String == "RNA01")
    }

    @Test func aNamedServerMustBeMigratedExplicitly() throws {
        let (_, name) = try TestDatabase.empty()
        var cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent"))
        cli.environment["DATABASE_URL"] = try TestDatabase.conninfo(database: name)
        let refused = try cli.run("trust", "list")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("capital db migrate"))
        // capital's own role may not change the schema; the server's owner migrates it.
        #expect(try cli.run("db", "migrate").status == 1)
        #expect(try cli.run("db", "migrate", "--database", try TestDatabase.superuserConninfo(database: name)).status == 0)
        #expect(try cli.run("network", "create", "Via URL", "--formed", "2025-04-01").status == 0)
        #expect(try cli.run("network", "list", "--format", "csv").stdout.contains("Via URL,2025-04-01"))
        // --database wins over DATABASE_URL.
        let other = try cli.run("network", "list", "--database", "host=/nonexistent-socket-dir dbname=x")
        #expect(other.status == 1)
        #expect(other.stderr.contains("could not connect"))
    }
}
