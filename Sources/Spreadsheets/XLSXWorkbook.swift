import CapitalCore
import Foundation

/// The parts of an XLSX workbook needed to read one worksheet: sheet names and their part paths,
/// the shared-string table, which cell styles are dates, and the date system.
///
/// The workbook, relationships and styles parts are small and read whole; the shared-string table is
/// held in memory (it is shared by all rows); worksheets themselves are streamed by `XLSXRowSource`.
final class XLSXWorkbook {
    /// A worksheet's name and the ZIP path of its XML part.
    struct Sheet: Sendable { let name: String; let path: String }

    let archive: ZipArchive
    private(set) var sheets: [Sheet] = []
    private(set) var sharedStrings: [String] = []
    /// Per cell-style index (`s` attribute): whether its number format shows a date.
    private(set) var dateStyles: [Bool] = []
    private(set) var date1904 = false

    init(url: URL) throws {
        archive = try ZipArchive(url: url)
        let file = url.lastPathComponent
        guard archive.entries["xl/workbook.xml"] != nil else { throw UserError("\(file) is not an Excel workbook: no xl/workbook.xml") }
        var targets: [String: String] = [:]
        let small = Int64(ReadLimits.metadataPartBytes)
        if let rels = try archive.open("xl/_rels/workbook.xml.rels", maxSize: small) {
            let x = XMLPullScanner(rels, name: "\(file): xl/_rels/workbook.xml.rels")
            while true {
                let t = try x.next()
                if t == .eof { break }
                if t == .start, x.nameIs("Relationship"), let id = x.attribute("Id"), let target = x.attribute("Target") {
                    guard targets.count < ReadLimits.sheets else { throw UserError("\(file): more than \(ReadLimits.sheets) workbook relationships") }
                    targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        let wb = XMLPullScanner(try archive.open("xl/workbook.xml", maxSize: small)!, name: "\(file): xl/workbook.xml")
        var index = 0
        while true {
            let t = try wb.next()
            if t == .eof { break }
            guard t == .start else { continue }
            if wb.nameIs("workbookPr"), let v = wb.attribute("date1904") { date1904 = (v == "1" || v == "true") }
            if wb.nameIs("sheet") {
                guard sheets.count < ReadLimits.sheets else { throw UserError("\(file): more than \(ReadLimits.sheets) worksheets") }
                index += 1
                let name = wb.attribute("name") ?? "Sheet\(index)"
                let path = wb.attribute("id").flatMap { targets[$0] } ?? "xl/worksheets/sheet\(index).xml"
                sheets.append(Sheet(name: name, path: path))
            }
        }
        if let ss = try archive.open("xl/sharedStrings.xml") {
            sharedStrings = try XLSXWorkbook.readSharedStrings(ss, name: "\(file): xl/sharedStrings.xml")
        }
        if let st = try archive.open("xl/styles.xml", maxSize: small) {
            dateStyles = try XLSXWorkbook.readDateStyles(st, name: "\(file): xl/styles.xml")
        }
    }

    /// The sheet called `name` (exactly, else ignoring case), or the first sheet when `name` is nil.
    func sheet(named name: String?) throws -> Sheet {
        guard let first = sheets.first else { throw UserError("\(archive.url.lastPathComponent) has no worksheets") }
        guard let name else { return first }
        if let s = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) { return s }
        throw UserError("\(archive.url.lastPathComponent) has no sheet named \"\(name)\"; its sheets are: \(sheets.map { "\"\($0.name)\"" }.joined(separator: ", "))")
    }

    /// Reads `<si>` items: plain `<t>` or rich-text runs `<r><t>`, ignoring phonetic `<rPh>` runs. The table is
    /// held in memory, so more than `maxCount` strings, more than `maxBytes` of text in all or a string over
    /// ``ReadLimits/xlsxCellBytes`` is an error naming the part.
    static func readSharedStrings(_ input: ByteInput, name: String = "xl/sharedStrings.xml", maxCount: Int = ReadLimits.sharedStrings,
                                  maxBytes: Int = ReadLimits.sharedStringBytes) throws -> [String] {
        let x = XMLPullScanner(input, name: name)
        var out: [String] = []
        var cur: [UInt8] = []
        var total = 0
        func append(_ s: String) throws {
            guard out.count < maxCount else { throw UserError("\(name): more than \(maxCount) shared strings") }
            total += s.utf8.count
            guard total <= maxBytes else { throw UserError("\(name): more than \(maxBytes >> 20) MiB of shared strings") }
            out.append(s)
        }
        var inT = false, inPhonetic = false
        while true {
            switch try x.next() {
            case .eof: return out
            case .start:
                if x.nameIs("si") { cur.removeAll(keepingCapacity: true); if x.selfClosing { try append("") } } else if x.nameIs("t") { inT = !x.selfClosing && !inPhonetic } else if x.nameIs("rPh") { inPhonetic = !x.selfClosing }
            case .end:
                if x.nameIs("si") { try append(String(decoding: cur, as: UTF8.self)) } else if x.nameIs("t") { inT = false } else if x.nameIs("rPh") { inPhonetic = false }
            case .text:
                if inT {
                    x.appendText(to: &cur)
                    guard cur.count <= ReadLimits.xlsxCellBytes else {
                        throw UserError("\(name): shared string \(out.count) is longer than \(ReadLimits.xlsxCellBytes >> 20) MiB")
                    }
                }
            }
        }
    }

    /// Marks each `cellXfs` style whose number format is a date: built-in ids 14–22, or a custom
    /// format code containing d or y (or m without h or s, which would make it a time).
    static func readDateStyles(_ input: ByteInput, name: String = "xl/styles.xml") throws -> [Bool] {
        let x = XMLPullScanner(input, name: name)
        var custom: [Int: String] = [:]
        var out: [Bool] = []
        var inCellXfs = false
        while true {
            switch try x.next() {
            case .eof: return out
            case .start:
                if x.nameIs("numFmt"), let id = x.intAttribute("numFmtId") { custom[id] = x.attribute("formatCode") ?? "" } else if x.nameIs("cellXfs") { inCellXfs = !x.selfClosing } else if inCellXfs, x.nameIs("xf") {
                    let id = x.intAttribute("numFmtId") ?? 0
                    out.append((14...22).contains(id) || custom[id].map(isDateFormat) == true)
                }
            case .end:
                if x.nameIs("cellXfs") { inCellXfs = false }
            case .text: break
            }
        }
    }

    /// Whether a number format code shows a date (quoted literals, `[...]` sections and escapes ignored).
    static func isDateFormat(_ code: String) -> Bool {
        var cleaned = ""
        var inQuote = false, inBracket = false, escape = false
        for ch in code.lowercased() {
            if escape { escape = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket { if ch == "]" { inBracket = false }; continue }
            switch ch {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\": escape = true
            default: cleaned.append(ch)
            }
        }
        if cleaned.contains("d") || cleaned.contains("y") { return true }
        return cleaned.contains("m") && !cleaned.contains("h") && !cleaned.contains("s")
    }
}
