-- The audit log is append-only (V5): besides the service having no path that changes an entry, the
-- database refuses any UPDATE or DELETE of one, whoever sends it. H2's twin of this migration is
-- db/vendor/h2/V8 (same SQLSTATE and messages). TRUNCATE and DROP fire no trigger: they are the
-- schema owner's, not the service's (see the README's audit log section).
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_entry is append-only: UPDATE refused';
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_entry is append-only: DELETE refused';
