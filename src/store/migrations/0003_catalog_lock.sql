-- 0003: a row every catalogue write locks first (UPDATE ... SET generation =
-- generation + 1), so concurrent imports from several binge processes over
-- one PostgreSQL run one after the other instead of racing on the people and
-- organisations they share. SQLite serialises writers anyway. The generation
-- also tells a server whether the catalogue changed since it last looked.
CREATE TABLE binge_lock (
    name TEXT PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO binge_lock (name, generation) VALUES ('catalog', 0);
