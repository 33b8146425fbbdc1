package dev.rollback.adapters.s3;

import dev.rollback.core.artifacts.ArtifactStoreException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Turns SDK failures into messages an on-call engineer can act on: which bucket, which endpoint,
 * which env vars. A missing object is not handled here; it is an empty fingerprint, not an error.
 */
final class S3Errors {

    private S3Errors() {
    }

    /** A 404 on HEAD carries no body, so the SDK may throw NoSuchKey or a bare S3Exception: trust the status. */
    static boolean isNotFound(S3Exception e) {
        return e.statusCode() == 404 && !isNoSuchBucket(e);
    }

    static ArtifactStoreException translate(SdkException e, S3Location where, String endpoint, String credentials) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            if (isNoSuchBucket(s3)) {
                return new ArtifactStoreException("bucket " + where.bucket() + " does not exist at " + endpoint
                        + " (check the bucket name in " + where + " and the S3 endpoint)", e);
            }
            if (s3.statusCode() == 403) {
                return new ArtifactStoreException("access denied" + (code == null ? "" : " (" + code + ")")
                        + " on " + where + " at " + endpoint + " with credentials from " + credentials
                        + "; check those keys and that they allow s3:GetObject and s3:ListBucket (and s3:PutObject"
                        + " for a journal mirror) on bucket " + where.bucket(), e);
            }
            if (s3.statusCode() == 301 || "PermanentRedirect".equals(code)) {
                return new ArtifactStoreException("bucket " + where.bucket() + " is in another region than the one"
                        + " configured for " + endpoint + "; set the S3 region", e);
            }
            return new ArtifactStoreException("S3 at " + endpoint + " answered HTTP " + s3.statusCode()
                    + (code == null ? "" : " " + code) + " for " + where, e);
        }
        if (e instanceof SdkClientException && e.getMessage() != null
                && e.getMessage().contains("Unable to load credentials")) {
            return new ArtifactStoreException("no AWS credentials for " + endpoint + ": set " + credentials
                    + " or configure an AWS profile/role", e);
        }
        String why = networkReason(e);
        return new ArtifactStoreException("cannot reach S3 at " + endpoint + (why == null ? "" : ": " + why)
                + " (for " + where + ")", e);
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e instanceof NoSuchBucketException || (e.awsErrorDetails() != null
                && "NoSuchBucket".equals(e.awsErrorDetails().errorCode()));
    }

    /** The first recognisable network cause, in words; null when there is none. */
    private static String networkReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e.getMessage();
    }
}
