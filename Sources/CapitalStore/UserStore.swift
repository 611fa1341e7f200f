import CapitalCore
import Foundation
import Postgres

/// A trust user's part in its trust (sql/0045): each reads and writes only its own trust's rows.
public enum TrustRole: String, CaseIterable, Sendable, Codable {
    case finance, equipment, procurement
}

/// A network-wide role: an admin changes everything, the board reads everything, a viewer reads network results.
public enum NetworkRole: String, CaseIterable, Sendable, Codable {
    case admin, board, viewer

    /// The group role that carries the rights.
    var groupRole: String { "capital_\(rawValue)" }
}

/// What a capital user is: a trust's finance, equipment or procurement user, or a network role.
public enum UserRole: Sendable, Equatable {
    case trust(code: String, role: TrustRole)
    case network(NetworkRole)
}

/// One login role capital knows (a row of `capital_user`).
public struct CapitalUser: Sendable, Equatable {
    /// The login role's name.
    public let name: String
    /// Its trust's ODS code (a trust user).
    public let trust: String?
    /// finance, equipment or procurement (a trust user).
    public let trustRole: String?
    /// admin, board or viewer (a network user).
    public let networkRole: String?
    /// Whether the role can log in (false once its role has gone).
    public let canLogin: Bool
    /// When it was added, UTC.
    public let createdAt: Timestamp
    /// The role that added it.
    public let createdBy: String
}

/// Users as PostgreSQL login roles: `capital user add|list|remove`. Adding and removing need a connection that may
/// create roles (``Database/roleAdministrator(_:)``); listing works for any user (a trust user sees itself only).
public struct UserStore {
    let connection: Connection

    /// Works through `connection`.
    public init(_ connection: Connection) { self.connection = connection }

    /// A role name capital accepts: lower-case letters, digits and `_`, starting with a letter, at most 63 bytes,
    /// and not one of PostgreSQL's or capital's own (`pg_…`, `capital…`).
    static func check(name: String) throws {
        guard name.range(of: #"^[a-z][a-z0-9_]{0,62}$"#, options: .regularExpression) != nil else {
            throw UserError("user name \"\(name)\" is not allowed: use lower-case letters, digits and _, starting with a letter (at most 63)")
        }
        if name.hasPrefix("pg_") || name.hasPrefix("capital") || name == "postgres" || name == "public" {
            throw UserError("user name \"\(name)\" is reserved (pg_…, capital…, postgres, public)")
        }
    }

    /// Creates login role `name` with `role`'s rights. `password` (never taken from the command line) is stored as
    /// a SCRAM-SHA-256 verifier computed here; nil leaves the role without a password (the embedded cluster's
    /// private socket trusts its owner).
    public func add(name: String, role: UserRole, network: Network?, password: String?) throws {
        try UserStore.check(name: name)
        try connection.transaction { c in
            if try c.queryFirst("SELECT 1 FROM pg_roles WHERE rolname = \(name)") != nil {
                throw UserError("a database role named \(name) exists already")
            }
            var trustID: Int64?
            if case .trust(let code, _) = role {
                guard let network else { throw UserError("a trust user needs a network") }
                trustID = try NetworkStore(c).trust(network: network, code: code).id
            }
            let id = SQL.quoteIdentifier(name)
            var create = "CREATE ROLE \(id) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION"
            if let password {
                guard !password.isEmpty else { throw UserError("the password for \(name) is empty") }
                create += " PASSWORD " + SQL.quoteLiteral(try c.scramVerifier(password: password, user: name))
            }
            try c.executeScript(create)
            switch role {
            case .trust(_, let trustRole):
                try c.executeScript("GRANT capital_trust TO \(id)")
                try c.execute("""
                    INSERT INTO capital_user (role_name, trust_id, trust_role) VALUES (\(name), \(trustID), \(trustRole.rawValue))
                    """)
            case .network(let networkRole):
                try c.executeScript("GRANT \(networkRole.groupRole) TO \(id)")
                try c.execute("INSERT INTO capital_user (role_name, network_role) VALUES (\(name), \(networkRole.rawValue))")
            }
        }
    }

    /// Capital's users this connection may see, by name.
    public func list() throws -> [CapitalUser] {
        try connection.query("""
            SELECT u.role_name, t.ods_code, u.trust_role, u.network_role, coalesce(r.rolcanlogin, false) AS can_login,
                   to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at, u.created_by
            FROM capital_user u LEFT JOIN trust t ON t.id = u.trust_id LEFT JOIN pg_roles r ON r.rolname = u.role_name
            ORDER BY u.role_name
            """).map {
            CapitalUser(name: try $0.decode("role_name"), trust: try $0.decode("ods_code", as: String?.self),
                        trustRole: try $0.decode("trust_role", as: String?.self),
                        networkRole: try $0.decode("network_role", as: String?.self),
                        canLogin: try $0.decode("can_login"), createdAt: try $0.decode("created_at"),
                        createdBy: try $0.decode("created_by"))
        }
    }

    /// Removes user `name`: its row and its login role. What it did stays in the audit log under its name.
    public func remove(name: String) throws {
        try connection.transaction { c in
            guard try c.execute("DELETE FROM capital_user WHERE role_name = \(name)") == 1 else {
                throw UserError("no capital user \(name) (see `capital user list`)")
            }
            try c.executeScript("DROP ROLE \(SQL.quoteIdentifier(name))")
        }
    }

    /// The listing for `capital user list`.
    package static func table(_ users: [CapitalUser]) -> Tabular {
        Tabular(columns: ["name", "trust", "role", "can_login", "created_at", "created_by"],
                rows: users.map { u in
                    [u.name, u.trust, u.trustRole ?? u.networkRole.map { "network \($0)" }, u.canLogin ? "yes" : "no",
                     u.createdAt.iso, u.createdBy]
                },
                optionalColumns: ["created_by", "created_at"])
    }
}
