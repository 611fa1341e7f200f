/// The board report's stylesheet: screen and A4 print, no web fonts, no dark backgrounds.
extension BoardReportHTML {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        html { background: #ffffff; }
        body { margin: 0; background: #ffffff; color: #1a1a1a; font: 15px/1.45 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
        main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 48px; }
        section { margin: 0 0 36px; }
        h1 { font-size: 28px; margin: 4px 0 6px; color: #003087; }
        h2 { font-size: 21px; margin: 0 0 8px; padding-bottom: 4px; border-bottom: 3px solid #005eb8; color: #003087; }
        h3 { font-size: 16px; margin: 18px 0 6px; }
        .kicker { margin: 0; color: #425563; font-weight: 600; letter-spacing: .02em; }
        .sub { margin: 0 0 18px; color: #333; }
        .warn { color: #b00020; }
        .lead { margin: 0 0 10px; color: #333; }
        .note { color: #555; font-size: 13px; }
        .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 10px 0 14px; }
        .figure { border: 1px solid #c8d1dc; border-top: 6px solid #005eb8; padding: 10px 12px; background: #ffffff; }
        .figure .label { font-size: 13px; color: #425563; font-weight: 600; }
        .figure .value { font-size: 27px; font-weight: 700; color: #003087; margin: 2px 0; white-space: nowrap; }
        .figure .detail { font-size: 12.5px; color: #444; }
        .certificate { border-left: 6px solid #009639; padding: 8px 12px; margin: 0 0 12px; font-size: 16px; background: #f3faf5; }
        .points { margin: 0 0 8px; padding-left: 20px; }
        .points li { margin: 3px 0; }
        figure { margin: 6px 0 12px; }
        svg.chart { width: 100%; height: auto; display: block; }
        svg.chart text { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; fill: #222; }
        svg.chart .tick { font-size: 13px; fill: #444; }
        svg.chart .label { font-size: 14px; }
        svg.chart .strong { font-weight: 700; }
        svg.chart .inbar { font-size: 12px; fill: #ffffff; font-weight: 600; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12.5px; margin: 6px 0 0; }
        .legend .key { white-space: nowrap; }
        .legend svg { vertical-align: -1px; }
        table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 4px 0 10px; }
        th, td { padding: 4px 8px; border-bottom: 1px solid #d8dde3; vertical-align: top; }
        thead th { text-align: left; border-bottom: 2px solid #425563; font-weight: 600; }
        table.num td, table.num th { text-align: right; }
        table.num td:first-child, table.num th:first-child, table.num td.text, table.num th.text { text-align: left; }
        tfoot td, tr.total td { font-weight: 700; border-top: 2px solid #425563; }
        td.small { font-size: 12px; }
        table.compact { font-size: 12px; }
        table.compact td, table.compact th { padding: 3px 4px; }
        .notice { border-left: 6px solid #b00020; background: #fdf2f3; padding: 8px 12px; margin: 0 0 12px; }
        .unit { color: #555; font-size: 12px; font-weight: 400; }
        tr.mark td { background: #eef4fb; }
        td.nowrap { white-space: nowrap; }
        table.facts th { text-align: left; width: 170px; color: #425563; font-weight: 600; }
        code { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 12px; }
        code.hash { word-break: break-all; }
        .ok { color: #007f3b; font-weight: 600; }
        .bad { color: #b00020; font-weight: 600; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          section { margin: 0; break-before: page; page-break-before: always; }
          section.first { break-before: auto; page-break-before: auto; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          figure, .figures, tr { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          tfoot { display: table-row-group; }
          table { font-size: 9pt; }
          table.compact { font-size: 7.5pt; }
          .figure .value { font-size: 20pt; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        @media (max-width: 760px) { .figures { grid-template-columns: repeat(2, 1fr); } }
        """
}
