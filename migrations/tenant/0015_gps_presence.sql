-- GPS presence (device online/offline) and the read API over derived events (trips, stops, the feed).

-- No fix for this long and a device is offline (reported once, by the GPS workers' sweep).
ALTER TABLE gps_settings ADD COLUMN offline_after_seconds integer NOT NULL DEFAULT 600 CHECK (offline_after_seconds > 0);

-- The sweep's question, "which online devices have sent nothing since…", without reading every
-- state: online states carry online_since, and their last fix time is in epoch milliseconds.
CREATE INDEX device_states_online_last_fix ON device_states (((state->>'last_fix_time')::int8)) WHERE state ? 'online_since';

-- A vehicle's trips or stops over a period: one device, one kind, a time range.
CREATE INDEX gps_events_device_kind_time ON gps_events (device_id, kind, occurred_at);
-- The tenant's event feed, newest first, paged by (time, key).
CREATE INDEX gps_events_time_key ON gps_events (occurred_at, event_key);
