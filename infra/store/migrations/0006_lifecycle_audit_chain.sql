-- From receipt to result: each routed lead's case (state, result, dual review, deadlines), a
-- hash-chained audit log, monthly callbacks, and the outboxes a notifier and an SMS gateway read.

-- The audit log becomes a hash chain: entry n stores hash(n) = sha256(hash(n-1) + canonical(n)),
-- computed by the database on insert, whoever inserts. The head (last seq and hash) is one row
-- locked by each insert, so concurrent writers are chained one after the other and removing the
-- last entries shows too. `npm run audit -- verify` recomputes the chain outside the database.
ALTER TABLE audit_log ADD COLUMN seq bigint;
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;

CREATE TABLE audit_chain_head (
  id    smallint PRIMARY KEY CHECK (id = 1),
  seq   bigint NOT NULL,
  hash  text NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Each field as length:value (UTF-8 octets), null as ~, joined by |: no two entries share a text.
CREATE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN '~' ELSE octet_length(value)::text || ':' || value END
$$;

CREATE FUNCTION audit_entry_hash(prev text, seq bigint, actor text, action text, cluster_id uuid, lead_id uuid, details jsonb, reason text, at timestamptz)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', prev, seq::text, audit_field(actor), audit_field(action), audit_field(cluster_id::text),
    audit_field(lead_id::text), audit_field(details::text), audit_field(reason),
    audit_field(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))), 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head record;
BEGIN
  SELECT h.seq, h.hash INTO head FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := audit_entry_hash(head.hash, NEW.seq, NEW.actor, NEW.action, NEW.cluster_id, NEW.lead_id, NEW.details, NEW.reason, NEW.at);
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;

-- Entries written before this migration join the chain in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
DO $$
DECLARE
  r record;
  prev text := repeat('0', 64);
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY audit_id LOOP
    n := n + 1;
    UPDATE audit_log SET seq = n, prev_hash = prev,
      hash = audit_entry_hash(prev, n, r.actor, r.action, r.cluster_id, r.lead_id, r.details, r.reason, r.at)
    WHERE audit_id = r.audit_id RETURNING hash INTO prev;
  END LOOP;
  UPDATE audit_chain_head SET seq = n, hash = prev WHERE id = 1;
END
$$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;

ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);
CREATE INDEX audit_log_lead ON audit_log (lead_id, seq);
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- The case of a lead routed to a province: opened by the lifecycle (work queue, scheduler) from
-- the routed leads; moved only by the lifecycle service, each move audited.
CREATE TABLE lead_cases (
  lead_id                   uuid PRIMARY KEY REFERENCES leads (lead_id),
  province_code             text NOT NULL,
  state                     text NOT NULL,
  priority                  text NOT NULL,
  category                  text NOT NULL,
  received_at               timestamptz NOT NULL,
  -- Real-name or contactable reporter: the province must record contact by contact_due_at.
  contactable               boolean NOT NULL,
  contact_due_at            timestamptz,
  contacted_at              timestamptz,
  conclusion_due_at         timestamptz NOT NULL,
  result                    text,
  conclusion                text,
  proposed_by               text,
  provincial_sign_off_by    text,
  national_sign_off_by      text,
  national_review_required  boolean NOT NULL DEFAULT false,
  -- What the reporter reads once the feedback is delivered.
  feedback                  text,
  concluded_at              timestamptz,
  -- Set by the scheduler: on-time, due-soon or overdue, which clock, and its (cluster's earliest) due time.
  deadline_flag             text NOT NULL DEFAULT 'on-time',
  deadline_kind             text,
  deadline_due_at           timestamptz,
  -- When the lead first went on the national office's supervision list (督办).
  supervised_at             timestamptz,
  created_at                timestamptz NOT NULL,
  updated_at                timestamptz NOT NULL
);
CREATE INDEX lead_cases_queue ON lead_cases (province_code, state, conclusion_due_at);
CREATE INDEX lead_cases_supervised ON lead_cases (supervised_at) WHERE supervised_at IS NOT NULL;

-- Reminders for provinces and the national office, read by whatever delivers them.
CREATE TABLE notifications (
  notification_id  bigserial PRIMARY KEY,
  recipient        text NOT NULL,
  kind             text NOT NULL,
  lead_id          uuid REFERENCES leads (lead_id),
  message          text NOT NULL,
  created_at       timestamptz NOT NULL,
  UNIQUE (recipient, kind, lead_id)
);

-- Monthly callbacks (回访): one draw per month from a recorded seed, a sample per province.
CREATE TABLE callback_draws (
  month         text PRIMARY KEY,
  seed          text NOT NULL,
  per_province  integer NOT NULL,
  drawn_by      text NOT NULL,
  drawn_at      timestamptz NOT NULL
);
CREATE TABLE callbacks (
  month          text NOT NULL REFERENCES callback_draws (month),
  lead_id        uuid NOT NULL REFERENCES leads (lead_id),
  province_code  text NOT NULL,
  outcome        text,
  note           text,
  recorded_by    text,
  recorded_at    timestamptz,
  PRIMARY KEY (month, lead_id)
);

-- Text messages for an SMS gateway to send: the report id only, never a number; the gateway,
-- inside the sealed zone, opens the reporter's contact itself.
CREATE TABLE sms_outbox (
  sms_id      bigserial PRIMARY KEY,
  report_id   uuid NOT NULL REFERENCES reports (report_id),
  purpose     text NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL,
  sent_at     timestamptz
);
CREATE INDEX sms_outbox_unsent ON sms_outbox (created_at) WHERE sent_at IS NULL;
