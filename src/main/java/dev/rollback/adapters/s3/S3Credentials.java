package dev.rollback.adapters.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.util.Map;

/**
 * Picks credentials from the env vars the settings NAME, read from the env map handed in (not
 * System.getenv, so tests and config can point elsewhere); without them, the SDK default chain
 * (profiles, SSO, IRSA, instance role). Only names ever reach messages.
 */
final class S3Credentials {

    private S3Credentials() {
    }

    static AwsCredentialsProvider provider(S3Settings settings, Map<String, String> env) {
        String access = value(env, settings.accessKeyEnv());
        String secret = value(env, settings.secretKeyEnv());
        String token = value(env, settings.sessionTokenEnv());
        if (access == null && secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (access == null || secret == null) {
            // Half a key pair is a typo in the config or the shell, not a reason to try other sources.
            throw new IllegalArgumentException((access == null ? settings.accessKeyEnv() : settings.secretKeyEnv())
                    + " is not set but " + (access == null ? settings.secretKeyEnv() : settings.accessKeyEnv())
                    + " is; set both or neither");
        }
        return StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(access, secret)
                : AwsSessionCredentials.create(access, secret, token));
    }

    /** Where the keys come from, for messages: env-var names or "the AWS default credential chain". */
    static String describe(S3Settings settings, Map<String, String> env) {
        if (value(env, settings.accessKeyEnv()) == null && value(env, settings.secretKeyEnv()) == null) {
            return "the AWS default credential chain (" + settings.accessKeyEnv() + "/" + settings.secretKeyEnv()
                    + " not set)";
        }
        return "env " + settings.accessKeyEnv() + "/" + settings.secretKeyEnv()
                + (value(env, settings.sessionTokenEnv()) == null ? "" : "/" + settings.sessionTokenEnv());
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
