package dev.rollback.testsupport.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user for Prometheus's {@code basic_auth_users} (web config file), which stores only a bcrypt hash. Java has no
 * bcrypt without a new dependency, so {@link #TEST}'s hash is precomputed, with libxcrypt through Python:
 * {@code python3 -c "import crypt; print(crypt.crypt('rollback-prom-test-93c1', crypt.mksalt(crypt.METHOD_BLOWFISH,
 * rounds=16)))"} (cost 4, the minimum: the password is public and a cheap hash keeps requests fast).
 */
public record BasicAuthUser(String name, String password, String bcryptHash) {

    public static final BasicAuthUser TEST = new BasicAuthUser("rollback-test", "rollback-prom-test-93c1",
            "$2b$04$f9JiPGhq4ozHcUiYDmRLxOwVY2aHkrUpCYYFdhGYwbvizrY8r0..S");

    /** The Authorization header value: "Basic base64(name:password)". */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicAuthUser(" + name + ")";
    }
}
