package dev.rollback.adapters.ci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CI systems' own error words, as they shape them, made into one safe line. */
class ServerMessageTest {

    private final Secrets none = Secrets.masked();

    @Test
    void readsEachSystemsShape() {
        assertThat(ServerMessage.of("{\"message\":\"No ref found for: x\",\"documentation_url\":\"u\"}", none)).hasValue("No ref found for: x");
        assertThat(ServerMessage.of("{\"message\":{\"base\":[\"Reference not found\"]}}", none)).hasValue("base: Reference not found");
        assertThat(ServerMessage.of("{\"error\":\"ref is missing\"}", none)).hasValue("ref is missing");
        assertThat(ServerMessage.of("<html><head><title>Error 403 No valid crumb</title></head><body>…</body></html>", none))
                .hasValue("Error 403 No valid crumb");
        assertThat(ServerMessage.of("plain\ttext\r\nover lines", none)).hasValue("plain text over lines");
        assertThat(ServerMessage.of("", none)).isEmpty();
        assertThat(ServerMessage.of("{}", none)).hasValue("{}");
    }

    @Test
    void truncatesLongMessages() {
        assertThat(ServerMessage.of("y".repeat(1000), none)).hasValueSatisfying(m -> assertThat(m).hasSize(200).endsWith("…"));
    }

    @Test
    void scrubsEverySecretHandedOut() {
        Secrets revealed = Secrets.revealed();
        TokenSource token = new TokenSource("t", "x", "tokenEnv", "T", "tokenFile", null, java.util.Map.of("T", "s3cr3t"));
        String basic = revealed.basic("alice", token);
        String echoed = "{\"message\":\"bad s3cr3t and " + basic.substring(6) + "\"}";
        assertThat(ServerMessage.of(echoed, revealed)).hasValue("bad *** and ***");
    }
}
