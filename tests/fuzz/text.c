/*
 * Fuzz target: the texts outside input carries. The first byte picks the
 * reader; the rest is the text: dates and times (also as sheet cells hold
 * them), office hours, dossier codes, agency identifiers, citizen IDs, phones,
 * e-mails, status and action names, folding for search, and the sniffing of
 * an upload's file type.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/dossier.h"
#include "core/filetype.h"
#include "core/fold.h"
#include "core/workflow.h"
#include "core/worktime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s, last4[5], *folded;
    struct office_hours oh;
    struct err e = ERR_INIT;
    int64_t v;

    if (size < 1)
        return 0;
    s = malloc(size);
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    switch (data[0] % 9) {
    case 0:
        date_parse_ymd(s, &v);
        date_parse_cell(s, data[0] & 0x80, &v);
        break;
    case 1: date_parse_local(s, &v); break;
    case 2:
        if (date_parse_iso(s, &v) == 0) {
            char out[DATE_VN_MAX];
            date_format_vn(v, out);
        }
        break;
    case 3: office_hours_parse(s, &oh, &e); break;
    case 4: dossier_code_valid(s); break;
    case 5:
        agency_id_valid(s);
        citizen_id_valid(s);
        break;
    case 6:
        phone_valid(s);
        phone_last4(s, last4);
        email_valid(s);
        break;
    case 7:
        dossier_status_parse(s);
        dossier_channel_parse(s);
        action_parse(s);
        folded = malloc(strlen(s) + 1);
        fold_text(s, strlen(s), folded);
        free(folded);
        break;
    case 8: filetype_sniff(data + 1, size - 1); break;
    }
    free(s);
    return 0;
}
