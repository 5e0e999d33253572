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
  'finder.search': 'Search for meetings',
  'finder.near': 'ZIP code or town',
  'finder.near.hint': 'For example 01301 or Greenfield, MA',
  'finder.q': 'Name or word',
  'finder.submit': 'Search',
  'finder.apply': 'Apply filters',
  'finder.filters': '{count, plural, =0 {Filters} other {Filters (# on)}}',
  'finder.day': 'Day',
  'finder.day.any': 'Any day',
  'finder.time': 'Time of day',
  'finder.time.any': 'Any time',
  'finder.time.window': '{part}, {from} to {to}',
  'finder.time.custom': 'From {from} to {to}',
  'finder.time.morning': 'Morning',
  'finder.time.afternoon': 'Afternoon',
  'finder.time.evening': 'Evening',
  'finder.time.night': 'Night',
  'finder.soon': 'Starting soon',
  'finder.soon.any': 'No limit',
  'finder.soon.within': '{minutes, plural, one {Within # minute} other {Within # minutes}}',
  'finder.attendance': 'How it meets',
  'finder.attendance.any': 'Any way',
  'finder.program': 'Program',
  'finder.program.any': 'Any program',
  'finder.focus': 'Help with',
  'finder.focus.any': 'Anything',
  'finder.focus.alcohol': 'Alcohol',
  'finder.focus.drugs': 'Drugs',
  'finder.focus.gambling': 'Gambling',
  'finder.focus.sex_and_love': 'Sex and love',
  'finder.focus.food': 'Food',
  'finder.focus.co_dependency': 'Co-dependency',
  'finder.focus.family_and_friends': 'A family member or friend',
  'finder.focus.behaviour': 'Other behaviours',
  'finder.types': 'Meeting type',
  'finder.tag.women': 'Women',
  'finder.tag.men': 'Men',
  'finder.tag.young_people': 'Young people',
  'finder.tag.lgbtq': 'LGBTQ+',
  'finder.tag.beginners': 'Beginners',
  'finder.tag.open': 'Open (anyone may attend)',
  'finder.tag.closed': 'Closed',
  'finder.lang': 'Language',
  'finder.lang.any': 'Any language',
  'finder.wheelchair': 'Wheelchair-accessible rooms only',
  'finder.radius': 'Distance',
  'finder.radius.within': 'Within {distance}',
  'finder.units': 'Units',
  'finder.units.mi': 'Miles',
  'finder.units.km': 'Kilometres',
  'finder.sort': 'Order',
  'finder.sort.time': 'Soonest first',
  'finder.sort.distance': 'Nearest first',
  'finder.field.nearest': 'Nearest meetings',
  'finder.field.in_progress': 'In progress',
  'finder.field.date': 'Date',
  'finder.field.include_closed': 'Closed meetings',
  'finder.field.limit': 'Meetings per page',
  'finder.field.cursor': 'Page',
  'finder.field.tz': 'Time zone',
  'finder.problem.place':
    'We do not know a place called “{place}”. Try a ZIP code, or a town with its state, such as “Greenfield, MA”.',
  'finder.problem.needsPlace': 'Searching by distance needs a ZIP code or town.',
  'finder.problem.type':
    '“{value}” is not a meeting type of the chosen program. Untick it or choose another program.',
  'finder.problem.field':
    '“{field}” has a value that cannot be used. Choose another and search again.',
  'finder.problem.meanwhile': 'Meanwhile, here are online and phone meetings, soonest first.',
  'finder.results.near':
    '{count, plural, =0 {No meetings near {place}} one {# meeting near {place}} other {# meetings near {place}}}',
  'finder.results.nearYou':
    '{count, plural, =0 {No meetings near you} one {# meeting near you} other {# meetings near you}}',
  'finder.results.count':
    '{count, plural, =0 {No meetings match} one {# meeting matches} other {# meetings match}}',
  'finder.results.empty': 'No meeting matches this search. Try fewer filters or a larger distance.',
  'finder.default.heading': 'Online and phone meetings, soonest first',
  'finder.default.prompt': 'Enter a ZIP code or town to see meetings near you.',
  'finder.badge.now': 'In progress',
  'finder.badge.soon': '{minutes, plural, one {Starts in # min} other {Starts in # min}}',
  'finder.closed': 'Temporarily closed',
  'finder.distance': '{distance} away',
  'finder.more': 'More meetings',
  'finder.first': 'Back to the first meetings',
  'finder.fallback.heading': 'Few meetings nearby',
  'finder.fallback.summary':
    '{found, plural, =0 {{kind, select, women {No women’s meeting in person within {distance}.} men {No men’s meeting in person within {distance}.} young_people {No young people’s meeting in person within {distance}.} lgbtq {No LGBTQ+ meeting in person within {distance}.} filtered {No in-person meeting matches your search within {distance}.} other {No in-person meeting within {distance}.}}} one {{kind, select, women {Only one women’s meeting in person within {distance}.} men {Only one men’s meeting in person within {distance}.} young_people {Only one young people’s meeting in person within {distance}.} lgbtq {Only one LGBTQ+ meeting in person within {distance}.} filtered {Only one in-person meeting matches your search within {distance}.} other {Only one in-person meeting within {distance}.}}} other {{kind, select, women {Only {found} women’s meetings in person within {distance}.} men {Only {found} men’s meetings in person within {distance}.} young_people {Only {found} young people’s meetings in person within {distance}.} lgbtq {Only {found} LGBTQ+ meetings in person within {distance}.} filtered {Only {found} in-person meetings match your search within {distance}.} other {Only {found} in-person meetings within {distance}.}}}}',
  'finder.fallback.nearest': 'The nearest is {distance} away.',
  'finder.fallback.nearestIn': 'The nearest is {distance} away, in {town}.',
  'finder.fallback.remote':
    '{count, plural, one {Also listed: {meetings}{kind, select, women { for women} men { for men} young_people { for young people} lgbtq { for LGBTQ+ people} filtered { that keeps the rest of your search} other {}}, which you can join from anywhere.} other {Also listed: {meetings}{kind, select, women { for women} men { for men} young_people { for young people} lgbtq { for LGBTQ+ people} filtered { that keep the rest of your search} other {}}, which you can join from anywhere.}}',
  'finder.fallback.beyondHeading': 'Nearest in-person meetings further away',
  'finder.fallback.remoteHeading': 'More online and phone meetings',
  'finder.count.online': '{count, plural, one {# online meeting} other {# online meetings}}',
  'finder.count.phone': '{count, plural, one {# phone meeting} other {# phone meetings}}',
  'finder.relaxed.beyond':
    '{count, plural, =0 {For the rooms further away, every filter you chose still applies.} other {For the rooms further away, we set aside {list}; everything else you asked for still applies.}}',
  'finder.relaxed.remote':
    '{count, plural, =0 {For the online and phone meetings, every filter you chose still applies.} other {For the online and phone meetings, we set aside {list}; everything else you asked for still applies.}}',
  'finder.relaxed.radius': 'the distance',
  'finder.relaxed.attendance': 'meeting in person',
  'finder.relaxed.text': 'your search words',
  'finder.relaxed.wheelchair': 'wheelchair access',

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

  'client.offline': 'Offline — updated at {time}',
  'client.fav.save': 'Save',
  'client.fav.label': 'Save {name} to my meetings',
  'client.fav.refused': 'This browser did not keep it: saving needs site storage turned on.',
  'client.locate': 'Use my location',
  'client.locate.busy': 'Finding your location…',
  'client.locate.denied':
    'Location is turned off for this site. Type a ZIP code or a town instead.',
  'client.locate.unavailable':
    'Your location could not be found. Type a ZIP code or a town instead.',
  'client.map.show': 'Show map',
  'client.map.hide': 'Hide map',
  'client.map.label': 'Map of these meetings',
  'client.my.heading': 'My meetings',
  'client.my.device': 'Kept only on this device; nothing is sent to the server.',
  'client.my.remove': 'Remove {name}',
} as const satisfies Record<string, string>;

/** Every message id. */
export type MessageId = keyof typeof en;
