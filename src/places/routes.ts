import { Type } from 'typebox';
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
});

/**
 * `GET /api/v1/places?q=`: what a typed ZIP code or town resolves to, answered from the bundled
 * gazetteer. Nothing a person types here is sent anywhere else.
 */
export function registerPlaceRoutes(server: HttpServer, geocoder: Geocoder): void {
  server.get(
    '/api/v1/places',
    {
      schema: {
        tags: ['places'],
        summary: 'Resolve a ZIP code or a town name to places, offline',
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
    (request) => {
      const { q, country, limit } = request.query;
      const places = geocoder.lookup(q, {
        limit,
        ...(country !== undefined ? { country: country.toUpperCase() } : {}),
      });
      return { places, attribution: PLACE_DATA_ATTRIBUTION };
    },
  );
}
