#include "fo_mhd.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

struct MHD_Daemon *fo_mhd_start_daemon(const struct fo_mhd_daemon_options *options,
                                       MHD_AccessHandlerCallback handler, void *handler_cls,
                                       MHD_RequestCompletedCallback completed, void *completed_cls,
                                       int *error_code) {
    struct sockaddr_storage address;
    /* poll(), not epoll: with epoll and internal threads, MHD_quiesce_daemon (graceful shutdown) races
       with the threads' own removal of the listening socket from their epoll sets, and the loser
       aborts the process ("Failed to remove listen FD from epoll set"). With poll the threads just
       stop polling that socket. The price: each wake-up polls all the thread's connections (its
       share of connection_limit), which is cheap for the hundreds a replica holds and grows with
       thousands of idle keep-alive or event-stream clients; scale replicas before that. */
    unsigned int flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_TURBO;
    memset(&address, 0, sizeof(address));
    *error_code = 0;

    struct sockaddr_in *v4 = (struct sockaddr_in *)&address;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&address;
    if (inet_pton(AF_INET, options->bind_address, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(options->port);
    } else if (inet_pton(AF_INET6, options->bind_address, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(options->port);
        flags |= MHD_USE_IPv6;
    } else {
        *error_code = EINVAL;
        return NULL;
    }

    /* No MHD_OPTION_LISTENING_ADDRESS_REUSE: its SO_REUSEPORT would let a second process bind the same
       port and silently take half the connections. MHD's default SO_REUSEADDR covers quick restarts. */
    /* Pool size 0 is MHD's plain single internal thread; a "pool" of one would only add bookkeeping. */
    unsigned int pool = options->thread_pool_size > 1 ? options->thread_pool_size : 0;
    return MHD_start_daemon(flags, options->port, NULL, NULL, handler, handler_cls,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
                            MHD_OPTION_THREAD_POOL_SIZE, pool,
                            MHD_OPTION_CONNECTION_LIMIT, options->connection_limit,
                            MHD_OPTION_CONNECTION_TIMEOUT, options->connection_timeout_seconds,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, options->connection_memory_limit,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
                            MHD_OPTION_END);
}

uint16_t fo_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}
