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
    }
}
