package io.boss.cli.resource;

import io.boss.api.ResourceKind;
import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.model.Resource;
import io.boss.cli.client.ClusterApi;
import java.util.function.Predicate;

/**
 * Read-modify-write with compare-and-set: reads the object, applies a change and writes it with
 * the read {@code resourceVersion}; on a Conflict (someone wrote in between) it rereads and
 * tries again, up to {@value #MAX_ATTEMPTS} times.
 */
public final class CasUpdate {

    static final int MAX_ATTEMPTS = 5;

    private CasUpdate() {
    }

    /**
     * Changes one object.
     *
     * @param change edits the object in place and returns false when nothing needs writing
     * @return the stored object after the write, or the unchanged object when {@code change}
     *     returned false
     * @throws ResourceNotFoundException when the object does not exist
     */
    public static Resource update(ClusterApi api, ResourceKind kind, String namespace, String name, Predicate<Resource> change) {
        for (int attempt = 1; ; attempt++) {
            Resource current = api.get(kind, namespace, name).orElseThrow(() -> new ResourceNotFoundException(kind, name));
            if (!change.test(current)) {
                return current;
            }
            try {
                return api.update(current);
            } catch (BossApiException e) {
                if (!e.is(ErrorReasons.CONFLICT) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
