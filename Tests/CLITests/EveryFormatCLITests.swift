import Foundation
import Testing
import TestSupport

/// Every command that takes `--format`, run with every format its help offers on a small demo network, and its output
/// parsed as that format (issue 19: `--format` was accepted and not honoured). The list of invocations is checked
/// against the commands' own help (`--experimental-dump-help`), so a new command with `--format` must be added here.
@Suite(.serialized) struct EveryFormatCLITests {
    /// How to run each command with a `--format` on the demo network; `{out}` is the demo's output folder.
    static let invocations: [String: [String]] = [
        "db status": ["db", "status"],
        "network list": ["network", "list"],
        "network agreement show": ["network", "agreement", "show", "--history"],
        "trust list": ["trust", "list"],
        "site list": ["site", "list"],
        "shares compute": ["shares", "compute", "--contributions", "{out}/contributions.yaml"],
        "shares list": ["shares", "list"],
        "shares show": ["shares", "show", "1"],
        "calls apportion": ["calls", "apportion", "1.5m", "--shares", "{out}/shares.csv"],
        "calls add": ["calls", "add", "--amount", "250k", "--purpose", "Business case {format}", "--date", "2027-06-01"],
        "calls from-plan": ["calls", "from-plan", "--year", "{year}"],
        "calls list": ["calls", "list"],
        "calls show": ["calls", "show", "CC-2026-001"],
        "calls statement": ["calls", "statement"],
        "solve": ["solve", "{model}", "--time-limit", "1"],
        "import file": ["import", "{out}/sample/R1F-cmms-mems.csv", "--trust", "R1F", "--dry-run"],
        "import list": ["import", "list"],
        "import show": ["import", "show", "{batch}"],
        "import rejects": ["import", "rejects", "{batch}"],
        "profile init": ["profile", "init", "{out}/sample/R1F-cmms-mems.csv"],
        "profile check": ["profile", "check", "{out}/sample/R1F-cmms-mems.csv", "--profile", "cmms-mems"],
        "profile list": ["profile", "list"],
        "plan make": ["plan", "make", "--policy", "{root}/examples/sample-policy.yaml", "--time-limit", "1", "--no-save", "--quiet"],
        "plan list": ["plan", "list"],
        "plan show": ["plan", "show", "1"],
        "plan compare": ["plan", "compare", "1", "1"],
        "plan frontier": ["plan", "frontier", "--policy", "{root}/examples/sample-policy.yaml", "--steps", "2", "--time-limit", "1", "--quiet"],
        "procure": ["procure"],
        "user list": ["user", "list"],
        "audit": ["audit", "--table", "trust"],
        "reconcile run": ["reconcile", "run", "--all"],
    ]

