import CapitalCore
import Foundation

/// `capital sample --finance` (issue 18): beside a trust's CMMS export, the same trust's finance fixed-asset register
/// with the drift real pairs of registers have, and the ground truth a benchmark scores reconciliation against.
///
/// Drift, per CMMS asset: 5% are not on the books (CMMS only); of the rest, the finance description carries the serial
/// after `S/N` for 85% (3% with a one-character typo; an all-digit serial written as Excel mangles it 2% of the time);
/// 30% have a cost up to 5% off and 3% one 12–20% off; 40% an in-service date up to 60 days off and 3% one 120–400
/// days off. Then 5% more finance records that engineering never had (finance only: ghosts still on the books).
/// Site codes as finance writes them (`NO01`), asset numbers of finance's own (`FA-2000001`).
final class SampleFinance {
    private let writer: SampleRegisterWriter
    private let truth: SampleRegisterWriter
    private var rng: SplitMix64
    private let sites: [String], siteCodes: [String]
    private let asOf: CalendarDate
    private let mems: Bool
    private var next = 2_000_001
    private(set) var records = 0, pairs = 0

    /// The finance register's and the truth file's names for a trust.
    static func files(code: String) -> (register: String, truth: String) { ("\(code)-finance-far.csv", "\(code)-finance-truth.csv") }

    init(directory: URL, code: String, sites: [String], mems: Bool, seed: UInt64, asOf: CalendarDate) throws {
        let names = Self.files(code: code)
        writer = try SampleRegisterWriter(csv: directory.appendingPathComponent(names.register), encoding: .utf8, delimiter: 0x2C, crlf: false, dateOrder: .ymd)
        truth = try SampleRegisterWriter(csv: directory.appendingPathComponent(names.truth), encoding: .utf8, delimiter: 0x2C, crlf: false, dateOrder: .ymd)
        try writer.write(SampleRows.financeHeaders.map { .text($0) })
        try truth.write([.text("asset_number"), .text("asset_tag")])
        rng = SplitMix64(seed: seed ^ 0xF1_4A4C_E000)
        self.sites = sites; siteCodes = SampleManifest.siteCodes(sites); self.asOf = asOf; self.mems = mems
    }

    /// One CMMS row as written (equip or MEMS columns): its finance record, drifted, unless it is one finance lacks.
    func add(cmmsRow row: [SampleCell]) throws {
        guard case .text(let tag) = row[0], case .text(let maker) = row[2], case .text(let model) = row[3], case .text(let serial) = row[4],
              case .text(let site) = row[5], case .date(let installed) = row[7], let cost = Self.cost(row[8], incVAT: mems) else { return }
        guard !rng.chance(5) else { return }
        let word = SampleCatalogue.kinds.first { k in k.models.contains { $0.model == model } }?.financeWord ?? "IMAGING EQUIPMENT"
        var sn = serial
        if rng.chance(3) { sn = Self.typo(sn, &rng) }
        if sn.allSatisfy(\.isNumber) && rng.chance(2) { sn = Self.excel(sn) }
        let description = "\(maker.uppercased()) \(model.uppercased()) \(word)" + (rng.chance(85) ? " S/N \(sn)" : "")
        let roll = rng.below(100)
        let drift: Int64 = roll < 30 ? Int64(rng.below(11)) - 5 : roll < 33 ? (rng.chance(50) ? 1 : -1) * Int64(12 + rng.below(9)) : 0
        let dateRoll = rng.below(100)
        let days = dateRoll < 40 ? rng.below(121) - 60 : dateRoll < 43 ? (rng.chance(50) ? 1 : -1) * (120 + rng.below(281)) : 0
        let siteCode = sites.firstIndex(of: site).map { siteCodes[$0] } ?? siteCodes[0]
        let number = try record(description: description, site: siteCode, installed: installed.adding(days: days),
                                cost: Pence(cost.value + cost.value * drift / 100))
        try truth.write([.text(number), .text(tag)])
        pairs += 1
        // After every twentieth asset, a ghost: a record engineering never had.
        if rng.chance(5) {
            let kind = SampleCatalogue.pickKind(&rng), (m, mo) = rng.pick(kind.models)
            let ghost = try record(description: "\(m.uppercased()) \(mo.uppercased()) \(kind.financeWord) S/N GH\(900_000 + rng.below(99_999))",
                                   site: rng.pick(siteCodes), installed: asOf.adding(days: -rng.below(5_000) - 1),
                                   cost: .pounds(kind.modality.indicativePricePounds))
            try truth.write([.text(ghost), .text("")])
        }
    }

    private func record(description: String, site: String, installed: CalendarDate, cost: Pence) throws -> String {
        let number = "FA-\(next)"
        next += 1
        let months = 120, age = min(months, max(0, installed.days(to: asOf)) / 30)
        let depreciation = Pence(cost.value * Int64(age) / Int64(months))
        try writer.write([.text(number), .text(description), .text("Medical Equipment > Imaging"), .text(site), .date(installed),
                          .number(cost.plain), .number(depreciation.plain), .number((cost - depreciation).plain), .number(String(months)),
                          .number(String(months - age)), .text("RAD"), .text("")])
        records += 1
        return number
    }

    static func cost(_ cell: SampleCell, incVAT: Bool) -> Pence? {
        let text: String
        switch cell {
        case .text(let t), .number(let t): text = t.replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "")
        case .date: return nil
        }
        guard let p = Pence(pounds: text) else { return nil }
        return incVAT ? Pence((p.value * 100 + 60) / 120) : p
    }

    static func typo(_ s: String, _ rng: inout SplitMix64) -> String {
        var c = Array(s)
        guard c.count > 3 else { return s }
        let i = 2 + rng.below(c.count - 2)
        c[i] = c[i] == "7" ? "1" : c[i].isNumber ? "7" : "Z"
        return String(c)
    }

    /// An all-digit serial as Excel shows a long number: `6.0123E+4`.
    static func excel(_ digits: String) -> String {
        let d = digits.drop { $0 == "0" }
        guard d.count > 1 else { return String(d) }
        return "\(d.first!).\(d.dropFirst())E+\(d.count - 1)"
    }

    func close() throws {
        try writer.close()
        try truth.close()
    }
}
