package io.lexvault.identity;

import java.security.SecureRandom;

/**
 * Passwords LexVault makes up itself (a new firm's first administrator, the demo users): 20 random
 * characters in five groups, about 100 bits, from an alphabet without look-alikes (0/o, 1/l/i) so
 * that it can be read aloud and typed.
 */
public final class GeneratedPasswords {

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPasswords() {}

    public static String generate() {
        var password = new StringBuilder(24);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
