import Foundation
import LoupeDomain

extension WebhookDispatcher {
    /// Sends an event whose target is an e-mail address through the relay: the body is the event's
    /// JSON, the dialect's auth header (if any) and the event's kind and id ride as mail headers.
    func deliverByMail(_ event: OutboxEvent, authHeader: (String, String)?, now: Timestamp) async
        -> (DeliveryVerdict, String?)
    {
        guard let mailer else {
            return (.final, "the callback is an e-mail address but no SMTP relay is configured (LOUPE_SMTP_HOST)")
        }
        let recipient: MailAddress
        do {
            recipient = try MailAddress(callbackURL: event.targetURL)
        } catch {
            return (.final, "the callback address \(error.reason)")
        }
        var headers = [("X-Loupe-Event", event.kind.rawValue), ("X-Loupe-Event-ID", event.id)]
        if let authHeader { headers.append(authHeader) }
        let about = event.taskID.map { "task \($0)" } ?? event.batchID.map { "batch \($0)" } ?? event.id
        let outcome = await mailer.send(
            to: recipient, subject: "Loupe \(event.kind.rawValue): \(about)", json: Array(event.payload.text.utf8),
            headers: headers, messageID: event.id,
            date: Date(timeIntervalSince1970: Double(now.microseconds) / 1_000_000))
        switch outcome {
        case .delivered: return (.delivered, nil)
        case .transient(let reason): return (.retry(retryAfter: nil), reason)
        case .permanent(let reason): return (.final, reason)
        }
    }
}
