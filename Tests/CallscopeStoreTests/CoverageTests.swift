import CallscopeStore
import Testing

@Suite("the local store: what a range holds")
struct CoverageTests {
    @Test func rangesMergeWhenTheyTouchOrOverlap() {
        var coverage = Coverage()
        coverage.insert(10..<20)
        coverage.insert(30..<40)
        #expect(coverage.ranges == [10..<20, 30..<40])
        #expect(coverage.covers(12..<18))
        #expect(!coverage.covers(15..<35))
        coverage.insert(20..<30)
        #expect(coverage.ranges == [10..<40])
        #expect(coverage.covers(15..<35))
        coverage.insert(5..<12)
        #expect(coverage.ranges == [5..<40])
        #expect(coverage.dropping(before: 25).ranges == [25..<40])
        #expect(coverage.dropping(before: 50).ranges == [])
    }
}
