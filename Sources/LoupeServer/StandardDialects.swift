public import LoupeHTTP

/// The vendor APIs this server speaks, registered once here: the composition root is the one
/// place outside a dialect's own folders that names it.
public enum StandardDialects {
    /// Every dialect a Loupe server mounts.
    public static let all: [any APIDialect] = [ScaleAPIDialect(), SamaAPIDialect()]
}
