import Foundation
import HTTPTypes
import Hummingbird
import LoupeCore
import LoupeDomain
import LoupeHTTP
import LoupeServer
import LoupeStore
import LoupeStoreSQLite
import Prometheus

/// Every route the server's router holds, as `"get /api/v1/tasks/{id}"`, read from a router built
/// over a throwaway store: tests that must cover each route use it, so a new route cannot slip by.
enum RouteList {
    static func all() throws -> [String] {
        let directory = NSTemporaryDirectory() + "loupe-routes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = Store(database: try SQLiteDatabase(path: directory + "/db.sqlite"))
        let env = APIEnvironment(
            store: store, factory: TaskFactory(ids: ObjectIDGenerator(), clock: .system, schemas: SchemaCache()),
            uploads: try UploadFiles(directory: directory), cursor: PageCursor(secret: "s"),
            metrics: PrometheusCollectorRegistry(), wakeIngester: {}, isReady: { true })
        return buildRouter(env: env, dialects: StandardDialects.all).routes.map { route in
            route.method.rawValue.lowercased() + " /"
                + route.path.description.split(separator: "/")
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        }
    }
}
