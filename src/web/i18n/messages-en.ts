/**
 * English messages in ICU MessageFormat, keyed by stable ids. This catalogue is the source of
 * truth for which messages exist; the Spanish one must have exactly the same keys (the type
 * checker enforces it).
 */
export const en = {
  'site.name': 'Porchlight',
  'site.description':
    'Find a mutual-support meeting (AA, NA, Al-Anon, SMART Recovery and more) in person, online or by phone.',
  'nav.skip': 'Skip to main content',
  'nav.site': 'Site',
  'nav.home': 'Find a meeting',
  'nav.help': 'Help',
  'nav.about': 'About',
  'nav.language': 'Language',
  'crisis.label': 'Crisis help',
  'crisis.question': 'In crisis?',
  'crisis.988': 'Call or text 988',
  'crisis.samhsa': 'SAMHSA National Helpline 1-800-662-4357',
  'footer.privacy': 'No trackers, no ads, nothing loaded from other sites.',

  'home.title': 'Find a meeting',
  'home.count':
    '{count, plural, =0 {No meetings are listed yet.} one {# meeting is listed, in person, online and by phone.} other {# meetings are listed, in person, online and by phone.}}',
  'home.soon': 'The meeting finder is on its way. Until then, the help page lists crisis lines.',

  'meeting.program': 'Program',
  'meeting.attendance': 'How it meets',
  'meeting.attendance.in_person': 'In person',
  'meeting.attendance.online': 'Online',
  'meeting.attendance.hybrid': 'In person and online',
  'meeting.attendance.phone': 'By phone',
  'meeting.status.temporarily_closed':
    'This meeting is temporarily closed. Check with the group before you go.',
  'meeting.status.inactive': 'This meeting is no longer listed as active.',

  'when.heading': 'When',
  'when.byAppointment': 'By appointment',
  'when.weekly': 'Every {weekday} at {time}',
  'when.biweekly': 'Every other {weekday} at {time}',
  'when.monthly':
    '{week, select, first {First} second {Second} third {Third} fourth {Fourth} fifth {Fifth} other {Last}} {weekday} of the month at {time}',
  'when.zone': 'Times are in {zone}.',
  'when.next': 'Next meetings',
  'when.occurrence': '{date}, {time} {zone}',
  'when.yourTime': 'Your time: {date}, {time} {zone}',
  'when.inProgress': 'In progress now',
  'when.none': 'No upcoming meeting is scheduled.',
  'when.calendar': 'Add to calendar',

  'where.heading': 'Where',
  'where.directions': 'Directions (OpenStreetMap)',
  'where.approximate': 'Only the town is listed: {place}',
  'where.wheelchair.yes': 'Wheelchair accessible',
  'where.wheelchair.no': 'Not wheelchair accessible',
  'where.accessibility': 'Accessibility: {notes}',

  'join.heading': 'How to join',
  'join.online': 'Join online',
  'join.onlineWith': 'Join on {provider}',
  'join.phone': 'Call {number}',
  'join.phoneCodes': 'The call also enters {codes} after short pauses.',

  'details.heading': 'About this meeting',
  'details.types': 'Meeting types',
  'details.languages': 'Languages',
  'details.group': 'Group',
  'details.notes': 'Notes',
  'details.contributions': 'Contributions',
  'details.contributions.url': 'Website',
  'details.contacts': 'Contacts',
  'details.website': 'Group website',
  'details.listedBy': 'Listed by',
  'details.source': 'From the list of {source}.',
  'details.updated': 'Updated {date}.',
  'details.verified': 'Last verified by a person on {date}.',
  'details.notVerified': 'Not yet verified by a person.',

  'share.heading': 'Share',
  'share.label': 'Link to this meeting',
  'share.hint': 'Copy this link to send the meeting to someone.',

  'report.heading': 'Report a problem',
  'report.intro':
    'Is something wrong with this listing? Tell the volunteers who keep the list. Please leave out names, phone numbers and other personal details.',
  'report.kind': 'What is wrong?',
  'report.kind.wrong_time': 'The day or time is wrong',
  'report.kind.wrong_place': 'The address or place is wrong',
  'report.kind.wrong_link': 'The join link or phone number does not work',
  'report.kind.closed': 'The meeting no longer meets',
  'report.kind.other': 'Something else',
  'report.message': 'Details (optional, up to 1,000 characters)',
  'report.honeypot': 'Leave this field empty',
  'report.submit': 'Send report',
  'report.thanks.title': 'Thank you',
  'report.thanks.body': 'Your report is on its way to the volunteers who keep this list.',
  'report.thanks.back': 'Back to {name}',
  'report.invalid.title': 'The report could not be sent',
  'report.invalid.body':
    'Choose what is wrong, and keep the details under 1,000 characters. Go back and try again.',

  'error.code': 'Error code: {code}',
  'error.notFound.title': 'Page not found',
  'error.notFound.body': 'Nothing is at this address.',
  'error.meetingNotFound.title': 'Meeting not found',
  'error.meetingNotFound.body':
    'No meeting has this address. It may have been removed from the list or renamed.',
  'error.badRequest.title': 'This address could not be read',
  'error.badRequest.body': 'Check the address, or go back and try again.',
  'error.rateLimited.title': 'Please wait a moment',
  'error.rateLimited.body': 'Too many reports were sent from here. Try again in a few minutes.',
  'error.internal.title': 'Something went wrong',
  'error.internal.body': 'Something went wrong on our side. Please try again.',
  'error.findAnother': 'Find another meeting',

  'help.title': 'Help',
  'help.crisis.heading': 'If you are in crisis',
  'help.crisis.988':
    'The 988 Suicide & Crisis Lifeline: call or text 988, any time of day or night. It is free and confidential.',
  'help.crisis.samhsa':
    "SAMHSA's National Helpline, 1-800-662-4357: free, confidential treatment referral and information, 24 hours a day, every day of the year, in English and Spanish.",
  'help.crisis.911': 'In an emergency, call 911.',
  'help.call988': 'Call 988',
  'help.text988': 'Text 988',
  'help.callSamhsa': 'Call 1-800-662-4357',
  'help.finder.heading': 'Finding a meeting',
  'help.finder.where':
    'Search by ZIP code or town, or let your phone share your location. Meetings you can reach soonest come first.',
  'help.finder.remote':
    'No meeting nearby? Online and phone meetings are listed too. A phone meeting needs no internet, only a phone.',
  'help.finder.page':
    "A meeting's page shows when and where it meets. One tap dials in, meeting ID and passcode included, or opens the online meeting.",
  'help.finder.calendar':
    'Add a meeting to your calendar, share its link, or tell us when something is wrong with it.',
  'help.types.heading': 'What the meeting types mean',
  'help.types.intro':
    'Each fellowship has its own list of meeting types; a meeting page shows them in plain words. The most common ones:',
  'help.types.open':
    'Open: anyone may attend, including family, friends and anyone who is curious.',
  'help.types.closed':
    'Closed: for people who want help with the problem the group works on, or think they might.',
  'help.types.beginners': 'Beginners: meant for people who are new.',
  'help.types.discussion': 'Discussion: members take turns sharing on a topic.',
  'help.types.speaker': 'Speaker: one or more members tell their story.',
  'help.types.study': 'Step study or literature: the group reads and discusses a book or step.',
  'help.types.identity':
    'Women, men, young people, LGBTQ+: meetings for a group of people; others may be welcome at open ones.',
  'help.types.attendance':
    'In person, online, hybrid (both at once) and by phone say how you can take part.',

  'about.title': 'About Porchlight',
  'about.what':
    'Porchlight is a free directory of mutual-support meetings (AA, NA, Al-Anon, SMART Recovery, GA and more) in person, online and by phone. It is built for rural areas first: few local groups, long drives and weak connections.',
  'about.independent':
    'Porchlight is not affiliated with any fellowship. Meeting details come from the groups and service bodies that keep the lists.',
  'about.privacy.heading': 'Privacy',
  'about.privacy.trackers':
    'No trackers, no analytics and no advertising. Pages load nothing from other sites: no fonts, scripts or images from elsewhere.',
  'about.privacy.account':
    'No account is needed. A problem report keeps only what you write about the meeting, never who you are.',
  'about.privacy.logs': 'Our logs record which page was asked for, never your search or location.',
  'about.data.heading': 'Where the data comes from',
  'about.data.meetings':
    'Meetings come from the lists that intergroups, areas and other service bodies publish, in the Meeting Guide format. Each meeting page names its list and when it was last updated.',
  'about.data.places': 'Place lookup works offline, from open data:',
  'about.license': 'Porchlight is free software under the MIT license.',
} as const satisfies Record<string, string>;

/** Every message id. */
export type MessageId = keyof typeof en;
