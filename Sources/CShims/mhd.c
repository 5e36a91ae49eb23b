#include "fo_mhd.h"
