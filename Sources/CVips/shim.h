#ifndef C_VIPS_SHIM_H
#define C_VIPS_SHIM_H
#include <vips/vips.h>
#endif
