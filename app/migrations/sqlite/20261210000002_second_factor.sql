-- The second factor: a TOTP secret (base32) once enrolled, one kept aside while enrolling, the
-- last time step a code was accepted for (so no code is accepted twice), and the recovery
-- codes, by their SHA-256 hashes, each used once.
ALTER TABLE staff ADD COLUMN totp_secret TEXT;
ALTER TABLE staff ADD COLUMN totp_pending TEXT;
ALTER TABLE staff ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

CREATE TABLE staff_recovery_codes (
    id        INTEGER PRIMARY KEY,
    staff_id  INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   INTEGER
);
CREATE INDEX staff_recovery_codes_staff ON staff_recovery_codes (staff_id);
