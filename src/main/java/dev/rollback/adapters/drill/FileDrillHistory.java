package dev.rollback.adapters.drill;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rollback.core.drill.DrillHistory;
import dev.rollback.core.drill.DrillReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drill reports in the state directory: {@code drills/<service>/<id>.json} (what {@code --history} reads) and
 * {@code <id>.md} beside it (for people and the quarterly review).
 */
public final class FileDrillHistory implements DrillHistory {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    public FileDrillHistory(Path dir) {
        this.dir = dir;
    }

    @Override
    public String save(DrillReport report, String markdown) {
        Path serviceDir = dir.resolve(report.service());
        try {
            Files.createDirectories(serviceDir);
            Files.writeString(serviceDir.resolve(report.id() + ".json"), JSON.writeValueAsString(report));
            Path md = serviceDir.resolve(report.id() + ".md");
            Files.writeString(md, markdown);
            return md.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drill report under " + serviceDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<DrillReport> list(String service) {
        Path serviceDir = dir.resolve(service);
        if (!Files.isDirectory(serviceDir)) {
            return List.of();
        }
        List<DrillReport> reports = new ArrayList<>();
        try (Stream<Path> files = Files.list(serviceDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                reports.add(JSON.readValue(f.toFile(), DrillReport.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the drill reports in " + serviceDir + ": " + e.getMessage(), e);
        }
        reports.sort(Comparator.comparing(DrillReport::startedAt));
        return reports;
    }
}
