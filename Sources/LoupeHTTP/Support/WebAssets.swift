import Foundation
public import Hummingbird
import Logging

/// The browser UI: the static files of `Sources/LoupeHTTP/Public`, served at `/` for any GET that
/// no API route answers, with security headers on every file.
public struct WebAssetsMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    private let files: FileMiddleware<AppRequestContext, LocalFileSystem>

    /// Serves the files under `root`; `index.html` answers `/`. Files are revalidated on every use
    /// (ETag) so an upgrade is seen at once.
    public init(root: String) {
        let revalidate: [CacheControl.Value] = [.noCache]
        var logger = Logger(label: "loupe.web")
        logger.logLevel = .warning
        files = FileMiddleware(
            root,
            cacheControl: CacheControl([
                (MediaType(type: .text), revalidate), (MediaType(type: .application), revalidate),
            ]),
            searchForIndexHtml: true, logger: logger
        )
        .withAdditionalMediaType(MediaType(type: .text, subType: "javascript"), mappedToFileExtension: "js")
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await files.handle(request, context: context, next: next)
        guard response.headers[.contentType]?.hasPrefix("application/json") != true else { return response }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            // Task media (images, audio, video, websites) come from anywhere; scripts only from here.
            // Frames: web pages (sandboxed) over http(s), and PDFs as blobs of bytes the server
            // fetched and checked (never a data: or javascript: frame, never a plugin).
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data: blob:; "
                + "media-src * data: blob:; frame-src https: http: blob:; object-src 'none'; connect-src 'self'; "
                + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        }
        return response
    }

    /// Where the UI's files were built: the resource folder beside the executable
    /// (`loupe_LoupeHTTP.resources/Public`), else the source tree this was built from.
    public static func builtRoot() -> String? {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let candidates = [
            executable.deletingLastPathComponent().appendingPathComponent("loupe_LoupeHTTP.resources/Public"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Public"),
        ]
        return candidates.map(\.path).first { FileManager.default.fileExists(atPath: $0 + "/index.html") }
    }
}
