import CapitalCore
import Foundation
import Spreadsheets

/// One register file going through the whole pure import pipeline: opened (CSV or XLSX, streamed, a CSV hashed as
/// it is read), its headers bound to a mapping profile, and each row normalised, validated and checked against the
/// register's constraints (``RegisterConstraints``), one row in flight.
///
/// The database import (`RegisterStore.importRegister`) and ``RegisterImport/run(url:trust:profile:importers:sheet:asOf:prefetch:onAsset:)``
/// both read files through it, so what a test sees of a file is what an import stores.
public final class RegisterPipeline {
    /// The file being read.
    public let url: URL
    /// Its name without the folder (computed once: Foundation rebuilds it on every call).
    public let fileName: String
    /// Its size in bytes (0 when the file system cannot say), for progress.
    public let fileBytes: Int64
    /// The opened file.
    public let reader: RegisterReader
    /// The profile bound to the file's headers.
    public let bound: BoundProfile
    /// Every row seen so far: counts by outcome and the issues, naming file, row, column and value (the database
    /// import adds what it finds against the register, such as duplicate devices).
    public var report: ImportReport
    /// Rows read so far (the report counts every row it records).
    public var rowsRead: Int { report.summary.rowsRead }

    private let normaliser: Normaliser
    private let rows: RowSource
    private let tagColumn: Int?

    /// Opens `url` for `trust` (its ODS code) and binds `profile` (`.auto`: the one whose aliases match the headers)
    /// from `importers`; with `prefetch` the file is read on a second thread while rows are normalised.
    public init(url: URL, trust: String, profile: ProfileLibrary.Choice, importers: ProfileLibrary, sheet: String? = nil,
                asOf: CalendarDate = .today(), prefetch: Bool = true, mapping: [FieldMapping] = [], headerRow: Int? = nil) throws {
        self.url = url
        fileName = url.lastPathComponent
        fileBytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
        let header: HeaderRowChoice
        if let headerRow { header = .row(headerRow) } else {
            // The header is the row whose cells the profile(s) recognise best (a preamble above it is skipped).
            let candidates: [MappingProfile]
            switch profile {
            case .auto: candidates = importers.profiles.map { $0.overriding(mapping) }
            case .named(let n): candidates = [try importers.profile(named: n).overriding(mapping)]
            case .file(let u): candidates = [try MappingProfile.load(url: u, vocabularyDirectory: importers.directory).overriding(mapping)]
            }
            header = .best(score: { cells in candidates.map { $0.bind(headers: cells).report.mapped.count }.max() ?? 0 })
        }
        reader = try RegisterReader.open(url: url, sheet: sheet, header: header)
        var bound = try importers.select(profile, headers: reader.headers, mapping: mapping)
        bound.report.headerRow = reader.headerRowNumber
        bound.report.rowsAboveHeader = reader.rowsAboveHeader
        self.bound = bound
        normaliser = Normaliser(profile: bound, trust: trust, fileName: fileName, asOf: asOf, fullRows: reader.format == .csv)
        let (headerRowNumber, sheetName) = (reader.headerRowNumber, reader.sheetName)
        normaliser.rescan = { try RegisterReader.open(url: url, sheet: sheetName, header: .row(headerRowNumber)).source }
        rows = prefetch ? PrefetchingRowSource(reader.source) : reader.source
        tagColumn = bound.column(.assetTag)
        report = ImportReport(file: fileName)
    }

    /// The file's header cells, in order.
    public var headers: [String] { rows.headers }

    /// The next row and what became of it (recorded in ``report``), or nil at the end of the file.
    public func next() throws -> (row: RawRow, outcome: RowOutcome)? {
        guard let row = try rows.nextRow() else { return nil }
        var result = normaliser.normalise(row)
        if case .asset(var asset, let warnings) = result {
            let extra = RegisterConstraints.apply(&asset, file: fileName, header: header(of:))
            if extra.isEmpty {
                result = .asset(asset, warnings: warnings)
            } else if extra.contains(where: { $0.severity == .error }) {
                result = .rejected(warnings + extra)
            } else {
                result = .asset(asset, warnings: warnings + extra)
            }
        }
        report.record(row: row.rowNumber, result)
        return (row, result)
    }

    /// The file's header for a canonical field (the field's name when the file has no such column).
    public func header(of field: CanonicalField) -> String {
        bound.column(field).map { bound.headers[$0] } ?? field.rawValue
    }

    /// A row's asset tag, trimmed; nil when the file has no tag column, the row leaves it empty, or it cannot be a
    /// tag (a NUL byte, which PostgreSQL text cannot hold, or longer than the normaliser accepts): such a row was
    /// rejected for it, and no asset in the register can have that tag.
    public func tag(of row: RawRow) -> String? {
        guard let t = tagColumn.map({ row.value(at: $0).trimmingCharacters(in: .whitespaces) }), !t.isEmpty,
              t.utf8.count <= Normaliser.maxTagBytes, !t.utf8.contains(0) else { return nil }
        return t
    }

    /// The file's SHA-256 in hex (call at the end: a CSV's comes from the bytes already read).
    public func sha256() throws -> String { try reader.sha256() }
}
