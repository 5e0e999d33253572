/**
 * "Use my location" next to the finder's place box: asks the browser for a position, rounds it
 * to about a kilometre and submits the same GET form a person would, with `near=lat,lng`.
 */
import { locationErrorKey, roundedNear } from './location.js';
import type { UiTemplate } from './ui-template.js';

/** Adds the button after the `near` box of the finder form, where geolocation exists. */
export function setUpLocationButton(ui: UiTemplate): void {
  const near = document.querySelector<HTMLInputElement>('form input[name="near"]');
  const form = near?.form;
  if (near == null || form == null || !('geolocation' in navigator)) return;
  const button = ui.clone<HTMLButtonElement>('locate');
  const status = ui.clone('locate-status');
  if (button === undefined || status === undefined) return;
  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = status.dataset.busy ?? '';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        near.value = roundedNear(position.coords.latitude, position.coords.longitude);
        status.textContent = '';
        button.disabled = false;
        form.requestSubmit();
      },
      (error) => {
        status.textContent = status.dataset[locationErrorKey(error.code)] ?? '';
        button.disabled = false;
        near.focus();
      },
      // A coarse, recent fix is enough and comes fastest (no GPS warm-up on a cheap phone).
      { enableHighAccuracy: false, timeout: 20_000, maximumAge: 600_000 },
    );
  });
  near.after(button, status);
}
