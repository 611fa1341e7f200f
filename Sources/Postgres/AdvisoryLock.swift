import Foundation

/// The session holding an advisory lock another session waits for, from `pg_locks` and
/// `pg_stat_activity`.
public struct LockHolder: Sendable, CustomStringConvertible {
    /// The holder's backend process id (`pg_locks.pid`).
    public let pid: Int
    /// Its `application_name` (empty if it set none); nil if PostgreSQL shows no activity row for it.
    public let applicationName: String?
    /// The role it is connected as; nil if PostgreSQL shows no activity row for it.
    public let user: String?
    /// Its client's IP address; nil for a Unix-socket connection or when hidden from this user.
    public let clientAddress: String?
    /// When its transaction began (UTC, to the second), and how long ago.
    public let since: String?
    /// Seconds since its transaction began; nil when hidden from this user or it is not in a transaction.
    public let seconds: Double?
    /// Its `pg_stat_activity.state`, such as "active" or "idle in transaction"; nil when hidden from this user.
    public let state: String?

    /// "pid 1234 (capital, user alice, on 10.0.0.5), in a transaction since 2026-12-01 07:01:02 UTC (12 s ago)".
    public var description: String {
        var who = [applicationName.flatMap { $0.isEmpty ? nil : $0 }, user.map { "user \($0)" },
                   clientAddress.map { "on \($0)" }].compactMap { $0 }.joined(separator: ", ")
        if !who.isEmpty { who = " (\(who))" }
        var text = "pid \(pid)\(who)"
        if let since {
            text += ", in a transaction since \(since)"
            if let seconds { text += String(format: " (%.0f s ago)", seconds) }
        }
        if state == "idle in transaction" { text += ", idle" }
        return text
    }
}

extension Connection {
    /// Takes the transaction-level advisory lock `key` (`pg_advisory_xact_lock`). When another
    /// session holds it, `waiting` is called first with that session (nil if it could not be
    /// seen, e.g. it let go in between), and then the lock is waited for as usual.
    public func advisoryTransactionLock(_ key: Int64, waiting: (LockHolder?) -> Void) throws {
        let got: Bool = try scalar("SELECT pg_try_advisory_xact_lock(\(key))")
        if got { return }
        waiting(try? advisoryLockHolder(key))
        try execute("SELECT pg_advisory_xact_lock(\(key))")
    }

    /// The session holding the advisory lock `key` in this database, if any (and if visible:
    /// other users' sessions show no details unless the user has pg_read_all_stats).
    public func advisoryLockHolder(_ key: Int64) throws -> LockHolder? {
        // A bigint key is stored as classid (high 32 bits), objid (low 32 bits), objsubid 1.
        let high = key >> 32, low = key & 0xFFFF_FFFF
        guard let row = try queryFirst("""
            SELECT l.pid, a.application_name, a.usename::text AS usename, host(a.client_addr) AS client_addr, a.state,
                   to_char(a.xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC' AS since,
                   extract(epoch FROM clock_timestamp() - a.xact_start)::float8 AS seconds
            FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = \(high) AND l.objid::bigint = \(low)
            LIMIT 1
            """) else { return nil }
        return LockHolder(pid: try row.decode("pid"), applicationName: try row.decode("application_name", as: String?.self),
                          user: try row.decode("usename", as: String?.self), clientAddress: try row.decode("client_addr", as: String?.self),
                          since: try row.decode("since", as: String?.self), seconds: try row.decode("seconds", as: Double?.self),
                          state: try row.decode("state", as: String?.self))
    }
}