    /// The commands whose options include `--format`, and the formats their help names ("table, csv or json").
    static func commandsWithFormat(_ cli: CLI) throws -> [String: [String]] {
        let dump = try cli.run("--experimental-dump-help")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var found: [String: [String]] = [:]
        func walk(_ command: [String: Any], _ path: [String]) {
            let name = command["commandName"] as? String
            let here = name.map { path + [$0] } ?? path
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                guard names.contains("format"), let help = argument["abstract"] as? String else { continue }
                // "Output format: table, csv, json or xlsx (…)": the words before any parenthesis.
                let list = help.replacingOccurrences(of: "Output format:", with: "").split(separator: "(").first ?? ""
                let formats = list.replacingOccurrences(of: " or ", with: ",").split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "."))) }
                    .filter { ["table", "csv", "json", "xlsx"].contains($0) }
                found[here.dropFirst().joined(separator: " ")] = formats
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, here) }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return found
    }

    @Test func everyCommandEveryFormatParses() throws {
        let dir = try temporaryDataDirectory()
        let cli = CLI(dataDirectory: dir.appendingPathComponent("data"))
        defer { _ = try? cli.run("db", "stop"); try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let demo = try cli.run("demo", "--out", out, "--trusts", "3", "--assets", "60", "--plan-seconds", "2")
        try #require(demo.status == 0, "\(demo.stderr)")
        let model = dir.appendingPathComponent("model.json")
        try #"{"resources": [{"id": "budget", "limit": 10}], "items": [{"id": "a", "options": [{"label": "keep", "penalty": 5, "uses": {}}, {"label": "buy", "penalty": 1, "uses": {"budget": 7}}]}, {"id": "b", "options": [{"label": "keep", "penalty": 4, "uses": {}}, {"label": "buy", "penalty": 0, "uses": {"budget": 6}}]}]}"#
            .write(to: model, atomically: true, encoding: .utf8)

        // The demo's oldest import batch (ids of failed imports are used up, so it need not be 1).
        let batch = try #require(try cli.run("import", "list", "--format", "csv").stdout.split(whereSeparator: \.isNewline).last?
            .split(separator: ",").first.map(String.init))
        let commands = try Self.commandsWithFormat(cli)
        #expect(Set(commands.keys) == Set(Self.invocations.keys),
                "commands with --format and no invocation here: \(Set(commands.keys).subtracting(Self.invocations.keys).sorted()); stale: \(Set(Self.invocations.keys).subtracting(commands.keys).sorted())")
        let jsonDoc = try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("docs/json.md"), encoding: .utf8)
        var year = 2028, runs = 0
        for (command, formats) in commands.sorted(by: { $0.key < $1.key }) {
            guard let template = Self.invocations[command] else { continue }
            #expect(formats.contains("table") && formats.contains("json"), "\(command) offers \(formats)")
            for format in formats {
                year += 1
                var arguments = template.map {
                    $0.replacingOccurrences(of: "{out}", with: out).replacingOccurrences(of: "{root}", with: TestDatabase.repositoryRoot.path)
                        .replacingOccurrences(of: "{model}", with: model.path).replacingOccurrences(of: "{format}", with: format)
                        .replacingOccurrences(of: "{batch}", with: batch)
                        .replacingOccurrences(of: "{year}", with: String(min(year, 2040)))
                }
                let file = dir.appendingPathComponent("\(command.replacingOccurrences(of: " ", with: "-")).\(format)")
                arguments += ["--format", format]
                if format == "xlsx" { arguments += ["--out", file.path] }
                let result = try cli.run(arguments)
                runs += 1
                #expect(result.status == 0, "\(command) --format \(format): \(result.stderr)")
                guard result.status == 0 else { continue }
                switch format {
                case "json":
                    let parsed = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
                    #expect(parsed != nil, "\(command) --format json is not JSON: \(result.stdout.prefix(300))")
                    // snake_case keys; money as strings of pounds and pence, never a binary number (solve's
                    // penalties are the model's own unitless numbers).
                    let (camel, moneyNumbers) = Self.jsonProblems(parsed as Any)
                    #expect(camel.isEmpty, "\(command) --format json has camelCase keys: \(camel.sorted())")
                    // Every key is documented in docs/json.md (data keys such as trust codes and years aside).
                    let undocumented = Self.jsonKeys(parsed as Any).filter { !jsonDoc.contains("`\($0)`") }
                    #expect(undocumented.isEmpty, "\(command) --format json: keys not in docs/json.md: \(undocumented.sorted().joined(separator: " "))")
                    if command != "solve" {
                        #expect(moneyNumbers.isEmpty, "\(command) --format json has money as numbers: \(moneyNumbers.sorted())")
                    }
                case "csv":
                    let rows = Self.csvRows(result.stdout)
                    #expect(rows.count >= 1 && rows.allSatisfy { $0.count == rows[0].count },
                            "\(command) --format csv: rows of unequal width: \(result.stdout.prefix(300))")
                    #expect(rows.first?.allSatisfy { !$0.isEmpty && $0 == $0.lowercased() } == true, "\(command) csv header \(rows.first ?? [])")
                case "xlsx":
                    let bytes = try Data(contentsOf: file)
                    #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "\(command) --format xlsx did not write a workbook")
                default:
                    #expect(!result.stdout.isEmpty, "\(command) --format table printed nothing")
                    // A table is for people: no 38-digit ratios, no money without its pound sign in a listing.
                    #expect(result.stdout.range(of: #"0\.\d{12,}"#, options: .regularExpression) == nil,
                            "\(command) --format table shows a raw ratio: \(result.stdout.prefix(400))")
                    #expect(!result.stdout.hasPrefix("{") && !result.stdout.hasPrefix("["), "\(command) --format table printed JSON")
                    let wide: [String] = Self.tableLines(result.stdout).filter { $0.count > 100 }
                    let example: String = wide.first ?? ""
                    #expect(wide.isEmpty, "\(command) --format table: \(wide.count) lines wider than 100 columns, e.g. \(example)")
                }
            }
        }
        #expect(runs >= 3 * Self.invocations.count - 5, "only \(runs) runs")
    }

    /// Keys in camelCase, and keys named for money (amount, spend, budget, cost, price, value, objective, bound) whose
    /// value is a JSON number, anywhere in `json`.
    static func jsonProblems(_ json: Any) -> (camel: Set<String>, moneyNumbers: Set<String>) {
        var camel = Set<String>(), money = Set<String>()
        func walk(_ x: Any, _ key: String?) {
            if let o = x as? [String: Any] {
                for (k, v) in o {
                    if k.range(of: #"^[a-z]+[A-Z]"#, options: .regularExpression) != nil { camel.insert(k) }
                    walk(v, k)
                }
            } else if let a = x as? [Any] {
                a.forEach { walk($0, key) }
            } else if let key, x is NSNumber, !(x is Bool),
                      key.range(of: #"(amount|spend|budget|cost|price|value|objective|bound|cost_without|total)(_[ab]|_with_plan|_without)?$"#,
                                options: .regularExpression) != nil {
                money.insert(key)
            }
        }
        walk(json, nil)
        return (camel, money)
    }

    /// The field names in `json`: object keys that are snake_case words (not data such as "R1A", "2026/27" or a
    /// profile name with a hyphen).
    static func jsonKeys(_ json: Any) -> Set<String> {
        var keys = Set<String>()
        func walk(_ x: Any) {
            if let o = x as? [String: Any] {
                for (k, v) in o {
                    if k.range(of: #"^[a-z][a-z0-9_]*$"#, options: .regularExpression) != nil { keys.insert(k) }
                    walk(v)
                }
            } else if let a = x as? [Any] { a.forEach(walk) }
        }
        walk(json)
        return keys
    }

    /// The lines of the text tables in `text`: each table's header (the line above its row of dashes), the dashes,
    /// and the rows under them that keep the column gaps blank. Prose around the tables (footers, notes) is left
    /// out: a terminal wraps it.
    static func tableLines(_ text: String) -> [String] {
        let lines = text.components(separatedBy: "\n").map { Array($0) }
        var out: [String] = [], i = 0
        while i < lines.count {
            let dashes = String(lines[i])
            guard i > 0, !dashes.isEmpty, dashes.range(of: #"^-+(  -+)*$"#, options: .regularExpression) != nil else { i += 1; continue }
            let gaps = lines[i].indices.filter { lines[i][$0] == " " }
            out.append(String(lines[i - 1])); out.append(dashes)
            i += 1
            while i < lines.count, !lines[i].isEmpty, gaps.allSatisfy({ $0 >= lines[i].count || lines[i][$0] == " " }) {
                out.append(String(lines[i])); i += 1
            }
        }
        return out
    }

    /// RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" || c == "\r" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
