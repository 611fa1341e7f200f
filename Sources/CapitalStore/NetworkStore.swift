import CapitalCore
import Funding
import Postgres

/// Reads and writes networks, trusts and sites. Errors name what the user typed.
public struct NetworkStore {
    /// The connection every read and write goes through (writes in their own transactions).
    public let connection: Connection
    /// A store over `connection` (whose schema is up to date: see ``Database/open(_:migrationsDirectory:)``).
    public init(_ connection: Connection) { self.connection = connection }

    /// Creates a network (no trusts yet) and returns it; throws a `UserError` when the name is taken or the
    /// database refuses a value (an empty name, a date before 2000).
    @discardableResult
    public func createNetwork(name: String, formedOn: CalendarDate, structure: NetworkStructure = .collaboration) throws -> Network {
        // Names match case-insensitively everywhere, so two networks may not differ only in case.
        if let clash = try networks().first(where: { $0.name.lowercased() == name.lowercased() }) {
            throw UserError("a network named \"\(clash.name)\" already exists")
        }
        do {
            let id: Int64 = try connection.scalar("""
                INSERT INTO network (name, formed_on, structure) VALUES (\(name), \(formedOn), \(structure.rawValue)) RETURNING id
                """)
            return Network(id: id, name: name, formedOn: formedOn, structure: structure, trustCount: 0)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw UserError("a network named \"\(name)\" already exists")
        } catch let error as PostgresError where error.isCheckViolation {
            throw UserError("network \"\(name)\" not created: \(error.message)")
        }
    }

    /// Every network, by name, with its trusts counted.
    public func networks() throws -> [Network] {
        try connection.query("""
            SELECT n.id, n.name, n.formed_on, n.structure, count(t.id) AS trusts
            FROM network n LEFT JOIN trust t ON t.network_id = n.id
            GROUP BY n.id ORDER BY n.name
            """).map { row in
            Network(id: try row.decode("id"), name: try row.decode("name"), formedOn: try row.decode("formed_on"),
                    structure: NetworkStructure(rawValue: try row.decode("structure")) ?? .collaboration,
                    trustCount: try row.decode("trusts"))
        }
    }

