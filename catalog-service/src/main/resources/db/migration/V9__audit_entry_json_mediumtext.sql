-- An audit entry holds the resource before and after the change as JSON: a version with its metrics,
-- IO signature and tier, or a measured result with its configuration. MariaDB's TEXT holds 65,535
-- bytes, so a version with a few dozen long-cited metrics could no longer be changed at all (every
-- command appends its entry in the same transaction). MEDIUMTEXT holds 16 MiB; the catalog bounds
-- what a version carries (catalog.metrics.max-per-version, a signature of at most 64 KiB) well below.
ALTER TABLE audit_entry MODIFY COLUMN before_json MEDIUMTEXT NULL;
ALTER TABLE audit_entry MODIFY COLUMN after_json MEDIUMTEXT NULL;
