extension Store {
    /// The SET-clause assignment for every change that may free one of a task's result slots — a
    /// lease released or expired, a result rejected, a result returned from review, an extra result
    /// asked for, a rework round, a larger overlap. SQLite's queue indexes leave out tasks whose slots
    /// were all taken (`slotsTaken`, set by the claim that takes the last one), so a change that
    /// frees a slot without this would hide the task from every worker until someone touched it.
    static let slotMayBeFree = "slots_full = 0"

    /// The SET-clause assignment of a SQLite claim that takes a task's last free slot.
    static let slotsTaken = "slots_full = 1"
}
