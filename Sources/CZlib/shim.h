/* zlib (Debian zlib1g-dev): backups are compressed piece by piece before they are encrypted. */
#include <zlib.h>
