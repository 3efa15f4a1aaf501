/// Credentials the mock server accepts. They open nothing real; demo mode and the
/// README use them.
public enum MockCredentials {
    public static let voxoToken = "demo-voxo-token"
    public static let voxoEmail = "demo@callscope.example"
    public static let voxoPassword = "demo-password"
    public static let vobizAuthID = "PA_DEMO0001"
    public static let vobizAuthToken = "demo-vobiz-token"
}
