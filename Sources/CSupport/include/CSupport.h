#ifndef CONCLINT_CSUPPORT_H
#define CONCLINT_CSUPPORT_H

#include <stdint.h>

/// The lowest usable address of the calling thread's stack (stacks grow
/// down), or 0 when the platform cannot tell. Swift cannot call the GNU
/// extension that answers this, so it lives here.
uintptr_t conclint_stack_low_address(void);

#endif
