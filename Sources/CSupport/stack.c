#define _GNU_SOURCE
#include <pthread.h>
#include "CSupport.h"

uintptr_t conclint_stack_low_address(void) {
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
