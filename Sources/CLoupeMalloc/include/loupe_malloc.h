#ifndef LOUPE_MALLOC_H
#define LOUPE_MALLOC_H

/// Keeps allocations up to 32 MB in the reusable heap (glibc otherwise maps each large buffer
/// afresh and faults in every page) and trims the heap only above 64 MB of free memory.
/// Does nothing where glibc's mallopt is not available.
void loupe_keep_large_buffers_in_heap(void);

#endif
