-- RHDH's roles, their members and permission policies. source says where a row came from:
-- 'csv-file' (permission.rbac.policies-csv-file, replaced whenever the file changes) or 'rest'
-- (RHDH's REST API, kept across file changes). A role belongs to one source, as in RHDH.
CREATE TABLE rbac_roles (
  role_ref      VARCHAR(255)  NOT NULL PRIMARY KEY,
  source        VARCHAR(16)   NOT NULL,
  description   VARCHAR(1024),
  author        VARCHAR(255)  NOT NULL,
  modified_by   VARCHAR(255)  NOT NULL,
  created_at    VARCHAR(64)   NOT NULL,
  last_modified VARCHAR(64)   NOT NULL
);

CREATE TABLE rbac_role_members (
  role_ref   VARCHAR(255) NOT NULL REFERENCES rbac_roles (role_ref) ON DELETE CASCADE,
  member_ref VARCHAR(255) NOT NULL,
  PRIMARY KEY (role_ref, member_ref)
);

CREATE TABLE rbac_policies (
  subject_ref VARCHAR(255) NOT NULL,
  permission  VARCHAR(255) NOT NULL,
  action      VARCHAR(16)  NOT NULL,
  effect      VARCHAR(8)   NOT NULL,
  source      VARCHAR(16)  NOT NULL,
  PRIMARY KEY (subject_ref, permission, action, effect)
);

-- One row: generation grows with every change, so each instance reloads its rules when another
-- instance (or the file) changed them; csv_digest is the SHA-256 of the policy file last loaded.
CREATE TABLE rbac_state (
  id         INTEGER      NOT NULL PRIMARY KEY,
  generation BIGINT       NOT NULL,
  csv_digest VARCHAR(64)
);
INSERT INTO rbac_state (id, generation) VALUES (1, 0);
