#ifndef FIELDOPS_FO_MHD_H
#define FIELDOPS_FO_MHD_H
#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <microhttpd.h>
#endif