    /// The network a command acts on: the one named (its case need not match), or the only one there is.
    public func network(named name: String?) throws -> Network {
        let all = try networks()
        if let name {
            guard let match = all.first(where: { $0.name == name }) ?? all.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw UserError("no network named \"\(name)\"; networks: \(all.map(\.name).joined(separator: ", ").ifEmpty("none yet"))")
            }
            return match
        }
        switch all.count {
        case 0: throw StoreRequirement.network
        case 1: return all[0]
        default: throw StoreRequirement.networkName(among: all.map(\.name))
        }
    }

    /// Renames `network` to `newName` (its case need not differ from another's only); throws a `UserError` when the
    /// name is taken or empty.
    @discardableResult
    public func renameNetwork(_ network: Network, to newName: String) throws -> Network {
        let name = newName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw UserError("a network's name cannot be empty") }
        if let clash = try networks().first(where: { $0.id != network.id && $0.name.lowercased() == name.lowercased() }) {
            throw UserError("a network named \"\(clash.name)\" already exists")
        }
        try connection.execute("UPDATE network SET name = \(name) WHERE id = \(network.id)")
        return try self.network(named: name)
    }

    /// Renames member trust `code` (its ODS code does not change: every record refers to it); throws a `UserError`
    /// for an empty name, ``StoreRequirement`` when the trust is not a member.
    @discardableResult
    public func renameTrust(network: Network, code: String, to newName: String) throws -> Trust {
        let name = newName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw UserError("a trust's name cannot be empty") }
        let trust = try trust(network: network, code: code)
        try connection.execute("UPDATE trust SET name = \(name) WHERE id = \(trust.id)")
        return try self.trust(network: network, code: code)
    }

    /// Adds a member trust (its ODS code upper-cased: 3 to 5 letters and digits) and returns it; throws a
    /// `UserError` for a malformed code, a trust already in the network, an owner the network's legal structure does
    /// not allow (``StructureRules``: an NHS trust in a joint venture or CIC) or a value the database refuses.
    @discardableResult
    public func addTrust(network: Network, odsCode: String, name: String, kind: Trust.Kind) throws -> Trust {
        let code = odsCode.uppercased()
        guard code.range(of: "^[A-Z0-9]{3,5}$", options: .regularExpression) != nil else {
            throw UserError("trust code \"\(odsCode)\" is not an ODS code (3 to 5 letters and digits, e.g. RRK)")
        }
        // The structure in force now, not as `network` was read: the agreement may have changed since.
        let structure = NetworkStructure(rawValue: try connection.scalar("SELECT structure FROM network WHERE id = \(network.id)", as: String.self))
            ?? network.structure
        try StructureRules.checkOwner(code: code, kind: kind, structure: structure)
        do {
            let id: Int64 = try connection.scalar("""
                INSERT INTO trust (network_id, ods_code, name, kind) VALUES (\(network.id), \(code), \(name), \(kind.rawValue))
                RETURNING id
                """)
            return Trust(id: id, odsCode: code, name: name, kind: kind, siteCount: 0, assetCount: 0)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw UserError("trust \(code) is already a member of \(network.name)")
        } catch let error as PostgresError where error.isCheckViolation {
            throw UserError("trust \(code) not added: \(error.message)")
        }
    }

    /// The member trusts, with their sites and assets counted.
    public func trusts(network: Network) throws -> [Trust] {
        try trusts(network: network, code: nil)
    }

    /// Each member trust's database id by ODS code (nothing counted: cheap on a big register).
    public func memberIDs(network: Network) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for row in try connection.query("SELECT id, ods_code FROM trust WHERE network_id = \(network.id)") {
            ids[try row.decode("ods_code")] = try row.decode("id")
        }
        return ids
    }

    /// The notices to leave the network that trusts have given (``CallStore/recordExit(network:trustCode:noticeDate:noticeMonths:)``).
    public func exits(network: Network) throws -> [TrustExit] {
        try connection.query("""
            SELECT ods_code, notice_given_on, notice_months, exit_charged_until, exit_board_decision FROM trust
            WHERE network_id = \(network.id) AND notice_given_on IS NOT NULL ORDER BY ods_code
            """).map {
            try TrustExit(trust: try $0.decode("ods_code"), noticeDate: try $0.decode("notice_given_on"),
                          noticeMonths: try $0.decode("notice_months"),
                          chargedUntil: try $0.decode("exit_charged_until", as: CalendarDate?.self),
                          boardDecision: try $0.decode("exit_board_decision", as: String?.self))
        }
    }

    /// One member trust. Only its own sites and assets are counted: an import into a big register should not
    /// count every other trust's assets first.
    public func trust(network: Network, code: String) throws -> Trust {
        let code = code.uppercased()
        guard let trust = try trusts(network: network, code: code).first else {
            throw StoreRequirement.member(trust: code, network: network.name)
        }
        return trust
    }

    private func trusts(network: Network, code: String?) throws -> [Trust] {
        try connection.query("""
            SELECT t.id, t.ods_code, t.name, t.kind,
                   (SELECT count(*) FROM site s WHERE s.trust_id = t.id) AS sites,
                   (SELECT count(*) FROM asset a WHERE a.trust_id = t.id AND a.retired_at IS NULL) AS assets
            FROM trust t WHERE t.network_id = \(network.id) AND (\(code)::text IS NULL OR t.ods_code = \(code))
            ORDER BY t.ods_code
            """).map { row in
            Trust(id: try row.decode("id"), odsCode: try row.decode("ods_code"), name: try row.decode("name"),
                  kind: Trust.Kind(rawValue: try row.decode("kind")) ?? .nhsTrust,
                  siteCount: try row.decode("sites"), assetCount: try row.decode("assets"))
        }
    }

    /// Adds a site to member trust `trustCode` and returns it; throws a `UserError` when the trust already has a
    /// site with that code, ``StoreRequirement`` when the trust is not a member.
    @discardableResult
    public func addSite(network: Network, trustCode: String, code: String, name: String) throws -> Site {
        let trust = try trust(network: network, code: trustCode)
        do {
            let id: Int64 = try connection.scalar("""
                INSERT INTO site (trust_id, code, name) VALUES (\(trust.id), \(code), \(name)) RETURNING id
                """)
            return Site(id: id, trustCode: trust.odsCode, code: code, name: name)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw UserError("trust \(trust.odsCode) already has a site \(code)")
        } catch let error as PostgresError where error.isCheckViolation {
            throw UserError("site \(code) not added: \(error.message)")
        }
    }

    /// The sites of one member trust (`trustCode`, any case) or, when nil, of every member, by trust then site code.
    public func sites(network: Network, trustCode: String? = nil) throws -> [Site] {
        try connection.query("""
            SELECT s.id, t.ods_code, s.code, s.name FROM site s JOIN trust t ON t.id = s.trust_id
            WHERE t.network_id = \(network.id) AND (\(trustCode?.uppercased())::text IS NULL OR t.ods_code = \(trustCode?.uppercased()))
            ORDER BY t.ods_code, s.code
            """).map { row in
            Site(id: try row.decode("id"), trustCode: try row.decode("ods_code"), code: try row.decode("code"), name: try row.decode("name"))
        }
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
