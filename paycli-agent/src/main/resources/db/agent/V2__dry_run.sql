-- A dry run asks the cluster what a deploy would change and changes nothing; the worker must know which jobs are.
ALTER TABLE jobs ADD COLUMN dry_run SMALLINT NOT NULL DEFAULT 0;
