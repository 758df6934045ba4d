import Foundation
import HTTPTypes
import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeHTTP
import LoupeStore
import LoupeStoreSQLite
import Prometheus
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test func listsEveryRouteOfTheRouter() async throws {
        let directory = NSTemporaryDirectory() + "loupe-openapi-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = Store(database: try SQLiteDatabase(path: directory + "/db.sqlite"))
        let env = APIEnvironment(
            store: store, factory: TaskFactory(ids: ObjectIDGenerator(), clock: .system, schemas: SchemaCache()),
            uploads: try UploadFiles(directory: directory), cursor: PageCursor(secret: "s"),
            metrics: PrometheusCollectorRegistry(), wakeIngester: {}, isReady: { true })
        // The document describes the native API; dialects (`/scale`) follow their vendors' references.
        let routes = Set(buildRouter(env: env).routes.map { route in
            route.method.rawValue.lowercased() + " /" + route.path.description
                .split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        }.filter { !$0.contains(" /scale/") })
        let documented = Set(OpenAPIDocument.operations.map { "\($0.method) \($0.path)" })
        #expect(routes == documented)
        let document = try JSONParser.parse(OpenAPIDocument.bytes)
        #expect(document.objectValue?["openapi"] == "3.1.0")
    }
}
