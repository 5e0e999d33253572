/**
 * English words of the demand table (`/admin/demand`), merged into the site's catalogue like
 * the center desk's.
 */
export const demandEn = {
  'demand.title': 'Where new groups are needed',
  'demand.intro':
    'Searches that asked for a group and found no room near, counted per area of about 10 km and per week. An area is shown only once it has at least {threshold} such searches in the period.',
  'demand.need': 'Group',
  'demand.from': 'From',
  'demand.to': 'To',
  'demand.show': 'Show',
  'demand.empty': 'No area has reached {threshold} unmet searches in this period.',
  'demand.caption': 'Areas where searches found no room, most first',
  'demand.area': 'Area (centre)',
  'demand.searches': 'Unmet searches',
  'demand.nearest': 'Nearest group today',
  'demand.online': 'Online and phone meetings',
  'demand.km': '{km} km',
  'demand.none': 'none',
  'demand.csv': 'Download as CSV',
} as const satisfies Record<string, string>;
