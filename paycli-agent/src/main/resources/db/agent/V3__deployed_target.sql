-- What a deploy job deploys to and what it left there, for GET /api/v1/releases, the restore and the reconcile
-- scheduler. namespace, context and cluster (the archive's folder name: clusterName, else context) are read from the
-- bundle's paycli.yaml at submit; namespace and revision are set from the release when the deploy succeeds. NULL in
-- rows older than this migration, and in a restore's row.
ALTER TABLE jobs ADD COLUMN namespace TEXT;
ALTER TABLE jobs ADD COLUMN context TEXT;
ALTER TABLE jobs ADD COLUMN cluster TEXT;
ALTER TABLE jobs ADD COLUMN revision INTEGER;
