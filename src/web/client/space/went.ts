/**
 * "I went today" from a meeting page: one attendance record in the space's store, written in
 * this browser only. Loaded when the button is pressed.
 */
import { dayOf } from './model.js';
import { openSpaceStore } from './store.js';

/** Records attendance of the meeting today; false where the browser keeps no data. */
export async function markWent(slug: string, name: string): Promise<boolean> {
  try {
    const store = await openSpaceStore();
    await store.put('attendance', { id: crypto.randomUUID(), day: dayOf(new Date()), name, slug });
    return true;
  } catch {
    return false;
  }
}
