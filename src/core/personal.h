/*
 * Applicants' personal data: who sees it in full, and how it shows to the
 * others. One rule for every output of a dossier (its JSON, the queue, the
 * printed forms, the register as PDF and XLSX): the API passes the dossier
 * through it once, before any of them.
 */
#ifndef CORE_PERSONAL_H
#define CORE_PERSONAL_H

#include <stddef.h>

enum personal_field {
    PERSONAL_ID_NUMBER, /* identity number (applicant or delegate) */
    PERSONAL_PHONE,     /* phone number (applicant or delegate) */
    PERSONAL_EMAIL,
    PERSONAL_ADDRESS,
    PERSONAL_FIELD_COUNT
};

/* How a field shows: whole, masked (personal_mask), or not at all. */
enum personal_shape { PERSONAL_SHOW, PERSONAL_MASK, PERSONAL_HIDE };

/*
 * Whether a caller sees a dossier's personal data in full. own: the caller
 * filed it. roles: the ROLE_BIT()s of the roles the caller holds over a unit
 * that has or had the dossier (receiving, current, or a step's unit), or
 * system-wide. Full for the filer and for roles with CAP_VIEW_PERSONAL (the
 * desk, the units processing it, the system administrator); masked for the
 * steering committee, auditors and anyone else.
 */
int personal_full(int own, unsigned roles);

/*
 * Who sees a dossier at all, and how (the rule dossier lists and reads share):
 * its filer, whole; else roles that may see dossiers (CAP_VIEW_DOSSIERS) over
 * its receiving or current unit (`here`); else such roles over a unit that
 * worked on it (`passed`, looked at only when `here` does not show it).
 * Returns 0 when the dossier is hidden from the caller; else 1, with *full
 * set by personal_full over the roles that showed it.
 */
int dossier_sight(int filer, unsigned here, unsigned passed, int *full);

/* The shape of a field for a caller who sees (full) or does not see personal data in full. */
enum personal_shape personal_shape(int field, int full);

/*
 * The masked form of a number, as "********2345": spaces, dots and hyphens
 * dropped, then every character but the last four replaced by '*' (with four
 * or fewer, half of them are kept). out must hold strlen(value) + 1 bytes
 * (masking never lengthens); returns the length written.
 */
size_t personal_mask(const char *value, char *out);

#endif
