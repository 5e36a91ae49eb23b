#ifndef C_XLSXWRITER_SHIM_H
#define C_XLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
