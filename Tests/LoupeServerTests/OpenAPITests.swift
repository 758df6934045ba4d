import LoupeDomain
import LoupeHTTP
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test func listsEveryRouteOfTheRouter() async throws {
        // The document describes the native API; dialects (`/scale`) follow their vendors' references.
        let routes = Set(try RouteList.all().filter { !$0.contains(" /scale/") })
        let documented = Set(OpenAPIDocument.operations.map { "\($0.method) \($0.path)" })
        #expect(routes == documented)
        let document = try JSONParser.parse(OpenAPIDocument.bytes)
        #expect(document.objectValue?["openapi"] == "3.1.0")
    }
}
