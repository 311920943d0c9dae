package io.paycli.core.deploy;

import io.paycli.core.model.ObjectRef;

/** One thing due: on which object of which app and environment, and what doing it means ("revert ..."). */
public record ReconcileItem(String namespace, String app, String env, ObjectRef object, String description) {
}
