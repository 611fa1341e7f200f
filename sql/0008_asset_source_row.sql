-- 0008: each asset remembers which row of its batch's file it was last written from, and the raw row
-- gets no planner statistics.
--
-- * asset.source_row: with batch_id it points at the exact line of the imported file (the raw row is
--   kept beside it), so an auditor can go from a register entry to the export it came from. A trust's
--   first import COPYs its rows straight into asset (issue 3: no staging round trip), and the import's
--   duplicate-device warnings name the file row from this column. NULL for rows written before 0008
--   and for rows not written by an import.
--
-- * asset.raw is never filtered, joined or grouped on, yet ANALYZE after a big import spent part of
--   its time building statistics for a wide jsonb column; statistics target 0 skips them.

ALTER TABLE asset ADD COLUMN source_row integer CHECK (source_row >= 1);
ALTER TABLE asset ALTER COLUMN raw SET STATISTICS 0;
