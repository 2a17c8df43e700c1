-- What each staff member may see and do (JSON, see the store's Role). Those added before
-- roles saw everything, and keep doing so.
ALTER TABLE staff ADD COLUMN role text NOT NULL DEFAULT '{"role":"administrator"}';
