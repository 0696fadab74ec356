/* A catalog annex: its columns, headings, processing times and fees as provinces write them. */
#include "core/catalog_sheet.h"
#include "core/fold.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FOLD_MAX 1024

/* The folded text, cut at FOLD_MAX - 1 bytes of input. */
static void folded(const char *s, size_t n, char out[FOLD_MAX])
{
    fold_text(s, n < FOLD_MAX - 1 ? n : FOLD_MAX - 1, out);
}

int catalog_sheet_column(const char *header)
{
    /* the first that fits wins: "cơ quan thực hiện" before "thực hiện" */
    static const struct {
        const char *word;
        int col;
    } words[] = {
        {"ma tthc", CCOL_CODE},
        {"ma so tthc", CCOL_CODE},
        {"ma thu tuc", CCOL_CODE},
        {"ma so thu tuc", CCOL_CODE},
        {"ten thu tuc", CCOL_NAME},
        {"ten tthc", CCOL_NAME},
        {"thoi han", CCOL_TIME},
        {"thoi gian giai quyet", CCOL_TIME},
        {"thoi gian", CCOL_TIME},
        {"dia diem", CCOL_PLACE},
        {"noi tiep nhan", CCOL_PLACE},
        {"noi nop", CCOL_PLACE},
        {"cach thuc", CCOL_PLACE},
        {"phi", CCOL_FEE},
        {"can cu", CCOL_LEGAL},
        {"co quan", CCOL_AGENCY},
        {"don vi thuc hien", CCOL_AGENCY},
        {"linh vuc", CCOL_FIELD},
        {"cap thuc hien", CCOL_LEVEL},
    };
    char f[FOLD_MAX];
    size_t i;

    folded(header, strlen(header), f);
    if (!strcmp(f, "stt") || !strcmp(f, "tt") || !strcmp(f, "so tt") || !strcmp(f, "so thu tu"))
        return CCOL_NO;
    if (!strcmp(f, "ma") || !strcmp(f, "ma so"))
        return CCOL_CODE;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strstr(f, words[i].word))
            return words[i].col;
    return -1;
}

static const char *level_named(const char *f)
{
    if (strstr(f, "cap xa"))
        return "commune";
    if (strstr(f, "cap huyen"))
        return "district";
    if (strstr(f, "cap tinh"))
        return "province";
    if (strstr(f, "trung uong"))
        return "central";
    return NULL;
}

/* Whether a word numbers a heading: "A.", "I.", "II", "1.", "2)", "IV-". */
static int numbering(const char *w, size_t n)
{
    size_t i;

    while (n && strchr(".):-", w[n - 1]))
        n--;
    if (!n || n > 5)
        return 0;
    for (i = 0; i < n && isdigit((unsigned char)w[i]); i++)
        ;
    if (i == n)
        return 1;
    for (i = 0; i < n && strchr("IVXivx", w[i]); i++)
        ;
    return i == n || (n == 1 && isalpha((unsigned char)w[0]));
}

