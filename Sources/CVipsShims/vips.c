#include "fo_vips.h"

VipsImage *fo_vips_load_buffer(const void *buffer, size_t length, int sequential) {
    /* fail_on truncated: a cut-off upload is an error, not a photo with a grey bottom. */
    return vips_image_new_from_buffer(buffer, length, "", "access",
                                      sequential ? VIPS_ACCESS_SEQUENTIAL : VIPS_ACCESS_RANDOM,
                                      "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
}

VipsImage *fo_vips_load_file_header(const char *path) {
    return vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
}

int fo_vips_autorot(VipsImage *in, VipsImage **out) { return vips_autorot(in, out, NULL); }

int fo_vips_colourspace(VipsImage *in, VipsImage **out, VipsInterpretation space) {
    return vips_colourspace(in, out, space, NULL);
}

int fo_vips_flatten(VipsImage *in, VipsImage **out, double background) {
    VipsArrayDouble *colour = vips_array_double_newv(1, background);
    int result = vips_flatten(in, out, "background", colour, NULL);
    vips_area_unref(VIPS_AREA(colour));
    return result;
}

int fo_vips_cast(VipsImage *in, VipsImage **out, VipsBandFormat format) { return vips_cast(in, out, format, NULL); }

int fo_vips_extract_area(VipsImage *in, VipsImage **out, int left, int top, int width, int height) {
    return vips_extract_area(in, out, left, top, width, height, NULL);
}

int fo_vips_extract_band(VipsImage *in, VipsImage **out, int band, int count) {
    return vips_extract_band(in, out, band, "n", count, NULL);
}

int fo_vips_linear1(VipsImage *in, VipsImage **out, double a, double b) {
    return vips_linear1(in, out, a, b, "uchar", TRUE, NULL);
}

int fo_vips_text(VipsImage **out, const char *text, const char *font) {
    return vips_text(out, text, "font", font, "dpi", 72, NULL);
}

int fo_vips_embed(VipsImage *in, VipsImage **out, int x, int y, int width, int height) {
    return vips_embed(in, out, x, y, width, height, NULL);
}

int fo_vips_blend(VipsImage *mask, VipsImage *then, VipsImage *otherwise, VipsImage **out) {
    return vips_ifthenelse(mask, then, otherwise, out, "blend", TRUE, NULL);
}

int fo_vips_insert(VipsImage *main, VipsImage *sub, VipsImage **out, int x, int y) {
    return vips_insert(main, sub, out, x, y, NULL);
}

int fo_vips_thumbnail_image(VipsImage *in, VipsImage **out, int width, int height) {
    return vips_thumbnail_image(in, out, width, "height", height, "size", VIPS_SIZE_DOWN, NULL);
}

int fo_vips_thumbnail_buffer(const void *buffer, size_t length, VipsImage **out, int width, int height) {
    return vips_thumbnail_buffer((void *)buffer, length, out, width, "height", height, "size", VIPS_SIZE_DOWN, NULL);
}

int fo_vips_avg(VipsImage *in, double *out) { return vips_avg(in, out, NULL); }

int fo_vips_copy_interpretation(VipsImage *in, VipsImage **out, VipsInterpretation interpretation) {
    return vips_copy(in, out, "interpretation", interpretation, NULL);
}

int fo_vips_jpegsave_buffer(VipsImage *in, void **buffer, size_t *length, int quality, int strip) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", quality, "strip", strip, NULL);
}

int fo_vips_pngsave_buffer(VipsImage *in, void **buffer, size_t *length) {
    return vips_pngsave_buffer(in, buffer, length, NULL);
}

int fo_vips_resize(VipsImage *in, VipsImage **out, double scale) {
    /* Linear after libvips' integer box shrink: thumbnails of 1/2.5 and less show no difference
     * from Lanczos, at half the cost. */
    return vips_resize(in, out, scale, "kernel", VIPS_KERNEL_LINEAR, NULL);
}

#include <malloc.h>

void fo_reuse_freed_blocks(size_t largest_block) {
    mallopt(M_MMAP_THRESHOLD, (int)largest_block);
    mallopt(M_TRIM_THRESHOLD, (int)(2 * largest_block));
}

#include <turbojpeg.h>

VipsImage *fo_vips_decode_jpeg_rgb(const void *buffer, size_t length, VipsImage *header) {
    VipsImage *image = vips_image_new_memory();
    /* The header's fields and metadata (EXIF, ICC profile, orientation) carry over to the pixels. */
    if (vips_image_pipelinev(image, VIPS_DEMAND_STYLE_THINSTRIP, header, NULL) ||
        vips_image_write_prepare(image)) {
        g_object_unref(image);
        return NULL;
    }
    tjhandle decoder = tjInitDecompress();
    if (decoder == NULL) {
        vips_error("jpegload", "%s", tjGetErrorStr2(NULL));
        g_object_unref(image);
        return NULL;
    }
    /* Accurate IDCT as libjpeg's default; a warning (a truncated file) is an error, as fail_on=truncated. */
    int failed = tjDecompress2(decoder, buffer, (unsigned long)length, VIPS_IMAGE_ADDR(image, 0, 0),
                               image->Xsize, (int)VIPS_IMAGE_SIZEOF_LINE(image), image->Ysize, TJPF_RGB,
                               TJFLAG_ACCURATEDCT | TJFLAG_STOPONWARNING);
    if (failed) {
        vips_error("jpegload", "%s", tjGetErrorStr2(decoder));
        g_object_unref(image);
        image = NULL;
    }
    tjDestroy(decoder);
    return image;
}
