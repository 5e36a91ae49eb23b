#ifndef C_LIBCRYPTO_SHIM_H
#define C_LIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
