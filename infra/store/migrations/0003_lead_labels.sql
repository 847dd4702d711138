-- Analysts' corrections of a lead's scope and categories (review page and API): the latest per
-- lead wins; every correction is audited; `npm run train -- --labels-database` learns from them.
CREATE TABLE lead_labels (
  lead_id      uuid PRIMARY KEY REFERENCES leads (lead_id),
  in_scope     boolean NOT NULL,
  -- Every category the analyst allows, the primary first (OUT_OF_SCOPE or INVALID when out of scope).
  categories   text[] NOT NULL,
  labelled_by  text NOT NULL,
  reason       text,
  labelled_at  timestamptz NOT NULL
);
