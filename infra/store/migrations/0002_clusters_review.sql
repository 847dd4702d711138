-- Duplicate clusters that analysts can trust: stable ids, status, merges, deadlines, links with
-- their evidence, analysts' labelled pairs and an audit trail of every action.

-- Stable ids: a merged cluster is never deleted, it points to the cluster that absorbed it.
ALTER TABLE clusters ADD COLUMN status text NOT NULL DEFAULT 'open';
ALTER TABLE clusters ADD COLUMN merged_into uuid REFERENCES clusters (cluster_id);
ALTER TABLE clusters ADD COLUMN updated_at timestamptz;
-- The earliest deadline of the cluster's members: merging never resets a clock.
ALTER TABLE clusters ADD COLUMN deadline_at timestamptz;

-- Every lead's own handling deadline (received + the policy's days).
ALTER TABLE leads ADD COLUMN deadline_at timestamptz;

-- Links found by dedup between a lead and an earlier one: duplicate (same incident) or related
-- (same subject, another incident), with the evidence shown to the analyst.
CREATE TABLE lead_links (
  lead_id        uuid NOT NULL REFERENCES leads (lead_id),
  other_lead_id  uuid NOT NULL REFERENCES leads (lead_id),
  kind           text NOT NULL,
  probability    real NOT NULL,
  evidence       jsonb NOT NULL,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (lead_id, other_lead_id)
);
CREATE INDEX lead_links_other ON lead_links (other_lead_id);

-- Pairs labelled by analysts (lead_a < lead_b): "not-duplicate" pairs are never proposed again,
-- and every label feeds the next calibration.
CREATE TABLE pair_labels (
  lead_a       uuid NOT NULL REFERENCES leads (lead_id),
  lead_b       uuid NOT NULL REFERENCES leads (lead_id),
  label        text NOT NULL,
  labelled_by  text NOT NULL,
  reason       text,
  labelled_at  timestamptz NOT NULL,
  PRIMARY KEY (lead_a, lead_b)
);

-- Who did what, when and why.
CREATE TABLE audit_log (
  audit_id    bigserial PRIMARY KEY,
  actor       text NOT NULL,
  action      text NOT NULL,
  cluster_id  uuid,
  lead_id     uuid,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb,
  reason      text,
  at          timestamptz NOT NULL
);
CREATE INDEX audit_log_cluster ON audit_log (cluster_id, at);
