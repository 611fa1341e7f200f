import Foundation
import Postgres
import Testing
import TestSupport

@Suite struct ConnectionTests {
    @Test func valuesAreParametersNeverSQL() throws {
        let (db, _) = try TestDatabase.empty()
        try db.executeScript("CREATE TABLE t (name text)")
        let hostile = "x'); DROP TABLE t; --"
        try db.execute("INSERT INTO t (name) VALUES (\(hostile))")
        #expect(try db.scalar("SELECT name FROM t", as: String.self) == hostile)
        #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 1)
    }

    @Test func decodesTypedValuesAndNulls() throws {
        let (db, _) = try TestDatabase.empty()
        let row = try #require(try db.queryFirst("""
            SELECT 'text'::text AS t, 42::int4 AS i, 9007199254740993::int8 AS big,
                   12345678901234567890.12::numeric AS n, DATE '2024-02-29' AS d, true AS b,
                   '{"a": [1, 2]}'::jsonb AS j, NULL::text AS missing, 0.1::float8 AS f
            """))
        #expect(try row.decode("t", as: String.self) == "text")
        #expect(try row.decode("i", as: Int.self) == 42)
        #expect(try row.decode("big", as: Int64.self) == 9_007_199_254_740_993)
        #expect(try row.decode("n", as: Decimal.self) == Decimal(string: "12345678901234567890.12")!)
        #expect(try row.decode("d", as: String.self) == "2024-02-29")
        #expect(try row.decode("b", as: Bool.self) == true)
        struct J: Decodable, Equatable { let a: [Int] }
        #expect(try row.decode("j", as: PostgresJSON.self).decode(J.self) == J(a: [1, 2]))
        #expect(try row.decode("missing", as: String?.self) == nil)
        #expect(try row.decode("f", as: Double.self) == 0.1)
        #expect(throws: PostgresError.self) { try row.decode("missing", as: String.self) }
        #expect(throws: PostgresError.self) { try row.decode("nope", as: String.self) }
    }

    @Test func parametersRoundTripExactly() throws {
        let (db, _) = try TestDatabase.empty()
        let amount = Decimal(string: "1234567.89")!
        #expect(try db.scalar("SELECT \(amount) + 0.01", as: Decimal.self) == Decimal(string: "1234567.90")!)
        #expect(try db.scalar("SELECT \(Int64.max)::int8", as: Int64.self) == Int64.max)
        let optional: String? = nil
        #expect(try db.scalar("SELECT \(optional)::text IS NULL", as: Bool.self))
        #expect(try db.scalar("SELECT \(["a", "b\"c", "d,e"])::text[] @> ARRAY['b\"c']", as: Bool.self))
        #expect(try db.scalar("SELECT array_length(\(["a", "b\"c", "d,e"])::text[], 1)", as: Int.self) == 3)
    }

    @Test func serverErrorsCarrySQLStateDetailAndHint() throws {
        let (db, _) = try TestDatabase.empty()
        do {
            try db.executeScript("""
                DO $$ BEGIN RAISE EXCEPTION 'budget exceeded' USING ERRCODE = '22023', DETAIL = 'year 2027', HINT = 'raise the budget'; END $$
                """)
            Issue.record("expected an error")
        } catch let error as PostgresError {
            #expect(error.kind == .server)
            #expect(error.sqlState == "22023")
            #expect(error.message == "budget exceeded")
            #expect(error.detail == "year 2027")
            #expect(error.hint == "raise the budget")
            #expect(error.description.contains("Hint: raise the budget"))
        }
        try db.executeScript("CREATE TABLE u (k int PRIMARY KEY)")
        try db.execute("INSERT INTO u VALUES (1)")
        do {
            try db.execute("INSERT INTO u VALUES (1)")
            Issue.record("expected a unique violation")
        } catch let error as PostgresError {
            #expect(error.isUniqueViolation)
            #expect(error.constraint == "u_pkey")
            #expect(error.detail?.contains("(k)=(1)") == true)
        }
        // The connection is still usable after errors.
        #expect(try db.scalar("SELECT 1", as: Int.self) == 1)
    }

    @Test func transactionsRollBackWhenTheBodyThrows() throws {
        let (db, _) = try TestDatabase.empty()
        try db.executeScript("CREATE TABLE t (v int)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction { c in
                try c.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 0)
        #expect(!db.isInTransaction)
        try db.transaction { c in
            try c.execute("INSERT INTO t VALUES (1)")
            // An inner failure rolls back only the inner work (savepoint).
            _ = try? c.transaction { inner -> Void in
                try inner.execute("INSERT INTO t VALUES (2)")
                throw Boom()
            }
            try c.execute("INSERT INTO t VALUES (3)")
        }
        #expect(try db.query("SELECT v FROM t ORDER BY v").map { try $0.decode(0, as: Int.self) } == [1, 3])
    }

    @Test func copyInStreamsAwkwardValuesIntact() throws {
        let (db, _) = try TestDatabase.empty()
        try db.executeScript("CREATE TABLE staging (tag text, serial text, note text)")
        let awkward = ["tab\there", "line\nbreak", "back\\slash", "cr\rret", "£1,234.50", "\\N"]
        let loaded = try db.copyIn(table: "staging", columns: ["tag", "serial", "note"]) { w in
            for (i, value) in awkward.enumerated() { try w.writeRow(["T\(i)", value, nil]) }
            for i in 0..<50_000 { try w.writeRow(["B\(i)", "0189F27741", "bulk"]) }
        }
        #expect(loaded == awkward.count + 50_000)
        let back = try db.query("SELECT serial, note FROM staging WHERE tag LIKE 'T%' ORDER BY tag")
        #expect(try back.map { try $0.decode("serial", as: String.self) } == awkward)
        #expect(try back.allSatisfy { try $0.isNull("note") })
    }

    @Test func aFailedCopyLoadsNothing() throws {
        let (db, _) = try TestDatabase.empty()
        try db.executeScript("CREATE TABLE staging (n int)")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.copyIn(table: "staging", columns: ["n"]) { w in
                for i in 0..<1000 { try w.writeRow([String(i)]) }
                throw Stop()
            }
        }
        #expect(throws: PostgresError.self) {
            try db.copyIn(table: "staging", columns: ["n"]) { w in try w.writeRow(["not a number"]) }
        }
        #expect(try db.scalar("SELECT count(*) FROM staging", as: Int.self) == 0)
    }

    /// Many more chunks than the sender keeps in flight: every row arrives, in order (a row split across two chunks
    /// would be corrupted if chunks were reordered); a body that fails after many chunks loads nothing.
    @Test func copyInSendsManyChunksInOrder() throws {
        let (db, _) = try TestDatabase.empty()
        try db.executeScript("CREATE TABLE staging (n int, pad text)")
        let rows = 300_000
        let pad = String(repeating: "x", count: 40)
        let loaded = try db.copyIn(table: "staging", columns: ["n", "pad"]) { w in
            for i in 1...rows { w.appendField(int: i); w.appendField(pad); try w.endRow() }
        }
        #expect(loaded == rows)
        #expect(try db.scalar("SELECT count(*) FROM (SELECT n, row_number() OVER (ORDER BY ctid) AS k FROM staging) x WHERE n = k", as: Int.self) == rows)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.copyIn(table: "staging", columns: ["n", "pad"]) { w in
                for i in 1...rows { w.appendField(int: i); w.appendField(pad); try w.endRow() }
                throw Stop()
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM staging", as: Int.self) == rows)
    }

    /// Every binary encoder against what the server makes of it, read back as text: numerics around
    /// the base-10000 digit boundaries and signs, dates either side of 2000-01-01, text the text format
    /// would have to escape, jsonb, NULLs; then enough rows for many chunks; a failing body loads nothing.
    @Test func copyInBinaryRoundTripsEachType() throws {
        let (db, _) = try TestDatabase.empty()
        try db.executeScript("""
            CREATE TABLE b (k int4, s int2, l int8, f bool, c "char", t text, d date, m numeric(15,2), h numeric(8,1), j jsonb)
            """)
        let money: [Int64] = [0, 5, 50, 100, 123_450, -1, -123_456, 1_000_000, 100_000_000, 1_000_000_05, 10_000_000_000,
                              999_999_999_999_999, 1_000_050]
        let dates: [(days: Int, iso: String)] = [(10957, "2000-01-01"), (10956, "1999-12-31"), (-7305, "1950-01-01"), (20512, "2026-02-28"), (157113, "2400-02-29")]
        let texts = ["tab\there", "line\nbreak", "back\\slash", "£1,234.50 — ünïcode", "\\N", ""]
        let loaded = try db.copyInBinary(table: "b", columns: ["k", "s", "l", "f", "c", "t", "d", "m", "h", "j"]) { w in
            for i in 0..<max(money.count, dates.count, texts.count) {
                w.appendInt32(Int32(i)); w.appendInt16(Int16(-i)); w.appendInt64(Int64(i) << 40); w.appendBool(i % 2 == 0)
                w.appendChar(0x61 + UInt8(i))
                if i < texts.count { w.appendText(texts[i]) } else { w.appendNull() }
                if i < dates.count { w.appendDate(daysSince1970: dates[i].days) } else { w.appendNull() }
                if i < money.count { w.appendNumeric(money[i], scale: 2) } else { w.appendNull() }
                w.appendNumeric(Int64(i * 7), scale: 0)
                var json = "{\"row\":\(i),\"v\":\"a\\tb\"}"
                json.withUTF8 { w.appendJSONB(UnsafeRawBufferPointer($0)) }
                try w.endRow()
            }
            for i in 0..<200_000 {
                w.appendInt32(Int32(1000 + i)); w.appendNull(); w.appendNull(); w.appendNull(); w.appendNull()
                w.appendText("bulk"); w.appendNull(); w.appendNumeric(Int64(i), scale: 2); w.appendNull(); w.appendNull()
                try w.endRow()
            }
        }
        #expect(loaded == money.count + 200_000)
        let back = try db.query("SELECT k, s::text, l::text, f::text, c::text, t, d::text, m::text, h::text, j::text FROM b WHERE k < 1000 ORDER BY k")
        func plain(_ p: Int64) -> String {
            let m = p.magnitude
            return (p < 0 ? "-" : "") + "\(m / 100)." + (m % 100 < 10 ? "0" : "") + "\(m % 100)"
        }
        #expect(try back.map { try $0.decode("m", as: String?.self) } == money.map(plain))
        #expect(try back.prefix(dates.count).map { try $0.decode("d", as: String.self) } == dates.map(\.iso))
        #expect(try back.prefix(texts.count).map { try $0.decode("t", as: String.self) } == texts)
        #expect(try back.map { try $0.decode("h", as: String.self) } == (0..<money.count).map { "\($0 * 7).0" })
        #expect(try back.map { try $0.decode("s", as: String.self) } == (0..<money.count).map { "\(-$0)" })
        #expect(try back.map { try $0.decode("l", as: String.self) } == (0..<money.count).map { "\(Int64($0) << 40)" })
        #expect(try back.map { try $0.decode("f", as: String.self) } == (0..<money.count).map { $0 % 2 == 0 ? "true" : "false" })
        #expect(try back.map { try $0.decode("c", as: String.self) } == (0..<money.count).map { String(UnicodeScalar(UInt8(0x61 + $0))) })
        #expect(try back[3].decode("j", as: String.self) == "{\"v\": \"a\\tb\", \"row\": 3}")
        #expect(try db.scalar("SELECT sum(m) FROM b WHERE k >= 1000", as: String.self) == plain(Int64(199_999 * 200_000 / 2)))
        #expect(try db.scalar("SELECT count(*) FROM (SELECT k, row_number() OVER (ORDER BY ctid) + 999 AS n FROM b WHERE k >= 1000) x WHERE k = n", as: Int.self) == 200_000)

        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.copyInBinary(table: "b", columns: ["k"]) { w in
                for i in 0..<100_000 { w.appendInt32(Int32(i)); try w.endRow() }
                throw Stop()
            }
        }
        // A value of the wrong width is refused by the server, and nothing loads.
        #expect(throws: PostgresError.self) {
            try db.copyInBinary(table: "b", columns: ["l"]) { w in w.appendInt32(1); try w.endRow() }
        }
        #expect(try db.scalar("SELECT count(*) FROM b", as: Int.self) == money.count + 200_000)
    }

    @Test func streamsLargeResultsRowByRow() throws {
        let (db, _) = try TestDatabase.empty()
        var sum = 0, count = 0
        try db.forEachRow("SELECT g FROM generate_series(1, \(100_000)) g") { row in
            sum += try row.decode(0, as: Int.self)
            count += 1
        }
        #expect(count == 100_000)
        #expect(sum == 100_000 * 100_001 / 2)
        #expect(throws: PostgresError.self) { try db.forEachRow("SELECT 1/0") { _ in } }
        #expect(try db.scalar("SELECT 2", as: Int.self) == 2)
    }

    @Test func connectsByURLAndReportsConnectionFailures() throws {
        let (_, name) = try TestDatabase.empty()
        let cluster = try TestDatabase.cluster
        let host = cluster.socketDirectory.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let db = try Connection("postgresql://capital@/\(name)?host=\(host)")
        #expect(try db.scalar("SELECT current_database()", as: String.self) == name)
        do {
            _ = try Connection("host=\(cluster.socketDirectory.path) dbname=no_such_db user=capital")
            Issue.record("expected a connection error")
        } catch let error as PostgresError {
            #expect(error.kind == .connection)
            #expect(error.message.contains("no_such_db"))
        }
    }

    @Test func quotesIdentifiers() throws {
        let (db, _) = try TestDatabase.empty()
        try db.executeScript("CREATE TABLE \(SQL.quoteIdentifier("odd \"name\"")) (v int)")
        try db.execute("INSERT INTO \(identifier: "odd \"name\"") VALUES (\(7))")
        #expect(try db.scalar("SELECT v FROM \(identifier: "odd \"name\"")", as: Int.self) == 7)
    }
}

@Suite struct TransactionCommitFailureTests {
    @Test func aCommitThatFailsLeavesTheConnectionUsable() throws {
        let (db, _) = try TestDatabase.empty()
        try db.executeScript("""
            CREATE TABLE parent (id int PRIMARY KEY);
            CREATE TABLE child (id int REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
            """)
        // The deferred foreign key fails only at COMMIT.
        #expect(throws: PostgresError.self) {
            try db.transaction { c in try c.execute("INSERT INTO child VALUES (1)") }
        }
        #expect(!db.isInTransaction)
        // The next transaction starts cleanly (not as a savepoint of a transaction that is gone).
        try db.transaction { c in
            try c.execute("INSERT INTO parent VALUES (1)")
            try c.execute("INSERT INTO child VALUES (1)")
        }
        #expect(try db.scalar("SELECT count(*) FROM child", as: Int.self) == 1)
    }
}
