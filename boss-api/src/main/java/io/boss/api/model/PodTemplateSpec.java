package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The pod a ReplicaSet or Deployment creates: its metadata (labels) and spec. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PodTemplateSpec {

    private ObjectMeta metadata = new ObjectMeta();
    private PodSpec spec = new PodSpec();

    public PodTemplateSpec() {
    }

    public ObjectMeta getMetadata() {
        return metadata;
    }

    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    public PodSpec getSpec() {
        return spec;
    }

    public void setSpec(PodSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        PodTemplateSpec that = (PodTemplateSpec) other;
        return Objects.equals(metadata, that.metadata)
                && Objects.equals(spec, that.spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadata, spec);
    }
}
