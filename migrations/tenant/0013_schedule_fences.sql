-- Planning state of the scheduler worker and the planning API.

-- One row per planned day. A scheduler commits a day's plan only while advancing `token` to the
-- fencing token of its Redis lock (`UPDATE … WHERE token < new`, in the same transaction as the
-- assignments), so a holder whose lock expired and was taken by a newer one cannot overwrite the
-- newer plan. Manual moves lock the row to serialise with plan commits of the same day.
CREATE TABLE schedule_fences (
    day           date        PRIMARY KEY,
    token         bigint      NOT NULL CHECK (token >= 0),
    committed_at  timestamptz NOT NULL DEFAULT now()
);

-- How the tenant's days are timed: the zone whose midnight starts a planning day, and the travel
-- model (great-circle distance × detour factor ÷ average speed).
CREATE TABLE schedule_settings (
    singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    time_zone      text             NOT NULL DEFAULT 'Europe/Paris',
    speed_kmh      double precision NOT NULL DEFAULT 40 CHECK (speed_kmh > 0),
    detour_factor  double precision NOT NULL DEFAULT 1.3 CHECK (detour_factor >= 1)
);
INSERT INTO schedule_settings DEFAULT VALUES;

-- Duration models learnt from finished interventions, newest last; the scheduler uses the newest.
-- The mean absolute errors are those of the model and of the plain template on held-out history.
CREATE TABLE duration_models (
    id                    bigserial   PRIMARY KEY,
    trained_at            timestamptz NOT NULL DEFAULT now(),
    observations          integer     NOT NULL CHECK (observations > 0),
    held_out              integer     NOT NULL CHECK (held_out >= 0),
    model_mae_minutes     double precision NOT NULL,
    template_mae_minutes  double precision NOT NULL,
    model                 jsonb       NOT NULL
);
