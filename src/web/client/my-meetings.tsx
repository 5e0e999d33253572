/**
 * "My meetings": the saved meetings as a list above the finder's results, rendered from
 * localStorage by a small Preact island. Each links to its page, which the service worker keeps,
 * so the list works offline. Loaded only on pages where someone has saved a meeting.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { removeFavourite, type Favourite } from './favourites.js';
import { FAVOURITES_CHANGED, currentFavourites } from './favourite-buttons.js';
import { fill } from './ui-template.js';

interface ListProps {
  removeLabel: string;
  /** Shown or hidden with the list, so an empty list leaves no heading behind. */
  section: HTMLElement;
}

function MyMeetingsList({ removeLabel, section }: ListProps) {
  const [favourites, setFavourites] = useState<Favourite[]>(currentFavourites);
  useEffect(() => {
    const reload = () => setFavourites(currentFavourites());
    window.addEventListener(FAVOURITES_CHANGED, reload);
    window.addEventListener('storage', reload);
    return () => {
      window.removeEventListener(FAVOURITES_CHANGED, reload);
      window.removeEventListener('storage', reload);
    };
  }, []);
  useEffect(() => {
    section.hidden = favourites.length === 0;
  }, [favourites, section]);
  const remove = (slug: string) => {
    removeFavourite(localStorage, slug);
    window.dispatchEvent(new Event(FAVOURITES_CHANGED));
  };
  return (
    <ul class="my-meetings">
      {favourites.map((f) => (
        <li key={f.slug} data-favourite={f.slug}>
          <a href={f.href}>{f.name}</a>
          {f.summary !== '' && <span class="muted"> · {f.summary}</span>}{' '}
          <button
            type="button"
            aria-label={fill(removeLabel, { name: f.name })}
            onClick={() => remove(f.slug)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Renders the list into the section (the server-rendered heading stays as it is). */
export function mountMyMeetings(section: HTMLElement): void {
  const holder = document.createElement('div');
  section.append(holder);
  render(
    <MyMeetingsList removeLabel={section.dataset.remove ?? '{name}'} section={section} />,
    holder,
  );
}
