#include <fribidi/fribidi.h>

/// The "other neutral" paragraph type (auto-detect base direction); FRIBIDI_PAR_ON is a macro
/// Swift cannot import.
static inline FriBidiParType clr_fribidi_par_on(void) { return FRIBIDI_PAR_ON; }
