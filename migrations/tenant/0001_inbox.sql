-- Messages whose effect is committed. A worker inserts the message id in the same transaction as the
-- effect, so a redelivered message finds its id here and does nothing.
CREATE TABLE inbox (
    message_id    text PRIMARY KEY,
    queue         text        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX inbox_processed_at ON inbox (processed_at);
