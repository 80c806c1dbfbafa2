-- 0030: a library's availability policy. A series or film a scan of the
-- library creates gets a licence window on platform in territories
-- ('worldwide' or 'US,GB,...') from the scan's time, so scanned media is
-- seen by viewers without an operator adding windows by hand. platform
-- NULL: no window (the titles wait for an operator's). Libraries added
-- before keep the default: worldwide on binge, the operator's own service.
ALTER TABLE library ADD COLUMN platform TEXT;
ALTER TABLE library ADD COLUMN territories TEXT;
UPDATE library SET platform = 'binge', territories = 'worldwide';
