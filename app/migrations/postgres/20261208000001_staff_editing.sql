-- Staff publish, change and call off activities. A cancelled activity keeps its row, with why;
-- the applications on it become `cancelled` with the same reason.
ALTER TABLE activities ADD COLUMN cancelled_at BIGINT;
ALTER TABLE activities ADD COLUMN cancel_reason TEXT;
-- A series staff ended makes no more occurrences.
ALTER TABLE activity_series ADD COLUMN ended_at BIGINT;

-- A street's own pledge, once staff write one; until then the scheme's standard text.
ALTER TABLE governance_streets ADD COLUMN pledge_zh TEXT;
ALTER TABLE governance_streets ADD COLUMN pledge_en TEXT;

ALTER TABLE submissions DROP CONSTRAINT submissions_status_check;
ALTER TABLE submissions ADD CONSTRAINT submissions_status_check
    CHECK (status IN ('pending', 'approved', 'rejected', 'returned', 'waitlisted', 'withdrawn',
                      'cancelled'));
