#ifndef FIELDOPS_CSHIMS_H
#define FIELDOPS_CSHIMS_H
/* Fixed-signature wrappers (prefix fo_) for C functions Swift cannot call: variadic ones and macros. */
#include "fo_amqp.h"
#include "fo_mhd.h"
#include "fo_curl.h"
#endif
