import Foundation
import HTTPTypes
import LoupeDomain
import LoupeServer
import Testing

@Suite("PDF attachments are fetched by the server for viewers")
struct PDFAttachmentTests {
    @Test func onlyAPDFTheTaskNamesReachesThoseWhoMaySeeTheTask() async throws {
        let sink = WebhookSink { _ in 200 }
        try await sink.run { base in
            try await TestApp.run(configure: { $0.allowPrivateCallbacks = true }) { app in
                let project = try await app.createProject()
                let pdf = base + "/files/contract.pdf"
                let page = base + "/files/page.html"
                let created = try await app.send(
                    .post, "/api/v1/projects/\(project)/tasks",
                    json: ["data": ["document": .string(pdf), "more": ["pages": [.string(page)]]]])
                let task = try #require(created.json["id"]?.stringValue)
                func fetch(_ url: String, as headers: HTTPFields = TestApp.live) async throws -> Reply {
                    let query = url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? url
                    return try await app.send(.get, "/api/v1/tasks/\(task)/pdf?url=\(query)", headers: headers)
                }

                let fetched = try await fetch(pdf)
                #expect(fetched.status == .ok)
                #expect(fetched.headers[.contentType] == "application/pdf")
                #expect(fetched.headers[.xContentTypeOptions] == "nosniff")
                #expect(fetched.bytes == Array(WebhookSink.pdf.utf8))

                let notNamed = try await fetch(base + "/files/other.pdf")
                #expect(notNamed.status == .notFound)
                #expect(notNamed.errorPaths == ["url"])
                let notPDF = try await fetch(page)
                #expect(notPDF.status == .badGateway)
                #expect(notPDF.errorCode == "upstream_failed")

                // A worker sees the PDF only once the task was given to it.
                let (worker, _) = try await ReviewAPITests.login(app, "reader@example.com", roles: ["worker"])
                #expect(try await fetch(pdf, as: worker).status == .notFound)
                let lease = try await app.send(.post, "/api/v1/work/next", headers: worker)
                #expect(lease.text.contains(task))
                #expect(try await fetch(pdf, as: worker).status == .ok)
                #expect(try await fetch(pdf, as: [:]).status == .unauthorized)
            }
        }
    }

    @Test func anInnerAddressIsRefusedUnlessPrivateTargetsAreAllowed() async throws {
        let sink = WebhookSink { _ in 200 }
        try await sink.run { base in
            try await TestApp.run { app in
                let project = try await app.createProject()
                let pdf = base + "/contract.pdf"
                let created = try await app.send(
                    .post, "/api/v1/projects/\(project)/tasks", json: ["data": ["document": .string(pdf)]])
                let task = try #require(created.json["id"]?.stringValue)
                let query = pdf.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? pdf
                let refused = try await app.send(.get, "/api/v1/tasks/\(task)/pdf?url=\(query)")
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("loopback"))
                #expect(sink.requests.isEmpty)
            }
        }
    }
}
