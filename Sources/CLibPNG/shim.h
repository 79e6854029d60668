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
 * setjmp and libpng's longjmp both stay inside this C function: no Swift frame is ever crossed.
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
 * Encodes 8-bit pixels (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA channels, rows without padding).
 * level: zlib level 0-9; strategy: zlib strategy (0 default, 2 Huffman only, 3 RLE);
 * filters: PNG_FILTER_* mask. Returns 0 and a malloc'd buffer in *out (caller frees) on success,
 * -1 on failure with *out NULL.
 */
static inline int clearance_png_encode8(const unsigned char *pixels, png_uint_32 width, png_uint_32 height,
                                        int channels, int level, int strategy, int filters,
                                        unsigned char **out, size_t *out_size) {
    *out = NULL;
    *out_size = 0;
    int color;
    switch (channels) {
        case 1: color = PNG_COLOR_TYPE_GRAY; break;
        case 2: color = PNG_COLOR_TYPE_GRAY_ALPHA; break;
        case 3: color = PNG_COLOR_TYPE_RGB; break;
        case 4: color = PNG_COLOR_TYPE_RGB_ALPHA; break;
        default: return -1;
    }
    if (pixels == NULL || width == 0 || height == 0) return -1;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (png == NULL) return -1;
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        return -1;
    }
    clearance_png_buffer buffer = {NULL, 0, 0};
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(buffer.data);
        return -1;
    }
    png_set_write_fn(png, &buffer, clearance_png_write_callback, clearance_png_flush_callback);
    png_set_IHDR(png, info, width, height, 8, color, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    png_set_compression_strategy(png, strategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    png_write_info(png, info);
    size_t stride = (size_t)width * (size_t)channels;
    for (png_uint_32 y = 0; y < height; y++) png_write_row(png, pixels + (size_t)y * stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    *out = buffer.data;
    *out_size = buffer.size;
    return 0;
}

#endif
