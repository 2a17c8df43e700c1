-- What the dashboard's list sorts and filters by, kept on the submission so that a page is an
-- index range at any size: its terminal's mahalla with the mahalla's district and region (the
-- register's import keeps them in step), whether the agency has decided, the day it was
-- handed in and the last day of its term (YYYY-MM-DD in Uzbekistan). The portal dates older
-- submissions once at start; '' until then. Decided are the statuses approved, rejected and
-- completed.
ALTER TABLE submissions ADD COLUMN mahalla text NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN district text NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN region text NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN decided boolean NOT NULL DEFAULT false;
ALTER TABLE submissions ADD COLUMN created_on text NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN due_on text NOT NULL DEFAULT '';
UPDATE submissions s SET
    mahalla = m.code,
    district = m.district,
    region = m.region,
    decided = s.status IN ('approved', 'rejected', 'completed')
FROM devices d JOIN mahallas m ON m.code = d.mahalla
WHERE d.device_id = s.device_id;
-- Each filter the list offers starts an index in the list's order; days and ids compare
-- bytewise.
CREATE INDEX submissions_by_due ON submissions (decided, due_on COLLATE "C", id COLLATE "C");
CREATE INDEX submissions_by_mahalla_and_due
    ON submissions (mahalla, decided, due_on COLLATE "C", id COLLATE "C");
CREATE INDEX submissions_by_district_and_due
    ON submissions (district, decided, due_on COLLATE "C", id COLLATE "C");
CREATE INDEX submissions_by_region_and_due
    ON submissions (region, decided, due_on COLLATE "C", id COLLATE "C");
CREATE INDEX submissions_by_target_and_due
    ON submissions (target_id, decided, due_on COLLATE "C", id COLLATE "C");
CREATE INDEX submissions_by_status_and_due
    ON submissions (status, decided, due_on COLLATE "C", id COLLATE "C");
-- Monitoring: what was handed in lately, and the decisions given lately.
CREATE INDEX submissions_by_day ON submissions (created_on COLLATE "C", mahalla);
CREATE INDEX decisions_by_time ON submissions (status_changed_at) WHERE decided;
CREATE INDEX submissions_by_receipt_code ON submissions (receipt_code);
CREATE INDEX submissions_undated ON submissions (id) WHERE due_on = '';
