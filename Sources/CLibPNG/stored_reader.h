#ifndef CLEARANCE_CLIBPNG_STORED_READER_H
#define CLEARANCE_CLIBPNG_STORED_READER_H

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/*
 * Reads a PNG's samples exactly as stored (full bit depth, 16-bit big-endian, sub-byte samples
 * still packed, palette indices not expanded) with libpng's classic API, and the chunks that say
 * how to show them (PLTE, tRNS, gAMA, sRGB, iCCP, sBIT). No libpng transform is set except
 * interlace handling, so png_read_image gives the same full-image rows for an Adam7 file as for
 * a non-interlaced one; every conversion to 8 bits happens afterwards, in Swift, on one path.
 *
 * setjmp and libpng's longjmp both stay inside clearance_png_read_stored: no Swift frame is ever
 * crossed. Errors are returned as text in the caller's message buffer.
 */

typedef struct {
    /* IHDR, as libpng read it. */
    png_uint_32 width;
    png_uint_32 height;
    int bit_depth;
    int color_type;
    int interlaced;
    /* PLTE: entries (0 when absent) and their RGB bytes. */
    int palette_count;
    unsigned char palette[256 * 3];
    /* tRNS: for a palette, alpha of the first trns_count entries; otherwise the transparent
       grey (trns_grey) or RGB (trns_red/green/blue) sample, at the stored depth. */
    int has_trns;
    int trns_count;
    unsigned char trns_alpha[256];
    unsigned short trns_grey, trns_red, trns_green, trns_blue;
    /* gAMA in units of 1/100000 (0 when absent or rejected), and whether sRGB and iCCP are present. */
    int gamma_fixed;
    int has_srgb;
    int has_iccp;
    /* sBIT per output channel order (grey or R,G,B, then alpha); 0 entries when absent. */
    int has_sbit;
    unsigned char sbit[4];
} clearance_png_stored_info;

typedef struct {
    const unsigned char *data;
    size_t size;
    size_t offset;
    char *message;
    size_t message_capacity;
} clearance_png_source;

static inline void clearance_png_stored_copy_message(clearance_png_source *source, const char *text) {
    if (source->message == NULL || source->message_capacity == 0) return;
    size_t length = strlen(text);
    if (length >= source->message_capacity) length = source->message_capacity - 1;
    memcpy(source->message, text, length);
    source->message[length] = 0;
}

static inline void clearance_png_stored_error(png_structp png, png_const_charp text) {
    clearance_png_source *source = (clearance_png_source *)png_get_error_ptr(png);
    clearance_png_stored_copy_message(source, text);
    png_longjmp(png, 1);
}

static inline void clearance_png_stored_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text; /* benign problems (an ignored ancillary chunk) do not stop the decode */
}

static inline void clearance_png_stored_read(png_structp png, png_bytep out, png_size_t length) {
    clearance_png_source *source = (clearance_png_source *)png_get_io_ptr(png);
    if (length > source->size - source->offset) png_error(png, "read beyond end of data");
    memcpy(out, source->data + source->offset, length);
    source->offset += length;
}

/*
 * Decodes `data` into `pixels` (height rows of `row_bytes` each: the stored row size, which the
 * caller works out from the IHDR it has already checked; libpng's own figure must agree).
 * Returns 0 on success and fills *info; -1 on failure with libpng's message in `message`.
 */
