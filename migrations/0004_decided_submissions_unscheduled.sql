-- A submission has a next check only while its monitor watches it. Activated submissions kept
-- the time of their last check, so the cron's search for overdue monitors, which walks the
-- next_check_at index, read every activated submission ever made on each run.
UPDATE `submissions` SET `next_check_at` = NULL
WHERE `state` NOT IN ('awaiting_post', 'found', 'holding', 'verified', 'approved');
