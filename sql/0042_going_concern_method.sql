-- 0042: the going-concern share method (Lifecycle, "valuation as a going concern (assets, liabilities, etc)")
-- may be saved as a share set beside the others (issue 17).
ALTER TABLE share_set DROP CONSTRAINT share_set_method_check;
ALTER TABLE share_set ADD CONSTRAINT share_set_method_check
    CHECK (method IN ('contribution', 'volume', 'pay', 'non-pay', 'operating', 'going-concern', 'blend'));
