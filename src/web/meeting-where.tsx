import { formatAddress } from '../meetings/address.js';
import { hasApproximateCoordinates, type Meeting } from '../meetings/model.js';
import { directionsHref } from './links.js';
import type { PageContext } from './page-context.js';

/** Venue, address, directions (only for a real door, not a town), notes and access. */
export function WhereSection({ ctx, meeting }: { ctx: PageContext; meeting: Meeting }) {
  const { t } = ctx;
  const { place } = meeting;
  const address = place.formattedAddress ?? formatAddress(place.address);
  const centred = hasApproximateCoordinates(place);
  const precise =
    !place.approximate && !centred && place.latitude !== undefined && place.longitude !== undefined;
  return (
    <section aria-labelledby="where">
      <h2 id="where">{t('where.heading')}</h2>
      {place.name !== undefined && (
        <p>
          <strong>{place.name}</strong>
        </p>
      )}
      {address !== undefined &&
        (place.approximate ? (
          <p>{t('where.approximate', { place: address })}</p>
        ) : (
          <p>{address}</p>
        ))}
      {centred && !place.approximate && (
        <p>
          {t(place.geocoded === 'postal_code' ? 'where.centred.postal_code' : 'where.centred.town')}
        </p>
      )}
      {precise && (
        <p>
          <a href={directionsHref(place.latitude!, place.longitude!)}>{t('where.directions')}</a>
        </p>
      )}
      {place.notes !== undefined && <p>{place.notes}</p>}
      {place.wheelchairAccessible !== undefined && (
        <p>{t(place.wheelchairAccessible ? 'where.wheelchair.yes' : 'where.wheelchair.no')}</p>
      )}
      {place.accessibilityNotes !== undefined && (
        <p>{t('where.accessibility', { notes: place.accessibilityNotes })}</p>
      )}
    </section>
  );
}
