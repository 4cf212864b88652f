-- When org sync last read each person's GitHub profile (GET /users/{login}), in epoch
-- milliseconds: the scheduled sync reads again only profiles older than
-- github.profileMaxAgeHours, oldest first, as many as fit its time budget.
CREATE TABLE github_profile_reads (
  host    VARCHAR(255) NOT NULL,
  login   VARCHAR(100) NOT NULL,
  read_at BIGINT       NOT NULL,
  PRIMARY KEY (host, login)
);
