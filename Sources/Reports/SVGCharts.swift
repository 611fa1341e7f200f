import CapitalCore
import Foundation

/// Inline SVG charts: plain shapes and text, no scripts, no fonts to fetch; they print as drawn.
///
/// Every chart is `<svg class="chart" viewBox=…>` with `role="img"` and an `aria-label`, so it scales to the page
/// width on screen and paper. Colours are solid fills (no gradients), so they survive printing and can be found in
/// a rendered image.
package enum SVGCharts {
    /// Qualitative colours for trusts (Tableau 20 order: strong colours first, then their light partners).
    package static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                                  "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
                                  "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5"]
    /// The under-5-years band.
    package static let under5Colour = "#2e8b57"
    /// The 5–10-years band.
    package static let fiveToTenColour = "#f0a202"
    /// The over-10-years band.
    package static let over10Colour = "#c0392b"
    /// A figure with the plan.
    package static let withPlanColour = "#1f5fa8"
    /// A figure without the plan.
    package static let withoutPlanColour = "#c0392b"
    /// The budget line.
    package static let budgetColour = "#222222"

    /// One named series of values, one per category.
    package struct Series: Sendable {
        /// The series' name, in the legend and the tooltip.
        package let name: String
        /// Its fill or stroke colour (`#rrggbb`).
        package let colour: String
        /// One value per category.
        package let values: [Double]
        /// Whether a line series is drawn dashed.
        package let dashed: Bool
        /// Creates a series from its parts.
        package init(name: String, colour: String, values: [Double], dashed: Bool = false) {
            self.name = name; self.colour = colour; self.values = values; self.dashed = dashed
        }
    }

    static func f(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    /// A "nice" axis: step and top ≥ `maxValue`, about `ticks` steps.
    static func niceAxis(_ maxValue: Double, ticks: Int = 5) -> (step: Double, top: Double) {
        guard maxValue > 0, maxValue.isFinite else { return (1, 1) }
        let raw = maxValue / Double(ticks)
        let mag = pow(10, floor(log10(raw)))
        let norm = raw / mag
        let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag
        return (step, ceil(maxValue / step) * step)
    }

    /// A legend of coloured squares (or line swatches) in HTML, wrapping across the page.
    package static func legend(_ items: [(name: String, colour: String, line: Bool, dashed: Bool)]) -> String {
        var out = "<div class=\"legend\">"
        for item in items {
            let swatch = item.line
                ? "<svg width=\"22\" height=\"10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"21\" y2=\"5\" stroke=\"\(item.colour)\" stroke-width=\"3\"\(item.dashed ? " stroke-dasharray=\"5 3\"" : "")/></svg>"
                : "<svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"\(item.colour)\"/></svg>"
            out += "<span class=\"key\">\(swatch) \(ReportText.html(item.name))</span>"
        }
        return out + "</div>"
    }

    /// Vertical bars per category, stacked by series, with an optional stepped line (a budget) across them.
    package static func stackedBars(title: String, categories: [String], series: [Series], line: [Double]? = nil,
                                    lineName: String = "Budget", axisLabel: (Double) -> String) -> String {
        let width = 960.0, height = 380.0
        let left = 70.0, right = 12.0, top = 14.0, bottom = 44.0
        let plotW = width - left - right, plotH = height - top - bottom
        let n = max(categories.count, 1)
        var totals = [Double](repeating: 0, count: n)
        for s in series { for (i, v) in s.values.enumerated() where i < n { totals[i] += max(0, v) } }
        let maxValue = max(totals.max() ?? 0, line?.max() ?? 0)
        let axis = niceAxis(maxValue * 1.05)
        func y(_ v: Double) -> Double { top + plotH - plotH * v / axis.top }
        let slot = plotW / Double(n)
        let barW = slot * 0.68
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(ReportText.html(title))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += axisGrid(left: left, width: plotW, top: top, height: plotH, axis: axis, label: axisLabel)
        for i in 0..<n {
            var base = 0.0
            let x = left + slot * Double(i) + (slot - barW) / 2
            for s in series {
                let v = i < s.values.count ? max(0, s.values[i]) : 0
                guard v > 0 else { continue }
                let y0 = y(base), y1 = y(base + v)
                svg += "<rect class=\"bar\" x=\"\(f(x))\" y=\"\(f(y1))\" width=\"\(f(barW))\" height=\"\(f(max(0.5, y0 - y1)))\" fill=\"\(s.colour)\"><title>\(ReportText.html(s.name)) \(ReportText.html(categories[i])): \(ReportText.html(axisLabel(v)))</title></rect>"
                base += v
            }
            if i < categories.count {
                svg += "<text x=\"\(f(left + slot * (Double(i) + 0.5)))\" y=\"\(f(top + plotH + 18))\" class=\"tick\" text-anchor=\"middle\">\(ReportText.html(categories[i]))</text>"
            }
        }
        if let line, !line.isEmpty {
            var d = ""
            for (i, v) in line.enumerated() where i < n {
                let x0 = left + slot * Double(i) + 2, x1 = left + slot * Double(i + 1) - 2
                d += (i == 0 ? "M" : "L") + "\(f(x0)) \(f(y(v))) L\(f(x1)) \(f(y(v))) "
            }
            svg += "<path class=\"budget\" d=\"\(d.trimmingCharacters(in: .whitespaces))\" fill=\"none\" stroke=\"\(budgetColour)\" stroke-width=\"2.5\"><title>\(ReportText.html(lineName))</title></path>"
        }
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#333\" stroke-width=\"1\"/>"
        return svg + "</svg>"
    }

    /// Lines over categories (e.g. expected cost per year with and without the plan), with optional dashed
    /// reference lines across the plot (targets), and an optional fixed top of the axis (1 for shares).
    package static func lines(title: String, categories: [String], series: [Series], axisLabel: (Double) -> String,
                              references: [(value: Double, label: String)] = [], axisTop: Double? = nil) -> String {
        let width = 960.0, height = 320.0
        let left = 70.0, right = 12.0, top = 14.0, bottom = 44.0
        let plotW = width - left - right, plotH = height - top - bottom
        let n = max(categories.count, 1)
        let maxValue = (series.flatMap(\.values) + references.map(\.value)).filter(\.isFinite).max() ?? 0
        let axis = axisTop.map { (step: $0 / 5, top: $0) } ?? niceAxis(maxValue * 1.05)
        func y(_ v: Double) -> Double { top + plotH - plotH * max(0, v) / axis.top }
        let slot = plotW / Double(n)
        func x(_ i: Int) -> Double { left + slot * (Double(i) + 0.5) }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(ReportText.html(title))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += axisGrid(left: left, width: plotW, top: top, height: plotH, axis: axis, label: axisLabel)
        for (i, c) in categories.enumerated() {
            svg += "<text x=\"\(f(x(i)))\" y=\"\(f(top + plotH + 18))\" class=\"tick\" text-anchor=\"middle\">\(ReportText.html(c))</text>"
        }
        for ref in references where ref.value.isFinite {
            let yy = y(ref.value)
            svg += "<line class=\"target\" x1=\"\(f(left))\" y1=\"\(f(yy))\" x2=\"\(f(left + plotW))\" y2=\"\(f(yy))\" stroke=\"#111\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"><title>\(ReportText.html(ref.label))</title></line>"
            svg += "<text x=\"\(f(left + plotW - 4))\" y=\"\(f(yy - 5))\" class=\"tick\" text-anchor=\"end\">\(ReportText.html(ref.label))</text>"
        }
        for s in series {
            let points = s.values.prefix(n).enumerated().map { "\(f(x($0.offset))),\(f(y($0.element)))" }.joined(separator: " ")
            svg += "<polyline class=\"series\" points=\"\(points)\" fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"3.5\" stroke-linejoin=\"round\"\(s.dashed ? " stroke-dasharray=\"9 5\"" : "")><title>\(ReportText.html(s.name))</title></polyline>"
            for (i, v) in s.values.prefix(n).enumerated() {
                svg += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"4.5\" fill=\"\(s.colour)\"><title>\(ReportText.html(s.name)) \(ReportText.html(categories[i])): \(ReportText.html(axisLabel(v)))</title></circle>"
            }
        }
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#333\" stroke-width=\"1\"/>"
        return svg + "</svg>"
    }

    /// Horizontal bars, one per item, with the value written at the end.
    package static func horizontalBars(title: String, items: [(label: String, value: Double, colour: String)],
                                       valueLabel: (Double) -> String) -> String {
        let rowH = 24.0, left = 330.0, right = 90.0, width = 960.0, top = 6.0
        let height = top * 2 + rowH * Double(max(items.count, 1))
        let maxValue = items.map(\.value).max() ?? 0
        let plotW = width - left - right
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(ReportText.html(title))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (i, item) in items.enumerated() {
            let yy = top + rowH * Double(i)
            let w = maxValue > 0 ? plotW * max(0, item.value) / maxValue : 0
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(yy + rowH * 0.68))\" class=\"label\" text-anchor=\"end\">\(ReportText.html(item.label))</text>"
            svg += "<rect class=\"bar\" x=\"\(f(left))\" y=\"\(f(yy + 3))\" width=\"\(f(max(1, w)))\" height=\"\(f(rowH - 6))\" fill=\"\(item.colour)\"/>"
            svg += "<text x=\"\(f(left + w + 6))\" y=\"\(f(yy + rowH * 0.68))\" class=\"label\">\(ReportText.html(valueLabel(item.value)))</text>"
        }
        return svg + "</svg>"
    }

    /// 100% bars per group, split into the age rule's three bands, with the rule's limits marked: the under-5 band
    /// should reach the first mark (60%), the over-10 band should start after the second (90%).
    package static func ageProfile(title: String, profiles: [AgeProfile], rule: AgeRule) -> String {
        ageBars(title: title, rows: profiles.enumerated().map { i, p in
            AgeBar(label: "\(p.label) (\(p.dated))", young: p.under5, middle: p.fiveToTen, old: p.over10,
                   strong: i == profiles.count - 1 && profiles.count > 1)
        }, rule: rule)
    }

    /// One row of ``ageBars(title:rows:rule:bandNames:)``: counts in the three bands.
    package struct AgeBar: Sendable {
        /// The row's label.
        package let label: String
        /// Counts in the young, middle and old bands.
        package let young: Int, middle: Int, old: Int
        /// Whether the row is emphasised (the network's total row).
        package let strong: Bool
        /// Creates a row from its parts.
        package init(label: String, young: Int, middle: Int, old: Int, strong: Bool = false) {
            self.label = label; self.young = young; self.middle = middle; self.old = old; self.strong = strong
        }
        var total: Int { young + middle + old }
        func share(_ n: Int) -> Double { total == 0 ? 0 : Double(n) / Double(total) }
    }

    /// 100% bars, one per row, in the three age bands, with the 60% and 90% marks of the rule.
    package static func ageBars(title: String, rows: [AgeBar], rule: AgeRule,
                                bandNames: [String] = ["under 5 years", "5–10 years", "over 10 years"]) -> String {
        let rowH = 30.0, left = 290.0, right = 20.0, width = 960.0, top = 24.0, bottom = 8.0
        let height = top + bottom + rowH * Double(max(rows.count, 1))
        let plotW = width - left - right
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(ReportText.html(title))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for t in stride(from: 0.0, through: 1.0001, by: 0.2) {
            let x = left + plotW * t
            svg += "<text x=\"\(f(x))\" y=\"12\" class=\"tick\" text-anchor=\"middle\">\(Int((t * 100).rounded()))%</text>"
        }
        for (i, p) in rows.enumerated() {
            let yy = top + rowH * Double(i)
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(yy + rowH * 0.62))\" class=\"label\(p.strong ? " strong" : "")\" text-anchor=\"end\">\(ReportText.html(p.label))</text>"
            var x = left
            for (share, colour, band) in [(p.share(p.young), under5Colour, bandNames[0]), (p.share(p.middle), fiveToTenColour, bandNames[1]),
                                          (p.share(p.old), over10Colour, bandNames[2])] where share > 0 {
                let w = plotW * share
                svg += "<rect class=\"bar\" x=\"\(f(x))\" y=\"\(f(yy + 4))\" width=\"\(f(w))\" height=\"\(f(rowH - 8))\" fill=\"\(colour)\"><title>\(ReportText.html(p.label)) \(ReportText.html(band)): \(ReportText.percent(share))</title></rect>"
                if w > 34 {
                    svg += "<text x=\"\(f(x + w / 2))\" y=\"\(f(yy + rowH * 0.62))\" class=\"inbar\" text-anchor=\"middle\">\(Int((share * 100).rounded()))%</text>"
                }
                x += w
            }
        }
        let bottomY = top + rowH * Double(rows.count)
        for (mark, text) in [(rule.minUnder5, "≥\(Int((rule.minUnder5 * 100).rounded()))% \(bandNames[0])"),
                             (1 - rule.maxOver10, "≤\(Int((rule.maxOver10 * 100).rounded()))% \(bandNames[2])")] {
            let x = left + plotW * mark
            svg += "<line class=\"target\" x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(bottomY))\" stroke=\"#111\" stroke-width=\"2\" stroke-dasharray=\"4 3\"><title>age rule: \(ReportText.html(text))</title></line>"
        }
        return svg + "</svg>"
    }

    /// A colour per modality (the palette in the vocabulary's order), for charts stacked by modality.
    package static func modalityColour(_ m: Modality) -> String {
        let i = Modality.allCases.firstIndex(of: m) ?? 0
        return modalityPalette[i % modalityPalette.count]
    }
    static let modalityPalette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                                  "#9c755f", "#bab0ac", "#86bcb6", "#d37295", "#8cd17d"]

    static func axisGrid(left: Double, width: Double, top: Double, height: Double, axis: (step: Double, top: Double),
                         label: (Double) -> String) -> String {
        var svg = ""
        var v = 0.0
        while v <= axis.top + axis.step * 0.001 {
            let y = top + height - height * v / axis.top
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + width))\" y2=\"\(f(y))\" stroke=\"#dddddd\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" class=\"tick\" text-anchor=\"end\">\(ReportText.html(label(v)))</text>"
            v += axis.step
        }
        return svg
    }
}
