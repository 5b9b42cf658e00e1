package io.boss.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.ResourceKind;
import io.boss.api.model.Deployment;
import io.boss.api.model.Pod;
import io.boss.cli.testing.CliRunner;
import io.boss.cli.testing.CliRunner.Result;
import io.boss.cli.testing.InMemoryClusterApi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apply's create, update and unchanged paths against an in-memory store with the API's CAS rules. */
class ApplyCommandTest {

    static final String MANIFEST = String.join("\n",
            "apiVersion: boss.io/v1",
            "kind: Pod",
            "metadata:",
            "  name: sleep-pod",
            "spec:",
            "  containers:",
            "  - name: main",
            "    command: [sleep, \"3600\"]",
            "---",
            "apiVersion: boss.io/v1",
            "kind: Deployment",
            "metadata:",
            "  name: web",
            "  namespace: team-a",
            "spec:",
            "  replicas: 2",
            "  selector:",
            "    matchLabels: {app: web}",
            "  template:",
            "    metadata:",
            "      labels: {app: web}",
            "    spec:",
            "      containers:",
            "      - name: main",
            "        command: [sleep, \"3600\"]",
            "");

    @TempDir
    Path directory;

    private final InMemoryClusterApi api = new InMemoryClusterApi();

    private CliRunner runner() {
        return new CliRunner().apiFactory(settings -> api);
    }

    @Test
    void multiDocumentFileCreatesEachObject() throws Exception {
        Path file = Files.writeString(directory.resolve("app.yaml"), MANIFEST);

        Result result = runner().run("apply", "-f", file.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("pod/sleep-pod created\ndeployment/web created\n", result.out().replace(System.lineSeparator(), "\n"));
        assertTrue(api.get(ResourceKind.POD, "default", "sleep-pod").isPresent());
        assertTrue(api.get(ResourceKind.DEPLOYMENT, "team-a", "web").isPresent());
    }

    @Test
    void secondApplyIsUnchangedAndEditIsConfigured() throws Exception {
        Path file = Files.writeString(directory.resolve("app.yaml"), MANIFEST);
        runner().run("apply", "-f", file.toString());

        Result again = runner().run("apply", "-f", file.toString());
        Files.writeString(file, MANIFEST.replace("replicas: 2", "replicas: 5"));
        Result edited = runner().run("apply", "-f", file.toString());

        assertEquals("pod/sleep-pod unchanged\ndeployment/web unchanged\n", again.out().replace(System.lineSeparator(), "\n"));
        assertEquals("pod/sleep-pod unchanged\ndeployment/web configured\n", edited.out().replace(System.lineSeparator(), "\n"));
        Deployment web = (Deployment) api.get(ResourceKind.DEPLOYMENT, "team-a", "web").orElseThrow();
        assertEquals(5, web.getSpec().getReplicas());
        assertEquals(1, api.updates());
    }

    @Test
    void updateKeepsSchedulerBindingAndStatus() throws Exception {
        Path file = Files.writeString(directory.resolve("pod.yaml"), MANIFEST.substring(0, MANIFEST.indexOf("---")));
        runner().run("apply", "-f", file.toString());
        Pod bound = (Pod) api.get(ResourceKind.POD, "default", "sleep-pod").orElseThrow();
        bound.getSpec().setNodeName("node-1");
        bound.getMetadata().getAnnotations().put("boss.io/selected-provider", "process");
        bound.getStatus().setPhase("Running");
        api.update(bound);

        Files.writeString(file, MANIFEST.substring(0, MANIFEST.indexOf("---")).replace("name: sleep-pod", "name: sleep-pod\n  labels: {tier: batch}"));
        Result result = runner().run("apply", "-f", file.toString());

        assertEquals("pod/sleep-pod configured\n", result.out().replace(System.lineSeparator(), "\n"));
        Pod stored = (Pod) api.get(ResourceKind.POD, "default", "sleep-pod").orElseThrow();
        assertEquals("node-1", stored.getSpec().getNodeName());
        assertEquals("process", stored.getMetadata().getAnnotations().get("boss.io/selected-provider"));
        assertEquals("Running", stored.getStatus().getPhase());
        assertEquals("batch", stored.getMetadata().getLabels().get("tier"));
    }

    @Test
    void conflictingWriterIsRetried() throws Exception {
        Path file = Files.writeString(directory.resolve("app.yaml"), MANIFEST);
        runner().run("apply", "-f", file.toString());
        Files.writeString(file, MANIFEST.replace("replicas: 2", "replicas: 3"));
        api.injectConflicts(2);

        Result result = runner().run("apply", "-f", file.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("deployment/web configured"), result.out());
    }

    @Test
    void directoryAndStdinAreApplied() throws Exception {
        Files.writeString(directory.resolve("b.yaml"), MANIFEST.substring(MANIFEST.indexOf("---") + 4));
        Files.writeString(directory.resolve("a.yml"), MANIFEST.substring(0, MANIFEST.indexOf("---")));
        Files.writeString(directory.resolve("notes.txt"), "not a manifest");

        Result fromDirectory = runner().run("apply", "-f", directory.toString());
        Result fromStdin = runner().stdin(MANIFEST).run("apply", "-f", "-");

        assertEquals("pod/sleep-pod created\ndeployment/web created\n", fromDirectory.out().replace(System.lineSeparator(), "\n"));
        assertEquals("pod/sleep-pod unchanged\ndeployment/web unchanged\n", fromStdin.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void namespaceFlagThatDisagreesWithManifestIsRejected() throws Exception {
        Path file = Files.writeString(directory.resolve("app.yaml"), MANIFEST);

        Result result = runner().run("apply", "-f", file.toString(), "-n", "team-b");

        assertEquals(1, result.exitCode());
        assertEquals("error: the namespace of deployment/web is \"team-a\" but -n names \"team-b\": drop -n or pass -n team-a\n",
                result.err().replace(System.lineSeparator(), "\n"));
        assertTrue(api.get(ResourceKind.POD, "team-b", "sleep-pod").isEmpty());
    }

    @Test
    void unknownFieldIsRejected() throws Exception {
        Path file = Files.writeString(directory.resolve("bad.yaml"), MANIFEST.replace("command: [sleep, \"3600\"]\n---", "comand: [sleep]\n---"));

        Result result = runner().run("apply", "-f", file.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("error: invalid manifest " + file + ": document 1"), result.err());
        assertTrue(result.err().contains("comand"), result.err());
        assertEquals(1, result.err().lines().count());
        assertTrue(api.get(ResourceKind.DEPLOYMENT, "team-a", "web").isEmpty());
    }

    @Test
    void missingFileIsOneLineError() {
        Result result = runner().run("apply", "-f", directory.resolve("absent.yaml").toString());

        assertEquals(1, result.exitCode());
        assertEquals("error: file " + directory.resolve("absent.yaml") + " does not exist", result.err().strip());
    }
}
