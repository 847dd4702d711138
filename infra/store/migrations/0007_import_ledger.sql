-- The bulk import's ledger (npm run import): one row per report content accepted from a file,
-- keyed by the keyed hash of its canonical JSON, so that a re-run skips what was accepted. The
-- report id is derived from the same hash, so a run killed between storing the report and
-- writing its ledger row still finds it.
CREATE TABLE import_ledger (
  content_hash       text PRIMARY KEY,
  report_id          uuid NOT NULL REFERENCES reports (report_id),
  source             text NOT NULL,
  line               integer NOT NULL,
  imported_at        timestamptz NOT NULL
);
