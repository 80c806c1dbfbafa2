/*
 * password.h - secrets: argon2id password and PIN hashes, random bearer
 * tokens and their stored digests. The only module that includes sodium.h.
 *
 * Hashes are libsodium's crypto_pwhash_str() strings (argon2id),
 * self-describing so the cost can change without breaking old hashes. The
 * cost comes from BINGE_PASSWORD_COST (see password_init()): "interactive"
 * (2 passes, 64 MiB, the default), "moderate" (3 passes, 256 MiB), or
 * "minimum" (1 pass, 8 KiB), which test suites use because a suite hashes
 * hundreds of passwords and nobody's password should ever get it. Tokens are 32 random bytes in
 * base64url (43 characters); the database keeps only their BLAKE2b-256
 * digest in hex, so a stolen database yields no usable token.
 * Thread-safe once password_init() has run.
 */
#ifndef BINGE_ACCOUNT_PASSWORD_H
#define BINGE_ACCOUNT_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define PASSWORD_HASH_MAX 128  /* crypto_pwhash_STRBYTES */
#define PASSWORD_MAX_LEN  1024 /* longer passwords are refused, not truncated */
#define PASSWORD_MIN_LEN  8    /* a password set over HTTP */
#define TOKEN_LEN         43
#define TOKEN_DIGEST_LEN  64

/*
 * Initialises libsodium and reads the hash cost from BINGE_PASSWORD_COST;
 * call once before threads start. BG_IO if libsodium fails, BG_INVALID for a
 * cost it does not know; msg says which.
 */
enum bg_err password_init(char *msg, size_t len);

/* The cost password_hash() uses: "interactive", "moderate" or "minimum". */
const char *password_cost_name(void);

/* Hashes a password or PIN into out. BG_NOMEM if the hash memory is short. */
enum bg_err password_hash(const char *secret, char out[PASSWORD_HASH_MAX]);

/* True if secret matches hash (in constant time for the comparison). */
bool password_verify(const char *hash, const char *secret);

/* True if hash was made with password_hash()'s present cost. */
bool password_hash_is_current(const char *hash);

/* Overwrites len bytes at p with zeros in a way the compiler keeps (secrets). */
void secret_wipe(void *p, size_t len);

/*
 * The BLAKE2b-256 digest of the file at path, as 64 hex digits (a backup's
 * manifest). Errors: BG_IO.
 */
enum bg_err file_digest(const char *path, char out[65]);

/* Whether secrets a and b are equal, in time that depends only on their lengths. */
bool secret_equal(const char *a, const char *b);

/* A new random token, NUL-terminated. */
void token_new(char out[TOKEN_LEN + 1]);

/* The hex digest binge stores for a token. */
void token_digest(const char *token, char out[TOKEN_DIGEST_LEN + 1]);

/*
 * A hash of a password nobody knows, made on first use with the cost of
 * real ones: checking a name that does not exist against it takes as long
 * as checking a real user's password, so timing does not tell which names
 * exist.
 */
const char *password_dummy_hash(void);

/*
 * Keyed signatures (HMAC-SHA-256) for URLs the server hands out: a key of
 * MAC_KEY_LEN random bytes, and a signature in base64url (MAC_LEN chars).
 */
#define MAC_KEY_LEN 32
#define MAC_LEN     43

/* A new random key. */
void mac_key_new(unsigned char key[MAC_KEY_LEN]);

/* The signature of msg (len bytes) under key, NUL-terminated. */
void mac_sign(const unsigned char key[MAC_KEY_LEN], const char *msg, size_t len,
              char out[MAC_LEN + 1]);

/* True if sig is msg's signature under key (compared in constant time). */
bool mac_verify(const unsigned char key[MAC_KEY_LEN], const char *msg, size_t len, const char *sig);

#endif
