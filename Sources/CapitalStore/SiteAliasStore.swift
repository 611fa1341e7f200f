import CapitalCore
import Foundation
import Postgres

/// What `capital site alias` did.
public struct SiteAliasOutcome: Sendable, Equatable {
    /// The site kept, as it now is.
    public let site: Site
    /// Sites that were the same place under another spelling, folded into `site` (their codes).
    public let merged: [String]
    /// Assets and finance records moved to `site` from the merged sites.
    public let assetsMoved: Int
    /// Finance records moved to `site` from the merged sites.
    public let financeRecordsMoved: Int
}

/// Site aliases (issue 18): another name of a site ("Royal Infirmary" for RI01), which imports resolve to the site and
/// reconciliation treats as the site. A site created earlier under the alias (a CMMS import naming it by name while
/// finance used its code) is folded into the aliased site: its rows move, and it goes.
public struct SiteAliasStore {
    /// The connection it works through.
    public let connection: Connection
    /// A store over `connection`.
    public init(_ connection: Connection) { self.connection = connection }

    /// Makes `alias` another name of the site `code` (of `trustCode`, or the only trust with that code), folding in a site already created under it.
    public func alias(network: Network, trustCode: String?, code: String, alias: String) throws -> SiteAliasOutcome {
        let alias = alias.trimmingCharacters(in: .whitespaces)
        guard !alias.isEmpty else { throw UserError("the alias is empty") }
        let matches = try NetworkStore(connection).sites(network: network, trustCode: trustCode).filter { $0.code.lowercased() == code.lowercased() }
        guard let site = matches.first else {
            throw UserError("no site \(code)" + (trustCode.map { " in trust \($0.uppercased())" } ?? " in network \"\(network.name)\"")
                            + "; `capital site list` shows the sites")
        }
        guard matches.count == 1 else {
            throw UserError("site \(code) is in trusts \(matches.map(\.trustCode).joined(separator: ", ")); say which with --trust")
        }
        return try connection.transaction { c in
            let others = try c.query("""
                SELECT id, code FROM site WHERE trust_id = (SELECT trust_id FROM site WHERE id = \(site.id)) AND id <> \(site.id)
                  AND (lower(code) = lower(\(alias)) OR lower(name) = lower(\(alias)))
                """)
            let ids: [Int64] = try others.map { try $0.decode("id") }
            let codes: [String] = try others.map { try $0.decode("code") }
            let assets = try c.execute("UPDATE asset SET site_id = \(site.id), updated_at = now() WHERE site_id = ANY(\(ids)::bigint[])")
            let records = try c.execute("UPDATE finance_record SET site_id = \(site.id), updated_at = now() WHERE site_id = ANY(\(ids)::bigint[])")
            try c.execute("UPDATE site_alias SET site_id = \(site.id) WHERE site_id = ANY(\(ids)::bigint[])")
            try c.execute("DELETE FROM site WHERE id = ANY(\(ids)::bigint[])")
            // The merged sites' codes are spellings of this site too.
            for name in [alias] + codes where name.lowercased() != site.code.lowercased() {
                try c.execute("""
                    INSERT INTO site_alias (trust_id, site_id, alias) SELECT trust_id, id, \(name) FROM site WHERE id = \(site.id)
                    ON CONFLICT (trust_id, lower(alias)) DO UPDATE SET site_id = EXCLUDED.site_id
                    """)
            }
            // A site that had only its code for a name (a finance import made it) takes the alias as its name.
            try c.execute("UPDATE site SET name = \(alias) WHERE id = \(site.id) AND name = code")
            let name: String = try c.scalar("SELECT name FROM site WHERE id = \(site.id)")
            return SiteAliasOutcome(site: Site(id: site.id, trustCode: site.trustCode, code: site.code, name: name),
                                    merged: codes.sorted(), assetsMoved: assets, financeRecordsMoved: records)
        }
    }
}
