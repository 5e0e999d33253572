/**
 * The CSV columns: the names of the 12 Step Meeting List import template and export (Time, End
 * Time, Day, Name, Location, Address, ... Slug, Updated), each paired with the Meeting Guide
 * field it carries, so a sheet is read by the same row reader as a JSON feed. Columns past the
 * template's (Formatted Address, Approximate, Attendance Option, Group ID, the entity) let an
 * export come back without losing meaning; 12 Step Meeting List ignores what it does not know.
 */
export const csvColumns: readonly (readonly [header: string, field: string])[] = [
  ['Time', 'time'],
  ['End Time', 'end_time'],
  ['Day', 'day'],
  ['Name', 'name'],
  ['Location', 'location'],
  ['Address', 'address'],
  ['City', 'city'],
  ['State', 'state'],
  ['Postal Code', 'postal_code'],
  ['Country', 'country'],
  ['Formatted Address', 'formatted_address'],
  ['Approximate', 'approximate'],
  ['Latitude', 'latitude'],
  ['Longitude', 'longitude'],
  ['Region', 'region'],
  ['Sub Region', 'sub_region'],
  ['Types', 'types'],
  ['Notes', 'notes'],
  ['Location Notes', 'location_notes'],
  ['Timezone', 'timezone'],
  ['Attendance Option', 'attendance_option'],
  ['Group', 'group'],
  ['Group ID', 'group_id'],
  ['District', 'district'],
  ['Group Notes', 'group_notes'],
  ['Website', 'website'],
  ['Email', 'email'],
  ['Phone', 'phone'],
  ['Venmo', 'venmo'],
  ['Square', 'square'],
  ['Paypal', 'paypal'],
  ['Cash App', 'cashapp'],
  ['Zelle', 'zelle'],
  ['Contribution URL', 'contribution_url'],
  ['Contact 1 Name', 'contact_1_name'],
  ['Contact 1 Email', 'contact_1_email'],
  ['Contact 1 Phone', 'contact_1_phone'],
  ['Contact 2 Name', 'contact_2_name'],
  ['Contact 2 Email', 'contact_2_email'],
  ['Contact 2 Phone', 'contact_2_phone'],
  ['Contact 3 Name', 'contact_3_name'],
  ['Contact 3 Email', 'contact_3_email'],
  ['Contact 3 Phone', 'contact_3_phone'],
  ['Conference URL', 'conference_url'],
  ['Conference URL Notes', 'conference_url_notes'],
  ['Conference Phone', 'conference_phone'],
  ['Conference Phone Notes', 'conference_phone_notes'],
  ['Entity', 'entity'],
  ['Entity Email', 'entity_email'],
  ['Entity Phone', 'entity_phone'],
  ['Entity URL', 'entity_url'],
  ['Entity Location', 'entity_location'],
  ['Entity Logo', 'entity_logo'],
  ['URL', 'url'],
  ['Slug', 'slug'],
  ['Updated', 'updated'],
];

/** Other spellings sheets use for a column (after folding), mapped to the field. */
const aliases: Readonly<Record<string, string>> = {
  cash_app: 'cashapp',
  time_zone: 'timezone',
  zip: 'postal_code',
  zip_code: 'postal_code',
  postcode: 'postal_code',
  province: 'state',
  start_time: 'time',
  meeting_name: 'name',
  location_name: 'location',
  conference_phone_number: 'conference_phone',
  subregion: 'sub_region',
};

const fieldByHeader = new Map(csvColumns.map(([header, field]) => [foldHeader(header), field]));

/** A header as compared: lower-case words joined by underscores ("Postal Code" -> postal_code). */
function foldHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The Meeting Guide field a CSV header stands for. Columns the table does not know keep their
 * folded name, so they travel into the meeting's provenance like unknown JSON fields do.
 */
export function fieldOfHeader(header: string): string {
  const folded = foldHeader(header);
  return fieldByHeader.get(folded) ?? (Object.hasOwn(aliases, folded) ? aliases[folded]! : folded);
}

/** Separates the levels of a region path inside the Sub Region cell ("Area > District"). */
export const regionSeparator = ' > ';
