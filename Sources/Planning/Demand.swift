import CapitalCore
import Foundation

/// Scans a year that a trust (or one of its sites) needs of a modality, with its annual growth.
///
/// Rule kept: `scansPerYear` is the demand of the plan's first year; year `Y` needs
/// `scansPerYear × (1 + growth)^(Y − first year)`. Without a site, the trust's demand is shared among its sites in
/// proportion to their units of the modality (all of it to its largest site when it has none).
public struct DemandEntry: Sendable, Equatable {
    /// The trust's ODS code.
    public let trust: String
    /// The site; nil shares the trust's demand among its sites (see the type's rule).
    public let site: String?
    /// The modality.
    public let modality: Modality
    /// Scans needed in the plan's first year.
    public let scansPerYear: Double
    /// Annual growth; nil uses the policy's figure for the modality.
    public let growth: Double?

    /// Creates a demand entry from its parts.
    public init(trust: String, site: String? = nil, modality: Modality, scansPerYear: Double, growth: Double? = nil) {
        self.trust = trust
        self.site = site
        self.modality = modality
        self.scansPerYear = scansPerYear
        self.growth = growth
    }
}

/// How the plan meets demand: growth defaults and the room each site has for additional units.
///
/// Rule kept: capacity of a site and modality in a year is its units in service × the modality's scans a unit can
/// do in a year (``ServiceCostParameters/scansPerUnitYear``); like-for-like replacement keeps it. Demand above
/// capacity is priced at the modality's ``ServiceCostParameters/scanCost`` a scan (done elsewhere) until an
/// additional unit covers it; a site can take at most ``additionalUnitsPerSite`` more units of a modality.
public struct CapacityParameters: Sendable, Equatable {
    /// Annual demand growth per modality, used where the demand file gives none.
    public var growth: [Modality: Double]
    /// Room for additional units per site and modality.
    public var additionalUnitsPerSite: [Modality: Int]

    /// Creates the parameters; a modality not given gets ``defaultGrowth(_:)`` and room for one additional unit per
    /// site.
    public init(growth: [Modality: Double] = [:], additionalUnitsPerSite: [Modality: Int] = [:]) {
        var g: [Modality: Double] = [:], room: [Modality: Int] = [:]
        for m in Modality.allCases {
            g[m] = growth[m] ?? Self.defaultGrowth(m)
            room[m] = additionalUnitsPerSite[m] ?? 1
        }
        self.growth = g
        self.additionalUnitsPerSite = room
    }

    /// Default growth: 5% a year for CT and MRI, 3% for the rest (see `docs/planning.md`).
    public static func defaultGrowth(_ m: Modality) -> Double {
        switch m {
        case .ct, .mri, .petCT: return 0.05
        default: return 0.03
        }
    }

    func validate() throws {
        for (m, g) in growth where !(g.isFinite && (-0.5...1).contains(g)) {
            throw UserError("capacity.growth.\(m.rawValue) must be a rate -0.5–1")
        }
        for (m, k) in additionalUnitsPerSite where !(0...20).contains(k) {
            throw UserError("capacity.additional_units_per_site.\(m.rawValue) must be 0–20")
        }
    }
}

/// Reads a demand file: CSV with a header `trust,site,modality,scans_per_year,growth` (`site` and `growth` may be
/// empty or absent). Errors name the file, row, column and value.
public enum DemandFile {
    /// Parses the text of a demand file; `fileName` names it in error messages. Throws a ``UserError`` for the first
    /// bad header or cell.
    public static func parse(csv text: String, fileName: String) throws -> [DemandEntry] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let header = lines.first else { throw UserError("\(fileName): the file is empty") }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func index(_ name: String, required: Bool) throws -> Int? {
            let i = columns.firstIndex(of: name)
            if required, i == nil {
                throw UserError("\(fileName): row 1: no `\(name)` column (expected trust,site,modality,scans_per_year,growth)")
            }
            return i
        }
        let trustColumn = try index("trust", required: true)!, modalityColumn = try index("modality", required: true)!
        let scansColumn = try index("scans_per_year", required: true)!
        let siteColumn = try index("site", required: false), growthColumn = try index("growth", required: false)
        guard lines.count <= 1_000_001 else { throw UserError("\(fileName): more than 1,000,000 rows") }
        var out: [DemandEntry] = []
        for (n, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func cell(_ i: Int?) -> String { i.flatMap { $0 < cells.count ? cells[$0] : nil } ?? "" }
            func fail(_ column: String, _ value: String, _ why: String) -> UserError {
                UserError("\(fileName): row \(n + 1), column \(column): `\(value)` \(why)")
            }
            let trust = cell(trustColumn)
            guard !trust.isEmpty else { throw fail("trust", trust, "is empty") }
            let modalityText = cell(modalityColumn)
            guard let modality = Modality(rawValue: modalityText.uppercased()) else {
                throw fail("modality", modalityText, "is not one of "
                           + Modality.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let scansText = cell(scansColumn).replacingOccurrences(of: "_", with: "")
            guard let scans = Double(scansText), scans.isFinite, (0...1e9).contains(scans) else {
                throw fail("scans_per_year", scansText, "is not a number of scans 0–1,000,000,000")
            }
            var growth: Double?
            let growthText = cell(growthColumn)
            if !growthText.isEmpty {
                guard let g = Double(growthText), g.isFinite, (-0.5...1).contains(g) else {
                    throw fail("growth", growthText, "is not a yearly rate -0.5–1 (0.05 = 5%)")
                }
                growth = g
            }
            let site = cell(siteColumn)
            out.append(DemandEntry(trust: trust, site: site.isEmpty ? nil : site, modality: modality,
                                   scansPerYear: scans, growth: growth))
        }
        return out
    }
}
