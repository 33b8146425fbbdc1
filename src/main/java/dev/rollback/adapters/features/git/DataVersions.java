package dev.rollback.adapters.features.git;

import dev.rollback.core.features.FeatureRepoException;
import dev.rollback.core.features.FeatureRepoException.Kind;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DVC outputs a commit records in its dvc.lock and .dvc files under the pipeline paths, read straight from git's
 * object store: two git calls per commit however many metafiles there are, and no checkout.
 */
final class DataVersions {

    private final RepoTool git;
    private final List<String> paths;

    DataVersions(RepoTool git, List<String> paths) {
        this.git = git;
        this.paths = List.copyOf(paths);
    }

    /** @return repository-relative output path → recorded hash, sorted by path */
    Map<String, String> at(String commitId) {
        List<String> metafiles = new ArrayList<>();
        ByteArrayOutputStream blobIds = new ByteArrayOutputStream();
        for (String entry : new String(lsTree(commitId), StandardCharsets.UTF_8).split("\0")) {
            int tab = entry.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String[] modeTypeId = entry.substring(0, tab).split(" ");
            String path = entry.substring(tab + 1);
            if (modeTypeId.length == 3 && modeTypeId[1].equals("blob") && DvcMetafiles.isMetafile(path)) {
                metafiles.add(path);
                blobIds.writeBytes((modeTypeId[2] + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<String, String> outputs = new TreeMap<>();
        if (metafiles.isEmpty()) {
            return outputs;
        }
        byte[] batch = git.call("cat-file", "--batch").input(blobIds.toByteArray()).runBytes().stdout();
        List<String> contents = splitBatch(batch, metafiles.size());
        for (int i = 0; i < metafiles.size(); i++) {
            String metafile = metafiles.get(i);
            try {
                outputs.putAll(DvcMetafiles.outputs(metafile, contents.get(i)));
            } catch (Exception e) {
                throw new FeatureRepoException(Kind.FAILED, metafile + " at " + commitId.substring(0, 9) + " in "
                        + git.workDir() + " is not valid DVC YAML (" + firstLine(e.getMessage()) + "); fix it there "
                        + "or leave it out of the pipeline paths", e);
            }
        }
        return outputs;
    }

    private byte[] lsTree(String commitId) {
        List<String> args = new ArrayList<>(List.of("ls-tree", "-r", "-z", commitId, "--"));
        args.addAll(paths);
        return git.call(args).runBytes().stdout();
    }

    /** {@code cat-file --batch} answers "id type size\n" + content + "\n" per object, in the order asked. */
    private static List<String> splitBatch(byte[] batch, int expected) {
        List<String> contents = new ArrayList<>();
        int pos = 0;
        while (contents.size() < expected) {
            int newline = indexOf(batch, (byte) '\n', pos);
            String[] header = new String(batch, pos, newline - pos, StandardCharsets.UTF_8).split(" ");
            if (header.length != 3) {
                throw new IllegalStateException("git cat-file answered '" + String.join(" ", header) + "'");
            }
            int size = Integer.parseInt(header[2]);
            contents.add(new String(batch, newline + 1, size, StandardCharsets.UTF_8));
            pos = newline + 1 + size + 1;
        }
        return contents;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalStateException("truncated git cat-file output");
    }

    private static String firstLine(String text) {
        return text == null ? "unreadable" : text.lines().findFirst().orElse("unreadable");
    }
}
