package dev.rollback.adapters.s3;

import dev.rollback.adapters.CountsRequests;
import dev.rollback.adapters.journal.JournalMirror;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Journals mirrored as {@code <prefix>/<id>.jsonl} objects. One PUT replaces the whole journal (a few KB),
 * which S3 makes atomic: a reader sees the previous or the new copy, never a torn one.
 */
public final class S3JournalMirror implements JournalMirror, AutoCloseable, CountsRequests {

    private static final String SUFFIX = ".jsonl";

    private final S3Location root;
    private final S3Connection s3;

    public S3JournalMirror(String s3Uri, S3Settings settings, Map<String, String> env) {
        this.root = S3Location.parse(s3Uri);
        this.s3 = new S3Connection(settings, env);
    }

    @Override
    public String describe() {
        return root.toString().replaceAll("/+$", "");
    }

    @Override
    public Map<String, Long> sizes() {
        String prefix = root.directoryPrefix();
        Map<String, Long> sizes = new LinkedHashMap<>();
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(root.bucket()).prefix(prefix);
        String token = null;
        try {
            do {
                ListObjectsV2Response page = s3.client().listObjectsV2(request.continuationToken(token).build());
                for (S3Object o : page.contents()) {
                    String name = o.key().substring(prefix.length());
                    if (name.endsWith(SUFFIX) && !name.contains("/")) {
                        sizes.put(name.substring(0, name.length() - SUFFIX.length()), o.size());
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw s3.translate(e, root);
        }
        return sizes;
    }

    @Override
    public byte[] get(String id) {
        S3Location where = at(id);
        try {
            return s3.client().getObjectAsBytes(b -> b.bucket(where.bucket()).key(where.key())).asByteArray();
        } catch (SdkException e) {
            throw s3.translate(e, where);
        }
    }

    @Override
    public void put(String id, byte[] content) {
        S3Location where = at(id);
        try {
            s3.client().putObject(b -> b.bucket(where.bucket()).key(where.key()).contentType("application/x-ndjson"),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw s3.translate(e, where);
        }
    }

    /** HTTP round trips made so far (retries included). */
    @Override
    public long requestCount() {
        return s3.requestCount();
    }

    private S3Location at(String id) {
        return new S3Location(root.bucket(), root.directoryPrefix() + id + SUFFIX);
    }

    @Override
    public void close() {
        s3.close();
    }
}
