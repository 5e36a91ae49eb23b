#ifndef FIELDOPS_FO_CURL_H
#define FIELDOPS_FO_CURL_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic; one fixed-signature form per argument type. */
/* Macros with casts do not import into Swift. */
static const long FO_CURLAUTH_BASIC = (long)CURLAUTH_BASIC;
static const long FO_CURL_GLOBAL_DEFAULT = CURL_GLOBAL_DEFAULT;

typedef size_t (*fo_curl_data_callback)(char *data, size_t size, size_t count, void *context);

CURLcode fo_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode fo_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value);
CURLcode fo_curl_set_string(CURL *handle, CURLoption option, const char *value);
CURLcode fo_curl_set_pointer(CURL *handle, CURLoption option, void *value);
CURLcode fo_curl_set_data_callback(CURL *handle, CURLoption option, fo_curl_data_callback callback);
CURLcode fo_curl_get_long(CURL *handle, CURLINFO info, long *value);
#endif
