package dev.backlot.apidocs.diff;

/**
 * One rule that fired on a change.
 *
 * @param rule the check's id, as in docs/api-docs.md (oasdiff's names where it has the check), e.g.
 *     {@code request-parameter-enum-value-removed}
 * @param breaking whether a client written against the older version may fail on the newer
 * @param at where inside the operation, channel or type, e.g. {@code query parameter 'status'} or
 *     {@code response 200 application/json: items[].name}; empty at its top
 * @param message what changed, readable
 */
public record Finding(String rule, boolean breaking, String at, String message) {
  Finding under(String prefix) {
    return new Finding(rule, breaking, Locations.join(prefix, at), message);
  }
}
