#ifndef FIELDOPS_FO_MHD_H
#define FIELDOPS_FO_MHD_H
#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <microhttpd.h>

/* What fo_mhd_start_daemon needs; a struct so the call site names every field. */
struct fo_mhd_daemon_options {
    const char *bind_address;        /* numeric IPv4 or IPv6 address, e.g. "127.0.0.1" or "::" */
    uint16_t port;                   /* 0 picks a free port; read it back with fo_mhd_bound_port */
    unsigned int thread_pool_size;   /* 1 = one internal poll thread */
    unsigned int connection_limit;
    unsigned int connection_timeout_seconds;
    size_t connection_memory_limit;  /* per-connection buffer: bounds request line + headers */
};

/* MHD_start_daemon is variadic. This starts an internal-poll daemon (thread pool when
   thread_pool_size > 1) with suspend/resume enabled. Returns NULL and sets errno-style
   *error_code (EINVAL for a bad bind address, 0 when MHD itself refused) on failure. */
struct MHD_Daemon *fo_mhd_start_daemon(const struct fo_mhd_daemon_options *options,
                                       MHD_AccessHandlerCallback handler, void *handler_cls,
                                       MHD_RequestCompletedCallback completed, void *completed_cls,
                                       int *error_code);

/* The port the daemon listens on (MHD_get_daemon_info is variadic). 0 when unknown. */
uint16_t fo_mhd_bound_port(struct MHD_Daemon *daemon);

#endif
