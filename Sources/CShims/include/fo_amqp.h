#ifndef FIELDOPS_FO_AMQP_H
#define FIELDOPS_FO_AMQP_H
#include <amqp.h>

/* amqp_login is variadic; this is its PLAIN-mechanism form. */
amqp_rpc_reply_t fo_amqp_login_plain(amqp_connection_state_t state, const char *vhost, int channel_max,
                                     int frame_max, int heartbeat, const char *user, const char *password);

/* amqp_login_with_properties is variadic too; PLAIN form that also sends client properties
   (merged by rabbitmq-c with its defaults), e.g. connection_name. */
amqp_rpc_reply_t fo_amqp_login_plain_with_properties(amqp_connection_state_t state, const char *vhost,
                                                     int channel_max, int frame_max, int heartbeat,
                                                     const amqp_table_t *properties, const char *user,
                                                     const char *password);
#endif
