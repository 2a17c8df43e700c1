-- Addresses staff signed in from, and when last: a sign-in from one of them has a password
-- check kept for it.
CREATE TABLE staff_addresses (
    address         text PRIMARY KEY,
    last_sign_in    bigint NOT NULL
);
