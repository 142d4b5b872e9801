-- DL-12: at most one Royal-Decree override per legal holiday and year (rules area).
CREATE UNIQUE INDEX ix_holiday_overrides_year_name ON holiday_overrides (year, name);
