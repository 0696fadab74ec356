/*
 * The name an uploaded file is kept and offered back under: never the name as
 * sent, which may hold path parts ("../../etc/passwd.pdf"), an extension its
 * content belies ("evil.html"), control characters, bidirectional overrides
 * that turn "fdp.exe" into "exe.pdf" on screen, invalid UTF-8 or thousands of
 * characters.
 */
#ifndef CORE_FILENAME_H
#define CORE_FILENAME_H

#include <stddef.h>

#define FILENAME_MAX_CHARS 120                          /* characters, extension included */
#define FILENAME_BYTES     (FILENAME_MAX_CHARS * 4 + 1) /* room for the longest, NUL included */
#define FILENAME_FALLBACK  "tep-tin"                    /* when nothing of the name is left */

/*
 * Writes the display name of a file sent as `given` (any bytes, NULL for none)
 * whose content was found to be `content_type` (core/filetype.h) into out
 * (FILENAME_BYTES): the last path part only, invalid UTF-8, control
 * characters and invisible or bidirectional formatting characters left out,
 * characters that file systems refuse (" * : < > ? | \) turned into "_",
 * leading and trailing spaces and dots trimmed, in NFC, at most
 * FILENAME_MAX_CHARS characters, and ending in the extension of the detected
 * type in place of the one it came with. 0, or -1 when memory runs out.
 */
int filename_display(const char *given, const char *content_type, char out[FILENAME_BYTES]);

#endif
