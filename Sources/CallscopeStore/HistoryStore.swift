import CallscopeDomain
import CallscopeFiles
import Foundation
import GRDB

/// The local store of closed history (docs/ARCHITECTURE.md, "The local store"): one SQLite file
/// per machine, `$XDG_CACHE_HOME/callscope/history.sqlite` (0600, in a 0700 folder). It holds
/// each call once per source, as callscope's JSON form of it (the normalized values and the
/// provider's record as sent), and which ranges it holds whole for which filter (`coverage`).
/// Several callscope processes may share it: WAL, and a wait when another one writes.
public final class HistoryStore: Sendable {
    public let path: String
    /// The file may grow to this many bytes; past it the oldest calls are pruned.
    public let sizeCap: Int64
    let pool: DatabasePool

    public static let defaultSizeCap: Int64 = 2 << 30

    /// `$XDG_CACHE_HOME/callscope/history.sqlite`, else `~/.cache/callscope/history.sqlite`;
    /// nil with neither variable.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/callscope/history.sqlite" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/callscope/history.sqlite" }
        return nil
    }

    /// Opens (creating where missing, with its folder) the store at `path`, and prunes it to
    /// `sizeCap`.
    public init(path: String, sizeCap: Int64 = HistoryStore.defaultSizeCap) throws(StoreError) {
        self.path = path
        self.sizeCap = sizeCap
        do {
            try Self.prepareFile(path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.label = "callscope.history"
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL") }
            try Self.migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed("be opened", path: path, error)
        }
        try enforceCap()
    }

    /// The folder 0700 and the file 0600 before SQLite opens it (its -wal and -shm files take
    /// the file's mode): history names customers' numbers.
    static func prepareFile(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let files = FileManager.default
        if !files.fileExists(atPath: folder) {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if chmod(folder, 0o700) != 0 { throw StoreError("the folder \(SafeText.sanitize(folder)) could not be made private (chmod 700): \(String(cString: strerror(errno)))") }
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError("\(SafeText.sanitize(path)) could not be opened: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        if fchmod(descriptor, 0o600) != 0 { throw StoreError("\(SafeText.sanitize(path)) could not be made private (chmod 600): \(String(cString: strerror(errno)))") }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE source (
                  id INTEGER PRIMARY KEY,
                  provider TEXT NOT NULL,
                  base_url TEXT NOT NULL,
                  identity TEXT NOT NULL,
                  scope TEXT NOT NULL,
                  profile TEXT,
                  UNIQUE (provider, base_url, identity, scope)
                );
                CREATE TABLE stored_call (
                  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                  id TEXT NOT NULL,
                  start REAL,
                  stored_at REAL NOT NULL,
                  record BLOB NOT NULL,
                  PRIMARY KEY (source_id, id)
                );
                CREATE INDEX stored_call_start ON stored_call (source_id, start);
                CREATE TABLE coverage (
                  source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                  filter TEXT NOT NULL,
                  since REAL NOT NULL,
                  until REAL NOT NULL,
                  stored_at REAL NOT NULL
                );
                CREATE INDEX coverage_source ON coverage (source_id, filter);
                """)
        }
        return migrator
    }

    // MARK: Sources

    /// The row of `source`, made on first use; its profile label is brought up to date.
    public func sourceID(_ source: StoreSource) throws(StoreError) -> Int64 {
        try write("record a source") { db in
            try db.execute(sql: """
                INSERT INTO source (provider, base_url, identity, scope, profile) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (provider, base_url, identity, scope) DO UPDATE SET profile = coalesce(excluded.profile, profile)
                """, arguments: [source.provider.rawValue, source.baseURL, source.identity, source.scope, source.profile])
            return try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE provider = ? AND base_url = ? AND identity = ? AND scope = ?",
                                      arguments: [source.provider.rawValue, source.baseURL, source.identity, source.scope]) ?? 0
        }
    }

    // MARK: Reading

    /// What is held whole for `source` under `filter` (a filter's parts, `CallFilter.partsText`),
    /// with the oldest time any of it was read from the provider.
    public func coverage(source: Int64, filter: String) throws(StoreError) -> (coverage: Coverage, asOf: Date?) {
        try read("read what it holds") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT since, until, stored_at FROM coverage WHERE source_id = ? AND filter = ?",
                                        arguments: [source, filter])
            let ranges: [Range<Double>] = rows.compactMap { row in
                let (since, until): (Double, Double) = (row[0], row[1])
                return since < until ? since..<until : nil
            }
            let asOf = rows.map { $0[2] as Double }.min().map { Date(timeIntervalSince1970: $0) }
            return (Coverage(ranges), asOf)
        }
    }

    /// The stored calls of `source` starting in `range`, newest first (in the provider's order
    /// within a second), with the oldest time one of them was stored.
    public func calls(source: Int64, in range: Range<Date>) throws(StoreError) -> (calls: [Call], asOf: Date?) {
        try read("read calls") { db in
            let reader = ExportedCallReader()
            var calls: [Call] = []
            var oldest: Double?
            let rows = try Row.fetchCursor(db, sql: """
                SELECT record, stored_at FROM stored_call WHERE source_id = ? AND start >= ? AND start < ? ORDER BY start DESC, rowid ASC
                """, arguments: [source, range.lowerBound.timeIntervalSince1970, range.upperBound.timeIntervalSince1970])
            while let row = try rows.next() {
                let storedAt: Double = row[1]
                oldest = min(oldest ?? storedAt, storedAt)
                if let call = Self.decode(row[0], reader) { calls.append(call) }
            }
            return (calls, oldest.map { Date(timeIntervalSince1970: $0) })
        }
    }

    /// One stored call of `source` by its id.
    public func call(source: Int64, id: String) throws(StoreError) -> Call? {
        try read("read a call") { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT record FROM stored_call WHERE source_id = ? AND id = ?", arguments: [source, id])
            else { return nil }
            return Self.decode(data, ExportedCallReader())
        }
    }

    static func decode(_ data: Data, _ reader: ExportedCallReader) -> Call? {
        data.withUnsafeBytes { raw in
            reader.call(ofLeadingRecordIn: raw.bindMemory(to: UInt8.self))?.call
        }
    }

    // MARK: Writing

    /// Keeps `calls` for `source` (a call already held is replaced by this reading), and where
    /// `holding` names a range, records that `filter`'s calls in it are now all held. One
    /// transaction: a range is never said to be held without its calls.
    public func keep(_ calls: [Call], source: Int64, holding range: Range<Date>?, filter: String, at now: Date) throws(StoreError) {
        try write("keep calls") { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO stored_call (source_id, id, start, stored_at, record) VALUES (?, ?, ?, ?, ?)")
            let stamp = now.timeIntervalSince1970
            for call in calls {
                var writer = JSONWriter(reservingCapacity: 1_024)
                writer.write(call)
                try statement.execute(arguments: [source, call.id, call.startTime?.timeIntervalSince1970, stamp, Data(SecretRedactor.shared.redactBytes(writer.bytes))])
            }
            guard let range, range.lowerBound < range.upperBound else { return }
            var merged = range.lowerBound.timeIntervalSince1970..<range.upperBound.timeIntervalSince1970
            var storedAt = stamp
            let touching = try Row.fetchAll(db, sql: """
                SELECT rowid, since, until, stored_at FROM coverage WHERE source_id = ? AND filter = ? AND until >= ? AND since <= ?
                """, arguments: [source, filter, merged.lowerBound, merged.upperBound])
            for row in touching {
                let (since, until, at): (Double, Double, Double) = (row[1], row[2], row[3])
                merged = min(since, merged.lowerBound)..<max(until, merged.upperBound)
                storedAt = min(storedAt, at)
                try db.execute(sql: "DELETE FROM coverage WHERE rowid = ?", arguments: [row[0] as Int64])
            }
            try db.execute(sql: "INSERT INTO coverage (source_id, filter, since, until, stored_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [source, filter, merged.lowerBound, merged.upperBound, storedAt])
        }
    }

    // MARK: Housekeeping

    /// Removes the calls that started before `date` and what was held before it.
    @discardableResult
    public func prune(before date: Date) throws(StoreError) -> Int {
        let cut = date.timeIntervalSince1970
        let removed = try write("prune") { db in
            try db.execute(sql: "DELETE FROM stored_call WHERE start < ?", arguments: [cut])
            let calls = db.changesCount
            try db.execute(sql: "DELETE FROM coverage WHERE until <= ?", arguments: [cut])
            try db.execute(sql: "UPDATE coverage SET since = ? WHERE since < ?", arguments: [cut, cut])
            return calls
        }
        try reclaim()
        return removed
    }

    /// Removes every source read through `profile` (every source when nil), with its calls.
    @discardableResult
    public func clear(profile: String?) throws(StoreError) -> Int {
        let removed = try write("clear") { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            if let profile {
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM stored_call WHERE source_id IN (SELECT id FROM source WHERE profile = ?)", arguments: [profile]) ?? 0
                try db.execute(sql: "DELETE FROM stored_call WHERE source_id IN (SELECT id FROM source WHERE profile = ?)", arguments: [profile])
                try db.execute(sql: "DELETE FROM coverage WHERE source_id IN (SELECT id FROM source WHERE profile = ?)", arguments: [profile])
                try db.execute(sql: "DELETE FROM source WHERE profile = ?", arguments: [profile])
                return count
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM stored_call") ?? 0
            try db.execute(sql: "DELETE FROM stored_call; DELETE FROM coverage; DELETE FROM source")
            return count
        }
        try reclaim()
        return removed
    }

    /// The bytes the file uses (its pages, less the free ones).
    public func usedBytes() throws(StoreError) -> Int64 {
        try read("measure itself") { db in
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let size = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4_096
            return max(0, pages - free) &* size
        }
    }

    /// Past the size cap, the oldest calls go (a tenth of what is held at a time) until it fits.
    public func enforceCap() throws(StoreError) {
        var rounds = 0
        while try usedBytes() > sizeCap, rounds < 64 {
            rounds += 1
            let cut: Double? = try read("find its oldest calls") { db in
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM stored_call WHERE start IS NOT NULL") ?? 0
                guard count > 0 else { return nil }
                return try Double.fetchOne(db, sql: "SELECT start FROM stored_call WHERE start IS NOT NULL ORDER BY start LIMIT 1 OFFSET ?",
                                           arguments: [max(1, count / 10)])
            }
            guard let cut else { break }
            try prune(before: Date(timeIntervalSince1970: cut))
        }
    }

    /// Gives freed pages back to the file system.
    func reclaim() throws(StoreError) {
        try write("shrink") { db in try db.execute(sql: "PRAGMA incremental_vacuum") }
    }

    /// What is stored, per source, for `callscope history`.
    public func summary() throws(StoreError) -> [SourceSummary] {
        try read("list what it holds") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id, s.provider, s.base_url, s.scope, s.profile,
                       (SELECT count(*) FROM stored_call c WHERE c.source_id = s.id),
                       (SELECT coalesce(sum(length(record)), 0) FROM stored_call c WHERE c.source_id = s.id),
                       (SELECT min(start) FROM stored_call c WHERE c.source_id = s.id),
                       (SELECT max(start) FROM stored_call c WHERE c.source_id = s.id)
                FROM source s ORDER BY s.profile, s.provider, s.scope
                """)
            return try rows.map { row in
                let id: Int64 = row[0]
                let held = try Row.fetchAll(db, sql: "SELECT filter, since, until FROM coverage WHERE source_id = ? ORDER BY since", arguments: [id])
                    .map { HeldRange(filter: $0[0], range: Date(timeIntervalSince1970: $0[1])..<Date(timeIntervalSince1970: max($0[1] as Double, $0[2] as Double))) }
                let oldest: Double? = row[7]
                let newest: Double? = row[8]
                return SourceSummary(provider: ProviderID(rawValue: row[1]) ?? .voxo, baseURL: row[2], scope: row[3], profile: row[4],
                                     calls: row[5], bytes: row[6], oldestCall: oldest.map(Date.init(timeIntervalSince1970:)),
                                     newestCall: newest.map(Date.init(timeIntervalSince1970:)), held: held)
            }
        }
    }

    // MARK: Access

    func read<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError.failed(doing, path: path, error) }
    }

    func write<T>(_ doing: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError.failed(doing, path: path, error) }
    }
}

/// One source's part of the store, as `callscope history` lists it.
public struct SourceSummary: Sendable, Hashable {
    public let provider: ProviderID
    public let baseURL: String
    public let scope: String
    public let profile: String?
    public let calls: Int
    public let bytes: Int64
    public let oldestCall: Date?
    public let newestCall: Date?
    /// The ranges held whole, by the filter parts they were read with ("" for every call).
    public let held: [HeldRange]
}

public struct HeldRange: Sendable, Hashable {
    public let filter: String
    public let range: Range<Date>
}
