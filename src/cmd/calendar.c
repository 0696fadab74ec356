/* motcua calendar: holidays of a year, lunar dates, due times. */
#include "api/app.h"
#include "cmd/cmd.h"
#include "core/date.h"
#include "core/holidays.h"
#include "core/lunar.h"
#include "core/worktime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "motcua calendar holidays YEAR [--db PATH]\n"
    "       motcua calendar lunar YYYY-MM-DD\n"
    "       motcua calendar due --from \"YYYY-MM-DD HH:MM\" --days N [--calendar-days]\n"
    "                           [--office-hours HH:MM-HH:MM,...] [--db PATH]\n"
    "       motcua calendar between --from \"YYYY-MM-DD HH:MM\" --to \"YYYY-MM-DD HH:MM\"\n"
    "                           [--office-hours HH:MM-HH:MM,...] [--db PATH]";

/* Rules and overrides: the database's when a path is given, else the statutory defaults. */
struct cal_source {
    struct arena a;
    struct calendar_data cd;
};

static int load_source(const char *path, struct cal_source *src, struct err *e)
{
    struct db *db;
    int rc;

    arena_init(&src->a);
    src->cd.rules = (struct holiday_rule *)holiday_default_rules;
    src->cd.nrules = holiday_default_rules_len;
    src->cd.overrides = NULL;
    src->cd.noverrides = 0;
    if (!path)
        return 0;
    if (db_open(path, &db, e) < 0)
        return -1;
    rc = app_calendar_data(db, &src->a, LUNAR_MIN_YEAR, LUNAR_MAX_YEAR, &src->cd, e);
    db_close(db);
    return rc;
}

static int parse_year(const char *s, int *year)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (!*s || *end || v < LUNAR_MIN_YEAR || v > LUNAR_MAX_YEAR)
        return -1;
    *year = (int)v;
    return 0;
}

static int holidays(const char *year_s, const char *db)
{
    struct cal_day days[370];
    struct cal_source src;
    struct err e = ERR_INIT;
    char ymd[DATE_ISO_MAX];
    int year, n, i;

    if (parse_year(year_s, &year) < 0)
        return cmd_usage(usage, "YEAR must be from %d to %d", LUNAR_MIN_YEAR, LUNAR_MAX_YEAR);
    if (load_source(db, &src, &e) < 0)
        return cmd_fail("%s", e.msg);
    n = holidays_of_year(year, src.cd.rules, src.cd.nrules, src.cd.overrides, src.cd.noverrides,
                         days, 370, &e);
    if (n < 0) {
        arena_release(&src.a);
        return cmd_fail("%s", e.msg);
    }
    for (i = 0; i < n; i++) {
        if (days[i].kind == CAL_EXTRA_WORK)
            continue;
        date_format_ymd(days[i].day, ymd);
        printf("%s\t%s%s\n", ymd, days[i].kind == CAL_COMPENSATORY ? "Nghỉ bù " : "", days[i].name);
    }
    arena_release(&src.a);
    return 0;
}

static int lunar(const char *date)
{
    struct lunar_date ld;
    int64_t day;

    if (date_parse_ymd(date, &day) < 0)
        return cmd_usage(usage, "the date must be YYYY-MM-DD");
    if (lunar_from_solar(day, &ld) < 0)
        return cmd_fail("the lunar calendar covers %d-01-01 to %d-12-31", LUNAR_MIN_YEAR,
                        LUNAR_MAX_YEAR);
    printf("%d/%d/%d%s\n", ld.day, ld.month, ld.year, ld.leap ? " (nhuận)" : "");
    return 0;
}

