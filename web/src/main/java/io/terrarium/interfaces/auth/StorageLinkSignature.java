package io.terrarium.interfaces.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the short-lived links to stored artifacts: an HMAC-SHA256 of the storage key and the expiry
 * under a key derived from the session secret, as a presigned S3 URL carries one, so the storage route needs no
 * session and a link cannot be bent to another key or kept past its expiry.
 */
public final class StorageLinkSignature {

    private static final String ALGORITHM = "HmacSHA256";
    /** Derivation label: a storage link signature can never pass for a session token signature, nor the reverse. */
    private static final byte[] PURPOSE = "terrarium storage link v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final Clock clock;

    public StorageLinkSignature(byte[] secret, Clock clock) {
        this.key = hmac(secret, PURPOSE);
        this.clock = clock;
    }

    /** @return the URL-safe signature of {@code storageKey} valid until {@code expires} (epoch seconds) */
    public String sign(String storageKey, long expires) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, message(storageKey, expires)));
    }

    /** @return true when {@code signature} is this store's for that key and expiry, and the expiry is ahead */
    public boolean verify(String storageKey, long expires, String signature) {
        if (signature == null || expires < clock.instant().getEpochSecond()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key, message(storageKey, expires)), presented);
    }

    /** @return now plus {@code seconds}, in epoch seconds */
    public long expiresIn(long seconds) {
        return clock.instant().getEpochSecond() + seconds;
    }

    private static byte[] message(String storageKey, long expires) {
        // the key cannot hold a newline (StorageKeys refuses control characters), so the message is unambiguous
        return (storageKey + "\n" + expires).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
