/* The values and tables a printed document is filled with, in the request's arena. */
#ifndef API_SHEET_H
#define API_SHEET_H

#include "docs/pdf.h"
#include "http/request.h"
#include "store/agencies.h"

struct sheet {
    struct req *r;
    struct doc_var *vars;
    size_t nvars, cap;
    struct doc_table tables[2];
    size_t ntables;
};

/* Sets a value (a later put of the same key replaces it). */
void sheet_put(struct sheet *s, const char *key, const char *value);
/* A time as forms write it ("07 giờ 30 phút, ngày …"), and a date (dd/mm/yyyy). */
void sheet_put_time(struct sheet *s, const char *key, int64_t t);
void sheet_put_dmy(struct sheet *s, const char *key, int64_t t);
/* The text in capitals, in the request's arena. */
const char *sheet_upper(struct req *r, const char *text);
/* The names, place and date every document's header shows: agency.*, place, today.*. */
int sheet_put_agency(struct sheet *s, const struct agency *ag, struct err *e);
/* The day a document is dated ("…, ngày {today.d} tháng {today.m} năm {today.y}"). */
void sheet_put_day(struct sheet *s, int64_t t);

#endif
