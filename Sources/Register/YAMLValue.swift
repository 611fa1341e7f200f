/// Loose readers for YAML scalars (Yams gives Int, Bool, Double or String depending on the text).
enum YAMLValue {
    static func string(_ v: Any?) -> String? {
        switch v {
        case let s as String: return s
        case let i as Int: return String(i)
        case let b as Bool: return b ? "true" : "false"
        case let d as Double: return String(d)
        default: return nil
        }
    }
    static func strings(_ v: Any?) -> [String] {
        if let a = v as? [Any] { return a.compactMap { string($0) } }
        if let s = string(v) { return [s] }
        return []
    }
    static func int(_ v: Any?) -> Int? {
        if let i = v as? Int { return i }
        return string(v).flatMap { Int($0) }
    }
    static func bool(_ v: Any?) -> Bool? {
        if let b = v as? Bool { return b }
        switch string(v)?.lowercased() { case "true", "yes", "1": return true; case "false", "no", "0": return false; default: return nil }
    }
}
