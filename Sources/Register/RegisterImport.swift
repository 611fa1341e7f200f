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
        /// What the mapping did with the file's columns.
        public let mapping: MappingReport
        /// The counts by outcome and every issue, naming file, row, column and value.
        public let report: ImportReport
        /// The file's format, by content.
        public let format: RegisterReader.Format
        /// For a CSV, the text encoding detected; nil for XLSX.
        public let encoding: TextEncoding?
    }

    /// Imports `url` for `trust` (its ODS code) with `profile` (`.auto` to choose by headers) from `importers`,
    /// through the same ``RegisterPipeline`` as the database import; with `prefetch` the file is read on a second
    /// thread while rows are normalised. `onAsset` gets every asset the import would store.
    public static func run(url: URL, trust: String, profile: ProfileLibrary.Choice, importers: ProfileLibrary,
                           sheet: String? = nil, asOf: CalendarDate = .today(), prefetch: Bool = true,
                           mapping: [FieldMapping] = [], headerRow: Int? = nil,
                           onAsset: (CanonicalAsset) throws -> Void) throws -> Result {
        let pipeline = try RegisterPipeline(url: url, trust: trust, profile: profile, importers: importers, sheet: sheet,
                                            asOf: asOf, prefetch: prefetch, mapping: mapping, headerRow: headerRow)
        while let (_, outcome) = try pipeline.next() {
            if case .asset(let a, _) = outcome { try onAsset(a) }
        }
        return Result(mapping: pipeline.bound.report, report: pipeline.report, format: pipeline.reader.format,
                      encoding: pipeline.reader.encoding)
    }
}
