package dev.rollback.adapters.serving.kubernetes;

import dev.rollback.testsupport.kubernetes.DeploymentController;
import dev.rollback.testsupport.kubernetes.Deployments;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The test controller must keep ReplicaSet history like the real one: later rollback work relies on it. */
@EnableKubernetesMockClient(crud = true)
class DeploymentControllerTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void eachTemplateChangeGetsAnOwnedReplicaSetWithTheNextRevision() {
        Deployment d = client.resource(Deployments.modelServer("ctl-a", "model-server", "server", "models:/fraud/1", 2)).create();
        var controller = new DeploymentController(client, "ctl-a");
        controller.reconcileOnce();
        setModel("ctl-a", "models:/fraud/2");
        controller.reconcileOnce();
        setModel("ctl-a", "models:/fraud/3");
        controller.reconcileOnce();

        List<ReplicaSet> sets = replicaSets("ctl-a");
        assertThat(sets).extracting(rs -> rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))
                .containsExactly("1", "2", "3");
        assertThat(sets).allSatisfy(rs -> {
            assertThat(rs.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getUid()).isEqualTo(d.getMetadata().getUid()).isNotBlank();
                assertThat(o.getController()).isTrue();
            });
            assertThat(rs.getMetadata().getName()).isEqualTo("model-server-" + rs.getMetadata().getLabels().get("pod-template-hash"));
        });
        assertThat(sets).extracting(rs -> rs.getSpec().getReplicas()).containsExactly(0, 0, 2);
        Deployment now = client.apps().deployments().inNamespace("ctl-a").withName("model-server").get();
        assertThat(now.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3");
        assertThat(now.getStatus().getObservedGeneration()).isEqualTo(now.getMetadata().getGeneration()).isEqualTo(3L);
        assertThat(now.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(now.getStatus().getReplicas()).isEqualTo(2);
        assertThat(client.pods().inNamespace("ctl-a").list().getItems()).hasSize(2)
                .allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", sets.get(2).getMetadata().getLabels().get("pod-template-hash")));
    }

    @Test
    void restoringAnOldTemplateReusesItsReplicaSetAtTheNextRevision() {
        client.resource(Deployments.modelServer("ctl-b", "model-server", "server", "models:/fraud/1", 1)).create();
        var controller = new DeploymentController(client, "ctl-b");
        controller.reconcileOnce();
        setModel("ctl-b", "models:/fraud/2");
        controller.reconcileOnce();
        setModel("ctl-b", "models:/fraud/1");
        controller.reconcileOnce();

        List<ReplicaSet> sets = replicaSets("ctl-b");
        assertThat(sets).hasSize(2);
        assertThat(sets).extracting(rs -> rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision")).containsExactly("2", "3");
        assertThat(sets.get(1).getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision-history", "1");
        assertThat(sets.get(1).getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void keepsAtMostRevisionHistoryLimitOldReplicaSets() {
        Deployment d = new DeploymentBuilder(Deployments.modelServer("ctl-c", "model-server", "server", "models:/fraud/0", 1))
                .editSpec().withRevisionHistoryLimit(2).endSpec().build();
        client.resource(d).create();
        var controller = new DeploymentController(client, "ctl-c");
        controller.reconcileOnce();
        for (int version = 1; version <= 4; version++) {
            setModel("ctl-c", "models:/fraud/" + version);
            controller.reconcileOnce();
        }
        assertThat(replicaSets("ctl-c")).extracting(rs -> rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))
                .containsExactly("3", "4", "5");
    }

    @Test
    void aSettledDeploymentIsNotRewritten() {
        client.resource(Deployments.modelServer("ctl-d", "model-server", "server", "models:/fraud/1", 2)).create();
        var controller = new DeploymentController(client, "ctl-d");
        controller.reconcileOnce();
        controller.reconcileOnce();
        String version = client.apps().deployments().inNamespace("ctl-d").withName("model-server").get().getMetadata().getResourceVersion();
        controller.reconcileOnce();
        // otherwise every read-then-write in the binding tests would race the controller into a 409
        assertThat(client.apps().deployments().inNamespace("ctl-d").withName("model-server").get().getMetadata().getResourceVersion())
                .isEqualTo(version);
    }

    private static void setModel(String namespace, String uri) {
        client.apps().deployments().inNamespace(namespace).withName("model-server").edit(d -> new DeploymentBuilder(d)
                .editSpec().editTemplate().editSpec().editFirstContainer().editMatchingEnv(e -> e.getName().equals("MODEL_URI"))
                .withValue(uri).endEnv().endContainer().endSpec().endTemplate().endSpec().build());
    }

    private static List<ReplicaSet> replicaSets(String namespace) {
        return client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparingInt(rs -> Integer.parseInt(rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))))
                .toList();
    }
}
