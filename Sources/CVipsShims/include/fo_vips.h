#ifndef FIELDOPS_FO_VIPS_H
#define FIELDOPS_FO_VIPS_H
#include <vips/vips.h>

/* libvips operations are variadic (optional arguments end with NULL), so Swift cannot call them.
 * One fixed-signature wrapper per operation and option set the photo pipeline uses.
 * Each returns 0 on success and -1 on failure (the reason is in vips_error_buffer()). */

/* Reads the header only; pixels are decoded when first needed. sequential: top-to-bottom access. */
VipsImage *fo_vips_load_buffer(const void *buffer, size_t length, int sequential);
/* Opens the image file at `path` (its loader chosen by content, not by name) for sequential access,
 * which reads its header only. `path` must not end in `]`: libvips would take that as load options. */
VipsImage *fo_vips_load_file_header(const char *path);
/* Decodes a 3-component 8-bit JPEG (`header` is its header, from fo_vips_load_buffer) into a new
 * in-memory sRGB image with TurboJPEG: the same pixels as libvips' loader at about two thirds of the
 * CPU, since it writes straight into the image's memory. NULL on failure (reason in vips_error_buffer()). */
VipsImage *fo_vips_decode_jpeg_rgb(const void *buffer, size_t length, VipsImage *header);
int fo_vips_autorot(VipsImage *in, VipsImage **out);
int fo_vips_colourspace(VipsImage *in, VipsImage **out, VipsInterpretation space);
/* Removes alpha by blending over a flat grey level. */
int fo_vips_flatten(VipsImage *in, VipsImage **out, double background);
int fo_vips_cast(VipsImage *in, VipsImage **out, VipsBandFormat format);
int fo_vips_extract_area(VipsImage *in, VipsImage **out, int left, int top, int width, int height);
int fo_vips_extract_band(VipsImage *in, VipsImage **out, int band, int count);
int fo_vips_linear1(VipsImage *in, VipsImage **out, double a, double b);
/* A one-band mask of the text; `font` is a Pango description ("DejaVu Sans Bold 40"), at dpi 72 its size is in pixels. */
int fo_vips_text(VipsImage **out, const char *text, const char *font);
int fo_vips_embed(VipsImage *in, VipsImage **out, int x, int y, int width, int height);
/* Where the mask is 255 take `then`, where 0 `otherwise`, blending in between. */
int fo_vips_blend(VipsImage *mask, VipsImage *then, VipsImage *otherwise, VipsImage **out);
int fo_vips_insert(VipsImage *main, VipsImage *sub, VipsImage **out, int x, int y);
int fo_vips_thumbnail_image(VipsImage *in, VipsImage **out, int width, int height);
/* Scales by `scale` (< 1 shrinks). */
int fo_vips_resize(VipsImage *in, VipsImage **out, double scale);
int fo_vips_thumbnail_buffer(const void *buffer, size_t length, VipsImage **out, int width, int height);
int fo_vips_avg(VipsImage *in, double *out);
int fo_vips_copy_interpretation(VipsImage *in, VipsImage **out, VipsInterpretation interpretation);
int fo_vips_jpegsave_buffer(VipsImage *in, void **buffer, size_t *length, int quality, int strip);
int fo_vips_pngsave_buffer(VipsImage *in, void **buffer, size_t *length);
/* glibc's malloc.h is not part of Swift's Glibc module: serve blocks up to `largest_block` from the
 * heap and keep up to twice that freed at its top (see DecodedImageMemory). */
void fo_reuse_freed_blocks(size_t largest_block);
#endif
