import CapitalCore
import Foundation
import Postgres
import Register

/// Writes the import's rows in COPY binary format, straight from the canonical asset into the send
/// buffer: staged rows (`StageRow.columns`, into the temporary staging table) and, for a trust's first
/// import, register rows (`assetColumns`, into `asset`). Both carry the same canonical columns.
final class StageRowEncoder {
    /// `asset`'s columns a first import writes (the rest take their defaults).
    static let assetColumns = ["trust_id", "site_id", "asset_tag", "serial", "manufacturer", "manufacturer_given", "model", "modality",
                               "description", "department", "install_date", "purchase_cost", "net_book_value", "expected_life_years",
                               "support_end", "status", "exclusive_to_network", "criticality", "failures_last_year",
                               "downtime_hours_last_year", "contract_supplier", "contract_end", "contract_annual_cost", "raw",
                               "batch_id", "first_batch_id", "source_row"]
    private let json: RawRowJSON
    private let trustID: Int64
    private let batchID: Int64
    @exclusivity(unchecked) private var scratch: [UInt8] = [] // one thread, per row

    init(headers: [String], trustID: Int64, batchID: Int64) {
        json = RawRowJSON(headers: headers)
        self.trustID = trustID
        self.batchID = batchID
        scratch.reserveCapacity(4096)
    }

    /// A valid row into the staging table.
    func writeStaged(_ a: CanonicalAsset, to w: inout BinaryCopyWriter) throws {
        w.appendInt32(Int32(a.sourceRow))
        w.appendChar(0x61) // 'a'
        w.appendText(a.assetTag)
        w.appendText(a.site)
        canonical(a, exclusiveDefault: nil, &w)
        w.appendNull() // issues
        try w.endRow()
    }

    /// A valid row straight into `asset` (a first import), its site already resolved.
    func writeAsset(_ a: CanonicalAsset, siteID: Int64?, to w: inout BinaryCopyWriter) throws {
        w.appendInt64(trustID)
        if let siteID { w.appendInt64(siteID) } else { w.appendNull() }
        w.appendText(a.assetTag)
        canonical(a, exclusiveDefault: false, &w)
        w.appendInt64(batchID)
        w.appendInt64(batchID)
        w.appendInt32(Int32(a.sourceRow))
        try w.endRow()
    }

    /// A rejected row (--allow-partial) into the staging table: its tag, raw data and issues.
    func writeRejected(row: RawRow, tag: String?, issues: [ValidationIssue], to w: inout BinaryCopyWriter) throws {
        w.appendInt32(Int32(row.rowNumber))
        w.appendChar(0x72) // 'r'
        w.appendText(tag)
        for _ in 3..<StageRow.rawColumn { w.appendNull() }
        raw(row, &w)
        var text = StageRow.issuesJSON(issues)
        text.withUTF8 { w.appendJSONB(UnsafeRawBufferPointer($0)) }
        try w.endRow()
    }

    /// A skipped row's tag into the staging table (so its asset never counts as missing).
    func writeSkipped(row: Int, tag: String, to w: inout BinaryCopyWriter) throws {
        w.appendInt32(Int32(row))
        w.appendChar(0x73) // 's'
        w.appendText(tag)
        for _ in 3..<StageRow.columns.count { w.appendNull() }
        try w.endRow()
    }

    /// serial … contract_annual_cost, raw: the columns staging and `asset` share, in that order.
    /// `exclusiveDefault` stands in for a register that does not say (staging keeps NULL: an update
    /// then leaves the flag as it was).
    private func canonical(_ a: CanonicalAsset, exclusiveDefault: Bool?, _ w: inout BinaryCopyWriter) {
        w.appendText(a.serial)
        w.appendText(a.manufacturer)
        w.appendText(a.manufacturerAsGiven)
        w.appendText(a.model)
        w.appendText(a.modality.rawValue)
        w.appendText(a.description)
        w.appendText(a.department)
        date(a.installDate, &w)
        money(a.purchaseCost, &w)
        money(a.netBookValue, &w)
        w.appendInt32(Int32(a.expectedLifeYears))
        date(a.endOfManufacturerSupport, &w)
        w.appendText(a.status.rawValue)
        if let x = a.exclusiveToNetwork ?? exclusiveDefault { w.appendBool(x) } else { w.appendNull() }
        w.appendInt16(Int16(a.criticality))
        if let f = a.failuresLastYear { w.appendInt32(Int32(f)) } else { w.appendNull() }
        if let d = a.downtimeHoursLastYear { w.appendNumeric(Int64(d), scale: 0) } else { w.appendNull() }
        w.appendText(a.contractSupplier)
        date(a.contractEnd, &w)
        money(a.contractAnnualCost, &w)
        raw(a.raw, &w)
    }

    /// The raw row as `jsonb` (the same text as `RawRow.jsonText`, keys encoded once per file).
    private func raw(_ row: RawRow, _ w: inout BinaryCopyWriter) {
        scratch.removeAll(keepingCapacity: true)
        json.append(row, to: &scratch)
        scratch.withUnsafeBytes { w.appendJSONB($0) }
    }

    private func date(_ d: CalendarDate?, _ w: inout BinaryCopyWriter) {
        if let d { w.appendDate(daysSince1970: d.daysSinceEpoch) } else { w.appendNull() }
    }

    private func money(_ p: Pence?, _ w: inout BinaryCopyWriter) {
        if let p { w.appendNumeric(p.value, scale: 2) } else { w.appendNull() }
    }
}
