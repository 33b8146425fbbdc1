package dev.rollback.adapters.kubernetes;

import dev.rollback.adapters.CountsRequests;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.util.concurrent.atomic.AtomicLong;

/** Counts every request the fabric8 client sends (each attempt of a retried one too). */
public final class RequestCountingInterceptor implements Interceptor, CountsRequests {

    private final AtomicLong count = new AtomicLong();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        count.incrementAndGet();
    }

    @Override
    public long requestCount() {
        return count.get();
    }
}
