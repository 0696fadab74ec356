/*
 * Reading a plan's tasks from a sheet in the layout provinces publish: a
 * header row naming the columns (no., task, lead unit, cooperating units,
 * deadline, product), rows of tasks, and rows that only name an area ("I.
 * CẢI CÁCH THỂ CHẾ") for the tasks under them. Pure rules; the importer
 * (api/plan_import.c) reads the file and writes the tasks.
 */
#ifndef CORE_PLAN_SHEET_H
#define CORE_PLAN_SHEET_H

#include <stddef.h>
#include <stdint.h>

enum plan_col {
    PCOL_NO,
    PCOL_TASK,
    PCOL_LEAD,
    PCOL_UNITS,
    PCOL_DEADLINE,
    PCOL_PRODUCT,
    PCOL_COUNT
};

/* The column a header cell names ("STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", ...), or -1. */
int plan_sheet_column(const char *header);

/*
 * A deadline as plans write it, for a plan of `year`: a date (dd/mm/yyyy,
 * yyyy-mm-dd, a spreadsheet serial within five years of the plan's), "Tháng
 * 6/2026" or "tháng 6 năm 2026" (the month's last day), "Quý II/2026" or "Quý
 * II năm 2026" (the quarter's), "Năm 2026" (31 December); a month or quarter
 * without a year is in the plan's. 1 with *day; 0 for none ("Thường xuyên",
 * "Hằng năm", empty); -1 when it cannot be read.
 */
int plan_sheet_deadline(const char *cell, int date1904, int year, int64_t *day);

/* 1 when a row's number is a heading's: empty, a Roman numeral ("II") or a letter ("A", "b."). */
int plan_sheet_heading_no(const char *no);

/* The number of a task's parent: "1.2" → "1", "II.3.1" → "II.3"; 0 when it has none. */
int plan_sheet_parent_no(const char *no, char *out, size_t size);

/*
 * The unit a name means among agencies' names (folded with core/fold.h): the
 * one whose name is the same ignoring case and diacritics, with "UBND" or "Ủy
 * ban nhân dân" before it or not ("UBND xã Đức Phổ" → "Xã Đức Phổ"). The
 * index, -1 when none, -2 when several fit (names are not unique: every
 * district has its "Phòng Tư pháp").
 */
int plan_sheet_unit(const char *name, const char *const *folded, size_t n);

/*
 * The names in a cell of cooperating units, split at ',', ';' and line
 * breaks, trimmed; at most max. Writes NUL-terminated copies into buf
 * (size: at least strlen(cell) + 1) and pointers to them into names.
 */
size_t plan_sheet_names(const char *cell, char *buf, const char **names, size_t max);

#endif
