#ifndef CLEARANCE_CLIBPNG_SHIM_H
#define CLEARANCE_CLIBPNG_SHIM_H

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/*
 * A fast 8-bit PNG writer on libpng's classic API, with the compression level, zlib strategy and
 * row filters chosen by the caller (the simplified png_image_write_* API offers no such control
 * and its "fast" mode was the slowest step of attaching an X-ray).
 *
 * setjmp and libpng's longjmp both stay inside each C function: no Swift frame is ever crossed.
 */

typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
} clearance_png_buffer;

static inline void clearance_png_write_callback(png_structp png, png_bytep bytes, png_size_t length) {
    clearance_png_buffer *buffer = (clearance_png_buffer *)png_get_io_ptr(png);
    if (length > ((size_t)-1) - buffer->size) png_error(png, "output too large");
    if (buffer->size + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 65536;
        while (capacity < buffer->size + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(buffer->data, capacity);
        if (grown == NULL) png_error(png, "out of memory");
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, bytes, length);
    buffer->size += length;
}

static inline void clearance_png_flush_callback(png_structp png) { (void)png; }

/*
 * A row-by-row 8-bit writer (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA channels, rows without padding),
 * so rows can be compressed while later rows are still being decoded. level: zlib level 0-9;
 * strategy: zlib strategy (0 default, 2 Huffman only, 3 RLE); filters: PNG_FILTER_* mask.
 * Each function sets its own setjmp, so libpng's longjmp never leaves the C function that called
 * libpng. After a failure every later call fails too; clearance_png_writer_close frees everything.
 */
typedef struct {
    png_structp png;
    png_infop info;
    clearance_png_buffer buffer;
    size_t stride;
    png_uint_32 height;
    png_uint_32 written;
    int failed;
} clearance_png_writer;

static inline void clearance_png_writer_close(clearance_png_writer *writer) {
    if (writer == NULL) return;
    if (writer->png != NULL) png_destroy_write_struct(&writer->png, &writer->info);
    free(writer->buffer.data);
    free(writer);
}

/* Starts a PNG and writes its header; NULL on failure. */
static inline clearance_png_writer *clearance_png_writer_open(png_uint_32 width, png_uint_32 height, int channels,
                                                              int level, int strategy, int filters) {
    int color;
    switch (channels) {
        case 1: color = PNG_COLOR_TYPE_GRAY; break;
        case 2: color = PNG_COLOR_TYPE_GRAY_ALPHA; break;
        case 3: color = PNG_COLOR_TYPE_RGB; break;
        case 4: color = PNG_COLOR_TYPE_RGB_ALPHA; break;
        default: return NULL;
    }
    if (width == 0 || height == 0) return NULL;
    clearance_png_writer *writer = (clearance_png_writer *)calloc(1, sizeof(clearance_png_writer));
    if (writer == NULL) return NULL;
    writer->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (writer->png == NULL) {
        clearance_png_writer_close(writer);
        return NULL;
    }
    writer->info = png_create_info_struct(writer->png);
    if (writer->info == NULL) {
        clearance_png_writer_close(writer);
        return NULL;
    }
    writer->stride = (size_t)width * (size_t)channels;
    writer->height = height;
    if (setjmp(png_jmpbuf(writer->png))) {
        clearance_png_writer_close(writer);
        return NULL;
    }
    png_set_write_fn(writer->png, &writer->buffer, clearance_png_write_callback, clearance_png_flush_callback);
    png_set_IHDR(writer->png, writer->info, width, height, 8, color, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(writer->png, level);
    png_set_compression_strategy(writer->png, strategy);
    png_set_filter(writer->png, PNG_FILTER_TYPE_BASE, filters);
    png_write_info(writer->png, writer->info);
    return writer;
}

/* Writes the next `count` rows; 0 on success, -1 on failure or past the last row. */
static inline int clearance_png_writer_rows(clearance_png_writer *writer, const unsigned char *pixels, png_uint_32 count) {
    if (writer == NULL || writer->failed || pixels == NULL || count > writer->height - writer->written) return -1;
    if (setjmp(png_jmpbuf(writer->png))) {
        writer->failed = 1;
        return -1;
    }
    for (png_uint_32 y = 0; y < count; y++) png_write_row(writer->png, pixels + (size_t)y * writer->stride);
    writer->written += count;
    return 0;
}

/* Ends the PNG once every row is written: 0 and the bytes in *out (owned by the writer until
   clearance_png_writer_close), or -1. */
static inline int clearance_png_writer_finish(clearance_png_writer *writer, const unsigned char **out, size_t *out_size) {
    *out = NULL;
    *out_size = 0;
    if (writer == NULL || writer->failed || writer->written != writer->height) return -1;
    if (setjmp(png_jmpbuf(writer->png))) {
        writer->failed = 1;
        return -1;
    }
    png_write_end(writer->png, writer->info);
    *out = writer->buffer.data;
    *out_size = writer->buffer.size;
    return 0;
}

#endif
