/**
 * The daily check-in: mood, craving, sleep, risky situations and a line of text, kept on the
 * device; the last two weeks as a chart; and, when the answers look hard, the meetings starting
 * soon (online and by phone, so anyone can join now), asked of the public search API with no
 * word of the check-in in the request.
 */
import { useState } from 'preact/hooks';
import {
  CHART,
  RISKS,
  looksHard,
  polyline,
  trendPoints,
  type CheckIn,
  type Day,
  type Risk,
  type Settings,
} from './model.js';
import { NumberField } from './fields.js';
import { Outcomes, tell, type Outcome } from './help.js';
import type { SpaceStore } from './store.js';
import { chosen, crossesThreshold, helpOf, sentWords, type Supporter } from './supporters.js';
import type { Words } from './words.js';

interface Props {
  w: Words;
  store: SpaceStore;
  today: Day;
  checkIns: CheckIn[];
  supporters: Supporter[];
  settings: Settings;
  reload: () => Promise<void>;
}

/** A meeting starting soon, as the search API lists it. */
interface Soon {
  slug: string;
  name: string;
  at: string;
}

type Suggestion =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'offline' }
  | { state: 'listed'; meetings: Soon[] };

export function CheckInScreen({ w, store, today, checkIns, supporters, settings, reload }: Props) {
  const [mood, setMood] = useState(3);
  const [craving, setCraving] = useState(0);
  const [sleep, setSleep] = useState(7);
  const [risks, setRisks] = useState<Risk[]>([]);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const [hard, setHard] = useState(false);
  const [soon, setSoon] = useState<Suggestion>({ state: 'none' });
  const [told, setTold] = useState<Outcome[]>();
  const save = async (event: Event) => {
    event.preventDefault();
    const checkIn: CheckIn = {
      id: crypto.randomUUID(),
      day: today,
      at: new Date().toISOString(),
      mood,
      craving,
      sleep,
      risks,
      note: note.trim().slice(0, 500),
    };
    await store.put('checkIns', checkIn);
    setSaved(true);
    setNote('');
    const isHard = looksHard(checkIn);
    setHard(isHard);
    setTold(undefined);
    // The person's own line, and their own words, to the supporters they chose for it.
    const help = helpOf(settings, w);
    const words = sentWords(help.checkInMessage);
    const to = chosen(supporters, 'onCheckIn');
    if (crossesThreshold(checkIn, help) && to.length > 0 && words !== '')
      setTold(await tell(store, to, words));
    await reload();
    if (isHard) {
      setSoon({ state: 'loading' });
      setSoon(await meetingsStartingSoon());
    }
  };
  const toggleRisk = (risk: Risk, on: boolean) =>
    setRisks((list) =>
      on ? [...list.filter((r) => r !== risk), risk] : list.filter((r) => r !== risk),
    );
  return (
    <>
      <section aria-labelledby="space-check">
        <h2 id="space-check">{w.t('space.ui.check.heading')}</h2>
        <form class="space-form" onSubmit={(event) => void save(event)}>
          <fieldset>
            <legend>{w.t('space.ui.check.mood')}</legend>
            {[1, 2, 3, 4, 5].map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name="mood"
                  value={value}
                  checked={mood === value}
                  onChange={() => setMood(value)}
                />{' '}
                {w.t(`space.ui.check.mood.${value}`)}
              </label>
            ))}
          </fieldset>
          <NumberField
            id="check-craving"
            label={w.t('space.ui.check.craving')}
            min={0}
            max={10}
            value={craving}
            onValue={setCraving}
          />
          <NumberField
            id="check-sleep"
            label={w.t('space.ui.check.sleep')}
            min={0}
            max={24}
            step={0.5}
            value={sleep}
            onValue={setSleep}
          />
          <fieldset>
            <legend>{w.t('space.ui.check.risks')}</legend>
            {RISKS.map((risk) => (
              <label key={risk}>
                <input
                  type="checkbox"
                  name="risks"
                  value={risk}
                  checked={risks.includes(risk)}
                  onChange={(event) => toggleRisk(risk, event.currentTarget.checked)}
                />{' '}
                {w.t(`space.ui.risk.${risk}`)}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="check-note">{w.t('space.ui.check.note')}</label>
            <textarea
              id="check-note"
              maxLength={500}
              rows={2}
              value={note}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          </div>
          <button type="submit">{w.t('space.ui.check.save')}</button>
        </form>
        <div role="status">
          {saved && <p>{w.t('space.ui.saved')}</p>}
          {told !== undefined && <Outcomes w={w} outcomes={told} />}
          {hard && <HardDay w={w} soon={soon} />}
        </div>
      </section>
      <TrendChart w={w} today={today} checkIns={checkIns} />
      <Recent w={w} checkIns={checkIns} />
    </>
  );
}

/** The next online and phone meetings starting within two hours, soonest first. */
async function meetingsStartingSoon(): Promise<Suggestion> {
  if (!navigator.onLine) return { state: 'offline' };
  const query = new URLSearchParams({
    starting_within: '120',
    attendance: 'online,phone',
    limit: '3',
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  try {
    const response = await fetch(`/api/v1/search?${query}`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return { state: 'listed', meetings: [] };
    const body = (await response.json()) as {
      results?: { slug: string; name: string; next?: { at: string } }[];
    };
    return {
      state: 'listed',
      meetings: (body.results ?? []).map((r) => ({
        slug: r.slug,
        name: r.name,
        at: r.next?.at ?? '',
      })),
    };
  } catch {
    return { state: 'offline' };
  }
}

function HardDay({ w, soon }: { w: Words; soon: Suggestion }) {
  // The page's own language prefix (`<html lang>`), whatever languages the site speaks.
  const lang = /^[a-z]{2}(?:-[a-z]{2})?$/.test(w.locale) ? w.locale : 'en';
  return (
    <div class="notice space-hard">
      <p>{w.t('space.ui.check.hard')}</p>
      <p>
        <a class="button" href="tel:988">
          988
        </a>
      </p>
      {soon.state === 'offline' && <p>{w.t('space.ui.check.soonOffline')}</p>}
      {soon.state === 'listed' && (
        <>
          <h3>{w.t('space.ui.check.soon')}</h3>
          {soon.meetings.length === 0 ? (
            <p>{w.t('space.ui.check.soonNone')}</p>
          ) : (
            <ul class="space-list">
              {soon.meetings.map((m) => (
                <li key={m.slug}>
                  <a href={`/${lang}/meetings/${encodeURIComponent(m.slug)}`}>
                    {w.t('space.ui.check.at', { name: m.name, date: w.instant(m.at) })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p>
        <a href={`/${lang}/`}>{w.t('space.ui.check.find')}</a>
      </p>
    </div>
  );
}

/** Mood and craving over the last 14 days, as an inline SVG with a text summary beside it. */
export function TrendChart({ w, today, checkIns }: Pick<Props, 'w' | 'today' | 'checkIns'>) {
  const points = trendPoints(checkIns, today);
  return (
    <section aria-labelledby="space-trend">
      <h2 id="space-trend">{w.t('space.ui.trend.heading')}</h2>
      {points.length === 0 ? (
        <p class="muted">{w.t('space.ui.trend.empty')}</p>
      ) : (
        <>
          <svg
            class="space-chart"
            viewBox={`0 0 ${CHART.width} ${CHART.height}`}
            role="img"
            aria-label={w.t('space.ui.trend.label')}
          >
            <line
              class="axis"
              x1={CHART.left}
              y1={CHART.bottom}
              x2={CHART.right}
              y2={CHART.bottom}
            />
            <polyline class="mood" points={polyline(points, 'mood')} />
            <polyline class="craving" points={polyline(points, 'craving')} />
            {points.map((p) => (
              <g key={p.day}>
                <circle class="mood" cx={p.x} cy={p.mood} r={3} />
                <rect class="craving" x={p.x - 3} y={p.craving - 3} width={6} height={6} />
              </g>
            ))}
          </svg>
          <p class="space-legend">
            <span class="mood">● {w.t('space.ui.trend.mood')}</span>{' '}
            <span class="craving">■ {w.t('space.ui.trend.craving')}</span>
          </p>
        </>
      )}
    </section>
  );
}

function Recent({ w, checkIns }: { w: Words; checkIns: CheckIn[] }) {
  const recent = [...checkIns].sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, 7);
  if (recent.length === 0) return null;
  return (
    <section aria-labelledby="space-recent">
      <h2 id="space-recent">{w.t('space.ui.recent.heading')}</h2>
      <ul class="space-list">
        {recent.map((c) => (
          <li key={c.id}>
            {w.t('space.ui.recent.row', {
              date: w.day(c.day),
              mood: w.t(`space.ui.check.mood.${c.mood}`),
              craving: c.craving,
              sleep: c.sleep,
            })}
            {c.note !== '' && <q class="muted"> {c.note}</q>}
          </li>
        ))}
      </ul>
    </section>
  );
}
