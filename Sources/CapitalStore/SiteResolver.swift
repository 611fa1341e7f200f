import CapitalCore
import Foundation
import Postgres
import Register

/// The sites of one trust that an import's rows name, found or created as the rows meet them.
///
/// A row's site (a code or a name, as the register wrote it) is the trust's site whose code or name
/// matches it ignoring case (the code first, then the oldest), or one of whose aliases does (`capital site alias`), else a new site with that text as
/// code and name: one for each spelling that differs only in case, the first spelling in byte order
/// naming it. Matching is PostgreSQL's `lower()`, so the database decides it, a few spellings at a time.
final class SiteResolver {
    private let connection: Connection
    private let trustID: Int64
    /// Each spelling met so far and its site, by its exact bytes (Swift's `==` would take "é" written as
    /// one code point and as "e" plus an accent for the same spelling; PostgreSQL does not).
    private(set) var known: [ExactText: Int64] = [:]
    /// Codes of the sites this import created.
    private(set) var created: [String] = []

    init(connection: Connection, trustID: Int64) {
        self.connection = connection
        self.trustID = trustID
    }

    func id(of site: String) -> Int64? { known[ExactText(site)] }

    /// Finds or creates the sites of these spellings.
    func resolve(_ spellings: [String]) throws {
        let names = Set(spellings.lazy.map(ExactText.init).filter { self.known[$0] == nil }).map(\.text)
        guard !names.isEmpty else { return }
        created += try connection.query("""
            INSERT INTO site (trust_id, code, name)
            SELECT DISTINCT ON (lower(k.site)) \(trustID), k.site, k.site
            FROM unnest(\(names)::text[]) AS k (site)
            WHERE NOT EXISTS (SELECT 1 FROM site x WHERE x.trust_id = \(trustID)
                              AND (lower(x.code) = lower(k.site) OR lower(x.name) = lower(k.site)
                   OR EXISTS (SELECT 1 FROM site_alias sa WHERE sa.site_id = x.id AND lower(sa.alias) = lower(k.site))))
            ORDER BY lower(k.site), k.site COLLATE "C"
            RETURNING code
            """).map { try $0.decode("code") }
        for row in try connection.query("""
            SELECT DISTINCT ON (k.site) k.site, x.id
            FROM unnest(\(names)::text[]) AS k (site)
            JOIN site x ON x.trust_id = \(trustID) AND (lower(x.code) = lower(k.site) OR lower(x.name) = lower(k.site)
                   OR EXISTS (SELECT 1 FROM site_alias sa WHERE sa.site_id = x.id AND lower(sa.alias) = lower(k.site)))
            ORDER BY k.site, (lower(x.code) = lower(k.site)) DESC, x.id
            """) {
            known[ExactText(try row.decode("site"))] = try row.decode("id")
        }
    }
}
