package dev.rollback.adapters.journal;

import dev.rollback.adapters.s3.S3JournalMirror;
import dev.rollback.adapters.s3.S3Settings;
import dev.rollback.core.journal.Journal;
import dev.rollback.core.journal.JournalEntry;
import dev.rollback.core.journal.JournalState;
import dev.rollback.core.journal.JournalStore;
import dev.rollback.core.journal.Outcome;
import dev.rollback.core.plan.Plan;
import dev.rollback.core.plan.StepSpec;
import dev.rollback.testsupport.s3.S3Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two machines (two state directories) sharing one journal mirror on a real S3-compatible server
 * (moto): what one writes, the other lists, opens and continues; a dead mirror costs a warning only.
 */
class MirroredJournalStoreTest {

    @TempDir
    Path dir;

    private final S3Server s3 = S3Server.shared();
    private final List<String> warnings = new ArrayList<>();
    private String mirrorUri;

    @BeforeEach
    void freshMirror() {
        mirrorUri = "s3://" + s3.freshBucket("journals") + "/team/rollback";
    }

    @Test
    void whatOneMachineWritesTheOtherListsOpensAndContinues() throws Exception {
        JournalStore laptop = machine("laptop");
        Journal journal = laptop.create(plan("rb-1"));
        journal.append(JournalEntry.step(Instant.EPOCH, JournalEntry.Type.INTENT, 0, "set alias"));
        journal.append(JournalEntry.step(Instant.EPOCH, JournalEntry.Type.APPLIED, 0, "alias → 5"));
        ((MirroredJournalStore) laptop).awaitUploads();

        JournalStore bastion = machine("bastion");
        assertThat(bastion.list()).extracting(Journal::id).containsExactly("rb-1");
        Journal there = bastion.open("rb-1").orElseThrow();
        assertThat(there.entries()).isEqualTo(journal.entries());
        assertThat(JournalState.of(there.entries()).finished()).isFalse();

        there.append(JournalEntry.end(Instant.EPOCH, Outcome.COMPLETED, "resumed on the bastion"));

        Journal backOnLaptop = laptop.open("rb-1").orElseThrow();
        assertThat(JournalState.of(backOnLaptop.entries()).finished()).isTrue();
        assertThat(Files.readString(dir.resolve("laptop/rb-1.jsonl"))).contains("resumed on the bastion");
        assertThat(warnings).isEmpty();
    }

    @Test
    void theFinalEntryIsInTheMirrorWhenAppendReturns() throws Exception {
        Journal journal = machine("laptop").create(plan("rb-2"));
        journal.append(JournalEntry.end(Instant.EPOCH, Outcome.COMPLETED, "done"));

        String mirrored = s3.client().getObjectAsBytes(b -> b.bucket(bucket()).key("team/rollback/rb-2.jsonl"))
                .asUtf8String();
        assertThat(mirrored).isEqualTo(Files.readString(dir.resolve("laptop/rb-2.jsonl")));
        assertThat(mirrored.lines()).hasSize(2);
    }

    @Test
    void aDeadMirrorWarnsOnceAndTheLocalJournalStillWorksThenTheNextReadUploadsIt() throws Exception {
        JournalStore offline = new MirroredJournalStore(new FileJournalStore(dir.resolve("laptop")),
                new S3JournalMirror(mirrorUri, S3Settings.defaults().withEndpoint(URI.create("http://127.0.0.1:9"))
                        .withPathStyle(true).withMaxAttempts(1), s3.env()), warnings::add);
        Journal journal = offline.create(plan("rb-3"));
        journal.append(JournalEntry.step(Instant.EPOCH, JournalEntry.Type.INTENT, 0, "x"));
        journal.append(JournalEntry.end(Instant.EPOCH, Outcome.COMPLETED, "done"));

        assertThat(offline.open("rb-3").orElseThrow().entries()).hasSize(3);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("cannot mirror journal rb-3", "connection refused"))
                .anySatisfy(w -> assertThat(w).contains("unavailable", "using the local journals only"));
        assertThat(warnings.stream().filter(w -> w.startsWith("cannot mirror"))).hasSize(1);

