-- Identity: passwords (argon2id, libsodium's encoded string), invitations and password resets that
-- expire, and an optimistic-concurrency version on the user record.
ALTER TABLE users
    ADD COLUMN display_name       text,
    ADD COLUMN locale             text        NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    ADD COLUMN password_hash      text,
    ADD COLUMN invite_expires_at  timestamptz,
    ADD COLUMN reset_token_hash   bytea,
    ADD COLUMN reset_expires_at   timestamptz,
    ADD COLUMN last_login_at      timestamptz,
    ADD COLUMN updated_at         timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN version            integer     NOT NULL DEFAULT 1,
    ADD CONSTRAINT active_users_have_a_password CHECK (status <> 'active' OR password_hash IS NOT NULL);

CREATE UNIQUE INDEX users_email_lower ON users (lower(email));
CREATE UNIQUE INDEX users_invite_token ON users (invite_token_hash) WHERE invite_token_hash IS NOT NULL;
CREATE UNIQUE INDEX users_reset_token ON users (reset_token_hash) WHERE reset_token_hash IS NOT NULL;

-- Every mutable domain row carries `version` (the ETag) and `updated_at`; one trigger keeps both.
CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch_row();
