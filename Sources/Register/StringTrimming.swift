extension String {
    /// The string without leading/trailing spaces, tabs, CR, LF and no-break spaces (byte-level, fast when nothing to trim).
    func trimmingASCIIWhitespace() -> String {
        func trimmed(_ u: inout Substring.UTF8View) -> Bool {
            var changed = false
            while true {
                guard let f = u.first else { return changed }
                if f == 0x20 || f == 0x09 || f == 0x0D || f == 0x0A { u.removeFirst(); changed = true; continue }
                if f == 0xC2, u.dropFirst().first == 0xA0 { u.removeFirst(2); changed = true; continue }
                break
            }
            while true {
                guard let l = u.last else { return changed }
                if l == 0x20 || l == 0x09 || l == 0x0D || l == 0x0A { u.removeLast(); changed = true; continue }
                if l == 0xA0, u.dropLast().last == 0xC2 { u.removeLast(2); changed = true; continue }
                return changed
            }
        }
        let ends = self.utf8.withContiguousStorageIfAvailable { b in b.isEmpty ? nil : (b[0], b[b.count - 1]) } ?? (self.utf8.first.map { ($0, self.utf8.last!) })
        guard let (f, l) = ends else { return self }
        if f > 0x20 && f != 0xC2 && l > 0x20 && l != 0xA0 { return self }
        var view = Substring(self).utf8
        return trimmed(&view) ? String(Substring(view)) : self
    }
}
