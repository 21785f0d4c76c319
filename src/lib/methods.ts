/**
 * The closed list of login methods, as offered on the "Velg elektronisk ID" and
 * "Velg Buypass ID" screens. A guide's `method` frontmatter must be one of these.
 */
export const loginMethods = [
  'buypass-smartkort',
  'buypass-app',
  'buypass-passord-sms',
  'buypass-nokkel',
  'bankid',
  'commfides',
] as const;

export type LoginMethod = (typeof loginMethods)[number];

export const reviewStatuses = ['reviewed', 'awaiting-owner-review'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
