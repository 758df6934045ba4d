public import Foundation
public import LoupeDomain
import NIOCore
import NIOPosix
import NIOSSL

/// Sends one message through the relay per call: connects, drives an `SMTPConversation` (which
/// decides every command and the outcome), upgrades to TLS when it asks, and gives up after the
/// relay's timeout. Never throws: every failure is an outcome the outbox can retry or not.
public struct MailSender: Sendable {
    let relay: MailRelay

    /// A sender through `relay`.
    public init(relay: MailRelay) { self.relay = relay }

    private struct TimedOut: Error {}

    /// Sends `body` as a JSON message to `recipient`; `messageID` is stable across retries so
    /// mail clients can drop a duplicate.
    public func send(
        to recipient: MailAddress, subject: String, json body: [UInt8], headers: [(String, String)],
        messageID: String, date: Date
    ) async -> MailOutcome {
        let conversation: SMTPConversation
        do {
            let extra = try headers.map { (name, value) throws(MailMessageError) in
                try MailHeader(name: name, value: value)
            }
            let message = try MailMessage(
                from: relay.from, to: [recipient], subject: subject, date: date, messageID: messageID,
                messageIDDomain: relay.ownName, contentType: .json, body: body, extraHeaders: extra)
            conversation = try SMTPConversation(
                ehloName: relay.ownName, tlsPolicy: relay.tlsPolicy, connectionIsEncrypted: relay.implicitTLS,
                credentials: relay.credentials, sender: relay.from, recipients: [recipient], message: message)
        } catch {
            return .permanent("the message could not be written: \(error)")
        }
        let relay = relay
        do {
            return try await withThrowingTaskGroup(of: MailOutcome.self) { group in
                group.addTask { try await Self.converse(conversation, relay: relay) }
                group.addTask {
                    try await Task.sleep(for: .seconds(relay.timeoutSeconds))
                    throw TimedOut()
                }
                defer { group.cancelAll() }
                return try await group.next() ?? .transient("the SMTP session ended without an outcome")
            }
        } catch is TimedOut {
            return .transient(
                "the SMTP relay \(relay.host):\(relay.port) did not finish within \(relay.timeoutSeconds) s")
        } catch {
            return .transient("the SMTP relay \(relay.host):\(relay.port) failed: \(error)")
        }
    }

    private static func converse(_ start: SMTPConversation, relay: MailRelay) async throws -> MailOutcome {
        var conversation = start
        let tls = try tlsContext(relay)
        let serverName =
            relay.host.contains(":") || relay.host.allSatisfy({ $0.isNumber || $0 == "." })
            ? nil : relay.host
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: relay.host, port: relay.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if relay.implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var replies = inbound.makeAsyncIterator()
            while true {
                let chunk: ByteBuffer?
                do {
                    chunk = try await replies.next()
                } catch {
                    return conversation.connectionClosed(detail: "\(error)")
                }
                guard let chunk else { return conversation.connectionClosed() }
                var action = conversation.receive(chunk.readableBytesView)
                while let next = action {
                    action = nil
                    switch next {
                    case .send(let bytes):
                        try await outbound.write(ByteBuffer(bytes: bytes))
                    case .startTLS:
                        try await channel.channel.eventLoop.submit {
                            try channel.channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
                        }.get()
                        action = conversation.tlsEstablished()
                    case .close(let outcome):
                        return outcome
                    }
                }
            }
        }
    }

    private static func tlsContext(_ relay: MailRelay) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = relay.trustedCertificatesFile { configuration.trustRoots = .file(file) }
        return try NIOSSLContext(configuration: configuration)
    }
}