/* due: the due time of a duration; between: the working minutes between two times. */
static int worktime_command(int argc, char **argv, int between)
{
    static const struct option opts[] = {{"from", required_argument, 0, 'f'},
                                         {"days", required_argument, 0, 'n'},
                                         {"to", required_argument, 0, 't'},
                                         {"calendar-days", no_argument, 0, 'c'},
                                         {"office-hours", required_argument, 0, 'o'},
                                         {"db", required_argument, 0, 'd'},
                                         {0, 0, 0, 0}};
    struct office_hours oh = office_hours_default;
    struct cal_source src;
    struct workcal cal;
    struct err e = ERR_INIT;
    const char *from = NULL, *days_s = NULL, *to_s = NULL, *db = NULL;
    char out[DATE_ISO_MAX], *end;
    int64_t start, result, to = 0;
    double days = 0;
    int c, kind = DURATION_WORKING, y, m, d, last;

    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'f': from = optarg; break;
        case 'n': days_s = optarg; break;
        case 't': to_s = optarg; break;
        case 'c': kind = DURATION_CALENDAR; break;
        case 'd': db = optarg; break;
        case 'o':
            if (office_hours_parse(optarg, &oh, &e) < 0)
                return cmd_usage(usage, "--office-hours %s", e.fields[0].message);
            break;
        default: return cmd_usage(usage, "unknown option");
        }
    }
    if (optind < argc)
        return cmd_usage(usage, "unexpected argument '%s'", argv[optind]);
    if (!from || date_parse_local(from, &start) < 0)
        return cmd_usage(usage, "--from must be \"YYYY-MM-DD HH:MM\"");
    if (between && (!to_s || date_parse_local(to_s, &to) < 0))
        return cmd_usage(usage, "--to must be \"YYYY-MM-DD HH:MM\"");
    if (!between &&
        (!days_s || !*days_s || (days = strtod(days_s, &end), *end) || !(days >= 0) || days > 3650))
        return cmd_usage(usage, "--days must be a number from 0 to 3650");
    date_civil_from_days(date_local_day(start), &y, &m, &d);
    if (between) {
        int yt;
        date_civil_from_days(date_local_day(to > start ? to : start), &yt, &m, &d);
        last = yt;
    } else {
        last = worktime_years_needed(y, kind, days);
    }
    if (y < LUNAR_MIN_YEAR || last > LUNAR_MAX_YEAR)
        return cmd_fail("the calendar covers %d to %d", LUNAR_MIN_YEAR, LUNAR_MAX_YEAR);
    if (load_source(db, &src, &e) < 0)
        return cmd_fail("%s", e.msg);
    if (workcal_build(&cal, y, last, src.cd.rules, src.cd.nrules, src.cd.overrides,
                      src.cd.noverrides, &e) < 0) {
        arena_release(&src.a);
        return cmd_fail("%s", e.msg);
    }
    c = between ? worktime_between(&cal, &oh, start, to, &result, &e)
                : worktime_due(&cal, &oh, start, kind, days, &result, &e);
    workcal_release(&cal);
    arena_release(&src.a);
    if (c < 0)
        return cmd_fail("%s", e.msg);
    if (between) {
        printf("%lld\n", (long long)result);
    } else {
        date_format_local(result, out);
        printf("%s\n", out);
    }
    return 0;
}

int cmd_calendar(int argc, char **argv)
{
    const char *db = NULL;

    if (argc < 2 || cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\n"
               "holidays  prints one line per day off: YYYY-MM-DD<TAB>name (statutory rules,\n"
               "          or the database's rules and announced days with --db)\n"
               "lunar     prints the Vietnamese lunar date D/M/YYYY, \" (nhuận)\" in a leap month\n"
               "due       prints the due time YYYY-MM-DD HH:MM of a duration in working days\n"
               "          (or --calendar-days) from a local time, over office hours 07:30-11:30\n"
               "          and 13:00-17:00 unless --office-hours is given\n"
               "between   prints the working minutes between two local times\n",
               usage);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "holidays")) {
        if (argc == 5 && !strcmp(argv[3], "--db"))
            db = argv[4];
        else if (argc == 5 && !strcmp(argv[2], "--db"))
            return holidays(argv[4], argv[3]);
        else if (argc != 3)
            return cmd_usage(usage, "holidays takes a YEAR and optionally --db PATH");
        return holidays(argv[2], db);
    }
    if (!strcmp(argv[1], "lunar")) {
        if (argc != 3)
            return cmd_usage(usage, "lunar takes one date YYYY-MM-DD");
        return lunar(argv[2]);
    }
    if (!strcmp(argv[1], "due") || !strcmp(argv[1], "between"))
        return worktime_command(argc, argv, !strcmp(argv[1], "between"));
    return cmd_usage(usage, "unknown calendar command '%s'", argv[1]);
}
