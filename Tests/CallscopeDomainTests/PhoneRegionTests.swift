import Foundation
import Testing
@testable import CallscopeDomain

/// The region lookup against libphonenumber's own example numbers
/// (Fixtures/phone-region-examples.tsv, made with the table by scripts/generate-phone-regions).
@Suite("Phone regions")
struct PhoneRegionTests {
    /// (E.164 number, expected region) of every example number.
    static let examples: [(number: String, region: String)] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/phone-region-examples.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t")
            guard !line.hasPrefix("#"), fields.count == 2 else { return nil }
            return (String(fields[0]), String(fields[1]))
        }
    }()

    @Test func agreesWithLibphonenumbersExamples() {
        #expect(Self.examples.count > 900, "the fixture is there")
        let disagreeing = Self.examples.filter { PhoneRegions.region(of: $0.number)?.region != $0.region }
        let agreeing = Self.examples.count - disagreeing.count
        // A few examples cannot be told apart by their digits (a Svalbard mobile is a Norwegian one).
        #expect(agreeing * 100 >= Self.examples.count * 99, """
            \(agreeing) of \(Self.examples.count) agree; disagreeing: \
            \(disagreeing.map { "\($0.number) \($0.region) got \(PhoneRegions.region(of: $0.number)?.region ?? "nil")" }.joined(separator: ", "))
            """)
    }

    @Test func sharedCodesNameTheirRegions() {
        let jamaica = PhoneRegions.region(of: "+1 876 555 0100")
        #expect(jamaica?.region == "JM" && jamaica?.key == "JM +1 876" && jamaica?.prefix == "876")
        #expect(PhoneRegions.region(of: "8765550100")?.region == "JM", "ten national digits are North American")
        #expect(PhoneRegions.region(of: "(876) 555-0100")?.region == "JM")
        #expect(PhoneRegions.region(of: "+1 212 555 0100")?.key == "US +1")
        #expect(PhoneRegions.region(of: "+1 416 555 0100")?.region == "CA")
        #expect(PhoneRegions.region(of: "+44 20 7946 0123")?.region == "GB")
        #expect(PhoneRegions.region(of: "00442079460123")?.key == "GB +44")
        #expect(PhoneRegions.region(of: "+44 1481 123456")?.region == "GG")
        #expect(PhoneRegions.region(of: "+7 701 123 4567")?.region == "KZ")
        #expect(PhoneRegions.region(of: "+7 495 123 4567")?.region == "RU")
        #expect(PhoneRegions.region(of: "+91 98765 43210")?.key == "IN +91")
    }

    @Test func nonGeographicCodesHaveNames() {
        #expect(PhoneRegions.region(of: "+881 6 1234 5678")?.key.hasPrefix("GMSS-SATELLITE +881") == true)
        #expect(PhoneRegions.region(of: "+870 301 234 567")?.region == "INMARSAT")
        #expect(PhoneRegions.region(of: "+800 1234 5678")?.key == "INTL-FREEPHONE +800")
    }

    @Test func untrustedTextNeverTraps() {
        #expect(PhoneRegions.region(of: "1234") == nil, "an extension")
        #expect(PhoneRegions.region(of: "") == nil)
        #expect(PhoneRegions.region(of: "+") == nil)
        #expect(PhoneRegions.region(of: "00") == nil)
        #expect(PhoneRegions.region(of: "١٢٣٤٥٦٧٨٩٠") == nil, "only ASCII digits are digits")
        #expect(PhoneRegions.region(of: "+999 123") == nil, "an unassigned code")
        _ = PhoneRegions.region(of: String(repeating: "9", count: 1_000))
        _ = PhoneRegions.region(of: "+" + String(repeating: "1", count: 1_000))
        _ = PhoneRegions.region(of: "\u{0}+\u{1B}[2J1\u{301}876")
    }

    @Test func highRiskDefaults() {
        let prefixes = Set(PhoneRegions.highRisk.map(\.prefix))
        #expect(prefixes.contains("1876") && prefixes.contains("881"))
        #expect(!prefixes.contains("1212") && !prefixes.contains("1416") && !prefixes.contains("1787"), "US, Canada and US territories are not on it")
        #expect(Set(PhoneRegions.highRisk.map(\.category)).count == 2)
        #expect(PhoneRegions.highRisk.first { $0.prefix == "1876" }?.label == "JM +1 876")
        // Each label is what the lookup calls a number there.
        for destination in PhoneRegions.highRisk {
            #expect(PhoneRegions.region(of: "+" + destination.prefix + "5550100")?.key == destination.label)
        }
        #expect(!PhoneRegions.dataVersion.isEmpty)
    }
}
