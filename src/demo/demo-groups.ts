/**
 * The demo region's groups in Greenfield, by program: fixed names and characters (types, days,
 * hours, notes) that `demo-region.ts` gives random sizes, rooms and hours. Data only.
 */

export interface GroupDef {
  name: string;
  types: readonly string[];
  /** Fixed meeting days (one row each), or 'weekdays' for a single row with a day array. */
  days?: readonly number[] | 'weekdays';
  time?: string;
  venue?: string;
  notes?: readonly string[];
  weight?: number;
  /** English-language groups may carry EN; others never do. */
  spanish?: boolean;
}

export const AA_GREENFIELD_GROUPS: readonly GroupDef[] = [
  { name: 'Greenfield Big Book', types: ['C', 'B'], weight: 3 },
  { name: 'Sunrise Serenity', types: ['O', 'D'], days: [1, 2, 3, 4, 5, 6], time: '06:30' },
  {
    name: 'Noon Daily',
    types: ['O', 'D'],
    days: 'weekdays',
    time: '12:00',
    venue: 'Mohawk Alano Club',
  },
  { name: "Women's Step Study", types: ['C', 'W', 'ST'], weight: 2 },
  { name: 'Sober Sisters', types: ['O', 'W', 'D'] },
  { name: "Men's Stag", types: ['C', 'M', 'D'], weight: 2 },
  { name: 'Back to Basics', types: ['O', 'B', 'BE'], weight: 2 },
  {
    name: 'Grupo Nueva Vida',
    types: ['O', 'S', 'D'],
    spanish: true,
    weight: 2,
    notes: ['Reunión en español. Todos son bienvenidos.'],
  },
  {
    name: 'Grupo Renacer',
    types: ['C', 'S', 'ST'],
    spanish: true,
    notes: ['Reunión cerrada en español.'],
  },
  { name: 'Keep It Simple', types: ['O', 'D'], weight: 3 },
  { name: 'Young & Sober', types: ['O', 'Y', 'D'], time: '20:00' },
  { name: 'Rainbow Group', types: ['O', 'LGBTQ', 'D'] },
  { name: 'Came to Believe', types: ['O', 'ST'], weight: 2 },
  { name: 'Daily Reflections Breakfast', types: ['O', 'DR', 'BRK'], time: '07:30' },
  { name: 'Friday Night Speaker', types: ['O', 'SP'], days: [5], time: '20:00' },
  {
    name: 'Saturday Night Live',
    types: ['O', 'SP', 'H'],
    days: [6],
    time: '19:30',
    notes: ['Birthday celebrations on the last Saturday of the month.'],
  },
  {
    name: 'Sunday Serenity',
    types: ['O', 'D', 'CF'],
    days: [0],
    time: '10:00',
    notes: ['Children welcome; toys in the corner.'],
  },
  { name: 'Twelve & Twelve', types: ['C', '12x12'], weight: 2 },
  { name: 'Grapevine Group', types: ['O', 'GR'] },
  { name: 'Living Sober', types: ['O', 'LS'] },
  { name: 'As Bill Sees It', types: ['O', 'ABSI'] },
  { name: '11th Step Meditation', types: ['O', '11', 'MED'], time: '18:00' },
  { name: 'Tradition Study', types: ['C', 'TR'] },
  { name: 'Beginners Welcome', types: ['O', 'BE', 'D'], weight: 2 },
  { name: 'Candlelight Group', types: ['O', 'CAN', 'D'], time: '21:00' },
  { name: 'Happy Hour', types: ['O', 'D'], time: '17:30', weight: 2 },
  { name: 'Secular Sobriety', types: ['O', 'A', 'D'] },
  { name: 'Literature Lovers', types: ['O', 'LIT'] },
  {
    name: 'Circle of Sobriety',
    types: ['O', 'NDG', 'D'],
    notes: ['Talking circle; all are welcome.'],
  },
  { name: 'Hands of Hope', types: ['O', 'ASL', 'D'], notes: ['ASL interpreter at every meeting.'] },
  { name: 'Primary Purpose', types: ['C', 'B'], weight: 2 },
  { name: 'Into Action', types: ['O', 'ST'], weight: 2 },
  { name: 'Green River Group', types: ['O', 'D', 'XT'] },
];

export const AA_GENERAL_NOTES = [
  'Coffee and fellowship from 6:30.',
  'Chips on the last meeting of the month.',
  'Literature available.',
  'Newcomers welcome; ask for a Where and When.',
  'Please silence phones.',
  'Business meeting on the first week of the month, after the meeting.',
] as const;

export const EXTRA_AA_TYPES = ['BE', 'LIT', 'CF', 'XT', 'BA'] as const;

export const NA_GREENFIELD_GROUPS: readonly GroupDef[] = [
  { name: 'Clean and Serene', types: ['O', 'D'], weight: 2 },
  { name: 'Just for Today Greenfield', types: ['O', 'JT'], weight: 2 },
  { name: 'Basic Text Study', types: ['C', 'BT'] },
  { name: 'Never Alone', types: ['O', 'To'] },
  { name: 'Step Sisters', types: ['C', 'W', 'St'] },
  { name: "Men's Step Group", types: ['C', 'M', 'St'] },
  { name: 'Young and Clean', types: ['O', 'YP', 'D'], time: '20:00' },
  { name: 'Living Clean Greenfield', types: ['O', 'LC'] },
  { name: 'It Works How and Why', types: ['C', 'IW'] },
  { name: 'Friday Night Speaker Jam', types: ['O', 'Sp'], days: [5], time: '20:00' },
  {
    name: 'Noche de Esperanza',
    types: ['O', 'BL'],
    spanish: true,
    notes: ['Bilingual meeting: English y español.'],
  },
];

export const AL_ANON_GREENFIELD_GROUPS: readonly GroupDef[] = [
  { name: 'Serenity Seekers AFG', types: ['O'], weight: 2 },
  { name: 'Hope for Today AFG', types: ['O', 'ST'] },
  { name: 'Courage to Change AFG', types: ['C'] },
  {
    name: 'Greenfield Alateen',
    types: ['C', 'Y'],
    days: [3],
    time: '18:30',
    notes: ['Alateen sponsors present at every meeting.'],
  },
  { name: 'Adult Children Focus AFG', types: ['O', 'AC'] },
  { name: 'Newcomers Al-Anon', types: ['O', 'BE'] },
  { name: 'Steps and Traditions AFG', types: ['C', 'ST', 'TR'] },
  { name: "Women's Al-Anon Circle", types: ['C', 'W'] },
];

/** Weekday names in Spanish, for the names of Spanish-speaking groups. */
export const DIA = [
  'domingo',
  'lunes',
  'martes',
  'miércoles',
  'jueves',
  'viernes',
  'sábado',
] as const;
