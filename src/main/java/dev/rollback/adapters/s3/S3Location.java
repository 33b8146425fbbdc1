package dev.rollback.adapters.s3;

import dev.rollback.core.artifacts.ArtifactStoreException;

/**
 * Bucket and key of an {@code s3://bucket/key} URI. Parsed by hand rather than with
 * {@link java.net.URI}: S3 keys may hold spaces and other characters URI rejects.
 */
record S3Location(String bucket, String key) {

    static final String SCHEME = "s3://";

    static boolean isS3(String uri) {
        return uri != null && uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    static S3Location parse(String uri) {
        if (!isS3(uri)) {
            throw new ArtifactStoreException("not an s3:// URI: " + uri, null);
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isBlank()) {
            throw new ArtifactStoreException("no bucket in " + uri, null);
        }
        return new S3Location(bucket, key);
    }

    /** The key as a directory prefix: ends with '/', or empty for the whole bucket. */
    String directoryPrefix() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    /** Whether the URI names a directory outright, so a HEAD on the key itself is pointless. */
    boolean isDirectory() {
        return key.isEmpty() || key.endsWith("/");
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
