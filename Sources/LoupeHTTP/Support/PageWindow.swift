import LoupeDomain

/// Cursor pagination for list routes: reads `limit` and `next_token` for one query (its `scope`),
/// and cuts a fetched list (read with `fetchLimit`, one more than the page) into a page and the
/// next token.
struct PageWindow {
    /// Items per page.
    let limit: Int
    /// The last id of the previous page, from `next_token`.
    let afterID: String?
    private let scope: String
    private let cursor: PageCursor

    init(_ query: QueryReader, scope: String, cursor: PageCursor, defaultLimit: Int = 100) throws(DomainError) {
        limit = try query.limit(default: defaultLimit)
        afterID = try query.string("next_token").map { token throws(DomainError) in
            try cursor.lastID(from: token, scope: scope)
        }
        self.scope = scope
        self.cursor = cursor
    }

    /// How many to read: one more than a page, to know whether another page follows.
    var fetchLimit: Int { limit + 1 }

    /// The page and the token for the next one (nil on the last page).
    func page<Item>(_ fetched: [Item], id: (Item) -> String) -> (items: ArraySlice<Item>, next: String?) {
        let items = fetched.prefix(limit)
        let next = fetched.count > limit ? items.last.map { cursor.token(lastID: id($0), scope: scope) } : nil
        return (items, next)
    }
}
