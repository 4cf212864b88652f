-- RHDH's conditional policies: for role_ref, the actions (comma-separated) on resource_type are
-- allowed where conditions (a JSON criteria tree) hold, as plugin_id applies them.
CREATE TABLE rbac_conditional_policies (
  id            INTEGER      PRIMARY KEY AUTOINCREMENT,
  role_ref      VARCHAR(255) NOT NULL,
  plugin_id     VARCHAR(64)  NOT NULL,
  resource_type VARCHAR(128) NOT NULL,
  actions       VARCHAR(64)  NOT NULL,
  conditions    TEXT         NOT NULL,
  source        VARCHAR(16)  NOT NULL
);
CREATE INDEX rbac_conditional_policies_role ON rbac_conditional_policies (role_ref);
