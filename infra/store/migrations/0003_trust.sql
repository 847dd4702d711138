-- Trust: an audit log the database itself protects, reporter identities sealed under a key id,
-- console users with argon2 password hashes and TOTP second factors.

-- The audit log is append-only: the database refuses UPDATE, DELETE and TRUNCATE, whoever asks.
-- (Production also grants the application role only INSERT and SELECT on it: docs/SECURITY.md.)
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Which key sealed the identity (the same id is inside the sealed text): `npm run keys -- rotate`
-- finds the rows still under an old key.
ALTER TABLE reports ADD COLUMN reporter_key_id text;
CREATE INDEX reports_reporter_key ON reports (reporter_key_id) WHERE reporter_sealed IS NOT NULL;

-- Console users (the inner network). No default users: provisioned by `npm run users -- add`.
CREATE TABLE console_users (
  user_id        text PRIMARY KEY,
  display_name   text NOT NULL,
  role           text NOT NULL,
  province_code  text,
  password_hash  text NOT NULL,
  -- Base32 TOTP secret for national-office roles; null for provincial roles.
  totp_secret    text,
  -- The last TOTP time step accepted: a code is never accepted twice.
  totp_last_step bigint,
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
