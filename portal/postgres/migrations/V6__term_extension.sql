-- An appeal's term extended once for further study: when (Unix ms), by whom, why.
ALTER TABLE submissions ADD COLUMN term_extended_at bigint;
ALTER TABLE submissions ADD COLUMN term_extended_by text;
ALTER TABLE submissions ADD COLUMN term_extension_reason text;
