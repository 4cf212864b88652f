-- The index of stored definitions. The definitions themselves are blobs named by content hash
-- (apis/<namespace>/<name>/<sha256>); these rows make listing and "latest" one indexed query.

-- One row per version of an API: a distinct content, however often it was submitted.
CREATE TABLE api_versions (
  entity_ref    VARCHAR(300) NOT NULL,
  version       VARCHAR(64)  NOT NULL, -- sha256 of the content, hex
  format        VARCHAR(16)  NOT NULL, -- openapi, asyncapi, graphql
  spec_version  VARCHAR(32),
  title         VARCHAR(512),
  api_version   VARCHAR(128),          -- info.version
  content_type  VARCHAR(64)  NOT NULL,
  source        VARCHAR(512) NOT NULL, -- catalog, or upload:<caller>
  size_bytes    BIGINT       NOT NULL,
  error_count   INTEGER      NOT NULL,
  warning_count INTEGER      NOT NULL,
  created_at    BIGINT       NOT NULL, -- epoch ms, first stored
  submitted_at  BIGINT       NOT NULL, -- epoch ms, last submitted, strictly increasing per API
  PRIMARY KEY (entity_ref, version)
);
CREATE INDEX api_versions_by_submission ON api_versions (entity_ref, submitted_at);

-- One row per API: its latest version, so listing APIs reads no version history.
CREATE TABLE apis (
  entity_ref     VARCHAR(300) NOT NULL PRIMARY KEY,
  latest_version VARCHAR(64)  NOT NULL,
  version_count  INTEGER      NOT NULL,
  updated_at     BIGINT       NOT NULL
);