static inline int clearance_png_read_stored(const unsigned char *data, size_t size, unsigned char *pixels,
                                            size_t row_bytes, png_uint_32 expected_height,
                                            clearance_png_stored_info *info, char *message,
                                            size_t message_capacity) {
    clearance_png_source source = {data, size, 0, message, message_capacity};
    if (message != NULL && message_capacity > 0) message[0] = 0;
    memset(info, 0, sizeof(*info));
    if (data == NULL || pixels == NULL || expected_height == 0) {
        clearance_png_stored_copy_message(&source, "no data to read");
        return -1;
    }
    png_bytep *rows = (png_bytep *)malloc(sizeof(png_bytep) * (size_t)expected_height);
    if (rows == NULL) {
        clearance_png_stored_copy_message(&source, "out of memory");
        return -1;
    }
    for (png_uint_32 y = 0; y < expected_height; y++) rows[y] = pixels + (size_t)y * row_bytes;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &source, clearance_png_stored_error,
                                             clearance_png_stored_warning);
    if (png == NULL) {
        free(rows);
        clearance_png_stored_copy_message(&source, "libpng could not start");
        return -1;
    }
    png_infop png_info = png_create_info_struct(png);
    if (png_info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        free(rows);
        clearance_png_stored_copy_message(&source, "libpng could not start");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &png_info, NULL);
        free(rows);
        return -1;
    }
    png_set_read_fn(png, &source, clearance_png_stored_read);
    png_read_info(png, png_info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    png_get_IHDR(png, png_info, &width, &height, &bit_depth, &color_type, &interlace, NULL, NULL);
    if (height != expected_height || png_get_rowbytes(png, png_info) != row_bytes) {
        png_error(png, "libpng read a different image size than the IHDR header");
    }
    info->width = width;
    info->height = height;
    info->bit_depth = bit_depth;
    info->color_type = color_type;
    info->interlaced = interlace != PNG_INTERLACE_NONE;

    png_colorp palette = NULL;
    int palette_count = 0;
    if (png_get_PLTE(png, png_info, &palette, &palette_count) != 0 && palette != NULL) {
        if (palette_count > 256) palette_count = 256;
        info->palette_count = palette_count;
        for (int i = 0; i < palette_count; i++) {
            info->palette[i * 3] = palette[i].red;
            info->palette[i * 3 + 1] = palette[i].green;
            info->palette[i * 3 + 2] = palette[i].blue;
        }
    }
    png_bytep trans_alpha = NULL;
    int trans_count = 0;
    png_color_16p trans_color = NULL;
    if (png_get_tRNS(png, png_info, &trans_alpha, &trans_count, &trans_color) != 0) {
        info->has_trns = 1;
        if (color_type == PNG_COLOR_TYPE_PALETTE && trans_alpha != NULL) {
            if (trans_count > 256) trans_count = 256;
            info->trns_count = trans_count;
            memcpy(info->trns_alpha, trans_alpha, (size_t)trans_count);
        } else if (trans_color != NULL) {
            info->trns_grey = trans_color->gray;
            info->trns_red = trans_color->red;
            info->trns_green = trans_color->green;
            info->trns_blue = trans_color->blue;
        } else {
            info->has_trns = 0;
        }
    }
    png_fixed_point gamma = 0;
    if (png_get_valid(png, png_info, PNG_INFO_gAMA) != 0 && png_get_gAMA_fixed(png, png_info, &gamma) != 0) {
        info->gamma_fixed = (int)gamma;
    }
    info->has_srgb = png_get_valid(png, png_info, PNG_INFO_sRGB) != 0;
    info->has_iccp = png_get_valid(png, png_info, PNG_INFO_iCCP) != 0;
    png_color_8p sbit = NULL;
    if (png_get_sBIT(png, png_info, &sbit) != 0 && sbit != NULL) {
        info->has_sbit = 1;
        if ((color_type & PNG_COLOR_MASK_COLOR) != 0) {
            info->sbit[0] = sbit->red;
            info->sbit[1] = sbit->green;
            info->sbit[2] = sbit->blue;
            info->sbit[3] = sbit->alpha;
        } else {
            info->sbit[0] = sbit->gray;
            info->sbit[1] = sbit->alpha;
        }
    }

    (void)png_set_interlace_handling(png);
    png_read_update_info(png, png_info);
    if (png_get_rowbytes(png, png_info) != row_bytes) {
        png_error(png, "libpng changed the row size while reading");
    }
    png_read_image(png, rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &png_info, NULL);
    free(rows);
    return 0;
}

#endif
