-- Reports as submitted. The reporter's identity is sealed (AES-256-GCM) and never stored in clear.
CREATE TABLE reports (
  report_id          uuid PRIMARY KEY,
  query_code_hash    text NOT NULL UNIQUE,
  received_at        timestamptz NOT NULL,
  status             text NOT NULL,
  status_updated_at  timestamptz NOT NULL,
  reporter_sealed    text,
  reporter_profile   jsonb NOT NULL,
  payload            jsonb NOT NULL,
  -- Outbox: null until the report is on reports.received; a relay re-publishes the rest.
  published_at       timestamptz
);
CREATE INDEX reports_unpublished ON reports (received_at) WHERE published_at IS NULL;

-- Screened leads: one row per report, filled stage by stage with keyed upserts.
CREATE TABLE leads (
  lead_id            uuid PRIMARY KEY REFERENCES reports (report_id),
  received_at        timestamptz NOT NULL,
  screening          jsonb NOT NULL,
  primary_category   text NOT NULL,
  province_code      text,
  credibility        smallint NOT NULL,
  embedder_id        text NOT NULL,
  embedding          real[] NOT NULL,
  cluster_id         uuid,
  dedup              jsonb,
  route              jsonb,
  route_topic        text,
  routed_at          timestamptz,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX leads_cluster ON leads (cluster_id);
CREATE INDEX leads_route_topic ON leads (route_topic, received_at);

-- Duplicate clusters. Counts, provinces and dates are derived from the members (leads.cluster_id).
CREATE TABLE clusters (
  cluster_id         uuid PRIMARY KEY,
  canonical_lead_id  uuid NOT NULL REFERENCES leads (lead_id),
  created_at         timestamptz NOT NULL
);

-- The national office's routing rules, versioned; the highest published version applies.
CREATE TABLE routing_rules (
  version            integer PRIMARY KEY,
  rules              jsonb NOT NULL,
  published_at       timestamptz NOT NULL,
  published_by       text NOT NULL
);
