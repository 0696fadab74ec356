/*
 * What a file is, by its first bytes (never by its name): the kinds of file a
 * dossier may hold are PDF, JPEG and PNG.
 */
#ifndef CORE_FILETYPE_H
#define CORE_FILETYPE_H

#include <stddef.h>

#define FILETYPE_SNIFF_BYTES 8

/* "application/pdf", "image/jpeg", "image/png", or NULL for anything else. */
const char *filetype_sniff(const unsigned char *head, size_t n);
/* The usual extension of a sniffed type (".pdf"), or "". */
const char *filetype_extension(const char *content_type);

#endif
