package dev.backlot.permission.storage;

import dev.backlot.permission.rbac.RolePolicy;

/** A permission policy and where it came from ({@code csv-file} or {@code rest}). */
public record StoredPolicy(RolePolicy policy, String source) {}
