extension User {
    /// `text` as a stored e-mail (lowercased), or an error at `field` when it is not one.
    public static func checkedEmail(_ text: String, field: String = "/email") throws(DomainError) -> String {
        let email = text.lowercased()
        guard email.utf8.count <= 254, email.contains("@"), !email.hasPrefix("@"), !email.hasSuffix("@"),
            !email.contains(" ")
        else {
            throw DomainError.invalidField(field, "must be an e-mail address")
        }
        return email
    }

    /// Throws at `field` unless `password` is long enough (10 to 200 characters).
    public static func checkPassword(_ password: String, field: String = "/password") throws(DomainError) {
        guard password.count >= 10 else { throw DomainError.invalidField(field, "must be at least 10 characters") }
        guard password.count <= 200 else { throw DomainError.invalidField(field, "must be at most 200 characters") }
    }

    /// The roles `names` give, each once, in order; an unknown name is refused at `field/<index>`
    /// (or at `field` when `indexed` is false), and none at all at `field`.
    public static func roles(_ names: [String], field: String = "/roles", indexed: Bool = true) throws(DomainError)
        -> [UserRole]
    {
        let allowed = "admin, requester, worker, reviewer"
        guard !names.isEmpty else { throw DomainError.invalidField(field, "is required: one or more of \(allowed)") }
        var roles: [UserRole] = []
        for (index, name) in names.enumerated() {
            guard let role = UserRole(rawValue: name) else {
                throw DomainError.invalidField(indexed ? "\(field)/\(index)" : field, "must be one of \(allowed)")
            }
            if !roles.contains(role) { roles.append(role) }
        }
        return roles
    }
}
