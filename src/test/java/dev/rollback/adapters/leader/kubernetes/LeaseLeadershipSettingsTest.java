package dev.rollback.adapters.leader.kubernetes;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Lease's name, the identity written into it, and the timing rules fabric8's elector relies on. */
class LeaseLeadershipSettingsTest {

    @Test
    void theLeaseIsNamedAfterTheServiceAndNeverSharedByTwoServices() {
        assertThat(LeaseLeadership.leaseName("recsys")).isEqualTo("rollback-watch-recsys");
        String odd = LeaseLeadership.leaseName("Home_Recsys");
        assertThat(odd).matches("rollback-watch-home-recsys-[0-9a-f]+");
        assertThat(odd).isNotEqualTo(LeaseLeadership.leaseName("home-recsys"))
                .isNotEqualTo(LeaseLeadership.leaseName("home_recsys"));
        assertThat(LeaseLeadership.leaseName("_")).matches("rollback-watch-[0-9a-f]+");
        assertThat(LeaseLeadership.leaseName("x".repeat(300)).length()).isLessThanOrEqualTo(253);
    }

    @Test
    void inAPodTheIdentityIsThePodName() {
        assertThat(LeaderIdentity.of(Map.of("POD_NAME", "rollback-watch-recsys-7d9f-x2k4q", "HOSTNAME", "other"), 7))
                .isEqualTo("rollback-watch-recsys-7d9f-x2k4q");
        assertThat(LeaderIdentity.of(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "HOSTNAME", "watch-pod-1"), 7))
                .as("without the downward API a pod's HOSTNAME is its name").isEqualTo("watch-pod-1");
    }

    @Test
    void outsideAClusterItIsUserAtHostAndPid() {
        assertThat(LeaderIdentity.of(Map.of("USER", "alice", "HOSTNAME", "laptop"), 4242)).isEqualTo("alice@laptop/4242");
    }

    @Test
    void timingsThatBreakTheElectorsRulesAreRefusedUpFront() {
        assertThatThrownBy(() -> new LeaseLeadership(null, "ns", "recsys", "pod-a", n -> { }, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leader election timing must be: lease duration (whole seconds) > renew deadline > 2.2 x "
                        + "retry period; got PT10S, PT10S, PT2S");
        assertThatThrownBy(() -> new LeaseLeadership(null, "ns", "recsys", "pod-a", n -> { }, Duration.ofSeconds(15),
                Duration.ofSeconds(4), Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LeaseLeadership(null, "ns", "recsys", "pod-a", n -> { }, Duration.ofMillis(2500),
                Duration.ofSeconds(2), Duration.ofMillis(400))).as("a Lease stores whole seconds")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new LeaseLeadership(null, "ns", "recsys", "pod-a", n -> { }, LeaseLeadership.LEASE_DURATION,
                LeaseLeadership.RENEW_DEADLINE, LeaseLeadership.RETRY_PERIOD).leaseName()).isEqualTo("rollback-watch-recsys");
    }
}
