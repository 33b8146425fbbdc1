package dev.rollback.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.infra.ServingRevision;

import java.io.PrintWriter;
import java.util.List;

/** {@code rollback infra SERVICE --history}: what each revision number stands for, and which one is live. */
public final class RevisionsRenderer {

    private RevisionsRenderer() {
    }

    public static void print(String object, List<ServingRevision> revisions, boolean json, Style style,
            PrintWriter out) {
        if (json) {
            ObjectNode doc = Json.document("ServingHistory");
            doc.put("object", object);
            ArrayNode items = doc.putArray("revisions");
            for (ServingRevision r : revisions) {
                ObjectNode item = items.addObject().put("revision", r.number())
                        .put("createdAt", r.createdAt() == null ? null : r.createdAt().toString())
                        .put("modelReference", r.modelReference()).put("changeCause", r.changeCause())
                        .put("status", r.status()).put("live", r.live());
                ArrayNode images = item.putArray("images");
                r.images().forEach(images::add);
            }
            Json.print(doc, out);
            return;
        }
        out.println("Revisions of " + style.bold(object) + " (oldest first):");
        Table table = new Table("REVISION", "CREATED", "STATUS", "IMAGES", "MODEL", "CHANGE CAUSE");
        for (ServingRevision r : revisions) {
            String number = String.valueOf(r.number());
            table.row(r.live() ? style.good(number + " (live)") : number,
                    r.createdAt() == null ? "-" : Json.time(r.createdAt()), dash(r.status()),
                    dash(String.join(", ", r.images())), dash(r.modelReference()), dash(r.changeCause()));
        }
        if (revisions.isEmpty()) {
            out.println("  none: the platform keeps no revision history for it");
        } else {
            table.print(out);
        }
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
