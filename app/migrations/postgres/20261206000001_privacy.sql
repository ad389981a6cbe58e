-- Residents' data guarded by what each reference covers.
-- A repeated sign-up gets its first receipt only with the key its form made (stored as a
-- SHA-256 hash, as anyone holding it gets that receipt).
ALTER TABLE submissions ADD COLUMN idempotency_key TEXT;
-- When the submitter's personal data was deleted, for every kind of submission.
ALTER TABLE submissions ADD COLUMN erased_at BIGINT;
UPDATE submissions SET erased_at =
    (SELECT v.erased_at FROM volunteer_applications v WHERE v.submission_id = submissions.id)
WHERE kind = 'volunteer_application';
-- A service record's own random number, made when it is first issued: never the reference.
ALTER TABLE volunteer_applications ADD COLUMN certificate_number TEXT;
CREATE UNIQUE INDEX volunteer_applications_certificate
    ON volunteer_applications (certificate_number);
