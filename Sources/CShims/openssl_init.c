#include <openssl/crypto.h>

/* Before main: OpenSSL must not free its global state at exit. Its atexit cleanup races with
 * threads still digesting (a request finishing while the process exits) or exiting after it, which
 * then touch freed state and crash the exiting process with SIGSEGV instead of its exit status.
 * The first initialisation in a process decides whether the cleanup is registered, so this runs
 * before anything else can initialise OpenSSL (libcurl, libpq). */
__attribute__((constructor)) static void fo_openssl_keep_state_at_exit(void) {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL);
}
