-- The first admin's password is generated and printed once: it must be changed at first sign-in.
ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
