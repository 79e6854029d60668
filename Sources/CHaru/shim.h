#include <hpdf.h>
/* libharu's internal object, stream and font-definition API (installed by libhpdf-dev, exported by the
 * library): ClearanceCertificate uses it to load fonts from memory, to give a parsed font a direct
 * Unicode-to-glyph table and to add pre-compressed image streams. */
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
/* zlib, which libharu itself links: image streams are compressed before libharu sees them. */
#include <zlib.h>
