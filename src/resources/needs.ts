/**
 * Needs and kinds of care, from the Open Eligibility human services taxonomy (The Open
 * Eligibility Project, "The Open Eligibility Human Services Taxonomy by Aunt Bertha, Inc.",
 * CC BY-SA 3.0): the top categories and the branches a recovery center refers to. The AIRS/211
 * taxonomy may not be redistributed and is never used here.
 *
 * Codes are our stable slugs of the terms' names, joined by dots from the top
 * (`health.addiction-recovery.detox`); HSDS imports match a taxonomy term by that code or by
 * its name. Asking for a need finds services with that need or any narrower one.
 */

/** One term: its name, and the terms under it. */
interface Branch {
  name: string;
  under?: Branch[];
}

const leaf = (name: string): Branch => ({ name });
const branch = (name: string, ...under: Branch[]): Branch => ({ name, under });

const taxonomy: Branch[] = [
  branch(
    'Emergency',
    leaf('Disaster Response'),
    leaf('Emergency Cash'),
    leaf('Emergency Food'),
    leaf('Emergency Shelter'),
    leaf('Psychiatric Emergency Services'),
    branch('Safety', leaf('Domestic Violence Support'), leaf('Hotlines')),
  ),
  branch(
    'Food',
    leaf('Food Delivery'),
    leaf('Food Pantry'),
    leaf('Help Pay for Food'),
    leaf('Meals'),
    leaf('Nutrition Education'),
  ),
  branch(
    'Housing',
    leaf('Help Find Housing'),
    leaf('Help Pay for Housing'),
    leaf('Housing Advice'),
    branch(
      'Residential Housing',
      leaf('Long-Term Housing'),
      leaf('Short-Term Housing'),
      leaf('Recovery Residence'),
    ),
    leaf('Temporary Shelter'),
  ),
  branch(
    'Goods',
    leaf('Baby Supplies'),
    leaf('Clothing'),
    leaf('Home Goods'),
    leaf('Medical Supplies'),
    leaf('Personal Hygiene'),
    leaf('Phones'),
  ),
  branch(
    'Transit',
    leaf('Bus Passes'),
    leaf('Help Pay for Transit'),
    leaf('Transportation for Healthcare'),
  ),
  branch(
    'Health',
    branch(
      'Addiction & Recovery',
      leaf('12-Step'),
      leaf('Detox'),
      leaf('Drug Testing'),
      leaf('Harm Reduction'),
      leaf('Medications for Addiction'),
      leaf('Outpatient Treatment'),
      leaf('Residential Treatment'),
      leaf('Sober Living'),
      leaf('Peer Recovery Support'),
    ),
    leaf('Dental Care'),
    leaf('Health Education'),
    leaf('Help Pay for Healthcare'),
    branch(
      'Medical Care',
      leaf('Primary Care'),
      leaf('Prescription Assistance'),
      leaf('Prevent & Treat'),
    ),
    branch(
      'Mental Health Care',
      leaf('Counseling'),
      leaf('Psychiatric Care'),
      leaf('Support Groups'),
    ),
  ),
  branch(
    'Money',
    leaf('Financial Education'),
    leaf('Government Benefits'),
    leaf('Health Insurance'),
    leaf('Tax Preparation'),
  ),
  branch(
    'Care',
    leaf('Daytime Care'),
    leaf('Childcare'),
    leaf('End-of-Life Care'),
    leaf('Residential Care'),
    leaf('Support Network'),
  ),
  branch(
    'Education',
    leaf('Help Find School'),
    leaf('Help Pay for School'),
    leaf('More Education'),
    leaf('Screening & Exams'),
  ),
  branch(
    'Work',
    leaf('Help Find Work'),
    leaf('Help Pay for Work Expenses'),
    leaf('Skills & Training'),
    leaf('Workplace Rights'),
  ),
  branch(
    'Legal',
    leaf('Advocacy & Legal Aid'),
    leaf('Mediation'),
    leaf('Representation'),
    leaf('Record Clearing'),
    leaf('Translation & Interpretation'),
  ),
];

export type NeedCode = string;

export interface Need {
  code: NeedCode;
  name: string;
  parent?: NeedCode;
}

/** A term's name as a code segment: lower case, `&` dropped, runs of other marks as one dash. */
function segment(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function flatten(branches: Branch[], parent?: Need): Need[] {
  return branches.flatMap((b) => {
    const code = parent === undefined ? segment(b.name) : `${parent.code}.${segment(b.name)}`;
    const need: Need = {
      code,
      name: b.name,
      ...(parent !== undefined ? { parent: parent.code } : {}),
    };
    return [need, ...flatten(b.under ?? [], need)];
  });
}

/** Every need, parents before their children. */
export const needs: readonly Need[] = flatten(taxonomy);

const byCode = new Map(needs.map((n) => [n.code, n]));
const byName = new Map(needs.map((n) => [n.name.toLowerCase(), n]));

export function isNeedCode(code: string): boolean {
  return byCode.has(code);
}

export function needByCode(code: string): Need | undefined {
  return byCode.get(code);
}

/**
 * The need a source's term means: our code, or the term's name (any case). A leaf's name is
 * unique in the taxonomy; a name that is not ours finds nothing.
 */
export function findNeed(codeOrName: string): Need | undefined {
  const key = codeOrName.trim();
  return byCode.get(key) ?? byName.get(key.toLowerCase());
}

/** True when `code` is `ancestor` or lies under it. */
export function needWithin(code: NeedCode, ancestor: NeedCode): boolean {
  return code === ancestor || code.startsWith(`${ancestor}.`);
}
