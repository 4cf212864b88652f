package dev.backlot.apidocs.diff;

/**
 * Which side a schema's values travel. What clients send may only get wider (a server accepting
 * less breaks them); what clients receive and parse may only get narrower (a value they do not
 * know breaks them).
 */
enum Direction {
  /** Clients send it: request parameters and bodies, messages clients publish. */
  CLIENTS_SEND,
  /** Clients receive it: responses, response headers, messages clients consume. */
  CLIENTS_RECEIVE
}
