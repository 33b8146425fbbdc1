package dev.rollback.adapters.s3;

import dev.rollback.testsupport.s3.S3Server;

/** Stores pointed at the shared moto server the way a user would: endpoint + path-style + env keys. */
final class MotoStores {

    private MotoStores() {
    }

    static S3ArtifactStore store(S3Server server) {
        return store(server, S3ArtifactStore.MAX_PAGE_SIZE);
    }

    /** With a small page size, so pagination is exercised without uploading 1000+ objects. */
    static S3ArtifactStore store(S3Server server, int pageSize) {
        S3Settings settings = S3Settings.defaults().withEndpoint(server.endpoint()).withPathStyle(true);
        return new S3ArtifactStore(settings, server.env(), pageSize);
    }
}
