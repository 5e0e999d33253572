import type { demandEn } from './messages-demand-en.js';

/** Spanish words of the demand table (usted). */
export const demandEs: Record<keyof typeof demandEn, string> = {
  'demand.title': 'Dónde hacen falta grupos nuevos',
  'demand.intro':
    'Búsquedas que pedían un grupo y no encontraron ninguna sala cerca, contadas por zona de unos 10 km y por semana. Una zona se muestra solo cuando tiene al menos {threshold} búsquedas así en el periodo.',
  'demand.need': 'Grupo',
  'demand.from': 'Desde',
  'demand.to': 'Hasta',
  'demand.show': 'Mostrar',
  'demand.empty': 'Ninguna zona llegó a {threshold} búsquedas sin resultado en este periodo.',
  'demand.caption': 'Zonas donde las búsquedas no encontraron sala, las de más primero',
  'demand.area': 'Zona (centro)',
  'demand.searches': 'Búsquedas sin resultado',
  'demand.nearest': 'Grupo más cercano hoy',
  'demand.online': 'Reuniones en línea y por teléfono',
  'demand.km': '{km} km',
  'demand.none': 'ninguno',
  'demand.csv': 'Descargar como CSV',
};
