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

bool password_hash_is_current(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

void secret_wipe(void *p, size_t len)
{
	sodium_memzero(p, len);
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

const char *password_dummy_hash(void)
{
	/*
	 * The hash of 32 random bytes, thrown away when it was made. Its cost
	 * must stay that of password_hash(): password_test checks it does.
	 */
	return "$argon2id$v=19$m=65536,t=2,p=1$oJIswaGPPp3mon68OK9sYw$"
	       "xnoFzDPHWHy3IrIErCboMUPTGCHEDjGUCWjZH3ohxZQ";
}

_Static_assert(MAC_KEY_LEN == crypto_auth_hmacsha256_KEYBYTES, "MAC key size");

void mac_key_new(unsigned char key[MAC_KEY_LEN])
{
	crypto_auth_hmacsha256_keygen(key);
}

void mac_sign(const unsigned char key[MAC_KEY_LEN], const char *msg, size_t len,
              char out[MAC_LEN + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, len, key);
	sodium_bin2base64(out, MAC_LEN + 1, mac, sizeof(mac),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool mac_verify(const unsigned char key[MAC_KEY_LEN], const char *msg, size_t len, const char *sig)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	size_t n = 0;
	if (!sig || strlen(sig) != MAC_LEN ||
	    sodium_base642bin(mac, sizeof(mac), sig, MAC_LEN, NULL, &n, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(mac))
		return false;
	return crypto_auth_hmacsha256_verify(mac, (const unsigned char *)msg, len, key) == 0;
}
