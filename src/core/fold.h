/*
 * Folding Vietnamese text for search: lower case, diacritics removed (both
 * precomposed NFC and decomposed NFD input), đ → d. "Thủ tục Đất đai" folds to
 * "thu tuc dat dai". Other characters pass through unchanged.
 */
#ifndef CORE_FOLD_H
#define CORE_FOLD_H

#include <stddef.h>

/*
 * Folds len bytes of UTF-8 into out, which must hold len + 1 bytes (folding
 * never lengthens text). Returns the folded length; out is NUL-terminated.
 */
size_t fold_text(const char *in, size_t len, char *out);

#endif
