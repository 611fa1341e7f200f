import Foundation
import CapitalCore
import Spreadsheets

/// The whole pure pipeline for one file — open, choose the profile, normalise every row — handing each
/// canonical asset to a callback (the database side batches them into COPY) and returning the report.
///
/// It streams: one row is in flight at a time, so memory is bounded by the reader's chunk plus the
/// duplicate-check keys (one per asset tag) and the issues found.
public enum RegisterImport {
    /// The result of importing one file.
    public struct Result: Sendable {
        public var mapping: MappingReport
        public var report: ImportReport
        public var format: RegisterReader.Format
        public var encoding: TextEncoding?
    }

    /// Imports `url` for `trust`; with `prefetch` the file is read on a second thread while rows are normalised.
    /// Imports `url` for `trust` with `profile` (`.auto` to choose by headers) from `importers`.
    public static func run(url: URL, trust: String, profile: ProfileLibrary.Choice, importers: ProfileLibrary,
                           sheet: String? = nil, asOf: CalendarDate = .today(), prefetch: Bool = true,
                           onAsset: (CanonicalAsset) throws -> Void) throws -> Result {
        let reader = try RegisterReader.open(url: url, sheet: sheet)
        let bound = try importers.select(profile, headers: reader.headers)
        let normaliser = Normaliser(profile: bound, trust: trust, fileName: url.lastPathComponent, asOf: asOf,
                                    fullRows: reader.format == .csv)
        var report = ImportReport(file: url.lastPathComponent)
        let rows: RowSource = prefetch ? PrefetchingRowSource(reader.source) : reader.source
        while let row = try rows.nextRow() {
            let outcome = normaliser.normalise(row)
            if case .asset(let a, _) = outcome { try onAsset(a) }
            report.record(row: row.rowNumber, outcome)
        }
        return Result(mapping: bound.report, report: report, format: reader.format, encoding: reader.encoding)
    }
}
