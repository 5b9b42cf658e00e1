package io.boss.api.placement;

import io.boss.api.model.Artifact;
import io.boss.api.model.ArtifactType;
import io.boss.api.model.Container;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.PodSpec;
import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import io.boss.api.model.SandboxIntent;

import java.util.Optional;

/**
 * The part of a pod spec that placement looks at, with every default applied.
 *
 * <ul>
 *   <li>{@code sandboxClass}: {@link SandboxClass#resolve}, so {@code process} when the pod names none.</li>
 *   <li>{@code artifactType}: the artifact's type when the pod names an artifact. Without one, a
 *       {@code process} pod runs its first container's command, so it needs {@code executable};
 *       a {@code container} pod whose containers name an image needs {@code containerImage};
 *       other classes need no artifact type (null).</li>
 *   <li>{@code isolation}: the requested level, or null when the pod asks for none, which any
 *       provider of the class satisfies.</li>
 *   <li>{@code network}: the requested mode; {@code networkDefaulted} is true when the pod left it
 *       unset and the class default applies (see {@link #defaultNetwork}).</li>
 * </ul>
 */
public record PlacementIntent(
        SandboxClass sandboxClass,
        ArtifactType artifactType,
        String artifactDigest,
        IsolationLevel isolation,
        NetworkMode network,
        boolean networkDefaulted) {

    /**
     * Resolves the intent of {@code spec}, or returns the rejection that makes the pod unplaceable
     * anywhere: an unknown class ({@code UnsupportedClass}), artifact type ({@code UnsupportedArtifact}),
     * isolation level ({@code IsolationMismatch}) or network mode ({@code IsolationMismatch}).
     */
    public static Resolution resolve(PodSpec spec) {
        SandboxClass sandboxClass = spec.resolvedSandboxClass();
        if (sandboxClass == null) {
            String name = spec.getSandboxClass() != null && !spec.getSandboxClass().isEmpty()
                    ? spec.getSandboxClass() : spec.getRuntimeClass();
            return Resolution.rejected(new Rejection(Reason.UnsupportedClass,
                    "unknown sandbox class " + name, Rejection.STAGE_CLASS));
        }

        SandboxIntent sandbox = spec.getSandbox();
        Artifact artifact = sandbox == null ? null : sandbox.getArtifact();
        ArtifactType artifactType;
        String digest = null;
        if (artifact != null && artifact.getType() != null && !artifact.getType().isEmpty()) {
            artifactType = artifact.resolvedType();
            if (artifactType == null) {
                return Resolution.rejected(new Rejection(Reason.UnsupportedArtifact,
                        "unknown artifact type " + artifact.getType(), Rejection.STAGE_ARTIFACT));
            }
            digest = artifact.getDigest();
        } else {
            artifactType = impliedArtifactType(sandboxClass, spec);
        }

        IsolationLevel isolation = null;
        if (sandbox != null && sandbox.getIsolation() != null && !sandbox.getIsolation().isEmpty()) {
            isolation = sandbox.resolvedIsolation();
            if (isolation == null) {
                return Resolution.rejected(new Rejection(Reason.IsolationMismatch,
                        "unknown isolation level " + sandbox.getIsolation(), Rejection.STAGE_ISOLATION));
            }
        }

        String modeName = sandbox == null || sandbox.getNetwork() == null ? null : sandbox.getNetwork().getMode();
        NetworkMode network;
        boolean defaulted = modeName == null || modeName.isEmpty();
        if (defaulted) {
            network = defaultNetwork(sandboxClass);
        } else {
            network = NetworkMode.fromWireName(modeName);
            if (network == null) {
                return Resolution.rejected(new Rejection(Reason.IsolationMismatch,
                        "unknown network mode " + modeName, Rejection.STAGE_NETWORK));
            }
        }

        return Resolution.of(new PlacementIntent(sandboxClass, artifactType, digest, isolation, network, defaulted));
    }

    /**
     * Returns the network mode a class uses when the pod names none: {@code host} for a process,
     * {@code bridge} for a container, {@code none} for a WASM module and {@code nat} for a VM or
     * micro-VM.
     */
    public static NetworkMode defaultNetwork(SandboxClass sandboxClass) {
        return switch (sandboxClass) {
            case PROCESS -> NetworkMode.HOST;
            case CONTAINER -> NetworkMode.BRIDGE;
            case WASM -> NetworkMode.NONE;
            case VM, MICROVM -> NetworkMode.NAT;
        };
    }

    private static ArtifactType impliedArtifactType(SandboxClass sandboxClass, PodSpec spec) {
        if (sandboxClass == SandboxClass.PROCESS) {
            return ArtifactType.EXECUTABLE;
        }
        if (sandboxClass == SandboxClass.CONTAINER) {
            for (Container container : spec.getContainers()) {
                if (container.getImage() != null && !container.getImage().isEmpty()) {
                    return ArtifactType.CONTAINER_IMAGE;
                }
            }
        }
        return null;
    }

    /** Outcome of {@link #resolve}: exactly one of {@code intent} and {@code rejection} is present. */
    public record Resolution(Optional<PlacementIntent> intent, Optional<Rejection> rejection) {

        static Resolution of(PlacementIntent intent) {
            return new Resolution(Optional.of(intent), Optional.empty());
        }

        static Resolution rejected(Rejection rejection) {
            return new Resolution(Optional.empty(), Optional.of(rejection));
        }
    }
}
