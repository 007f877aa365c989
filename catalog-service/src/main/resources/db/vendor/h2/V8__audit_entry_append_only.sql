-- The audit log is append-only (V5): besides the service having no path that changes an entry, the
-- database refuses any UPDATE or DELETE of one, whoever sends it. H2 has no SIGNAL: its triggers
-- call a class, which refuses with the SQLSTATE and messages of db/vendor/mariadb/V8. The class's
-- name is part of the schema from here on.
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry FOR EACH ROW
    CALL 'dev.inferplan.catalog.audit.AppendOnlyH2Trigger';
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry FOR EACH ROW
    CALL 'dev.inferplan.catalog.audit.AppendOnlyH2Trigger';
