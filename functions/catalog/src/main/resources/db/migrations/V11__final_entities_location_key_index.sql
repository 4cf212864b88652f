-- Each location's refresh looks up what it stored before (location_key = ?): without an index,
-- every one of them scanned every entity, which at 10k locations and 100k entities was most of
-- the refresh's database time (docs/performance.md, "Freshness at scale").
CREATE INDEX final_entities_location_key ON final_entities (location_key);
