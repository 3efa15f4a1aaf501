/// Which spelling of the Vobiz API the mock speaks. The seed documents one; documentation of
/// other dates shows another (docs/ARCHITECTURE.md, "Provider facts"), and a client must read both.
public enum VobizDialect: String, Sendable, Hashable, CaseIterable {
    /// `meta`, `call_uuid`, `no-answer`.
    case documented
    /// `pagination`, `uuid`, `no_answer`, and `account_auth_id` on every list row.
    case alternate
}
