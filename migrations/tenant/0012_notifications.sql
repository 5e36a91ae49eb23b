-- Notifications: tenant template overrides, each user's settings and channel preferences, the in-app
-- inbox, outbound deliveries (email, SMS, webhooks) with their attempt log, the digest queue, and
-- the open strategic alerts.

CREATE TABLE notification_template_overrides (
    event_type  text        NOT NULL,
    locale      text        NOT NULL CHECK (locale IN ('fr', 'en')),
    subject     text        NOT NULL,
    text_body   text        NOT NULL,
    html_body   text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_type, locale)
);

-- Quiet hours are minutes after local midnight in the user's time zone; both or neither.
CREATE TABLE notification_settings (
    user_id      uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    time_zone    text        NOT NULL DEFAULT 'Europe/Paris',
    quiet_start  integer     CHECK (quiet_start BETWEEN 0 AND 1439),
    quiet_end    integer     CHECK (quiet_end BETWEEN 0 AND 1439),
    digest_hour  integer     NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
    phone        text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
);

-- user × channel × event type ('*' for every type without its own row).
CREATE TABLE notification_preferences (
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel     text NOT NULL CHECK (channel IN ('in_app', 'email', 'sms')),
    event_type  text NOT NULL,
    mode        text NOT NULL CHECK (mode IN ('immediate', 'digest', 'off')),
    PRIMARY KEY (user_id, channel, event_type)
);

CREATE TABLE inbox_notifications (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_type  text        NOT NULL,
    priority    text        NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'critical')),
    title       text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz
);
CREATE INDEX inbox_notifications_user ON inbox_notifications (user_id, created_at DESC);
CREATE INDEX inbox_notifications_unread ON inbox_notifications (user_id) WHERE read_at IS NULL;

-- A tenant's webhook subscriptions. The secret signs deliveries (HMAC-SHA256); an endpoint failing
-- too many deliveries in a row is disabled, with the reason.
CREATE TABLE webhook_endpoints (
    id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    url                   text        NOT NULL CHECK (url ~ '^https?://'),
    description           text        NOT NULL DEFAULT '',
    event_types           text[]      NOT NULL CHECK (cardinality(event_types) > 0),
    secret                bytea       NOT NULL,
    enabled               boolean     NOT NULL DEFAULT true,
    consecutive_failures  integer     NOT NULL DEFAULT 0,
    disabled_reason       text,
    version               integer     NOT NULL DEFAULT 1,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER webhook_endpoints_touch BEFORE UPDATE ON webhook_endpoints FOR EACH ROW EXECUTE FUNCTION touch_row();

-- What leaves through email, SMS or a webhook: written in the same transaction as the message that
-- caused it, sent after commit, retried from here (next_attempt_at) until delivered or abandoned.
CREATE TABLE notification_deliveries (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    channel           text        NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
    user_id           uuid        REFERENCES users (id) ON DELETE CASCADE,
    endpoint_id       uuid        REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type        text        NOT NULL,
    recipient         text        NOT NULL,
    payload           jsonb       NOT NULL,
    status            text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'abandoned')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    first_attempt_at  timestamptz,
    last_error        text,
    delivered_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((channel = 'webhook') = (endpoint_id IS NOT NULL))
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_deliveries_endpoint ON notification_deliveries (endpoint_id, created_at DESC) WHERE endpoint_id IS NOT NULL;

CREATE TABLE notification_delivery_attempts (
    delivery_id   uuid        NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
    attempt       integer     NOT NULL,
    attempted_at  timestamptz NOT NULL DEFAULT now(),
    status_code   integer,
    error         text,
    duration_ms   integer     NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

-- Low-priority items waiting for the user's digest, already rendered in the user's language.
CREATE TABLE notification_digest_items (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel     text        NOT NULL CHECK (channel IN ('email', 'sms')),
    event_type  text        NOT NULL,
    subject     text        NOT NULL,
    text_body   text        NOT NULL,
    due_at      timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_digest_items_due ON notification_digest_items (due_at);

-- Strategic alerts that are open: one row per condition; the row goes when the condition clears,
-- so the same condition can alert again later.
CREATE TABLE alert_states (
    condition_key  text        PRIMARY KEY,
    rule           text        NOT NULL,
    subject_id     text        NOT NULL,
    alert_values   jsonb       NOT NULL,
    opened_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now()
);
