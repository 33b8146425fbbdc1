package dev.rollback.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.infra.ServingState;
import dev.rollback.core.status.ServiceStatus;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The serving side of {@code rollback status}: what each service's serving platform runs. */
final class ServingRenderer {

    private ServingRenderer() {
    }

    static void table(List<ServiceStatus> statuses, Style style, PrintWriter out) {
        if (statuses.stream().allMatch(s -> s.serving().isEmpty())) {
            return;
        }
        out.println();
        Table table = new Table("SERVICE", "SERVING", "REVISION", "READY", "ROLLOUT", "MODEL SERVED", "IMAGES");
        for (ServiceStatus s : statuses) {
            if (s.serving().isEmpty()) {
                continue;
            }
            ServingState state = s.serving().get();
            String phase = state.phase().name().toLowerCase(Locale.ROOT);
            table.row(s.service(), state.object() + state.gitOps().map(g -> " (" + g.tool() + ")").orElse(""),
                    dash(state.revision()),
                    state.desired() < 0 || state.ready() < 0 ? "-" : state.ready() + "/" + state.desired(),
                    switch (state.phase()) {
                        case COMPLETE -> style.good(phase);
                        case STUCK -> style.bad(phase);
                        default -> style.warn(phase);
                    },
                    dash(state.modelReference()), dash(String.join(", ", state.images())));
        }
        table.print(out);
    }

    /** {@code serving}: null when not configured or not readable (a SERVING_UNREADABLE warning says why). */
    static void json(ServiceStatus s, ObjectNode node) {
        if (s.serving().isEmpty()) {
            node.putNull("serving");
            return;
        }
        ServingState state = s.serving().get();
        ObjectNode serving = node.putObject("serving");
        serving.put("kind", state.kind());
        serving.put("object", state.object());
        serving.put("revision", state.revision());
        ArrayNode images = serving.putArray("images");
        state.images().forEach(images::add);
        serving.put("modelReference", state.modelReference());
        if (state.desired() < 0 || state.ready() < 0) {
            serving.putNull("desiredReplicas");
            serving.putNull("readyReplicas");
        } else {
            serving.put("desiredReplicas", state.desired());
            serving.put("readyReplicas", state.ready());
        }
        serving.put("rollout", state.phase().name());
        serving.put("rolloutDetail", state.phaseDetail());
        state.gitOps().ifPresentOrElse(g -> serving.putObject("gitOps").put("tool", g.tool()).put("owner", g.owner())
                .put("pause", g.pause()), () -> serving.putNull("gitOps"));
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

}
