import Foundation
import LoupeDomain
import NIOCore
import NIOHTTP1
import NIOPosix

/// One benchmark worker on one keep-alive connection: claim (`POST /work/next`), submit, repeat,
/// until the queue answers 204 or the deadline passes. It runs as NIO callbacks on one event loop,
/// with no task per request, so the load generator (like wrk) costs little of the CPU it shares
/// with the server and the figures are the server's.
final class QueueWorkerConnection: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// The milliseconds each claim and each submit took.
    struct Timings: Sendable {
        var claims: [Double] = []
        var submits: [Double] = []
    }

    private enum Phase {
        case claiming
        case submitting(assignmentID: String)
    }

    private let host: String
    private let token: String
    private let claimBody: ByteBuffer
    private let deadline: NIODeadline
    private let done: EventLoopPromise<Timings>
    private var phase = Phase.claiming
    private var sentAt = NIODeadline.now()
    private var status: HTTPResponseStatus = .ok
    private var body = ByteBuffer()
    private var timings = Timings()

    init(host: String, token: String, projectID: String, deadline: NIODeadline, done: EventLoopPromise<Timings>) {
        self.host = host
        self.token = token
        self.claimBody = ByteBuffer(string: #"{"project_id":"\#(projectID)"}"#)
        self.deadline = deadline
        self.done = done
    }

    /// Connects `workers` of these to `host:port` on `group` and returns their timings once every
    /// one has stopped.
    static func run(
        group: any EventLoopGroup, host: String, port: Int, tokens: [String], projectID: String, deadline: NIODeadline
    ) async throws -> [Timings] {
        var results: [EventLoopFuture<Timings>] = []
        for token in tokens {
            let loop = group.next()
            let done = loop.makePromise(of: Timings.self)
            let channel = try await ClientBootstrap(group: loop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(
                            QueueWorkerConnection(host: host, token: token, projectID: projectID, deadline: deadline, done: done))
                    }
                }
                .connect(host: host, port: port).get()
            results.append(done.futureResult.always { _ in channel.close(promise: nil) })
        }
        var timings: [Timings] = []
        for result in results { timings.append(try await result.get()) }
        return timings
    }

    func channelActive(context: ChannelHandlerContext) {
        send(path: "/api/v1/work/next", body: claimBody, context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = head.status
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            responded(context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        done.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        done.fail(ChannelError.ioOnClosedChannel)
    }

    private func responded(context: ChannelHandlerContext) {
        let elapsed = Double((NIODeadline.now() - sentAt).nanoseconds) / 1_000_000
        switch phase {
        case .claiming:
            guard status == .ok else {
                if status == .noContent { return done.succeed(timings) }
                return fail("work/next answered \(status.code)", context: context)
            }
            let lease = try? JSONParser.parse(Array(body.readableBytesView))
            guard let id = lease?.objectValue?["assignment"]?.objectValue?["id"]?.stringValue else {
                return fail("work/next answered without an assignment id", context: context)
            }
            timings.claims.append(elapsed)
            phase = .submitting(assignmentID: id)
            let category = id.hasSuffix("0") ? "dog" : "cat"
            send(
                path: "/api/v1/assignments/\(id)/submit",
                body: ByteBuffer(string: #"{"answer":{"category":"\#(category)"}}"#), context: context)
        case .submitting:
            guard status == .ok else { return fail("submit answered \(status.code)", context: context) }
            timings.submits.append(elapsed)
            guard NIODeadline.now() < deadline else { return done.succeed(timings) }
            phase = .claiming
            send(path: "/api/v1/work/next", body: claimBody, context: context)
        }
    }

    private func send(path: String, body: ByteBuffer, context: ChannelHandlerContext) {
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        head.headers.add(name: "Host", value: host)
        head.headers.add(name: "Authorization", value: "Bearer \(token)")
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: String(body.readableBytes))
        sentAt = NIODeadline.now()
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func fail(_ message: String, context: ChannelHandlerContext) {
        done.fail(QueueWorkerError(message: message))
        context.close(promise: nil)
    }
}

/// A worker connection stopped on an answer it did not expect.
struct QueueWorkerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
