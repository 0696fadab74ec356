/*
 * Reading a procedure catalog as provinces announce it: the annex of a
 * publication decision (columns no., national code, name, processing time,
 * where to submit, fees, legal basis, implementing agency; heading rows
 * splitting it into new / amended / repealed procedures, by level and by
 * field), and the free text of its cells: processing times into a statutory
 * duration, fees into amounts. Pure rules; the importer
 * (api/catalog_import.c) reads the file and writes the catalog.
 */
#ifndef CORE_CATALOG_SHEET_H
#define CORE_CATALOG_SHEET_H

#include <stddef.h>
#include <stdint.h>

enum catalog_col {
    CCOL_NO,
    CCOL_CODE,
    CCOL_NAME,
    CCOL_TIME,
    CCOL_PLACE,
    CCOL_FEE,
    CCOL_LEGAL,
    CCOL_AGENCY,
    CCOL_FIELD,
    CCOL_LEVEL,
    CCOL_COUNT
};

/* The column a header cell names ("Mã TTHC", "Tên thủ tục hành chính", "Phí, lệ phí", ...), or -1.
 */
int catalog_sheet_column(const char *header);

enum catalog_section { CSEC_NONE, CSEC_NEW, CSEC_AMENDED, CSEC_REPEALED };

/*
 * What a heading row says ("A. Thủ tục hành chính mới ban hành", "I. Lĩnh
 * vực Hộ tịch", "Thủ tục hành chính cấp xã"): the section (CSEC_NONE when it
 * names none), the level ("province", "district", "commune", "central" or
 * NULL) and the field: *field_at is the offset in text where the field's
 * name starts (after the numbering and "Lĩnh vực"), -1 when it names none.
 */
struct catalog_heading {
    enum catalog_section section;
    const char *level;
    int field_at;
};
void catalog_sheet_heading(const char *text, struct catalog_heading *out);

/*
 * A processing time as annexes write it, into a statutory duration:
 *   "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "Không quá 05 ngày
 *   làm việc", "Năm (05) ngày làm việc" → 15 / 5 working days;
 *   "30 ngày" (days not called working days) → calendar days, as the Civil
 *   Code counts them, with CDUR_CALENDAR_ASSUMED set in *flags;
 *   "04 giờ làm việc", "08 giờ" → working hours / 8 (whole hours);
 *   "Trong ngày", "Ngay trong ngày làm việc" → 1 working day (the model
 *   counts whole working hours from receipt; a day is the nearest it holds);
 *   the first number with its unit wins ("15 ngày làm việc; trường hợp phải
 *   xác minh không quá 20 ngày"), a decimal comma is read ("0,5 ngày").
 * Months ("03 tháng") and years have no fixed number of days and are not
 * read, nor are text without a number ("Theo quy định"), zero, a fraction
 * of a calendar day or of a working hour, or more than 3650 days.
 * 0 with *days and *kind ("working" or "calendar"); -1 with *why, a short
 * English reason.
 */
#define CDUR_CALENDAR_ASSUMED 1
int catalog_sheet_duration(const char *cell, double *days, const char **kind, int *flags,
                           const char **why);

/*
 * The fees of a cell: "Không", "Không có", "Miễn phí", "Miễn lệ phí",
 * "Không thu", "" → none (0); otherwise the cell is split at ';' and line
 * breaks and each part holding an amount ("50.000 đồng/bản", "Lệ phí:
 * 100.000đ", "1,5 triệu đồng", "20 nghìn đồng") is a fee named by that
 * part, trimmed; parts that are free of charge ("Miễn phí đối với người
 * có công") are left out. -1 with *why when a part holds no amount that
 * can be read ("0,15% giá trị hợp đồng", "Theo quy định"). At most max fees;
 * starts[i] and lens[i] give each part in the cell.
 */
struct catalog_fee {
    int64_t amount; /* VND */
    size_t start, len;
};
int catalog_sheet_fees(const char *cell, struct catalog_fee *out, size_t max, size_t *n,
                       const char **why);

/*
 * An implementing agency named by its level rather than its name: "UBND cấp
 * xã", "Ủy ban nhân dân cấp huyện", "Chủ tịch UBND tỉnh", "Cấp tỉnh" → the
 * level ("commune", "district", "province"); NULL for any other name.
 */
const char *catalog_sheet_generic_agency(const char *name);

/* The online service class a "where to submit" cell states: "full" (toàn trình), "partial" (một
 * phần) or NULL. */
const char *catalog_sheet_online_class(const char *cell);

#endif