/* The next word of s at or after *p: its start, with *p after it; NULL at the end. */
static const char *word(const char *s, size_t *p, size_t *len)
{
    size_t i = *p, start;

    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
        i++;
    if (!s[i])
        return NULL;
    start = i;
    while (s[i] && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
        i++;
    *p = i;
    *len = i - start;
    return s + start;
}

void catalog_sheet_heading(const char *text, struct catalog_heading *out)
{
    char f[FOLD_MAX], w1[64], w2[64];
    const char *w, *v;
    size_t p = 0, q, n, m;

    folded(text, strlen(text), f);
    {
        int repealed = !!strstr(f, "bai bo"),
            created = strstr(f, "moi ban hanh") || strstr(f, "ban hanh moi");
        int amended = strstr(f, "sua doi") || strstr(f, "bo sung") || strstr(f, "thay the");

        /* a title naming several ("… mới ban hành, được sửa đổi, bổ sung và bị bãi bỏ") starts none
         */
        out->section = repealed + created + amended != 1 ? CSEC_NONE
                       : repealed                        ? CSEC_REPEALED
                       : amended                         ? CSEC_AMENDED
                                                         : CSEC_NEW;
    }
    out->level = level_named(f);
    out->field_at = -1;
    if (!(w = word(text, &p, &n)))
        return;
    if (numbering(w, n) && !(w = word(text, &p, &n)))
        return;
    q = p;
    if (!(v = word(text, &q, &m)) || n >= sizeof(w1) || m >= sizeof(w2))
        return;
    fold_text(w, n, w1);
    m = fold_text(v, m, w2);
    if (m && (w2[m - 1] == ':' || w2[m - 1] == '.'))
        w2[--m] = '\0';
    if (strcmp(w1, "linh") || strcmp(w2, "vuc"))
        return;
    while (text[q] == ' ' || text[q] == ':' || text[q] == '-')
        q++;
    if (text[q])
        out->field_at = (int)q;
}

/* The number at s (digits, a decimal comma or point), or -1; *end after it. */
static double number_at(const char *s, const char **end)
{
    double v = 0, scale = 0;
    const char *p = s;

    if (!isdigit((unsigned char)*p))
        return -1;
    for (; isdigit((unsigned char)*p) ||
           ((*p == ',' || *p == '.') && !scale && isdigit((unsigned char)p[1]));
         p++) {
        if (*p == ',' || *p == '.') {
            scale = 1;
            continue;
        }
        if (scale)
            v += (*p - '0') * (scale /= 10);
        else
            v = v * 10 + (*p - '0');
    }
    *end = p;
    return v;
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

static int starts(const char *p, const char *w)
{
    return !strncmp(p, w, strlen(w));
}

int catalog_sheet_duration(const char *cell, double *days, const char **kind, int *flags,
                           const char **why)
{
    char f[FOLD_MAX];
    const char *p, *end = NULL, *same_day;
    double v;

    *flags = 0;
    folded(cell, strlen(cell), f);
    p = strpbrk(f, "0123456789");
    same_day = strstr(f, "trong ngay");
    if (same_day && (!p || same_day < p)) {
        *days = 1;
        *kind = "working";
        return 0;
    }
    if (!p) {
        *why = "no number of days in the processing time";
        return -1;
    }
    v = number_at(p, &end);
    p = skip_space(end);
    if (*p == '(' && (end = strchr(p, ')'))) /* "05 (năm) ngày" */
        p = skip_space(end + 1);
    if (*p == ')') /* "Năm (05) ngày" */
        p = skip_space(p + 1);
    if (starts(p, "ngay")) {
        p = skip_space(p + 4);
        if (starts(p, "lam viec") || starts(p, "lv")) {
            *kind = "working";
        } else {
            *kind = "calendar";
            *flags |= CDUR_CALENDAR_ASSUMED;
        }
        *days = v;
    } else if (starts(p, "gio")) {
        *kind = "working";
        *days = v / 8;
        if (v != floor(v)) {
            *why = "a processing time in hours must be whole hours";
            return -1;
        }
    } else if (starts(p, "thang") || starts(p, "nam") || starts(p, "tuan")) {
        *why = "a processing time in weeks, months or years has no fixed number of days: write it "
               "in days";
        return -1;
    } else {
        *why = "the processing time's number is not followed by days (ngày) or hours (giờ)";
        return -1;
    }
    if (*days <= 0 || *days > 3650) {
        *why = "a processing time is more than 0 and at most 3650 days";
        return -1;
    }
    if (!strcmp(*kind, "calendar") && *days != floor(*days)) {
        *why = "a processing time in calendar days must be whole days";
        return -1;
    }
    if (*days * 8 != floor(*days * 8)) {
        *why = "a processing time in working days must be whole working hours (a multiple of "
               "0.125 day)";
        return -1;
    }
    return 0;
}

/* Whether folded text says there is nothing to pay. */
static int free_of_charge(const char *f)
{
    return !*f || !strcmp(f, "khong") || !strcmp(f, "khong.") || !strcmp(f, "0") ||
           strstr(f, "mien phi") || strstr(f, "mien le phi") || strstr(f, "khong thu") ||
           strstr(f, "khong co") || strstr(f, "khong quy dinh") || !strcmp(f, "-");
}

/* An amount written "50.000", "50 000", "1,5 triệu", "20 nghìn" at p (folded), or -1. */
static int64_t amount_at(const char *p)
{
    const char *q = p, *after;
    double v = 0, scale = 0;

    /* digits; a separator followed by three digits groups thousands, another is decimal */
    for (;;) {
        if (isdigit((unsigned char)*q)) {
            if (scale)
                v += (*q - '0') * (scale /= 10);
            else
                v = v * 10 + (*q - '0');
            q++;
            continue;
        }
        if ((*q == '.' || *q == ',' || *q == ' ') && isdigit((unsigned char)q[1])) {
            size_t k = 1;

            while (isdigit((unsigned char)q[k]))
                k++;
            if (k == 4 && !scale) {
                q++;
                continue;
            }
            if (*q == ' ' || scale)
                break;
            scale = 1;
            q++;
            continue;
        }
        break;
    }
    if (v > 1e12)
        return -1;
    after = skip_space(q);
    if (*after == '%')
        return -1;
    if (starts(after, "trieu"))
        return (int64_t)llround(v * 1000000);
    if (starts(after, "nghin") || starts(after, "ngan"))
        return (int64_t)llround(v * 1000);
    if (scale) /* "50,5 đồng" */
        return -1;
    return (int64_t)v;
}

int catalog_sheet_fees(const char *cell, struct catalog_fee *out, size_t max, size_t *n,
                       const char **why)
{
    char f[FOLD_MAX];
    size_t i = 0;

    *n = 0;
    while (cell[i]) {
        size_t len = strcspn(cell + i, ";\n\r"), s = i, e = i + len;
        const char *d;
        int64_t amount;

        while (s < e && isspace((unsigned char)cell[s]))
            s++;
        while (e > s && (isspace((unsigned char)cell[e - 1]) || cell[e - 1] == '.'))
            e--;
        i += len;
        if (cell[i])
            i++;
        folded(cell + s, e - s, f);
        if (free_of_charge(f))
            continue;
        if (!(d = strpbrk(f, "0123456789"))) {
            *why = "no amount in the fee (write 'Không' when there is none)";
            return -1;
        }
        if ((amount = amount_at(d)) < 0) {
            *why = "cannot read the fee's amount: write it in đồng (e.g. 50.000 đồng)";
            return -1;
        }
        if (amount == 0)
            continue;
        if (*n == max) {
            *why = "too many fees in one cell";
            return -1;
        }
        out[*n].amount = amount;
        out[*n].start = s;
        out[*n].len = e - s;
        (*n)++;
    }
    return 0;
}

const char *catalog_sheet_generic_agency(const char *name)
{
    char f[FOLD_MAX];

    folded(name, strlen(name), f);
    if (!strcmp(f, "ubnd tinh") || !strcmp(f, "uy ban nhan dan tinh") ||
        !strcmp(f, "chu tich ubnd tinh") || !strcmp(f, "chu tich uy ban nhan dan tinh"))
        return "province";
    return level_named(f);
}

const char *catalog_sheet_online_class(const char *cell)
{
    char f[FOLD_MAX];

    folded(cell, strlen(cell), f);
    if (strstr(f, "toan trinh"))
        return "full";
    if (strstr(f, "mot phan"))
        return "partial";
    return NULL;
}
