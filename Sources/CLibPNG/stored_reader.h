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
 * setjmp and libpng's longjmp both stay inside each C function: no Swift frame is ever crossed.
 * Errors are kept as text in the reader.
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
 * An open reader: libpng's structures, the bytes being read and the last error message.
 * Each function below sets its own setjmp, so libpng's longjmp never leaves the C function that
 * called libpng. After a failure every later call fails too; clearance_png_reader_close frees all.
 */
typedef struct {
    png_structp png;
    png_infop info;
    clearance_png_source source;
    char message[256];
    size_t row_bytes;
    png_uint_32 height;
    png_uint_32 rows_read;
    int interlaced;
    int failed;
    png_bytep *row_pointers;
} clearance_png_reader;

static inline void clearance_png_reader_close(clearance_png_reader *reader) {
    if (reader == NULL) return;
    if (reader->png != NULL) png_destroy_read_struct(&reader->png, &reader->info, NULL);
    free(reader->row_pointers);
    free(reader);
}

/* The last error message ("" when none). */
static inline const char *clearance_png_reader_message(const clearance_png_reader *reader) {
    return reader == NULL ? "out of memory" : reader->message;
}

/*
 * Reads the header and colour chunks of `data` (which must outlive the reader) and fills *info.
 * `row_bytes` and `expected_height` are what the caller worked out from the IHDR it has already
 * checked; libpng's own figures must agree. Returns the reader, which the caller must close even
 * when reader->failed is set (then reader->message says why); NULL only when out of memory.
 */
static inline clearance_png_reader *clearance_png_reader_open(const unsigned char *data, size_t size, size_t row_bytes,
                                                              png_uint_32 expected_height,
                                                              clearance_png_stored_info *info) {
    memset(info, 0, sizeof(*info));
    clearance_png_reader *reader = (clearance_png_reader *)calloc(1, sizeof(clearance_png_reader));
    if (reader == NULL) return NULL;
    reader->source.data = data;
    reader->source.size = size;
    reader->source.message = reader->message;
    reader->source.message_capacity = sizeof(reader->message);
    reader->row_bytes = row_bytes;
    reader->height = expected_height;
    reader->failed = 1;
    if (data == NULL || expected_height == 0) {
        clearance_png_stored_copy_message(&reader->source, "no data to read");
        return reader;
    }
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader->source, clearance_png_stored_error,
                                         clearance_png_stored_warning);
    if (reader->png == NULL) {
        clearance_png_stored_copy_message(&reader->source, "libpng could not start");
        return reader;
    }
    reader->info = png_create_info_struct(reader->png);
    if (reader->info == NULL) {
        clearance_png_stored_copy_message(&reader->source, "libpng could not start");
        return reader;
    }
    png_structp png = reader->png;
    png_infop png_info = reader->info;
    if (setjmp(png_jmpbuf(png))) return reader;
    png_set_read_fn(png, &reader->source, clearance_png_stored_read);
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
    reader->interlaced = info->interlaced;
    reader->failed = 0;
    return reader;
}

/*
 * Reads the next `count` stored rows into `pixels` (rows of row_bytes, no padding). An
 * interlaced image is read whole by png_read_image (its passes are spread over every row), so
 * then `count` must be the height. 0 on success, -1 on failure (reader->message says why).
 */
static inline int clearance_png_reader_rows(clearance_png_reader *reader, unsigned char *pixels, png_uint_32 count) {
    if (reader == NULL || reader->failed || pixels == NULL) return -1;
    if (count > reader->height - reader->rows_read || (reader->interlaced && count != reader->height)) {
        clearance_png_stored_copy_message(&reader->source, "rows asked for in the wrong order");
        reader->failed = 1;
        return -1;
    }
    if (reader->interlaced && reader->row_pointers == NULL) {
        reader->row_pointers = (png_bytep *)malloc(sizeof(png_bytep) * (size_t)reader->height);
        if (reader->row_pointers == NULL) {
            clearance_png_stored_copy_message(&reader->source, "out of memory");
            reader->failed = 1;
            return -1;
        }
    }
    png_structp png = reader->png;
    if (setjmp(png_jmpbuf(png))) {
        reader->failed = 1;
        return -1;
    }
    if (reader->interlaced) {
        for (png_uint_32 y = 0; y < count; y++) reader->row_pointers[y] = pixels + (size_t)y * reader->row_bytes;
        png_read_image(png, reader->row_pointers);
    } else {
        for (png_uint_32 y = 0; y < count; y++) png_read_row(png, pixels + (size_t)y * reader->row_bytes, NULL);
    }
    reader->rows_read += count;
    return 0;
}

/* Reads what follows the image data up to IEND (checking its CRCs). 0 on success, -1 on failure. */
static inline int clearance_png_reader_finish(clearance_png_reader *reader) {
    if (reader == NULL || reader->failed || reader->rows_read != reader->height) return -1;
    png_structp png = reader->png;
    if (setjmp(png_jmpbuf(png))) {
        reader->failed = 1;
        return -1;
    }
    png_read_end(png, NULL);
    return 0;
}

#endif
