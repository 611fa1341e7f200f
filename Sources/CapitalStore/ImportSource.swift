import CapitalCore
import Foundation
import Register

/// The register file of one import, opened and mapped before its transaction begins: Register's pure pipeline
/// (open, map, normalise, validate) and, for benchmarks, the dump of the staged rows.
struct ImportSource {
    let pipeline: RegisterPipeline
    /// Benchmarks: the staged rows, also in COPY text format (``ImportOptions/stageDump``).
    let dump: StageDump?

    init(file: URL, trust: Trust, importers: ProfileLibrary, options: ImportOptions) throws {
        pipeline = try RegisterPipeline(url: file, trust: trust.odsCode, profile: options.profile, importers: importers,
                                        sheet: options.sheet, asOf: options.asOf, prefetch: options.prefetch, mapping: options.mapping,
                                        headerRow: options.headerRow)
        dump = try options.stageDump.map { try StageDump(url: $0) }
    }

    var fileName: String { pipeline.fileName }
    var fileBytes: Int64 { pipeline.fileBytes }
    func headerOf(_ field: CanonicalField) -> String { pipeline.header(of: field) }
    func tag(of row: RawRow) -> String? { pipeline.tag(of: row) }
}
