import type { Actor } from './model.js';

/** The id under which the operator's command line acts (it can do anything the server can). */
export const OPERATOR_ID = 'operator';

/** The actor of `porchlight admin ...`: whoever can run it on the server controls the site. */
export const operatorActor: Actor = { personId: OPERATOR_ID, grants: [{ role: 'administrator' }] };
