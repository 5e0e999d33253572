/** Conference providers as their own brands write them (names, so not translated). */
const providerNames: Record<string, string> = {
  zoom: 'Zoom',
  google_meet: 'Google Meet',
  teams: 'Microsoft Teams',
  webex: 'Webex',
  goto_meeting: 'GoTo Meeting',
  skype: 'Skype',
  discord: 'Discord',
  jitsi: 'Jitsi Meet',
  free_conference_call: 'FreeConferenceCall',
  whereby: 'Whereby',
  bluejeans: 'BlueJeans',
  signal: 'Signal',
  whatsapp: 'WhatsApp',
};

/** The display name of a recognised provider id, or undefined. */
export function providerName(provider: string | undefined): string | undefined {
  return provider === undefined ? undefined : providerNames[provider];
}

/** Contribution services as they write their names. */
export const contributionServiceNames: Record<string, string> = {
  venmo: 'Venmo',
  paypal: 'PayPal',
  square: 'Square',
  cashapp: 'Cash App',
  zelle: 'Zelle',
};
