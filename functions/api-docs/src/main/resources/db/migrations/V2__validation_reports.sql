-- The validation report of each version (errors and warnings with locations), kept beside the
-- version so the API page and GET …/versions/:version show what was found when it was stored.
-- A table of its own: listings read api_versions only and never load reports. TEXT is JSON, as
-- the API answers it (at most 200 errors and 200 warnings listed; the counts are the totals).
CREATE TABLE api_version_reports (
  entity_ref VARCHAR(300) NOT NULL,
  version    VARCHAR(64)  NOT NULL,
  report     TEXT         NOT NULL,
  PRIMARY KEY (entity_ref, version)
);
