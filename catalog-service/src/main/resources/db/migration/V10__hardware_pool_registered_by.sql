-- Who registered each pool first (a JWT subject): without a pool claim in its token, a runner may
-- change only a pool it registered itself (docs/security.md, "Hardware pools"). Pools registered
-- before this column are given the actor of their CREATED audit entry, so runners keep their pools;
-- a pool without one has no owner, and only an admin or a runner token naming it changes it.
ALTER TABLE hardware_pool ADD COLUMN registered_by VARCHAR(128) NULL;
UPDATE hardware_pool SET registered_by = (
    SELECT a.actor FROM audit_entry a WHERE a.id = (
        SELECT MIN(c.id) FROM audit_entry c
        WHERE c.entity_type = 'pool' AND c.entity_id = hardware_pool.pool AND c.action = 'CREATED'));
