import CallscopeDomain
import CallscopeViewModel

/// The statistics strip above the list (`s`): counts; ASR / NER / ACD, talk time and cost; MOS
/// bands and top causes; a sparkline of calls per bucket, buckets with many failures in the
/// failure colour.
/// Figures come from the view-model; this only lays them out.
struct StatisticsStripView {
    static func draw(_ state: BrowserState, in area: Rect, glyphs: Glyphs, into screen: inout some ScreenSurface) {
        for row in area.row..<(area.row + area.height) {
            screen.put("", row: row, column: area.column, width: area.width, pad: true)
        }
        guard let statistics = state.statistics else {
            screen.put("statistics: waiting for the list", row: area.row, column: area.column, width: area.width, style: TextStyle(dim: true))
            return
        }
        let f = statistics.figures
        var x = area.column
        // Items go in whole or not at all: a strip cut inside a word ("MOS not me") says nothing.
        func put(_ text: String, _ style: TextStyle = .plain, row: Int) {
            let width = DisplayWidth.of(ScreenText.prepared(text, asciiOnly: screen.asciiOnly))
            guard x + width <= area.column + area.width else {
                x = area.column + area.width
                return
            }
            x += screen.put(text, row: row, column: x, width: width, style: style)
        }
        // The one count (the status bar's too), marked where it is a bound or a floor.
        put("calls \(state.count.figure)", TextStyle(bold: true), row: area.row)
        // How far the figures have got goes first: without it they read as final.
        if let progress = state.stripProgress { put(" (\(progress))", TextStyle(dim: true), row: area.row) }
        // The headline is the view-model's (the server's exact counts where it gave them).
        let h = state.headline ?? OutcomeCounts(f)
        put("  answered \(h.answered)", TextStyle(color: .answered), row: area.row)
        put("  busy \(h.busy)", TextStyle(color: .busy), row: area.row)
        put("  no-answer \(h.noAnswer)", TextStyle(color: .noAnswer), row: area.row)
        put("  failed \(h.failed)", TextStyle(color: .failed), row: area.row)
        if h.other > 0 { put("  other \(h.other)", row: area.row) }

        // The bill's figures beside the ratios ("is the bill too high" is a ticket too); VOXO
        // sends no cost, so its MOS keeps its place. Causes keep a line of their own.
        x = area.column
        put("ASR \(TriageText.percent(h.asr))", row: area.row + 1)
        // The same hours of the earlier days, where the range is a recent window (W: the board).
        if let normal = state.stripNormalASR { put(" (\(normal))", TextStyle(dim: true), row: area.row + 1) }
        put("  NER \(TriageText.percent(h.ner))", row: area.row + 1)
        // The exact ratios above, the estimated figures after this label.
        if let label = state.estimateLabel { put("  \(glyphs.vertical) \(label)", TextStyle(dim: true), row: area.row + 1) }
        // From a sample (past the request budget) the figures are estimates, marked "~", and
        // the sums are scaled to the range by the view-model.
        let about = statistics.sample != nil ? "~" : ""
        let exact: Int? = if case .exact(let n) = state.count { n } else { nil }
        put("  ACD \(about)\(TriageText.clock(f.acdSeconds))", row: area.row + 1)
        put("  talk \(about)\(TriageText.clock(statistics.talkSeconds(exactCount: exact).seconds))", row: area.row + 1)
        let billed = TriageText.cost(statistics.cost(exactCount: exact).sums)
        // With a rate deck the bill's line is the third (billed, rated, billable minutes), before
        // the causes; without one, cost keeps its place beside the ratios.
        if f.deck == nil, let billed { put("  cost \(about)\(billed)", row: area.row + 1) }
        put(f.mos.good + f.mos.fair + f.mos.poor + f.mos.bad > 0
            ? "  MOS good \(f.mos.good) fair \(f.mos.fair) poor \(f.mos.poor) bad \(f.mos.bad), \(f.mos.notMeasured) none"
            : "  MOS \(f.mos.noneText)", row: area.row + 1)

        var causesLine = ""
        if f.deck != nil {
            // Scaled to the range from a sample, as talk and cost are.
            let rated = statistics.rated(exactCount: exact).figures
            causesLine = "billed \(about)\(TriageText.roundedCost(rated.billed) ?? "none")  rated \(about)\(TriageText.roundedCost(rated.rated) ?? "0")  billable \(about)\(TriageText.minutes(rated.billableSeconds)) min"
            if rated.unrated > 0 { causesLine += " (\(about)\(rated.unrated) answered unrated)" }
            causesLine += " \(glyphs.vertical) "
        }
        let causes = f.topCauses(4).map { "\($0.cause) \($0.calls)" }.joined(separator: " \(glyphs.vertical) ")
        causesLine += causes.isEmpty ? "no hangup causes" : (statistics.sample != nil ? "causes in the sample " : "causes ") + causes
        screen.put(causesLine, row: area.row + 2, column: area.column, width: area.width, style: TextStyle(dim: causes.isEmpty && f.deck == nil))

        let label = "per \(TriageText.bucket(f.histogram.bucketSeconds)) "
        x = area.column + screen.put(label, row: area.row + 3, column: area.column, width: area.width, style: TextStyle(dim: true))
        let top = f.histogram.calls.max() ?? 0
        for (index, count) in f.histogram.calls.enumerated() where x < area.column + area.width {
            let failed = f.histogram.failed[index]
            let cell = TriageText.sparkline([count], scale: top, ascii: screen.asciiOnly)
            // A bucket where a fifth or more failed is marked.
            let marked = count > 0 && failed * 5 >= count
            x += screen.put(cell, row: area.row + 3, column: x, width: 1, style: TextStyle(bold: marked, color: marked ? .failed : .accent))
        }
    }
}
