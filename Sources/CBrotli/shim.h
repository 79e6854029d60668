/* Brotli (Debian libbrotli-dev): backups are compressed piece by piece before they are encrypted.
 * Quality 0 compresses SQLite pages about as well as zlib level 1, three to four times faster. */
#include <brotli/encode.h>
#include <brotli/decode.h>
