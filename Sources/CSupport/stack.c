#define _GNU_SOURCE
#include <pthread.h>
#include "CSupport.h"

/// Asking the system is costly (on Linux, for the main thread, glibc reads
/// /proc/self/maps), so each thread asks once.
static __thread uintptr_t cached_low_address = 0;
static __thread int cached = 0;

static uintptr_t query_stack_low_address(void) {
#if defined(__APPLE__)
    pthread_t self = pthread_self();
    return (uintptr_t)pthread_get_stackaddr_np(self) - pthread_get_stacksize_np(self);
#elif defined(__linux__)
    pthread_attr_t attr;
    void *address = 0;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
    if (pthread_attr_getstack(&attr, &address, &size) != 0) address = 0;
    pthread_attr_destroy(&attr);
    return (uintptr_t)address;
#else
    return 0;
#endif
}

uintptr_t conclint_stack_low_address(void) {
    if (!cached) {
        cached_low_address = query_stack_low_address();
        cached = 1;
    }
    return cached_low_address;
}
