-- Each agency's office hours are part of the working calendar (core/worktime.h,
-- workcal_hours): a new agency or changed hours move the calendar's version in
-- the same transaction, from any process, so servers rebuild their calendar.
CREATE TRIGGER agencies_hours_insert AFTER INSERT ON agencies
BEGIN
    INSERT INTO meta (key, value) VALUES ('calendar_version', '1')
        ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;
END;
CREATE TRIGGER agencies_hours_update AFTER UPDATE OF office_hours ON agencies
    WHEN old.office_hours IS NOT new.office_hours
BEGIN
    INSERT INTO meta (key, value) VALUES ('calendar_version', '1')
        ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;
END;
