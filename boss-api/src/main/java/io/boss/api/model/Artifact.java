package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The thing a sandbox runs. {@code path} names a local file, {@code image} a container image
 * reference, and {@code uri} a file to fetch; {@code digest} ({@code sha256:<hex>}) pins the
 * content and is checked after resolution.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Artifact {

    /** One of the ArtifactType wire names. */
    private String type;
    private String path;
    private String image;
    private String uri;
    private String digest;

    public Artifact() {
    }

    /** Returns the artifact type, or null when unset or unknown. */
    public ArtifactType resolvedType() {
        return ArtifactType.fromWireName(type);
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getDigest() {
        return digest;
    }

    public void setDigest(String digest) {
        this.digest = digest;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        Artifact that = (Artifact) other;
        return Objects.equals(type, that.type)
                && Objects.equals(path, that.path)
                && Objects.equals(image, that.image)
                && Objects.equals(uri, that.uri)
                && Objects.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, path, image, uri, digest);
    }
}
