-- What staff did that the portal keeps a record of: each export, who, when, of what.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          bigint NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    detail      text NOT NULL
);
