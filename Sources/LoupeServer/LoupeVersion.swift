/// The release this build is, as `loupe --version` and `GET /health` report it.
public enum LoupeVersion {
    /// Semantic version of this build.
    public static let current = "0.11.0"
}
