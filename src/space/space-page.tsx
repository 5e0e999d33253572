/**
 * The space's pages as the server renders them: a shell in the page kit's layout (crisis lines,
 * language switch) with the space's navigation and the mount point of its island. The data
 * lives only in the browser, so the server renders no personal content, ever: every request
 * for a screen looks the same for every person.
 */
import { spaceEn } from '../web/i18n/messages-space-en.js';
import type { MessageId } from '../web/i18n/translator.js';
import { Layout } from '../web/layout.js';
import { link, type PageContext } from '../web/page-context.js';

/** The space's screens and their paths (without the language prefix). */
export const SPACE_SCREENS = {
  today: '/space',
  'check-in': '/space/check-in',
  tools: '/space/tools',
  supporters: '/space/supporters',
  data: '/space/data',
} as const;
export type SpaceScreen = keyof typeof SPACE_SCREENS;

const titles: Record<SpaceScreen, MessageId> = {
  today: 'space.title',
  'check-in': 'space.title.checkIn',
  tools: 'space.title.tools',
  supporters: 'space.title.supporters',
  data: 'space.title.data',
};
const navWords: Record<SpaceScreen, MessageId> = {
  today: 'space.nav.today',
  'check-in': 'space.nav.checkIn',
  tools: 'space.nav.tools',
  supporters: 'space.nav.supporters',
  data: 'space.nav.data',
};

/** Placeholders the island fills itself, left as `{name}` in the words it is handed. */
const PLACEHOLDERS = {
  n: '{n}',
  name: '{name}',
  date: '{date}',
  goal: '{goal}',
  from: '{from}',
  to: '{to}',
  mood: '{mood}',
  craving: '{craving}',
  sleep: '{sleep}',
  dates: '{dates}',
  meetings: '{meetings}',
  checkIns: '{checkIns}',
  channel: '{channel}',
};

/** The words each screen's island uses (by id prefix under `space.ui.`): no screen carries all. */
const screenWords: Record<SpaceScreen, string[]> = {
  today: ['dates.', 'days.', 'milestone.', 'week.', 'my.'],
  'check-in': ['check.', 'risk.', 'trend.', 'recent.'],
  tools: ['tools.', 'tool.'],
  supporters: ['supporters.', 'check.mood.'],
  data: ['data.', 'sync.'],
};
// "I need help now" is on every screen, so its words are too.
const common = ['unavailable', 'saved', 'help.'];

const wordsByScreen = new Map<string, string>();

/** The island's words for a screen in the page's language, as JSON (made once per both). */
export function spaceWords(ctx: PageContext, screen: SpaceScreen): string {
  const memo = `${ctx.locale}:${screen}`;
  let json = wordsByScreen.get(memo);
  if (json === undefined) {
    const wanted = [...screenWords[screen], ...common].map((part) => `space.ui.${part}`);
    const ids = (Object.keys(spaceEn) as MessageId[]).filter((id) =>
      wanted.some((prefix) => id === prefix || id.startsWith(prefix)),
    );
    const words = Object.fromEntries(ids.map((id) => [id, ctx.t(id, PLACEHOLDERS)]));
    // The preview shows the line of ours that follows the person's words, as the server sends
    // it (in the person's language here; each supporter gets it in their own).
    if (screen === 'supporters')
      words['space.ui.supporters.footer'] = ctx.t('space.supporter.alert.footer', {
        link: ctx.t('space.ui.supporters.stopLink'),
      });
    json = JSON.stringify(words);
    wordsByScreen.set(memo, json);
  }
  return json;
}

export function SpacePage({ ctx, screen }: { ctx: PageContext; screen: SpaceScreen }) {
  const { t } = ctx;
  const screens = Object.keys(SPACE_SCREENS) as SpaceScreen[];
  return (
    <Layout ctx={ctx} title={t(titles[screen])}>
      <h1>{t(titles[screen])}</h1>
      <nav class="space-nav" aria-label={t('space.nav.label')}>
        <ul>
          {screens.map((s) => (
            <li>
              <a
                href={link(ctx, SPACE_SCREENS[s])}
                aria-current={s === screen ? 'page' : undefined}
              >
                {t(navWords[s])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p>{t('space.intro')}</p>
      <div
        id="space-app"
        data-screen={screen}
        data-screens={screens.map((s) => link(ctx, SPACE_SCREENS[s])).join(' ')}
        data-words={spaceWords(ctx, screen)}
      >
        <noscript>
          <p class="notice">{t('space.noscript')}</p>
        </noscript>
        <p class="muted">{t('space.loading')}</p>
      </div>
    </Layout>
  );
}
