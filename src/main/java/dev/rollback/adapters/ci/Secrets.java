package dev.rollback.adapters.ci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Puts tokens into a request being built. Every adapter builds its requests through one method taking
 * a {@code Secrets}: {@link #masked()} for --dry-run previews (tokens are never read, so a preview works
 * without them and shows "***"), {@link #revealed()} for sending. The preview is therefore exactly the
 * request that is sent, minus the secrets. A revealed instance remembers every secret it handed out
 * so error messages built from response bodies can be scrubbed of them ({@link #redact}).
 */
public final class Secrets {

    public static final String MASK = "***";

    private final boolean reveal;
    private final Set<String> handedOut = new LinkedHashSet<>();

    private Secrets(boolean reveal) {
        this.reveal = reveal;
    }

    public static Secrets masked() {
        return new Secrets(false);
    }

    public static Secrets revealed() {
        return new Secrets(true);
    }

    public boolean isMasked() {
        return !reveal;
    }

    /** The token, or "***" when masked. */
    public String token(TokenSource source) {
        if (!reveal) {
            return MASK;
        }
        return remember(source.read());
    }

    /** "Basic base64(user:token)", or "Basic ***" when masked. */
    public String basic(String user, TokenSource source) {
        if (!reveal) {
            return "Basic " + MASK;
        }
        String pair = user + ":" + token(source);
        return "Basic " + remember(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** A secret obtained along the way (a Jenkins crumb or session cookie): masked in previews, scrubbed from errors. */
    public String other(String secret) {
        return reveal ? remember(secret) : MASK;
    }

    /** {@code text} with every secret handed out replaced by "***". */
    public String redact(String text) {
        String result = text;
        for (String secret : handedOut) {
            if (!secret.isEmpty()) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    private String remember(String secret) {
        handedOut.add(secret);
        return secret;
    }

    @Override
    public String toString() {
        return reveal ? "Secrets(revealed, " + handedOut.size() + " handed out)" : "Secrets(masked)";
    }
}
