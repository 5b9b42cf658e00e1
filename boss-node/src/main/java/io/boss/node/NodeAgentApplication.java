package io.boss.node;

import io.boss.node.config.NodeAgentConfiguration;
import io.boss.node.logs.PodLogResource;
import io.boss.runtime.SandboxProvider;
import io.boss.api.model.SandboxClass;
import io.boss.node.config.ProvidersSettings;
import io.boss.node.config.VmSettings;
import io.boss.runtime.artifact.ArtifactCache;
import io.boss.runtime.artifact.ArtifactResolver;
import io.boss.runtime.container.ContainerProvider;
import io.boss.runtime.namespaced.BubblewrapProvider;
import io.boss.runtime.vm.QemuProvider;
import io.boss.runtime.vm.QemuSettings;
import io.boss.runtime.wasm.WasmProvider;
import io.boss.runtime.process.ProcessProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The node agent's Dropwizard application: builds the providers from the configuration, serves
 * the pod log endpoint, and starts the {@link NodeAgent} once the HTTP port is bound (its URL is
 * part of the Node status). Stopping the application stops the agent and leaves sandboxes
 * running.
 */
public class NodeAgentApplication extends Application<NodeAgentConfiguration> {

    private volatile NodeAgent agent;

    @Override
    public String getName() {
        return "boss-node";
    }

    @Override
    public void run(NodeAgentConfiguration configuration, Environment environment) {
        NodeAgent nodeAgent = new NodeAgent(configuration, providers(configuration));
        this.agent = nodeAgent;

        environment.jersey().register(new PodLogResource(nodeAgent.desiredPods(), nodeAgent.inventory()));
        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
            @Override
            public void serverStarted(org.eclipse.jetty.server.Server server) {
                nodeAgent.start(getLocalPort(server));
            }
        });
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                nodeAgent.close();
            }
        });
    }

    /** Returns the running agent, or null before {@link #run}; for tests. */
    public NodeAgent agent() {
        return agent;
    }

    private static List<SandboxProvider> providers(NodeAgentConfiguration configuration) {
        Path stateDir = configuration.resolvedStateDir();
        List<SandboxProvider> providers = new ArrayList<>();
        if (configuration.getProviders().getProcess().isEnabled()) {
            providers.add(new ProcessProvider(stateDir));
        }
        if (configuration.getProviders().getNamespaced().isEnabled()) {
            providers.add(new BubblewrapProvider(stateDir));
        }

        ProvidersSettings settings = configuration.getProviders();
        ArtifactResolver resolver = new ArtifactResolver(new ArtifactCache(stateDir.resolve("artifacts"),
                settings.getArtifactCacheMaxMb() << 20, Clock.systemUTC()));
        if (settings.getWasm().isEnabled()) {
            providers.add(new WasmProvider(stateDir, resolver, (long) settings.getWasm().getMaxMemoryMb() << 20,
                    settings.getWasm().getMaxModules(), Duration.ofSeconds(10)));
        }
        if (settings.getContainer().isEnabled()) {
            providers.add(new ContainerProvider(stateDir, resolver, System.getenv("PATH"),
                    settings.getContainer().getRuntime(), settings.getContainer().getUlimits(), Duration.ofSeconds(10)));
        }
        if (settings.getVm().isEnabled()) {
            providers.add(new QemuProvider(stateDir, qemuSettings("vm", SandboxClass.VM, settings.getVm()), resolver));
        }
        if (settings.getMicrovm().isEnabled()) {
            providers.add(new QemuProvider(stateDir, qemuSettings("microvm", SandboxClass.MICROVM,
                    settings.getMicrovm()), resolver));
        }
        return providers;
    }

    private static QemuSettings qemuSettings(String name, SandboxClass sandboxClass, VmSettings vm) {
        Path kernel = vm.getKernel() == null ? null : Path.of(vm.getKernel());
        Path diskInitrd = vm.getDiskInitrd() == null ? null : Path.of(vm.getDiskInitrd());
        return new QemuSettings(name, sandboxClass, vm.getMachine(), kernel, diskInitrd, vm.getMemoryMb(), vm.getCpus(),
                vm.getMaxVms(), System.getenv("PATH"), Duration.ofSeconds(10));
    }
}
