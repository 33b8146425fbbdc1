package dev.rollback.adapters.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.concurrent.atomic.AtomicLong;

/** Counts HTTP round trips (retries included) so a rollback can report how many S3 calls it made. */
final class RequestCounter implements ExecutionInterceptor {

    private final AtomicLong count = new AtomicLong();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        count.incrementAndGet();
    }

    long count() {
        return count.get();
    }
}
