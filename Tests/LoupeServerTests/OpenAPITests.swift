import LoupeDomain
import LoupeHTTP
import LoupeServer
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test func listsEveryRouteOfTheRouter() async throws {
        // The document describes the native API; dialects follow their vendors' references.
        let prefixes = StandardDialects.all.flatMap(\.pathPrefixes)
        let routes = Set(try RouteList.all().filter { route in !prefixes.contains { route.contains(" " + $0) } })
        let documented = Set(OpenAPIDocument.operations.map { "\($0.method) \($0.path)" })
        #expect(routes == documented)
        let document = try JSONParser.parse(OpenAPIDocument.bytes)
        #expect(document.objectValue?["openapi"] == "3.1.0")
        // The served document is the full description, and it describes exactly these routes.
        let paths = try #require(document.objectValue?["paths"]?.objectValue)
        let described = Set(paths.flatMap { path, item in (item.objectValue?.keys ?? []).map { "\($0) \(path)" } })
        #expect(described == routes)
        let createTask = paths["/api/v1/projects/{id}/tasks"]?.objectValue?["post"]?.objectValue
        #expect(createTask?["requestBody"] != nil)
        #expect(createTask?["responses"]?.objectValue?["201"] != nil)
    }
}
