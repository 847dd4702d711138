-- Exactly once to the queues (issue 16).
--
-- handled_messages: for each stage, the one message that handled a report (topic/partition/offset).
-- A second copy of the report reaching the stage is recognised and emits nothing; the same message
-- delivered again (its transaction was aborted, its worker died) is handled again, since its
-- earlier outputs were never committed.
CREATE TABLE handled_messages (
  stage       text NOT NULL,
  report_id   text NOT NULL,
  delivery    text NOT NULL,
  handled_at  timestamptz NOT NULL,
  PRIMARY KEY (stage, report_id)
);
