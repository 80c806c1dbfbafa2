-- 0020: packaging jobs. `binge package` queues one per media file; any
-- number of `binge worker` processes (and `binge serve` on SQLite) take
-- them. A worker holds a job by a lease it renews while FFmpeg runs; a job
-- whose lease ran out (its worker was killed) is taken again. Times are
-- Unix seconds.
CREATE TABLE package_job (
    id @ID@,
    media_id BIGINT NOT NULL REFERENCES media_file (id) ON DELETE CASCADE,
    ladder TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    worker TEXT,
    lease_until BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    queued_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX package_job_open ON package_job (state, id);
CREATE INDEX package_job_media ON package_job (media_id);
