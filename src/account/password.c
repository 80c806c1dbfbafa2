/* password.c - argon2id hashes and tokens on libsodium; see password.h. */
#include "account/password.h"

#include <sodium.h>
#include <string.h>

#include "core/banned.h"

_Static_assert(PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "hash buffer size");

enum bg_err password_init(void)
{
	return sodium_init() < 0 ? BG_IO : BG_OK;
}

enum bg_err password_hash(const char *secret, char out[PASSWORD_HASH_MAX])
{
	if (crypto_pwhash_str(out, secret, strlen(secret), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return BG_NOMEM;
	return BG_OK;
}

bool password_verify(const char *hash, const char *secret)
{
	return crypto_pwhash_str_verify(hash, secret, strlen(secret)) == 0;
}

void token_new(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void token_digest(const char *token, char out[TOKEN_DIGEST_LEN + 1])
{
	unsigned char digest[32];
	crypto_generichash(digest, sizeof(digest), (const unsigned char *)token, strlen(token),
	                   NULL, 0);
	sodium_bin2hex(out, TOKEN_DIGEST_LEN + 1, digest, sizeof(digest));
}
