-- Where the time before a notice goes: when a change stream queue took the change the notice names from the broker,
-- and when the watch grain began the run of changes that wrote it (null for notices written otherwise).
ALTER TABLE watch_notifications ADD COLUMN IF NOT EXISTS change_taken_at timestamptz;
ALTER TABLE watch_notifications ADD COLUMN IF NOT EXISTS run_started_at timestamptz;
