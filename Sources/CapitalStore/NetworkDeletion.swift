import CapitalCore
import Postgres

extension NetworkStore {
    /// Rows deleted from one table by ``deleteNetwork(_:)``.
    public struct DeletedRows: Sendable, Equatable {
        /// The table.
        public let table: String
        /// How many of its rows belonged to the network.
        public let rows: Int
    }

    /// Deletes `network` and every row that belongs to it, in one transaction, and says how many rows went from each
    /// table.
    ///
    /// Rule kept: the tables are found from the schema, not from a list here. Every table that refers to the network
    /// through any chain of keys is emptied of the network's rows, children before parents, so a table added by a
    /// later migration is covered without change. The keys are the declared foreign keys plus, for references
    /// checked by triggers instead (asset's, for import speed: sql/0006, 0007), every column `X_id` with no
    /// declared key where a table `X` with an `id` exists. Where that order is still wrong (a trigger-checked
    /// reference the convention misses), the refused delete is rolled back to a savepoint and tried again after the
    /// others; only a delete no order allows fails, and then nothing is deleted. Another network's rows are never
    /// touched.
    @discardableResult
    public func deleteNetwork(_ network: Network) throws -> [DeletedRows] {
        try connection.transaction { c in
            // The call guards let this network's approved and issued calls go, for this transaction only (sql/0041).
            _ = try c.query(SQL(stringLiteral: "SELECT set_config('capital.deleting_network', '\(network.id)', true)"))
            let edges = try Self.foreignKeys(c)
            // Breadth-first from `network`: each owned table and the key by which it reaches an owned parent.
            var path: [String: ForeignKey] = [:], order = ["network"]
            var frontier = ["network"]
            while !frontier.isEmpty {
                var next: [String] = []
                for parent in frontier {
                    for edge in edges where edge.parent == parent && edge.child != parent && path[edge.child] == nil && edge.child != "network" {
                        path[edge.child] = edge
                        order.append(edge.child)
                        next.append(edge.child)
                    }
                }
                frontier = next
            }
            func belongs(_ table: String) -> String {
                guard let edge = path[table] else { return "id = \(network.id)" }
                let own = edge.childColumns.map(Self.quoted).joined(separator: ", ")
                let keys = edge.parentColumns.map(Self.quoted).joined(separator: ", ")
                return "(\(own)) IN (SELECT \(keys) FROM \(Self.quoted(edge.parent)) WHERE \(belongs(edge.parent)))"
            }
            // Children before parents: a table goes once no remaining owned table refers to it.
            // A delete refused by a trigger-checked reference is undone and retried after the others.
            var remaining = order, deleted: [DeletedRows] = [], lastRefusal: PostgresError?
            while !remaining.isEmpty {
                let ready = remaining.reversed().filter { t in
                    !edges.contains { $0.parent == t && $0.child != t && remaining.contains($0.child) }
                }
                let candidates = ready + remaining.reversed().filter { !ready.contains($0) }
                var done: String?
                for table in candidates {
                    do {
                        let count = try c.transaction { inner in
                            try inner.execute(SQL(stringLiteral: "DELETE FROM \(Self.quoted(table)) WHERE \(belongs(table))"))
                        }
                        deleted.append(DeletedRows(table: table, rows: count))
                        done = table
                        break
                    } catch let e as PostgresError where e.isForeignKeyViolation {
                        lastRefusal = e
                    }
                }
                guard let table = done else {
                    throw UserError("network \"\(network.name)\" not deleted, nothing changed: its rows in \(remaining.joined(separator: ", ")) refer to each other in a way no order of deletes allows (\(lastRefusal.map { "\($0)" } ?? "a cycle of keys"))")
                }
                remaining.removeAll { $0 == table }
            }
            return deleted
        }
    }

    struct ForeignKey {
        let child: String, childColumns: [String], parent: String, parentColumns: [String]
    }

    /// The foreign keys between the tables of the schema capital uses (the first on the search path), declared or
    /// by the `X_id` → `X (id)` convention where a trigger checks the reference instead.
    static func foreignKeys(_ c: Connection) throws -> [ForeignKey] {
        let declared = try declaredForeignKeys(c)
        let conventional = try c.query("""
            SELECT t.relname AS child, a.attname AS col, p.relname AS parent
            FROM pg_class t
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attname LIKE '%\\_id'
            JOIN pg_class p ON p.relname = left(a.attname, -3) AND p.relnamespace = t.relnamespace AND p.relkind IN ('r', 'p')
            JOIN pg_attribute pid ON pid.attrelid = p.oid AND pid.attname = 'id' AND NOT pid.attisdropped
            WHERE t.relnamespace = current_schema()::regnamespace AND t.relkind IN ('r', 'p')
            ORDER BY t.relname, a.attname
            """).map { row in
            ForeignKey(child: try row.decode("child"), childColumns: [try row.decode("col")], parent: try row.decode("parent"), parentColumns: ["id"])
        }.filter { k in !declared.contains { $0.child == k.child && $0.parent == k.parent && $0.childColumns.contains(k.childColumns[0]) } }
        // The audit trail (sql/0047) is append-only and keeps a deleted network's history: never a child to empty.
        return (declared + conventional).filter { $0.child != "audit_log" }
    }

    static func declaredForeignKeys(_ c: Connection) throws -> [ForeignKey] {
        try c.query("""
            SELECT child.relname AS child, parent.relname AS parent,
                   array_to_string(array_agg(ca.attname ORDER BY k.ord), ',') AS child_columns,
                   array_to_string(array_agg(pa.attname ORDER BY k.ord), ',') AS parent_columns
            FROM pg_constraint f
            JOIN pg_class child ON child.oid = f.conrelid
            JOIN pg_class parent ON parent.oid = f.confrelid
            CROSS JOIN LATERAL unnest(f.conkey, f.confkey) WITH ORDINALITY AS k(child_att, parent_att, ord)
            JOIN pg_attribute ca ON ca.attrelid = f.conrelid AND ca.attnum = k.child_att
            JOIN pg_attribute pa ON pa.attrelid = f.confrelid AND pa.attnum = k.parent_att
            WHERE f.contype = 'f' AND f.connamespace = current_schema()::regnamespace
            GROUP BY f.oid, child.relname, parent.relname
            ORDER BY child.relname, parent.relname, f.oid
            """).map { row in
            ForeignKey(child: try row.decode("child"), childColumns: (try row.decode("child_columns") as String).split(separator: ",").map(String.init),
                       parent: try row.decode("parent"), parentColumns: (try row.decode("parent_columns") as String).split(separator: ",").map(String.init))
        }
    }

    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
