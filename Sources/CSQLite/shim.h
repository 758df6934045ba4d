#include <sqlite3.h>

/// Turns off SQLite's memory statistics, which take a global mutex on every allocation. Only
/// takes effect before SQLite initializes (the first connection opened); returns SQLite's status.
static inline int loupe_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
