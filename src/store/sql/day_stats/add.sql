-- Adds the deltas ?2..?8 (answers, reviews, scheduled, young, young_passed,
-- mature, mature_passed) to day ?1's row, making it if need be.
INSERT INTO day_stats (day, answers, reviews, scheduled, young, young_passed, mature, mature_passed)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (day) DO UPDATE SET
    answers = answers + excluded.answers,
    reviews = reviews + excluded.reviews,
    scheduled = scheduled + excluded.scheduled,
    young = young + excluded.young,
    young_passed = young_passed + excluded.young_passed,
    mature = mature + excluded.mature,
    mature_passed = mature_passed + excluded.mature_passed
