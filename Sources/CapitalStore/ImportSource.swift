import CapitalCore
import Foundation
import Postgres
import Register

/// The register file of one import, opened and mapped before its transaction begins: the rows to read,
/// the profile bound to the file's headers, and the normaliser that turns each row into an asset.
struct ImportSource {
    let fileBytes: Int64
    let opened: OpenedRegister
    let bound: BoundProfile
    /// The file's name, without its folder.
    let fileName: String
    let normaliser: Normaliser
    let rows: RowSource
    let tagColumn: Int?
    /// The file's header for a canonical field (the field's name when the file has no such column).
    let headerOf: (CanonicalField) -> String
    /// Benchmarks: the staged rows, also in COPY text format (``ImportOptions/stageDump``).
    let dump: StageDump?

    init(file: URL, trust: Trust, importers: ProfileLibrary, options: ImportOptions) throws {
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? 0
        let opened = try OpenedRegister(url: file, sheet: options.sheet)
        let bound = try importers.select(options.profile, headers: opened.source.headers)
        let fileName = file.lastPathComponent // once: Foundation's URL rebuilds it on every call (perf put it at 18% of the client's CPU when per row)
        let normaliser = Normaliser(profile: bound, trust: trust.odsCode, fileName: fileName, asOf: options.asOf,
                                    fullRows: opened.format == .csv)
        let rows: RowSource = options.prefetch ? PrefetchingRowSource(opened.source) : opened.source
        let tagColumn = bound.column(.assetTag)
        let headerOf: (CanonicalField) -> String = { f in bound.column(f).map { bound.headers[$0] } ?? f.rawValue }
        let dump = try options.stageDump.map { try StageDump(url: $0) }
        self.fileBytes = fileBytes; self.opened = opened; self.bound = bound; self.fileName = fileName
        self.normaliser = normaliser; self.rows = rows; self.tagColumn = tagColumn; self.headerOf = headerOf; self.dump = dump
    }

    /// A row's asset tag, trimmed; nil when the file has no tag column, the row leaves it empty, or it cannot be a
    /// tag (a NUL byte, which PostgreSQL text cannot hold, or longer than the normaliser accepts): such a row was
    /// rejected for it, and no asset in the register can have that tag.
    func tag(of row: RawRow) -> String? {
        guard let t = tagColumn.map({ row.value(at: $0).trimmingCharacters(in: .whitespaces) }), !t.isEmpty,
              t.utf8.count <= Normaliser.maxTagBytes, !t.utf8.contains(0) else { return nil }
        return t
    }
}
