-- How a job covers its sweep: GRID (every point, the default) or QUICK (hill climbing over the sweep's
-- values: fewer points, the chosen one carrying the trace of the search).
ALTER TABLE benchmark_job ADD COLUMN search VARCHAR(16) NOT NULL DEFAULT 'GRID';
