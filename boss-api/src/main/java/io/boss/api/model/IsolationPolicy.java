package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/**
 * The sandbox rules of one namespace: which sandbox classes its pods may use, the weakest isolation
 * level they may run at and whether they may use the host network. The server checks every pod and
 * every pod template of a Deployment or ReplicaSet in the namespace against every policy there when
 * the object is created or updated, and rejects it with 403 Forbidden naming the rule it breaks.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public class IsolationPolicy extends Resource {

    private IsolationPolicySpec spec = new IsolationPolicySpec();

    public IsolationPolicy() {
        super(ResourceKind.ISOLATION_POLICY.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public IsolationPolicy(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.ISOLATION_POLICY;
    }

    public IsolationPolicySpec getSpec() {
        return spec;
    }

    public void setSpec(IsolationPolicySpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!super.equals(other)) {
            return false;
        }
        return Objects.equals(spec, ((IsolationPolicy) other).spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec);
    }
}
