-- The language each staff member chose for the dashboard (its tag); '' until chosen.
ALTER TABLE staff ADD COLUMN language text NOT NULL DEFAULT '';
