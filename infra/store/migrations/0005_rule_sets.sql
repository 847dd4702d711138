-- The routing workbench (docs/ROUTING.md): rule sets drafted, dry-run, approved by a second person
-- and published; re-publication of an earlier version (rollback); the facts each lead was routed
-- on (for dry runs and coverage); manual re-routing with its own idempotency key.

-- A published version: who approved it, from which draft, or which earlier version it re-publishes.
ALTER TABLE routing_rules ADD COLUMN approved_by text;
ALTER TABLE routing_rules ADD COLUMN draft_id uuid;
ALTER TABLE routing_rules ADD COLUMN republished_from integer;
ALTER TABLE routing_rules ADD COLUMN reason text;

-- Drafts: edited by rule editors, dry-run, then approved and published by someone else.
CREATE TABLE rule_set_drafts (
  draft_id          uuid PRIMARY KEY,
  based_on_version  integer,
  rules             jsonb NOT NULL,
  warnings          jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Every save bumps the revision; a dry run is for one revision, and only that revision publishes.
  revision          integer NOT NULL DEFAULT 1,
  author            text NOT NULL,
  last_edited_by    text NOT NULL,
  note              text,
  status            text NOT NULL DEFAULT 'draft',
  dry_run           jsonb,
  dry_run_revision  integer,
  dry_run_by        text,
  dry_run_at        timestamptz,
  published_version integer,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);

-- The facts a lead was routed on (routing/lead-facts.ts, JSON text), written by the routing stage.
-- Beside the lead, as text: a dry run reads every lead's facts and cluster in one scan, no join,
-- no jsonb output (npm run bench -- routing).
ALTER TABLE leads ADD COLUMN routing_facts text;
CREATE INDEX leads_routed_at ON leads (routed_at);

-- Manual re-routing: one row per request (its id is the idempotency key of its messages); the
-- reroute worker applies it once and records the routes before and after.
CREATE TABLE reroutes (
  reroute_id    uuid PRIMARY KEY,
  lead_id       uuid NOT NULL REFERENCES leads (lead_id),
  to_queue      text NOT NULL,
  reason        text NOT NULL,
  requested_by  text NOT NULL,
  requested_at  timestamptz NOT NULL,
  published_at  timestamptz,
  applied_at    timestamptz,
  from_route    jsonb,
  to_route      jsonb
);
CREATE INDEX reroutes_unpublished ON reroutes (requested_at) WHERE published_at IS NULL;
CREATE INDEX reroutes_lead ON reroutes (lead_id, requested_at);
