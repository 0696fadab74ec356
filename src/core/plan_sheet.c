/* A plan's sheet: its columns, deadlines as plans write them, parents, units. */
#include "core/plan_sheet.h"
#include "core/date.h"
#include "core/fold.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FOLD_MAX 512

/* The folded text, cut at FOLD_MAX - 1 bytes of input. */
static void folded(const char *s, char out[FOLD_MAX])
{
    size_t n = strlen(s);

    fold_text(s, n < FOLD_MAX - 1 ? n : FOLD_MAX - 1, out);
}

int plan_sheet_column(const char *header)
{
    /* the first that fits wins: "đơn vị phối hợp" before "đơn vị" */
    static const struct {
        const char *word;
        int col;
    } words[] = {
        {"phoi hop", PCOL_UNITS},          {"chu tri", PCOL_LEAD},
        {"thoi han", PCOL_DEADLINE},       {"thoi gian", PCOL_DEADLINE},
        {"han hoan thanh", PCOL_DEADLINE}, {"san pham", PCOL_PRODUCT},
        {"thuc hien", PCOL_LEAD},          {"ket qua", PCOL_PRODUCT},
        {"nhiem vu", PCOL_TASK},           {"noi dung", PCOL_TASK},
        {"cong viec", PCOL_TASK},
    };
    char f[FOLD_MAX];
    size_t i;

    folded(header, f);
    if (!strcmp(f, "stt") || !strcmp(f, "tt") || !strcmp(f, "so tt") || !strcmp(f, "so thu tu") ||
        !strcmp(f, "no."))
        return PCOL_NO;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strstr(f, words[i].word))
            return words[i].col;
    return -1;
}

/* A Roman numeral I..XII, or 0. */
static int roman(const char *s, size_t n)
{
    static const char *const r[] = {"i",   "ii",   "iii", "iv", "v",  "vi",
                                    "vii", "viii", "ix",  "x",  "xi", "xii"};
    size_t k;

    for (k = 0; k < 12; k++)
        if (strlen(r[k]) == n && !strncmp(s, r[k], n))
            return (int)k + 1;
    return 0;
}

/* The first number in s at or after p, or -1; *end after it. */
static long number_after(const char *p, const char **end)
{
    while (*p && !isdigit((unsigned char)*p))
        p++;
    if (!*p)
        return -1;
    return strtol(p, (char **)end, 10);
}

int plan_sheet_deadline(const char *cell, int date1904, int year, int64_t *day)
{
    char f[FOLD_MAX];
    const char *p, *end;
    long m, y;
    int y0, m0, d0;

    folded(cell, f);
    if (!*f || strstr(f, "thuong xuyen") || strstr(f, "hang nam") || strstr(f, "hang thang") ||
        strstr(f, "hang quy"))
        return 0;
    if (date_parse_cell(cell, date1904, day) == 0) {
        date_civil_from_days(*day, &y0, &m0, &d0);
        return y0 >= year - 5 && y0 <= year + 5 ? 1 : -1;
    }
    /* "Trước ngày 30/6/2026" */
    for (p = f; *p && !isdigit((unsigned char)*p); p++)
        ;
    if (*p && strpbrk(p, "/-") && date_parse_cell(p, date1904, day) == 0) {
        date_civil_from_days(*day, &y0, &m0, &d0);
        return y0 >= year - 5 && y0 <= year + 5 ? 1 : -1;
    }
    if ((p = strstr(f, "thang"))) {
        if ((m = number_after(p + 5, &end)) < 1 || m > 12)
            return -1;
        y = number_after(end, &end);
    } else if ((p = strstr(f, "quy"))) {
        size_t n;

        p += 3;
        while (*p == ' ')
            p++;
        for (n = 0; p[n] == 'i' || p[n] == 'v' || p[n] == 'x'; n++)
            ;
        if (n) {
            m = roman(p, n);
            end = p + n;
        } else {
            m = number_after(p, &end);
        }
        if (m < 1 || m > 4)
            return -1;
        m *= 3;
        y = number_after(end, &end);
    } else if ((p = strstr(f, "nam"))) {
        m = 12;
        y = number_after(p + 3, &end);
        if (y < 0)
            return -1;
    } else {
        return -1;
    }
    if (y < 0)
        y = year;
    if (y < year - 5 || y > year + 5)
        return -1;
    *day = date_days_from_civil((int)y, (int)m, date_days_in_month((int)y, (int)m));
    return 1;
}

int plan_sheet_parent_no(const char *no, char *out, size_t size)
{
    const char *dot = strrchr(no, '.');
    size_t n;

    /* "1." is "1" written with its dot */
    while (dot && dot[1] == '\0') {
        n = (size_t)(dot - no);
        dot = n ? memrchr(no, '.', n) : NULL;
    }
    if (!dot || dot == no)
        return 0;
    n = (size_t)(dot - no);
    if (n + 1 > size)
        return 0;
    memcpy(out, no, n);
    out[n] = '\0';
    return 1;
}

int plan_sheet_unit(const char *name, const char *const *names, size_t n)
{
    static const char *const prefixes[] = {"ubnd ", "uy ban nhan dan "};
    char f[FOLD_MAX];
    const char *bare = f;
    size_t i, k;
    int found = -1;

    folded(name, f);
    for (k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++)
        if (!strncmp(f, prefixes[k], strlen(prefixes[k])))
            bare = f + strlen(prefixes[k]);
    for (i = 0; i < n; i++)
        if (!strcmp(f, names[i]) || !strcmp(bare, names[i])) {
            if (found >= 0)
                return -2;
            found = (int)i;
        }
    return found;
}

int plan_sheet_heading_no(const char *no)
{
    size_t n = strlen(no), i;

    while (n && (no[n - 1] == '.' || no[n - 1] == ' '))
        n--;
    if (!n)
        return 1;
    if (n == 1 && isalpha((unsigned char)no[0]))
        return 1;
    for (i = 0; i < n && strchr("IVXLivxl", no[i]); i++)
        ;
    return i == n;
}

size_t plan_sheet_names(const char *cell, char *buf, const char **names, size_t max)
{
    size_t n = 0;
    const char *p = cell;

    while (*p && n < max) {
        size_t len = strcspn(p, ",;\n\r");
        const char *s = p, *e = p + len;

        while (s < e && isspace((unsigned char)*s))
            s++;
        while (e > s && isspace((unsigned char)e[-1]))
            e--;
        if (e > s) {
            memcpy(buf, s, (size_t)(e - s));
            buf[e - s] = '\0';
            names[n++] = buf;
            buf += e - s + 1;
        }
        p += len;
        if (*p)
            p++;
    }
    return n;
}
