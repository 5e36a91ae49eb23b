/*
 * The C side of the AMQP benchmark: rabbitmq-c used directly, as a reference for the Swift client.
 * Publishes N persistent 100-byte messages to a fresh quorum queue with publisher confirms (waiting
 * for all confirms every 1000 messages), then consumes them with prefetch 500 and a multiple ack
 * every 250. Prints one line: "publish <msg/s> consume <msg/s>".
 *
 *   amqp_peer AMQP_URL QUEUE COUNT
 */
#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { CONFIRM_EVERY = 1000, PREFETCH = 500, ACK_EVERY = 250, BODY_SIZE = 100 };

static void die(const char *what, const char *detail) {
    fprintf(stderr, "amqp_peer: %s: %s\n", what, detail);
    exit(1);
}

static void check_reply(amqp_connection_state_t conn, const char *what) {
    amqp_rpc_reply_t reply = amqp_get_rpc_reply(conn);
    if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
        die(what, reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION ? amqp_error_string2(reply.library_error)
                                                                        : "broker refused");
    }
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads frames until every tag up to `published` is confirmed; `confirmed` marks single acks. */
static void wait_for_confirms(amqp_connection_state_t conn, uint64_t published, uint64_t *lowest_unconfirmed,
                              unsigned char *confirmed) {
    while (*lowest_unconfirmed <= published) {
        amqp_frame_t frame;
        int status = amqp_simple_wait_frame(conn, &frame);
        if (status != AMQP_STATUS_OK) die("waiting for confirms", amqp_error_string2(status));
        if (frame.frame_type != AMQP_FRAME_METHOD) continue;
        if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD) die("publish", "nacked");
        if (frame.payload.method.id != AMQP_BASIC_ACK_METHOD) continue;
        amqp_basic_ack_t *ack = frame.payload.method.decoded;
        if (ack->multiple) {
            for (uint64_t tag = *lowest_unconfirmed; tag <= ack->delivery_tag; tag++) confirmed[tag] = 1;
        } else {
            confirmed[ack->delivery_tag] = 1;
        }
        while (*lowest_unconfirmed <= published && confirmed[*lowest_unconfirmed]) (*lowest_unconfirmed)++;
        amqp_maybe_release_buffers(conn);
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s AMQP_URL QUEUE COUNT\n", argv[0]);
        return 2;
    }
    struct amqp_connection_info url;
    if (amqp_parse_url(argv[1], &url) != AMQP_STATUS_OK) die("bad URL", argv[1]);
    const char *queue = argv[2];
    uint64_t count = strtoull(argv[3], NULL, 10);
    if (count == 0) die("bad COUNT", argv[3]);

    amqp_connection_state_t conn = amqp_new_connection();
    amqp_socket_t *socket = amqp_tcp_socket_new(conn);
    if (!socket || amqp_socket_open(socket, url.host, url.port) != AMQP_STATUS_OK) die("connect", url.host);
    amqp_rpc_reply_t login = amqp_login(conn, url.vhost, 0, 131072, 30, AMQP_SASL_METHOD_PLAIN, url.user, url.password);
    if (login.reply_type != AMQP_RESPONSE_NORMAL) die("login", url.user);
    amqp_channel_open(conn, 1);
    check_reply(conn, "channel.open");

    amqp_table_entry_t quorum = {amqp_cstring_bytes("x-queue-type"),
                                 {AMQP_FIELD_KIND_UTF8, {.bytes = amqp_cstring_bytes("quorum")}}};
    amqp_table_t arguments = {1, &quorum};
    amqp_queue_declare(conn, 1, amqp_cstring_bytes(queue), 0, 1, 0, 0, arguments);
    check_reply(conn, "queue.declare");
    amqp_confirm_select(conn, 1);
    check_reply(conn, "confirm.select");

    char body[BODY_SIZE];
    memset(body, 'x', sizeof body);
    amqp_basic_properties_t properties = {._flags = AMQP_BASIC_DELIVERY_MODE_FLAG, .delivery_mode = 2};
    unsigned char *confirmed = calloc(count + 2, 1);
    uint64_t lowest_unconfirmed = 1;

    double start = now_seconds();
    for (uint64_t published = 1; published <= count; published++) {
        int status = amqp_basic_publish(conn, 1, amqp_empty_bytes, amqp_cstring_bytes(queue), 0, 0, &properties,
                                        (amqp_bytes_t){sizeof body, body});
        if (status != AMQP_STATUS_OK) die("publish", amqp_error_string2(status));
        if (published % CONFIRM_EVERY == 0 || published == count) {
            wait_for_confirms(conn, published, &lowest_unconfirmed, confirmed);
        }
    }
    double publish_rate = (double)count / (now_seconds() - start);

    amqp_basic_qos(conn, 1, 0, PREFETCH, 0);
    check_reply(conn, "basic.qos");
    amqp_basic_consume(conn, 1, amqp_cstring_bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
    check_reply(conn, "basic.consume");
    start = now_seconds();
    for (uint64_t received = 1; received <= count; received++) {
        amqp_envelope_t envelope;
        amqp_maybe_release_buffers(conn);
        amqp_rpc_reply_t reply = amqp_consume_message(conn, &envelope, NULL, 0);
        if (reply.reply_type != AMQP_RESPONSE_NORMAL) die("consume", "no message");
        if (received % ACK_EVERY == 0 || received == count) amqp_basic_ack(conn, 1, envelope.delivery_tag, 1);
        amqp_destroy_envelope(&envelope);
    }
    double consume_rate = (double)count / (now_seconds() - start);

    amqp_queue_delete(conn, 1, amqp_cstring_bytes(queue), 0, 0);
    amqp_channel_close(conn, 1, AMQP_REPLY_SUCCESS);
    amqp_connection_close(conn, AMQP_REPLY_SUCCESS);
    amqp_destroy_connection(conn);
    free(confirmed);
    printf("publish %.0f consume %.0f\n", publish_rate, consume_rate);
    return 0;
}
