import CapitalCore
import Foundation
import Spreadsheets

/// Reads ownership shares from the files capital writes: JSON (the Valuation module's shares output or a simple
/// map) or CSV (`shares compute --format csv`, or `shares show --format csv`).
///
/// Two JSON forms are accepted. The `capital shares compute --format json` document, from which one
/// method is taken (`method`, or by default the first in the file, which is `contribution`), or
/// `{"method": "…", "shares": {"RAA": "0.25", …}}` (method optional). Shares must be JSON strings
/// holding decimals ("0.25"), never JSON numbers, so no binary rounding can creep in.
public enum SharesFile {
    struct ValuationDoc: Decodable {
        struct Method: Decodable {
            struct Trust: Decodable { var trust: String; var share: String }
            var method: String
            var trusts: [Trust]
        }
        var methods: [Method]
    }

    /// Reads shares from the JSON text of `fileName` (named in messages), taking `method` from a shares document ("cost-base" reads as "operating"); throws a `UserError` saying what is wrong.
    public static func parse(json: String, fileName: String, method: String? = nil) throws -> OwnershipShares {
        let data = Data(json.utf8)
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw UserError("\(fileName): not a JSON object; expected ownership shares as computed in JSON, or {\"shares\": {\"RAA\": \"0.25\", …}}")
        }
        if top["methods"] != nil {
            let doc: ValuationDoc
            do { doc = try JSONDecoder().decode(ValuationDoc.self, from: data) } catch {
                throw UserError("\(fileName): a shares document whose `methods` cannot be read (\(describe(error))); each share must be a string such as \"0.25\"")
            }
            let available = doc.methods.map(\.method)
            let chosen: ValuationDoc.Method
            if let method {
                let wanted = method.lowercased() == "cost-base" ? "operating" : method.lowercased()
                guard let m = doc.methods.first(where: { $0.method == wanted }) else {
                    throw UserError("\(fileName): no `\(method)` shares in the file; it has \(available.joined(separator: ", "))")
                }
                chosen = m
            } else {
                guard let first = doc.methods.first else { throw UserError("\(fileName): the file has no share methods") }
                chosen = first
            }
            return try OwnershipShares(chosen.trusts.map { (trust: $0.trust, share: try decimal($0.share, trust: $0.trust, fileName)) },
                                       method: chosen.method)
        }
        guard let map = top["shares"] as? [String: Any] else {
            throw UserError("\(fileName): expected a `shares` object ({\"shares\": {\"RAA\": \"0.25\"}}) or a `methods` list")
        }
        var entries: [(trust: String, share: Decimal)] = []
        for key in map.keys.sorted() {
            guard let text = map[key] as? String else {
                throw UserError("\(fileName): share of \(key) must be a string such as \"0.25\" (a JSON number could be rounded in binary)")
            }
            entries.append((key, try decimal(text, trust: key, fileName)))
        }
        if let method, let m = top["method"] as? String, m != method {
            throw UserError("\(fileName): the file holds `\(m)` shares, not `\(method)`")
        }
        return try OwnershipShares(entries, method: top["method"] as? String)
    }

    /// Reads shares from a file's text: CSV when the name ends in `.csv` or the text does not start with `{`, else
    /// JSON (see ``parse(json:fileName:method:)`` and ``parse(csv:fileName:method:)``).
    public static func parse(text: String, fileName: String, method: String? = nil) throws -> OwnershipShares {
        let isJSON = text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).first == "{"
        if fileName.lowercased().hasSuffix(".csv") || !isJSON { return try parse(csv: text, fileName: fileName, method: method) }
        return try parse(json: text, fileName: fileName, method: method)
    }

    /// Reads shares from CSV with a `trust` column and either a `share` column (`shares show --format csv`) or one
    /// `METHOD_share` column per method (`shares compute --format csv`), taking `method` ("cost-base" reads as
    /// "operating"), or by default the first; throws a `UserError` naming the file, row, column and value.
    public static func parse(csv text: String, fileName: String, method: String? = nil) throws -> OwnershipShares {
        let reader = try CSVReader(input: MemoryByteInput(text), name: fileName)
        guard let (_, header) = try reader.nextRecord() else { throw UserError("\(fileName): the file is empty") }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let trustColumn = names.firstIndex(of: "trust") else {
            throw UserError("\(fileName): no `trust` column; the header is \(header.joined(separator: ","))")
        }
        let methods = names.compactMap { $0.hasSuffix("_share") ? String($0.dropLast("_share".count)) : nil }
        let shareColumn: Int, chosen: String?
        if let method {
            let wanted = method.lowercased() == "cost-base" ? "operating" : method.lowercased()
            if let i = names.firstIndex(of: "\(wanted)_share") {
                shareColumn = i; chosen = wanted
            } else if let i = names.firstIndex(of: "share"), methods.isEmpty {
                shareColumn = i; chosen = wanted
            } else {
                throw UserError("\(fileName): no `\(method)` shares in the file; it has \(methods.isEmpty ? "a single `share` column" : methods.joined(separator: ", "))")
            }
        } else if let i = names.firstIndex(of: "share") {
            shareColumn = i; chosen = nil
        } else if let first = methods.first, let i = names.firstIndex(of: "\(first)_share") {
            shareColumn = i; chosen = first
        } else {
            throw UserError("\(fileName): no `share` column (nor `METHOD_share` columns); the header is \(header.joined(separator: ","))")
        }
        var entries: [(trust: String, share: Decimal)] = []
        while let (row, fields) = try reader.nextRecord() {
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count > max(trustColumn, shareColumn) else {
                throw UserError("\(fileName): row \(row) has \(fields.count) cells; the header has \(header.count)")
            }
            let trust = fields[trustColumn].trimmingCharacters(in: .whitespaces)
            let where_ = "row \(row), column \(header[shareColumn])"
            do { entries.append((trust, try decimal(fields[shareColumn], trust: trust, fileName))) } catch let e as UserError {
                throw UserError("\(e.message) (\(where_))")
            }
        }
        return try OwnershipShares(entries, method: chosen)
    }

    static func decimal(_ text: String, trust: String, _ fileName: String) throws -> Decimal {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")) else {
            throw UserError("\(fileName): share of \(trust) `\(text)` is not a decimal number")
        }
        guard d >= 0 else { throw UserError("\(fileName): share of \(trust) is negative (\(text))") }
        return d
    }

    static func describe(_ error: Error) -> String {
        if case DecodingError.keyNotFound(let key, _) = error { return "missing `\(key.stringValue)`" }
        if case DecodingError.typeMismatch(_, let ctx) = error {
            return "wrong type at \(ctx.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return String(describing: error)
    }
}
