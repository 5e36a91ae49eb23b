#ifndef C_PANGOCAIRO_SHIM_H
#define C_PANGOCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#endif
