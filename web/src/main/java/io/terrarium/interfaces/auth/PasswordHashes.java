package io.terrarium.interfaces.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 password hashes in the format of Jakarta Security's {@code Pbkdf2PasswordHash}
 * ({@code algorithm:iterations:base64(salt):base64(hash)}), so the server can verify them with the standard
 * implementation while the {@code terrarium user} command, which runs without a server, writes them.
 */
public final class PasswordHashes {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256 is 600 000; a third of it keeps a login near 100 ms here. */
    static final int ITERATIONS = 210_000;

    static final int SALT_BYTES = 32;
    static final int HASH_BYTES = 32;

    private PasswordHashes() {}

    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        byte[] hash = pbkdf2(ALGORITHM, password, salt, ITERATIONS, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder();
        return ALGORITHM + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    /** Verifies in constant time; a malformed stored hash verifies nothing. */
    public static boolean verify(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":");
        if (parts.length != 4 || !parts[0].startsWith("PBKDF2WithHmac")) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, pbkdf2(parts[0], password, salt, iterations, expected.length));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(String algorithm, char[] password, byte[] salt, int iterations, int bytes) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
            try {
                return SecretKeyFactory.getInstance(algorithm)
                        .generateSecret(spec)
                        .getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 (" + algorithm + ") is not available: " + e.getMessage(), e);
        }
    }
}
