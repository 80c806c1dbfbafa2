-- 0025: after how many episodes in a row started by the countdown the
-- player asks "Are you still watching?" (NULL: 3, as Netflix; 0: never).
ALTER TABLE profile ADD COLUMN still_watching_after INTEGER;
