-- 0028: a title's certification per territory from that territory's board
-- (BBFC in GB, FSK in DE...; catalog/maturity.h). A viewer in a territory
-- with a certification is judged by its age; elsewhere by the title's
-- primary rating (maturity_level), which for a title with no US rating is
-- the highest age among its certifications, else 18.
CREATE TABLE title_certification (
    title_id BIGINT NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    territory TEXT NOT NULL,
    board TEXT NOT NULL,
    rating TEXT NOT NULL,
    level INTEGER NOT NULL,
    PRIMARY KEY (title_id, territory)
);
