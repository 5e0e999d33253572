import { Type, type Static } from 'typebox';
import { errorResponseSchema, type HttpServer } from '../platform/http/server.js';
import { PLACE_DATA_ATTRIBUTION, type Geocoder } from './gazetteer.js';

const PlaceSchema = Type.Object({
  name: Type.String(),
  region: Type.Optional(Type.String({ description: 'State or province code, e.g. MA' })),
  country: Type.String({ description: 'ISO 3166-1 alpha-2' }),
  latitude: Type.Number(),
  longitude: Type.Number(),
  kind: Type.Enum(['postal_code', 'town'] as const),
  population: Type.Optional(Type.Integer()),
  postalCode: Type.Optional(Type.String()),
  foundBy: Type.Optional(
    Type.Literal('geocoder', {
      description: "Present when the operator's geocoder found the place, not the bundled list",
    }),
  ),
});

/** Asks the operator's geocoder for a place the bundled list does not know (when configured). */
export type GeocoderPlaceLookup = (
  text: string,
  country?: string,
) => Promise<{ latitude: number; longitude: number; country?: string } | undefined>;

/**
 * `GET /api/v1/places?q=`: what a typed ZIP code or town resolves to, answered from the bundled
 * gazetteer; a place it does not know is asked of the operator's own geocoder when one is
 * configured, and of nobody otherwise.
 */
export function registerPlaceRoutes(
  server: HttpServer,
  geocoder: Geocoder,
  elsewhere?: GeocoderPlaceLookup,
): void {
  server.get(
    '/api/v1/places',
    {
      schema: {
        tags: ['places'],
        summary:
          "Resolve a ZIP code or a town name to places, offline or by the operator's geocoder",
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 100 }),
            country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
            limit: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ places: Type.Array(PlaceSchema), attribution: Type.String() }),
          400: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { q, country, limit } = request.query;
      const places: Static<typeof PlaceSchema>[] = geocoder.lookup(q, {
        limit,
        ...(country !== undefined ? { country: country.toUpperCase() } : {}),
      });
      if (places.length === 0 && elsewhere !== undefined && q.trim() !== '') {
        const found = await elsewhere(q, country?.toUpperCase());
        // A place is named with its country: one found without knowing it is not offered.
        if (found?.country !== undefined) {
          places.push({
            name: q.trim(),
            country: found.country,
            latitude: found.latitude,
            longitude: found.longitude,
            kind: 'town',
            foundBy: 'geocoder',
          });
        }
      }
      return { places, attribution: PLACE_DATA_ATTRIBUTION };
    },
  );
}
