-- Software updates published to the terminals: the version as numbers, so that the key
-- orders them as versions; the manifest exactly as signed, and its signature.
CREATE TABLE software_updates (
    major           bigint NOT NULL CHECK (major BETWEEN 0 AND 4294967295),
    minor           bigint NOT NULL CHECK (minor BETWEEN 0 AND 4294967295),
    patch           bigint NOT NULL CHECK (patch BETWEEN 0 AND 4294967295),
    manifest        text NOT NULL,
    signature       bytea NOT NULL CHECK (octet_length(signature) = 64),
    published_at    bigint NOT NULL,
    PRIMARY KEY (major, minor, patch)
);
