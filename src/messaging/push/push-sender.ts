/** The port for web push; a failure says whether it is worth trying again, as for mail. */
import type { PushMessage } from '../model.js';

export interface PushSender {
  send(message: PushMessage): Promise<void>;
}
