package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Strategy by which a Deployment replaces old pods: {@code RollingUpdate} (the default) or {@code Recreate}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class DeploymentStrategy {

    /** RollingUpdate or Recreate. Null means RollingUpdate. */
    private String type;
    private RollingUpdateDeployment rollingUpdate;

    public DeploymentStrategy() {
    }

    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String RECREATE = "Recreate";

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public RollingUpdateDeployment getRollingUpdate() {
        return rollingUpdate;
    }

    public void setRollingUpdate(RollingUpdateDeployment rollingUpdate) {
        this.rollingUpdate = rollingUpdate;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        DeploymentStrategy that = (DeploymentStrategy) other;
        return Objects.equals(type, that.type)
                && Objects.equals(rollingUpdate, that.rollingUpdate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, rollingUpdate);
    }
}
