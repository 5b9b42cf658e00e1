package io.boss.cli.resource;

import io.boss.api.json.MalformedInputException;
import io.boss.api.json.Serialization;
import io.boss.api.model.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the objects of {@code -f} arguments: a file of one or more YAML documents or a JSON
 * object, {@code -} for standard input, or a directory, whose {@code .yaml}, {@code .yml} and
 * {@code .json} files are read in name order (not recursively).
 */
public final class ManifestReader {

    private final InputStream stdin;

    public ManifestReader(InputStream stdin) {
        this.stdin = stdin;
    }

    /**
     * Reads every object of every source, in order.
     *
     * @throws IllegalArgumentException when a source does not exist or cannot be parsed. The
     *     message names the file, and for a parse error also the document and field.
     */
    public List<Resource> read(List<String> sources) {
        List<Resource> resources = new ArrayList<>();
        for (String source : sources) {
            if ("-".equals(source)) {
                resources.addAll(parse(stdin, "standard input"));
                continue;
            }
            Path path = Path.of(source);
            if (Files.isDirectory(path)) {
                for (Path file : manifestFiles(path)) {
                    resources.addAll(readFile(file));
                }
            } else if (Files.isRegularFile(path)) {
                resources.addAll(readFile(path));
            } else {
                throw new IllegalArgumentException("file " + source + " does not exist");
            }
        }
        return resources;
    }

    private static List<Path> manifestFiles(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile).filter(ManifestReader::isManifest).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to list directory " + directory + ": " + e.getMessage());
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static List<Resource> readFile(Path file) {
        try (InputStream input = Files.newInputStream(file)) {
            return parse(input, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to read " + file + ": " + e.getMessage());
        }
    }

    private static List<Resource> parse(InputStream input, String source) {
        try {
            return Serialization.readAll(input);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException("invalid manifest " + source + ": " + e.getMessage());
        }
    }
}
