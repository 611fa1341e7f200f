import CLibPQ
import Foundation

extension Connection {
    // MARK: Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Nested calls use savepoints, so an inner failure rolls back only the inner work.
    public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        let depth = transactionDepth
        let savepoint = "capital_sp_\(depth)"
        try executeScript(depth == 0 ? "BEGIN" : "SAVEPOINT \(savepoint)")
        transactionDepth += 1
        // Back to this depth however we leave, exactly once (a failing COMMIT, e.g. a deferred
        // constraint, must not count twice).
        defer { transactionDepth = depth }
        let value: T
        do {
            value = try body(self)
        } catch {
            try? executeScript(depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint)")
            throw error
        }
        do {
            try executeScript(depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT \(savepoint)")
        } catch {
            // COMMIT that fails ends the transaction itself; a failed RELEASE leaves the savepoint to undo.
            if depth > 0 { try? executeScript("ROLLBACK TO SAVEPOINT \(savepoint)") }
            throw error
        }
        return value
    }

    /// Whether the connection is not idle: inside a transaction (including a failed one not yet rolled back) or busy; false once closed.
    public var isInTransaction: Bool {
        guard let handle else { return false }
        return PQtransactionStatus(handle) != PQTRANS_IDLE
    }
}