        JournalStore online = machine("laptop");
        assertThat(online.list()).extracting(Journal::id).containsExactly("rb-3");
        ((MirroredJournalStore) online).awaitUploads(); // the backlog goes up in the background
        assertThat(machine("bastion").open("rb-3").orElseThrow().entries()).hasSize(3);
    }

    @Test
    void aMirroredCopyThatDoesNotExtendTheLocalOneIsNotTaken() throws Exception {
        JournalStore laptop = machine("laptop");
        laptop.create(plan("rb-4")).append(JournalEntry.end(Instant.EPOCH, Outcome.COMPLETED, "done"));
        ((MirroredJournalStore) laptop).awaitUploads();
        // the same rollback, longer than ours but not ours extended: its plan line was changed elsewhere
        String theirs = new String(mirror().get("rb-4")).replace("diversity", "another reason")
                + "{\"at\":\"1970-01-01T00:00:01Z\",\"type\":\"NOTE\",\"step\":-1,\"detail\":\"elsewhere\"}\n";
        s3.putObject(bucket(), "team/rollback/rb-4.jsonl", theirs);

        Journal kept = laptop.open("rb-4").orElseThrow();

        assertThat(JournalState.of(kept.entries()).finished()).isTrue();
        assertThat(warnings).singleElement().asString().contains("rb-4 differs", "keeping both as they are");
    }

    /** Our lost entry may be shorter or longer than theirs: the length must not decide. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 400})
    void aRollbackFinishedElsewhereFromAMirrorThatLackedOurLastEntryReplacesOursWhichIsKept(int detailLength)
            throws Exception {
        JournalStore laptop = machine("laptop");
        laptop.create(plan("rb-6"));
        ((MirroredJournalStore) laptop).awaitUploads();
        // the bastion resumes from the mirrored copy (PLAN only) and finishes it...
        machine("bastion").open("rb-6").orElseThrow().append(JournalEntry.end(Instant.EPOCH, Outcome.COMPLETED, "resumed"));
        // ...while the laptop's INTENT, written just before it crashed, never reached the mirror
        Files.writeString(dir.resolve("laptop/rb-6.jsonl"), "{\"at\":\"1970-01-01T00:00:00Z\",\"type\":\"INTENT\","
                + "\"step\":0,\"detail\":\"" + "x".repeat(detailLength) + "\"}\n", StandardOpenOption.APPEND);

        Journal now = laptop.open("rb-6").orElseThrow();

        assertThat(JournalState.of(now.entries()).finished()).isTrue();
        assertThat(warnings).singleElement().asString().contains("rb-6 was finished on another machine", "diverged");
        try (var kept = Files.list(dir.resolve("laptop"))) {
            assertThat(kept.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("rb-6.jsonl.diverged-"));
        }
        assertThat(laptop.list()).extracting(Journal::id).containsExactly("rb-6");
    }

    @Test
    void objectsThatAreNotJournalsUnderThePrefixAreIgnoredWithAWarning() throws Exception {
        s3.putObject(bucket(), "team/rollback/notes v2.jsonl", "not an id");
        s3.putObject(bucket(), "team/rollback/rb-9.jsonl", "{\"junk\":true}\n");
        JournalStore laptop = machine("laptop");
        laptop.create(plan("rb-8"));

        assertThat(laptop.list()).extracting(Journal::id).containsExactly("rb-8");
        assertThat(laptop.open("../rb-8")).isEmpty();
        assertThat(warnings).singleElement().asString().contains("rb-9.jsonl", "not the journal of rollback rb-9");
        assertThat(dir.resolve("laptop/rb-9.jsonl")).doesNotExist();
    }

    @Test
    void aBacklogUploadNeverReplacesADifferentMirroredCopy() throws Exception {
        JournalStore laptop = machine("laptop");
        Journal journal = laptop.create(plan("rb-7"));
        ((MirroredJournalStore) laptop).awaitUploads();
        String elsewhere = new String(mirror().get("rb-7")).replace("diversity", "different");
        s3.putObject(bucket(), "team/rollback/rb-7.jsonl", elsewhere);
        Files.writeString(dir.resolve("laptop/rb-7.jsonl"), "{\"extra\":1}\n", StandardOpenOption.APPEND); // ours is longer but does not extend theirs

        laptop.list();
        ((MirroredJournalStore) laptop).awaitUploads();

        assertThat(new String(mirror().get("rb-7"))).isEqualTo(elsewhere);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("rb-7 differs", "keeping both as they are"));
        assertThat(journal.id()).isEqualTo("rb-7");
    }

    @Test
    void onlyJournalObjectsDirectlyUnderThePrefixCount() {
        s3.putObject(bucket(), "team/rollback/README.txt", "not a journal");
        s3.putObject(bucket(), "team/rollback/archive/rb-old.jsonl", "{}");
        s3.putObject(bucket(), "team/rollback-other/rb-x.jsonl", "{}");

        S3JournalMirror mirror = mirror();
        mirror.put("rb-5", "line\n".getBytes());

        assertThat(mirror.sizes()).isEqualTo(Map.of("rb-5", 5L));
        assertThat(mirror.describe()).isEqualTo(mirrorUri);
    }

    private JournalStore machine(String name) {
        return new MirroredJournalStore(new FileJournalStore(dir.resolve(name)), mirror(), warnings::add);
    }

    private S3JournalMirror mirror() {
        return new S3JournalMirror(mirrorUri, S3Settings.defaults().withEndpoint(s3.endpoint()).withPathStyle(true), s3.env());
    }

    private String bucket() {
        return URI.create(mirrorUri).getHost();
    }

    private static Plan plan(String id) {
        return new Plan(id, "model", "recsys", Instant.parse("2026-11-23T02:14:00Z"), "alice@example.com", "diversity",
                List.of(new StepSpec("registry.alias", "model", "alias 'champion' of m", "7", "5", Map.of("model", "m"))),
                List.of());
    }
}
