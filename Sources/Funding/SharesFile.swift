import CapitalCore
import Foundation

/// Reads ownership shares from JSON: the Valuation module's shares output or a simple map.
///
/// Two forms are accepted. The `capital shares compute --format json` document, from which one
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
